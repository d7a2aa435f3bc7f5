package org.yekuo.notification.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The inbox of the local SMS gateway, for the administrator. */
@Component
class NotificationMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(300, "nav.sms", "/notifications/sms", Role.ADMIN));
    }
}
