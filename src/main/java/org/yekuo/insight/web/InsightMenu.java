package org.yekuo.insight.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The risk board for order readers; exports, bottlenecks and what-if for those who steer. */
@Component
class InsightMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forOrderReaders(60, "nav.insight-risk", "/insight/risk"),
                MenuEntry.forRoles(70, "nav.insight-exports", "/insight/exports", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN),
                MenuEntry.forRoles(80, "nav.insight-bottlenecks", "/insight/bottlenecks", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN),
                MenuEntry.forRoles(90, "nav.insight-what-if", "/insight/what-if", Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN));
    }
}
