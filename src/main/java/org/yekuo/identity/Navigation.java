package org.yekuo.identity;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The left menu: the entries every module contributes, in the order of their positions. */
@Component
class Navigation {

    private final List<MenuEntry> entries;

    @Autowired
    Navigation(ObjectProvider<MenuEntries> contributions) {
        this(contributions.orderedStream().flatMap(contribution -> contribution.menuEntries().stream()).toList());
    }

    Navigation(List<MenuEntry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt(MenuEntry::position)).toList();
        // Two modules claiming one place or one address would make the menu's order or highlight a guess.
        Set<Integer> positions = new HashSet<>();
        Set<String> hrefs = new HashSet<>();
        for (MenuEntry entry : this.entries) {
            if (!positions.add(entry.position()) || !hrefs.add(entry.href())) {
                throw new IllegalStateException("Menu entry " + entry + " repeats another entry's position or address");
            }
        }
    }

    List<MenuEntry> visibleTo(CurrentUser user) {
        return entries.stream().filter(entry -> entry.visibleTo(user)).toList();
    }

    /**
     * The entry to highlight for a path: the workbench only on its own path, otherwise the entry with the
     * longest address the path starts with ({@code /orders/new} rather than {@code /orders}); null if none.
     */
    static String activeHref(List<MenuEntry> items, String path) {
        if ("/".equals(path)) {
            return "/";
        }
        String active = null;
        for (MenuEntry item : items) {
            if (!"/".equals(item.href()) && path.startsWith(item.href()) && (active == null || item.href().length() > active.length())) {
                active = item.href();
            }
        }
        return active;
    }
}
