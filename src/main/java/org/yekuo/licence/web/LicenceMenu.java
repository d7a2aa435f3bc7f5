package org.yekuo.licence.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The log of e-licence retrievals, for the auditor. */
@Component
class LicenceMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(400, "nav.licence-retrievals", "/licences/retrievals", Role.AUDITOR));
    }
}
