package org.yekuo.identity.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The workbench, staff and org units; and the audit log, whose module sits beneath identity and cannot name a role. */
@Component
class IdentityMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forEveryone(10, "nav.workbench", "/"),
                MenuEntry.forRoles(260, "nav.staff", "/staff", Role.SECURITY_ADMIN, Role.ADMIN),
                MenuEntry.forRoles(270, "nav.audit", "/audit", Role.AUDITOR),
                MenuEntry.forRoles(390, "nav.staff-approvals", "/staff/approvals", Role.SECURITY_ADMIN),
                MenuEntry.forRoles(410, "nav.org-units", "/org-units", Role.ADMIN));
    }
}
