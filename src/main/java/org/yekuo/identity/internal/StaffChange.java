package org.yekuo.identity.internal;

import java.time.Instant;
import java.util.Set;

import org.yekuo.identity.Role;

/**
 * A change to an account that holds or would hold ADMIN, SECURITY_ADMIN or AUDITOR, waiting for a second security
 * administrator (four eyes). Only the fields of its kind are set; a password is never shown, only that one is set.
 */
public record StaffChange(long id, Kind kind, Status status, Long staffId, String username, String displayName, Long orgUnitId,
        Set<Role> roles, String mobileMasked, Boolean enabled, String requestedBy, Instant requestedAt, String decidedBy,
        Instant decidedAt) {

    /**
     * What the change does: create the account, or change its roles, unit, enabled state, password or work mobile, or
     * reset its second factor.
     */
    public enum Kind {
        CREATE, ROLES, ORG_UNIT, ENABLED, PASSWORD, MOBILE, SECOND_FACTOR;

        public String messageKey() {
            return "staff.change.kind." + name();
        }
    }

    public enum Status {
        PENDING, APPROVED, REJECTED;

        public String messageKey() {
            return "staff.change.status." + name();
        }
    }
}
