package org.yekuo.manual.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;

/** The operating manual, read by every member of staff. */
@Component
class ManualMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forEveryone(150, "nav.manual", "/manual"));
    }
}
