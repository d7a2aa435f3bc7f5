package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-X-1: Chinese first, English second, and nothing left untranslated or mistyped in a page. */
class MessageBundlesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern PAGE_KEY = Pattern.compile("#\\{([a-z][a-zA-Z0-9.-]+)[}(]");

    @Test
    @DisplayName("R-X-1 both bundles have the same keys, each once")
    void bundlesHaveTheSameKeysOnce() throws IOException {
        List<String> zh = keys("messages_zh_CN.properties");
        List<String> en = keys("messages_en.properties");
        assertThat(zh).doesNotHaveDuplicates();
        assertThat(en).doesNotHaveDuplicates();
        assertThat(en).containsExactlyInAnyOrderElementsOf(zh);
    }

    @Test
    @DisplayName("R-X-1 every literal message key a page uses exists in the bundles")
    void pagesUseOnlyExistingKeys() throws IOException {
        Set<String> known = new HashSet<>(keys("messages_zh_CN.properties"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> templates = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher matcher = PAGE_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    checked++;
                    if (!known.contains(matcher.group(1))) {
                        missing.add(RESOURCES.relativize(template) + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(checked).as("keys found in templates").isGreaterThan(200);
        assertThat(missing).isEmpty();
    }

    private static List<String> keys(String bundle) throws IOException {
        return Files.readAllLines(RESOURCES.resolve(bundle), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("!") && line.contains("="))
                .map(line -> line.substring(0, line.indexOf('=')).trim())
                .toList();
    }
}
