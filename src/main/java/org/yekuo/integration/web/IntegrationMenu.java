package org.yekuo.integration.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The API document integrators read and the event feed, for the administrator. */
@Component
class IntegrationMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(310, "nav.api", "/swagger-ui.html", Role.ADMIN),
                MenuEntry.forRoles(320, "nav.integration-feed", "/integration/feed", Role.ADMIN));
    }
}
