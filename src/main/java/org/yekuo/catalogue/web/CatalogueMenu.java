package org.yekuo.catalogue.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;

/** The catalogue of business types, read by every member of staff. */
@Component
class CatalogueMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forEveryone(140, "nav.catalogue", "/catalogue"));
    }
}
