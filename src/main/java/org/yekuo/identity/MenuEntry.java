package org.yekuo.identity;

import java.util.List;

/**
 * One entry of the left menu: its label's message key, its address and the roles that see it (none listed:
 * every member of staff). {@code position} places it among the entries of all modules, lowest first.
 */
public record MenuEntry(int position, String messageKey, String href, List<Role> roles) {

    public MenuEntry {
        roles = List.copyOf(roles);
    }

    public static MenuEntry forEveryone(int position, String messageKey, String href) {
        return new MenuEntry(position, messageKey, href, List.of());
    }

    public static MenuEntry forRoles(int position, String messageKey, String href, Role... roles) {
        return new MenuEntry(position, messageKey, href, List.of(roles));
    }

    /** For those who read orders: not the auditor nor the security administrator. */
    public static MenuEntry forOrderReaders(int position, String messageKey, String href) {
        return new MenuEntry(position, messageKey, href, AccessRules.ORDER_READER_ROLES);
    }

    boolean visibleTo(CurrentUser user) {
        return roles.isEmpty() || user.hasAny(roles.toArray(Role[]::new));
    }
}
