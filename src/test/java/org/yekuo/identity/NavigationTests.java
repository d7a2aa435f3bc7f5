package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NavigationTests {

    private final Navigation navigation = new Navigation(List.of(
            MenuEntry.forEveryone(10, "nav.workbench", "/"),
            MenuEntry.forOrderReaders(20, "nav.tasks", "/tasks"),
            MenuEntry.forRoles(30, "nav.new-order", "/orders/new", Role.CLERK),
            MenuEntry.forOrderReaders(40, "nav.orders", "/orders"),
            MenuEntry.forOrderReaders(50, "nav.deadline-board", "/deadlines/board"),
            MenuEntry.forRoles(270, "nav.audit", "/audit", Role.AUDITOR)));

    private final List<MenuEntry> clerkMenu = navigation.visibleTo(new CurrentUser(1, "c", "c", 1, "", "", "/1/", "/1/",
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

    @Test
    @DisplayName("R-X-1 entries contributed by different modules are ordered by their positions")
    void entriesAreOrderedByPosition() {
        Navigation shuffled = new Navigation(List.of(
                MenuEntry.forEveryone(30, "nav.catalogue", "/catalogue"),
                MenuEntry.forEveryone(10, "nav.workbench", "/"),
                MenuEntry.forEveryone(20, "nav.calendar", "/calendar")));
        assertThat(shuffled.visibleTo(new CurrentUser(1, "c", "c", 1, "", "", "/1/", "/1/", Set.of(Role.CLERK))))
                .extracting(MenuEntry::href).containsExactly("/", "/calendar", "/catalogue");
    }

    @Test
    @DisplayName("two modules claiming one place or one address in the menu stop the start")
    void clashingEntriesAreRefused() {
        assertThatIllegalStateException().isThrownBy(() -> new Navigation(List.of(
                MenuEntry.forEveryone(10, "nav.workbench", "/"), MenuEntry.forEveryone(10, "nav.calendar", "/calendar"))));
        assertThatIllegalStateException().isThrownBy(() -> new Navigation(List.of(
                MenuEntry.forEveryone(10, "nav.calendar", "/calendar"), MenuEntry.forEveryone(20, "nav.manual", "/calendar"))));
    }
}
