package org.yekuo.calendar.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;

/** The working-day calendar, read by every member of staff. */
@Component
class CalendarMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forEveryone(160, "nav.calendar", "/calendar"));
    }
}
