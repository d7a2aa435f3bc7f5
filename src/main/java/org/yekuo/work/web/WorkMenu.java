package org.yekuo.work.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;

/** My work. */
@Component
class WorkMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(MenuEntry.forOrderReaders(20, "nav.tasks", "/tasks"));
    }
}
