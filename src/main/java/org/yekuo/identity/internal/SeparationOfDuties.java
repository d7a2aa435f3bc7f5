package org.yekuo.identity.internal;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.yekuo.identity.Role;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * System, security and audit administration are separate duties (MLPS 2.0 level 3): nobody holds two
 * of them, and no security administrator alone creates or changes an account that holds one. A member of
 * staff also needs at least one role to do anything at all.
 */
final class SeparationOfDuties {

    static final Set<Role> EXCLUSIVE = EnumSet.of(Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR);

    private SeparationOfDuties() {
    }

    /** A change to an account that holds or would hold one of the administrations needs a second person's approval. */
    static boolean needsSecondPerson(Set<Role> involved) {
        return involved != null && involved.stream().anyMatch(EXCLUSIVE::contains);
    }

    static Optional<FieldProblem> check(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            return Optional.of(new FieldProblem("roles", "staff.roles.required"));
        }
        Set<Role> held = EnumSet.copyOf(EXCLUSIVE);
        held.retainAll(roles);
        if (held.size() > 1) {
            Role[] clash = held.toArray(Role[]::new);
            return Optional.of(new FieldProblem("roles", "staff.roles.separation",
                    new DefaultMessageSourceResolvable(clash[0].messageKey()),
                    new DefaultMessageSourceResolvable(clash[1].messageKey())));
        }
        return Optional.empty();
    }
}
