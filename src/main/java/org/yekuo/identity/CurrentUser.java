package org.yekuo.identity;

import java.util.Set;

/**
 * The signed-in member of staff as other modules see them.
 *
 * @param orgPath   the path of the member's own org unit
 * @param scopePath the path of the unit whose data they see, with everything below it: a team works for
 *                  its supply station and a company department for the whole company, so for those it is
 *                  the parent's path; otherwise their own (see docs/adr/0002-data-scope.md)
 */
public record CurrentUser(long id, String username, String displayName, long orgUnitId, String orgUnitNameZh,
        String orgUnitNameEn, String orgPath, String scopePath, Set<Role> roles) {

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
        return new DataScope(scopePath);
    }
}
