package org.yekuo.identity;

/**
 * The role groups that endpoints name in {@code @PreAuthorize} (R-X-3). Each endpoint states who may call
 * it; {@code docs/security/access-matrix.md} lists them all and {@code AccessMatrixTests} holds the code
 * to it. The auditor and the security administrator read no order's personal data: they audit and
 * administer accounts, they do not work orders (separation of duties, MLPS 2.0 level 3).
 */
public final class AccessRules {

    /** Every member of staff: reference data all of them work with (catalogue, calendar, manual). */
    public static final String STAFF = "isAuthenticated()";

    /** Staff who work or answer for orders and read them, within their data scope. */
    public static final String ORDER_READERS = "hasAnyRole('CLERK', 'SURVEYOR', 'DESIGNER', 'REVIEWER_OPERATIONS', "
            + "'REVIEWER_MARKETING', 'REVIEWER_DISPATCH', 'MATERIALS_CLERK', 'INSPECTOR', 'DEPARTMENT_HEAD', 'LEADER', "
            + "'ADMIN', 'ARCHIVIST')";

    /** {@link #ORDER_READERS} as roles, for what a page shows rather than what an endpoint allows (menus, panels). */
    public static final java.util.List<Role> ORDER_READER_ROLES = java.util.List.of(Role.CLERK, Role.SURVEYOR, Role.DESIGNER,
            Role.REVIEWER_OPERATIONS, Role.REVIEWER_MARKETING, Role.REVIEWER_DISPATCH, Role.MATERIALS_CLERK, Role.INSPECTOR,
            Role.DEPARTMENT_HEAD, Role.LEADER, Role.ADMIN, Role.ARCHIVIST);

    /** Whether the member of staff may read orders at all (their data scope still decides which). */
    public static boolean readsOrders(CurrentUser user) {
        return user.hasAny(ORDER_READER_ROLES.toArray(Role[]::new));
    }

    /** Staff to whom the process hands nodes and tasks; which task is whose is checked on the task. */
    public static final String NODE_WORKERS = "hasAnyRole('CLERK', 'SURVEYOR', 'DESIGNER', 'REVIEWER_OPERATIONS', "
            + "'REVIEWER_MARKETING', 'REVIEWER_DISPATCH', 'MATERIALS_CLERK', 'INSPECTOR', 'DEPARTMENT_HEAD', 'LEADER')";

    /** The department reviewers of a scheme (R-REV-3). */
    public static final String REVIEWERS = "hasAnyRole('REVIEWER_OPERATIONS', 'REVIEWER_MARKETING', 'REVIEWER_DISPATCH')";

    /** The system administrator: catalogue, calendar and other settings. */
    public static final String ADMIN = "hasRole('ADMIN')";

    /** Editors of the operating manual and its question bank. */
    public static final String MANUAL_EDITORS = "hasAnyRole('ADMIN', 'LEADER')";

    private AccessRules() {
    }
}
