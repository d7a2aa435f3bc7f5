package org.yekuo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, by section, printed as a table and written as JSON. */
final class Results {

    /** One measured figure; {@code value} null means not measured, {@code note} says why or how. */
    record Figure(String section, String name, Double value, String unit, String target, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> context = new LinkedHashMap<>();

    synchronized void add(String section, String name, Double value, String unit, String target, String note) {
        figures.add(new Figure(section, name, value, unit, target == null ? "" : target, note == null ? "" : note));
    }

    synchronized void add(String section, String name, double value, String unit) {
        add(section, name, value, unit, null, null);
    }

    /** Facts about the run: machine, load, scale, database. */
    synchronized void context(String key, String value) {
        context.put(key, value);
    }

    private final List<Exception> failures = new ArrayList<>();

    /** A stage that failed: named in the table, and the run fails once every stage has had its turn. */
    synchronized void failed(String section, Exception e) {
        failures.add(e);
        add(section, "stage failed", null, "", null, e.toString());
    }

    synchronized List<Exception> failures() {
        return List.copyOf(failures);
    }

    synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    synchronized Map<String, String> context() {
        return Map.copyOf(context);
    }

    synchronized Figure figure(String section, String name) {
        return figures.stream().filter(f -> f.section().equals(section) && f.name().equals(name)).findFirst().orElse(null);
    }

    synchronized String table() {
        StringBuilder out = new StringBuilder();
        context.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-22s %s%n", k, v)));
        String section = null;
        for (Figure f : figures) {
            if (!f.section().equals(section)) {
                section = f.section();
                out.append(String.format(Locale.ROOT, "%n== %s ==%n%-44s %14s %-8s %-12s %s%n", section, "figure", "value", "unit",
                        "target", "note"));
            }
            out.append(String.format(Locale.ROOT, "%-44s %14s %-8s %-12s %s%n", f.name(),
                    f.value() == null ? "n/a" : format(f.value()), f.unit(), f.target(), f.note()));
        }
        return out.toString();
    }

    synchronized String json() {
        StringBuilder out = new StringBuilder("{\n  \"context\": {");
        String sep = "\n";
        for (var e : context.entrySet()) {
            out.append(sep).append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            sep = ",\n";
        }
        out.append("\n  },\n  \"figures\": [");
        sep = "\n";
        for (Figure f : figures) {
            out.append(sep).append(String.format(Locale.ROOT,
                    "    {\"section\": %s, \"name\": %s, \"value\": %s, \"unit\": %s, \"target\": %s, \"note\": %s}",
                    quote(f.section()), quote(f.name()), f.value() == null || f.value().isNaN() ? "null" : format(f.value()),
                    quote(f.unit()), quote(f.target()), quote(f.note())));
            sep = ",\n";
        }
        return out.append("\n  ]\n}\n").toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
