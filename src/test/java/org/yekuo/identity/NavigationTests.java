package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NavigationTests {

    private final List<Navigation.Item> clerkMenu = Navigation.visibleTo(new CurrentUser(1, "c", "c", 1, "", "", "/1/", "/1/",
            Set.copyOf(EnumSet.of(Role.CLERK))));

    @Test
    @DisplayName("R-X-1 the menu highlights the entry with the longest address the page's path starts with")
    void longestMatchingEntryIsActive() {
        assertThat(Navigation.activeHref(clerkMenu, "/orders/42")).isEqualTo("/orders");
        assertThat(Navigation.activeHref(clerkMenu, "/orders/new")).isEqualTo("/orders/new");
        assertThat(Navigation.activeHref(clerkMenu, "/tasks/abc")).isEqualTo("/tasks");
        assertThat(Navigation.activeHref(clerkMenu, "/deadlines/board")).isEqualTo("/deadlines/board");
    }

    @Test
    @DisplayName("R-X-1 the workbench is highlighted only on its own page, and a page outside the menu highlights nothing")
    void workbenchOnlyOnItsOwnPath() {
        assertThat(Navigation.activeHref(clerkMenu, "/")).isEqualTo("/");
        assertThat(Navigation.activeHref(clerkMenu, "/reviews/tasks/1")).isNull();
        // An entry the reader does not see is not highlighted either.
        assertThat(Navigation.activeHref(clerkMenu, "/audit")).isNull();
    }
}
