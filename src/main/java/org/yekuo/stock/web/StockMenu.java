package org.yekuo.stock.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** Stock requests, levels and the forecast, for the materials clerk and those who steer. */
@Component
class StockMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(330, "nav.stock-requests", "/stock/requests", Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN),
                MenuEntry.forRoles(340, "nav.stock-levels", "/stock/levels", Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN),
                MenuEntry.forRoles(350, "nav.stock-forecast", "/stock/forecast", Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN));
    }
}
