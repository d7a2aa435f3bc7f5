package org.yekuo.identity.internal;

import java.time.Instant;
import java.util.Set;

import org.yekuo.identity.Role;

/**
 * One member of staff as the administration list shows them, with their account state, masked work mobile and masked
 * work e-mail (which a staff import may bring).
 */
public record StaffListing(long id, String username, String displayName, long orgUnitId, String orgUnitNameZh,
        String orgUnitNameEn, Set<Role> roles, boolean enabled, boolean locked, Instant lockedUntil, String mobileMasked,
        String emailMasked) {
}
