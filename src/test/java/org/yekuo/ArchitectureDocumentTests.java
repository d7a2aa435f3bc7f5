package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;

/** {@code docs/architecture.md} is the newcomer's map: it must say what the code says. */
class ArchitectureDocumentTests {

    private static final Path DOCUMENT = Path.of("docs", "architecture.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "org", "yekuo");
    private static final Pattern MODULE_ROW = Pattern.compile("^\\| `(\\w+)` \\| .+ \\| (.+) \\|$");
    private static final Pattern RULE_ROW = Pattern.compile("^\\| (R-[A-Z]+-\\d+) \\| (.+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    @DisplayName("the architecture page lists every module with exactly the modules it may use")
    void modulesAndTheirFloorsMatchTheCode() throws IOException {
        Map<String, Set<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher row = MODULE_ROW.matcher(line);
            if (row.matches()) {
                documented.put(row.group(1), names(row.group(2)));
            }
        }
        assertThat(documented).isEqualTo(declaredFloors());
    }

    @Test
    @DisplayName("every class the architecture page names as the home of a rule exists")
    void everyRuleHomeExists() throws IOException {
        List<String> rules = new ArrayList<>();
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher row = RULE_ROW.matcher(line);
            if (row.matches()) {
                rules.add(row.group(1));
                names(row.group(2)).stream().filter(name -> name.contains("/") && !name.contains("*"))
                        .forEach(name -> assertThat(SOURCES.resolve(name + ".java")).as("home of %s", row.group(1)).exists());
            }
        }
        assertThat(rules).doesNotHaveDuplicates().contains("R-SLA-4", "R-REV-4");
    }

    private static Set<String> names(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(cell);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    private static Map<String, Set<String>> declaredFloors() throws IOException {
        Map<String, Set<String>> floors = new TreeMap<>();
        try (Stream<Path> modules = Files.list(SOURCES)) {
            for (Path module : modules.filter(path -> Files.exists(path.resolve("package-info.java"))).toList()) {
                String name = module.getFileName().toString();
                try {
                    ApplicationModule declared = Class.forName("org.yekuo." + name + ".package-info")
                            .getAnnotation(ApplicationModule.class);
                    floors.put(name, new TreeSet<>(List.of(declared.allowedDependencies())));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(name + " has no compiled package-info", e);
                }
            }
        }
        return floors;
    }
}
