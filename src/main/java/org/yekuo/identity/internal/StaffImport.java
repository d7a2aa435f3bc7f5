package org.yekuo.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.yekuo.identity.Role;

/**
 * A staff import as its security administrator sees it: every row of the file, which will be (or was) created and which
 * is refused, with each problem named by its column and worded in the reader's language.
 *
 * @param status     PREVIEWED until confirmed, then CONFIRMED
 * @param creatable  rows that will be created on confirmation (or were)
 * @param refused    rows with at least one problem, never created
 */
public record StaffImport(String id, String fileName, Status status, Instant createdAt, Instant confirmedAt, int creatable,
        int refused, List<StaffImportRow> rows) {

    public enum Status {
        PREVIEWED, CONFIRMED
    }

    /**
     * One row of the file, with its line as the spreadsheet numbers it. {@code orgUnitName} and {@code roles} are what the
     * file's values resolved to, when they did; {@code staffId} is the account created from it.
     */
    public record StaffImportRow(int line, String displayName, String username, String orgUnit, Long orgUnitId, String orgUnitName,
            String rolesText, Set<Role> roles, List<String> roleNames, String mobileMasked, String emailMasked,
            List<StaffImportProblem> problems, Long staffId) {

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    /** What is wrong in one column of a row: the column's field name and the explanation. */
    public record StaffImportProblem(String field, String message) {
    }

    /**
     * The accounts a confirmation created, each with its one-time initial password, shown this once; a repeated
     * confirmation creates nothing and shows no password ({@code alreadyConfirmed}).
     */
    public record StaffImportConfirmation(String importId, boolean alreadyConfirmed, Instant confirmedAt,
            List<StaffImportAccount> created) {
    }

    /** An account created by the import; its holder must replace {@code initialPassword} at the first sign-in. */
    public record StaffImportAccount(int line, long staffId, String username, String displayName, String initialPassword) {
    }
}
