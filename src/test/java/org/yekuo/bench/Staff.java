package org.yekuo.bench;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.internal.StaffPrincipal;

/**
 * The demo staff who work the benchmark's orders, one per candidate role, loaded as the product signs
 * them in; work runs "as" them so the audit trail names the real actor.
 */
final class Staff {

    /** The demo user who takes a task offered to a role. */
    static final Map<String, String> BY_ROLE = Map.of("CLERK", "clerk", "SURVEYOR", "surveyor", "DESIGNER", "designer",
            "REVIEWER_OPERATIONS", "ops", "REVIEWER_MARKETING", "marketing", "REVIEWER_DISPATCH", "dispatch",
            "MATERIALS_CLERK", "materials", "INSPECTOR", "inspector");

    private final UserDetailsService users;
    private final Map<String, StaffPrincipal> principals = new ConcurrentHashMap<>();

    Staff(UserDetailsService users) {
        this.users = users;
    }

    CurrentUser user(String username) {
        return principal(username).toCurrentUser();
    }

    /** A demo user holding one of {@code roles}, preferring the first role in catalogue order. */
    Optional<CurrentUser> forRoles(Set<String> roles) {
        return roles.stream().sorted().map(BY_ROLE::get).filter(java.util.Objects::nonNull).findFirst().map(this::user);
    }

    /** Runs {@code work} signed in as {@code user}, as a request of theirs would. */
    <T> T as(CurrentUser user, java.util.function.Supplier<T> work) {
        StaffPrincipal principal = principal(user.username());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private StaffPrincipal principal(String username) {
        return principals.computeIfAbsent(username, u -> (StaffPrincipal) users.loadUserByUsername(u));
    }
}
