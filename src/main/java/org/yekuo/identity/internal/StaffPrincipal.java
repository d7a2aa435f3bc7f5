package org.yekuo.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;

/** A member of staff as Spring Security holds them in the session. */
public class StaffPrincipal implements UserDetails {

    private final long id;
    private final String username;
    private final String displayName;
    private final String passwordHash;
    private final long orgUnitId;
    private final String orgUnitNameZh;
    private final String orgUnitNameEn;
    private final String orgPath;
    private final String scopePath;
    private final Set<Role> roles;
    private final boolean enabled;
    private final Instant lockedUntil;
    private final Instant now;
    private final boolean passwordChangeRequired;
    private final SecondFactorStep secondFactor;

    StaffPrincipal(long id, String username, String displayName, String passwordHash, long orgUnitId,
            String orgUnitNameZh, String orgUnitNameEn, String orgPath, String scopePath, Set<Role> roles, boolean enabled,
            Instant lockedUntil, Instant now, boolean passwordChangeRequired, SecondFactorStep secondFactor) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.orgUnitId = orgUnitId;
        this.orgUnitNameZh = orgUnitNameZh;
        this.orgUnitNameEn = orgUnitNameEn;
        this.orgPath = orgPath;
        this.scopePath = scopePath;
        this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
        this.now = now;
        this.passwordChangeRequired = passwordChangeRequired;
        this.secondFactor = secondFactor;
    }

    /** What this sign-in still owes before anything else: nothing, enrolling the second factor, or a code of it. */
    public enum SecondFactorStep {
        NONE, ENROL, VERIFY
    }

    long id() {
        return id;
    }

    public SecondFactorStep secondFactor() {
        return secondFactor;
    }

    /** The same sign-in after its second factor was proven. */
    StaffPrincipal withSecondFactorProven() {
        return new StaffPrincipal(id, username, displayName, passwordHash, orgUnitId, orgUnitNameZh, orgUnitNameEn, orgPath,
                scopePath, roles, enabled, lockedUntil, now, passwordChangeRequired, SecondFactorStep.NONE);
    }

    /** The password was set by an administrator or has expired: nothing but a new password until it is changed. */
    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    /**
     * The same member of staff, for a principal that adds how they signed in. Signed in through the company's provider,
     * they used no password of ours, so none has to be changed first; the provider owns how strongly they proved who they
     * are, its own second factor included.
     */
    StaffPrincipal(StaffPrincipal other) {
        this(other.id, other.username, other.displayName, other.passwordHash, other.orgUnitId, other.orgUnitNameZh,
                other.orgUnitNameEn, other.orgPath, other.scopePath, other.roles, other.enabled, other.lockedUntil, other.now, false,
                SecondFactorStep.NONE);
    }

    public CurrentUser toCurrentUser() {
        return new CurrentUser(id, username, displayName, orgUnitId, orgUnitNameZh, orgUnitNameEn, orgPath, scopePath, roles);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || !lockedUntil.isAfter(now);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
