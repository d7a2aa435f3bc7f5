package org.yekuo.collaboration.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;

/** Coordination questions, the responsibility chart and scheme changes. */
@Component
class CollaborationMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forOrderReaders(360, "nav.coordination", "/coordination"),
                MenuEntry.forEveryone(370, "nav.responsibilities", "/responsibilities"),
                MenuEntry.forOrderReaders(380, "nav.scheme-changes", "/scheme-changes"));
    }
}
