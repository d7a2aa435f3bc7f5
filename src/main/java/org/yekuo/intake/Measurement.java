package org.yekuo.intake;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * What a measured survey field allows (R-COL-1): the units it may be given in, each with its factor to the
 * base unit it is kept in, and the range (or, for cable sections, the standard sizes) the value must lie in.
 * A reading is a number with its unit ("35.5 m", "0.8 km", "400 kVA"); a field whose name states its unit
 * ({@code distanceMetres}) also takes a bare number in that unit, as clients written before units did.
 */
record Measurement(String baseUnit, Map<String, BigDecimal> units, BigDecimal min, BigDecimal max, List<BigDecimal> sizes,
        boolean unitInName) {

    private static final Pattern READING = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(\\S.*)?");

    /** Lengths measured with a rangefinder or along the route, kept in metres. */
    static Measurement metres(String min, String max) {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        units.put("m", BigDecimal.ONE);
        units.put("km", BigDecimal.valueOf(1000));
        return new Measurement("m", units, new BigDecimal(min), new BigDecimal(max), List.of(), false);
    }

    /** Transformer capacity, kept in kVA. */
    static Measurement kva(String min, String max) {
        Map<String, BigDecimal> units = new LinkedHashMap<>();
        units.put("kVA", BigDecimal.ONE);
        units.put("MVA", BigDecimal.valueOf(1000));
        return new Measurement("kVA", units, new BigDecimal(min), new BigDecimal(max), List.of(), false);
    }

    /** A cable's conductor cross-section, one of the nominal sizes of GB/T 3956 in mm². */
    static Measurement crossSection() {
        List<BigDecimal> sizes = List.of("1.5", "2.5", "4", "6", "10", "16", "25", "35", "50", "70", "95", "120", "150", "185",
                "240", "300", "400", "500", "630", "800", "1000").stream().map(BigDecimal::new).toList();
        return new Measurement("mm²", Map.of("mm²", BigDecimal.ONE), sizes.get(0), sizes.get(sizes.size() - 1), sizes, false);
    }

    /** The field's name states the unit, so a bare number is read in it. */
    Measurement withUnitInName() {
        return new Measurement(baseUnit, units, min, max, sizes, true);
    }

    List<String> unitSymbols() {
        return List.copyOf(units.keySet());
    }

    /**
     * Reads a value in the base unit, as plain digits; or adds what is wrong with it to {@code problems}, naming
     * the field's label, the value given and what is allowed.
     */
    Optional<String> read(String field, String value, String unit, List<FieldProblem> problems) {
        DefaultMessageSourceResolvable label = new DefaultMessageSourceResolvable("intake.node-field." + field);
        String given = unit == null || unit.isBlank() ? value : value + " " + unit.strip();
        Matcher m = READING.matcher(given);
        if (!m.matches()) {
            problems.add(new FieldProblem(field, "intake.measure.number", label, given, String.join(" / ", unitSymbols())));
            return Optional.empty();
        }
        String symbol = m.group(2) == null ? null : m.group(2).strip();
        BigDecimal factor;
        if (symbol == null) {
            if (!unitInName) {
                problems.add(new FieldProblem(field, "intake.measure.unit-missing", label, given, String.join(" / ", unitSymbols())));
                return Optional.empty();
            }
            factor = BigDecimal.ONE;
        } else {
            factor = factorOf(symbol);
            if (factor == null) {
                problems.add(new FieldProblem(field, "intake.measure.unit-unknown", label, given, symbol,
                        String.join(" / ", unitSymbols())));
                return Optional.empty();
            }
        }
        BigDecimal base = new BigDecimal(m.group(1)).multiply(factor).stripTrailingZeros();
        if (base.compareTo(min) < 0 || base.compareTo(max) > 0) {
            problems.add(new FieldProblem(field, "intake.measure.out-of-range", label, given, plain(min), plain(max), baseUnit));
            return Optional.empty();
        }
        if (!sizes.isEmpty() && sizes.stream().noneMatch(s -> s.compareTo(base) == 0)) {
            problems.add(new FieldProblem(field, "intake.measure.not-a-size", label, given,
                    String.join(", ", sizes.stream().map(Measurement::plain).toList()), baseUnit));
            return Optional.empty();
        }
        return Optional.of(plain(base));
    }

    private BigDecimal factorOf(String symbol) {
        String wanted = symbol.replace("mm2", "mm²").replace("平方毫米", "mm²").replace("米", "m").replace("千m", "km");
        return units.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
