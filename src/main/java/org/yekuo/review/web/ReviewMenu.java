package org.yekuo.review.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yekuo.identity.MenuEntries;
import org.yekuo.identity.MenuEntry;
import org.yekuo.identity.Role;

/** The review board, copies sent to the reader and the typical cases. */
@Component
class ReviewMenu implements MenuEntries {

    @Override
    public List<MenuEntry> menuEntries() {
        return List.of(
                MenuEntry.forRoles(110, "nav.reviews", "/reviews/board", Role.REVIEWER_OPERATIONS, Role.REVIEWER_MARKETING,
                        Role.REVIEWER_DISPATCH, Role.DESIGNER, Role.DEPARTMENT_HEAD, Role.LEADER),
                MenuEntry.forEveryone(120, "nav.review-copies", "/reviews/copies"),
                MenuEntry.forRoles(130, "nav.typical-cases", "/reviews/typical", Role.REVIEWER_OPERATIONS, Role.REVIEWER_MARKETING,
                        Role.REVIEWER_DISPATCH, Role.DEPARTMENT_HEAD, Role.LEADER));
    }
}
