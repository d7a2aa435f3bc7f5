package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The menu is put together from the entries each module contributes; what every role sees, and in which
 * order, is fixed in {@code identity/menu-by-role.txt} (one role a line, its addresses in menu order).
 */
@SpringBootTest
@AutoConfigureMockMvc
class MenuContributionsTests {

    @Autowired
    Navigation navigation;

    @Test
    @DisplayName("R-X-1 each role sees its menu entries, contributed by the modules, in the agreed order")
    void everyRoleSeesItsMenu() throws IOException {
        Map<Role, List<String>> expected = expectedMenus();
        assertThat(expected.keySet()).containsExactlyInAnyOrder(Role.values());
        expected.forEach((role, hrefs) -> assertThat(navigation.visibleTo(userWith(role)))
                .as("menu of %s", role).extracting(MenuEntry::href).containsExactlyElementsOf(hrefs));
    }

    @Test
    @DisplayName("R-X-1 every menu entry has its label in the message bundles")
    void everyEntryIsLabelled() throws IOException {
        var zh = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages_zh_CN.properties")) {
            zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<Role> everyRole = Set.of(Role.values());
        assertThat(navigation.visibleTo(new CurrentUser(1, "all", "all", 1, "", "", "/1/", "/1/", everyRole)))
                .allSatisfy(entry -> assertThat(zh).containsKey(entry.messageKey()));
    }

    private static CurrentUser userWith(Role role) {
        return new CurrentUser(1, "u", "u", 1, "", "", "/1/", "/1/", Set.of(role));
    }

    private Map<Role, List<String>> expectedMenus() throws IOException {
        Map<Role, List<String>> menus = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/identity/menu-by-role.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] words = line.trim().split(" +");
                    menus.put(Role.valueOf(words[0]), Arrays.asList(words).subList(1, words.length));
                }
            }
        }
        return menus;
    }
}
