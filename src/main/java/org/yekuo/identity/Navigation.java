package org.yekuo.identity;

import java.util.List;


/** The left menu: each entry with the roles that see it (none listed: every member of staff). */
final class Navigation {

    record Item(String messageKey, String href, List<Role> roles) {

        boolean visibleTo(CurrentUser user) {
            return roles.isEmpty() || user.hasAny(roles.toArray(Role[]::new));
        }
    }

    /** Who reads orders: not the auditor nor the security administrator. */
    private static final List<Role> ORDER_READERS = AccessRules.ORDER_READER_ROLES;

    private static final List<Item> ITEMS = List.of(
            new Item("nav.workbench", "/", List.of()),
            new Item("nav.tasks", "/tasks", ORDER_READERS),
            new Item("nav.new-order", "/orders/new", List.of(Role.CLERK)),
            new Item("nav.orders", "/orders", ORDER_READERS),
            new Item("nav.deadline-board", "/deadlines/board", ORDER_READERS),
            new Item("nav.insight-risk", "/insight/risk", ORDER_READERS),
            new Item("nav.insight-exports", "/insight/exports", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN)),
            new Item("nav.insight-bottlenecks", "/insight/bottlenecks", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN)),
            new Item("nav.insight-what-if", "/insight/what-if", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN)),
            new Item("nav.delay-explanations", "/deadlines/explanations", List.of(Role.LEADER)),
            new Item("nav.reviews", "/reviews/board", List.of(Role.REVIEWER_OPERATIONS, Role.REVIEWER_MARKETING,
                    Role.REVIEWER_DISPATCH, Role.DESIGNER, Role.DEPARTMENT_HEAD, Role.LEADER)),
            new Item("nav.review-copies", "/reviews/copies", List.of()),
            new Item("nav.typical-cases", "/reviews/typical", List.of(Role.REVIEWER_OPERATIONS, Role.REVIEWER_MARKETING,
                    Role.REVIEWER_DISPATCH, Role.DEPARTMENT_HEAD, Role.LEADER)),
            new Item("nav.catalogue", "/catalogue", List.of()),
            new Item("nav.manual", "/manual", List.of()),
            new Item("nav.calendar", "/calendar", List.of()),
            new Item("nav.deadline-analysis", "/deadlines/analysis", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN)),
            new Item("nav.deadline-scores", "/deadlines/scores", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN)),
            new Item("nav.deadline-score-rules", "/deadlines/score-rules", List.of(Role.ADMIN)),
            new Item("nav.deadline-leaderboard", "/deadlines/leaderboard", List.of()),
            new Item("nav.deadline-notices", "/deadlines/notices", List.of()),
            new Item("nav.evaluations", "/evaluations", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR)),
            new Item("nav.evaluation-traces", "/evaluations/traces", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR)),
            new Item("nav.evaluation-teams", "/evaluations/teams", List.of(Role.LEADER, Role.DEPARTMENT_HEAD, Role.ADMIN, Role.AUDITOR)),
            new Item("nav.evaluation-tasks", "/evaluations/tasks", List.of()),
            new Item("nav.staff", "/staff", List.of(Role.SECURITY_ADMIN, Role.ADMIN)),
            new Item("nav.audit", "/audit", List.of(Role.AUDITOR)),
            new Item("nav.document-access", "/documents/access-log", List.of(Role.AUDITOR)),
            new Item("nav.document-alerts", "/documents/alerts", List.of(Role.SECURITY_ADMIN)),
            new Item("nav.sms", "/notifications/sms", List.of(Role.ADMIN)),
            new Item("nav.api", "/swagger-ui.html", List.of(Role.ADMIN)),
            new Item("nav.integration-feed", "/integration/feed", List.of(Role.ADMIN)),
            new Item("nav.stock-requests", "/stock/requests", List.of(Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN)),
            new Item("nav.stock-levels", "/stock/levels", List.of(Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN)),
            new Item("nav.stock-forecast", "/stock/forecast", List.of(Role.MATERIALS_CLERK, Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN)),
            new Item("nav.coordination", "/coordination", ORDER_READERS),
            new Item("nav.responsibilities", "/responsibilities", List.of()),
            new Item("nav.scheme-changes", "/scheme-changes", ORDER_READERS),
            new Item("nav.staff-approvals", "/staff/approvals", List.of(Role.SECURITY_ADMIN)),
            new Item("nav.licence-retrievals", "/licences/retrievals", List.of(Role.AUDITOR)),
            new Item("nav.org-units", "/org-units", List.of(Role.ADMIN)));

    private Navigation() {
    }

    static List<Item> visibleTo(CurrentUser user) {
        return ITEMS.stream().filter(item -> item.visibleTo(user)).toList();
    }

    /**
     * The entry to highlight for a path: the workbench only on its own path, otherwise the entry with the
     * longest address the path starts with ({@code /orders/new} rather than {@code /orders}); null if none.
     */
    static String activeHref(List<Item> items, String path) {
        if ("/".equals(path)) {
            return "/";
        }
        String active = null;
        for (Item item : items) {
            if (!"/".equals(item.href()) && path.startsWith(item.href()) && (active == null || item.href().length() > active.length())) {
                active = item.href();
            }
        }
        return active;
    }
}
