package org.yekuo.intake;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;

/**
 * A suspended order tells people what to do (R-MAT-4): the counter's clerks see every order of their
 * scope that waits for the customer's material, with what is missing and since when, and one of them
 * takes on collecting it; everyone else sees who is chasing it.
 */
@Service
public class MaterialChases {

    static final int LISTED = 50;

    private final Applications applications;
    private final StaffMembers staff;
    private final AuditTrail audit;

    MaterialChases(Applications applications, StaffMembers staff, AuditTrail audit) {
        this.applications = applications;
        this.staff = staff;
        this.audit = audit;
    }

    /** An order waiting for material: what is missing, since when, and who chases it (display name, or null). */
    public record Waiting(long orderId, String orderNo, String missing, Instant since, String chasedBy) {
    }

    /** The suspended orders of the reader's scope, longest waiting first. */
    @Transactional(readOnly = true)
    public List<Waiting> waiting(CurrentUser user) {
        Map<String, String> names = new HashMap<>();
        return applications.suspendedInScope(user.scope().likePattern(), LISTED).stream()
                .map(a -> new Waiting(a.id(), a.orderNo(), a.suspendedReason(), a.suspendedAt(),
                        a.chasedBy() == null ? null : names.computeIfAbsent(a.chasedBy(), this::displayName)))
                .toList();
    }

    /** A clerk of the order's scope takes on collecting its missing material. */
    @Transactional
    public void chase(long orderId, CurrentUser user) {
        if (!user.has(Role.CLERK)) {
            throw DomainException.forbidden("intake.chase.not-allowed");
        }
        Application application = applications.get(orderId);
        OrderAccess.requireInScope(application, user);
        application.chaseBy(user.username());
        applications.update(application);
        audit.record(IntakeAudit.APPLICATION_CHASE_TAKEN, "application", application.orderNo(), "missing=" + application.suspendedReason());
    }

    /** Who is chasing the order's material, by display name; null when nobody has taken it on yet. */
    @Transactional(readOnly = true)
    public String chaserOf(Application application) {
        return application.chasedBy() == null ? null : displayName(application.chasedBy());
    }

    private String displayName(String username) {
        return staff.byUsername(username).map(StaffMember::displayName).orElse(username);
    }
}
