package org.yekuo.intake.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** A new application at the counter and finding orders. */
@Component
class IntakeMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(30, "nav.new-order", "/orders/new", Role.CLERK),
                MenuEntry.forOrderReaders(40, "nav.orders", "/orders"));
    }
}
