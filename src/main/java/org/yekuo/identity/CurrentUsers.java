package org.yekuo.identity;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.yekuo.identity.internal.StaffPrincipal;
import org.yekuo.shared.DomainException;

/** Who is making the current request. */
@Component
public class CurrentUsers {

    public Optional<CurrentUser> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal) {
            return Optional.of(principal.toCurrentUser());
        }
        return Optional.empty();
    }

    public CurrentUser require() {
        return find().orElseThrow(() -> DomainException.forbidden("identity.not-signed-in"));
    }
}
