package org.yekuo.identity;

import java.util.Set;

/** The signed-in member of staff as other modules see them. */
public record CurrentUser(long id, String username, String displayName, long orgUnitId, String orgUnitNameZh,
        String orgUnitNameEn, String orgPath, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public DataScope scope() {
        return new DataScope(orgPath);
    }
}
