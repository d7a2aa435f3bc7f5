package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * ADR 0023: a date or time a person reads is written by {@code shared/Times} ({@code #times} in templates), so that
 * the format is said once. A class or template that declares a format of its own fails here, unless the format is
 * not a display of a time in the product's words; each such exception is listed with its reason.
 */
class OneTimeFormatTests {

    private static final Path MAIN = Path.of("src/main");

    /** A format declared on the spot: a pattern or a localized style in Java, Thymeleaf's own formatting in a page. */
    private static final Pattern OWN_FORMAT = Pattern.compile("DateTimeFormatter\\s*\\.\\s*(ofPattern|ofLocalized\\w*)\\s*\\("
            + "|new\\s+SimpleDateFormat\\s*\\(|#(temporals|dates|calendars)\\s*\\.\\s*format\\w*\\s*\\(");

    /** The files that may declare a format, each with why it is not the product's display of a time. */
    private static final Map<String, String> ALLOWED = Map.of(
            "java/org/yekuo/shared/Times.java", "the one place of the formats pages, exports and messages show",
            "java/org/yekuo/reporting/ReportMonth.java", "reads the month a request names (yyyy-MM) strictly; shows none",
            "java/org/yekuo/calendar/internal/SpecialDayPolicy.java",
            "reads the days of an uploaded calendar file (yyyy-MM-dd) strictly; shows none",
            "java/org/yekuo/licence/internal/LicenceFiles.java",
            "the validity in Chinese words printed on the simulated licence file, as the platform issues it",
            "java/org/yekuo/insight/RiskRefresh.java",
            "the short due time of a pre-approved SMS template, whose length the provider approved");

    @Test
    @DisplayName("R-X-1 no class or template outside shared/Times declares a time format of its own")
    void noTimeFormatIsDeclaredOutsideTimes() throws IOException {
        List<String> declared = new ArrayList<>();
        for (Path file : sources()) {
            if (ALLOWED.containsKey(name(file))) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (OWN_FORMAT.matcher(lines.get(i)).find()) {
                    declared.add(name(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(declared).as("time formats declared outside shared/Times (use Times or #times)").isEmpty();
    }

    @Test
    @DisplayName("every exception still declares a format, so the list holds no file that could now go through Times")
    void everyExceptionStillDeclaresAFormat() throws IOException {
        Set<String> declaring = new TreeSet<>();
        for (Path file : sources()) {
            if (OWN_FORMAT.matcher(Files.readString(file, StandardCharsets.UTF_8)).find()) {
                declaring.add(name(file));
            }
        }
        assertThat(declaring).containsAll(ALLOWED.keySet());
    }

    @Test
    @DisplayName("the scan recognises a pattern in Java and Thymeleaf's own formatting in a template, and not #times")
    void recognisesAFormatOfItsOwn() {
        assertThat(OWN_FORMAT.matcher("DateTimeFormatter.ofPattern(\"yyyy/MM/dd\")").find()).isTrue();
        assertThat(OWN_FORMAT.matcher("DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT)").find()).isTrue();
        assertThat(OWN_FORMAT.matcher("new SimpleDateFormat(\"yyyy\")").find()).isTrue();
        assertThat(OWN_FORMAT.matcher("th:text=\"${#temporals.format(o.createdAt(), 'yyyy-MM-dd HH:mm')}\"").find()).isTrue();
        assertThat(OWN_FORMAT.matcher("th:text=\"${#dates.format(d, 'yyyy')}\"").find()).isTrue();
        assertThat(OWN_FORMAT.matcher("th:text=\"${#times.minutes(o.createdAt())}\"").find()).isFalse();
        assertThat(OWN_FORMAT.matcher("Times.MINUTES.withZone(zone)").find()).isFalse();
    }

    /** The Java sources and the templates of the product. */
    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".html"))
                    .sorted().toList();
        }
    }

    private static String name(Path file) {
        return MAIN.relativize(file).toString().replace('\\', '/');
    }
}
