package org.yekuo.identity;

import java.util.EnumSet;
import java.util.Set;

/** A member of staff as other modules see them: who they are, where they sit and what they may do. */
public record StaffMember(long id, String username, String displayName, long orgUnitId, String orgPath,
        Set<Role> roles, boolean enabled) {

    public StaffMember {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
