package org.yekuo.document.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The document access log for the auditor and its alerts for the security administrator. */
@Component
class DocumentMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(280, "nav.document-access", "/documents/access-log", Role.AUDITOR),
                MenuEntry.forRoles(290, "nav.document-alerts", "/documents/alerts", Role.SECURITY_ADMIN));
    }
}
