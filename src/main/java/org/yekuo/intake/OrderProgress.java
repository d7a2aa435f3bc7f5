package org.yekuo.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.deadline.Deadlines;
import org.yekuo.deadline.ExpectedCompletion;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.Masking;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * An order's progress for its applicant, reached only through the unguessable token of its QR code,
 * with the expected completion date from the same calendar and deadlines staff work by (R-SLA-8).
 */
@Service
@Transactional(readOnly = true)
public class OrderProgress {

    private final Applications applications;
    private final OrderProcesses processes;
    private final Deadlines deadlines;
    private final StaffMembers staff;
    private final java.time.Clock clock;

    OrderProgress(Applications applications, OrderProcesses processes, Deadlines deadlines, StaffMembers staff,
            java.time.Clock clock) {
        this.applications = applications;
        this.processes = processes;
        this.deadlines = deadlines;
        this.staff = staff;
        this.clock = clock;
    }

    public Optional<ProgressView> byToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.empty();
        }
        return applications.findByToken(token).map(this::progress);
    }

    private ProgressView progress(Application application) {
        LocalDate completedOn = application.completedAt() == null ? null
                : LocalDate.ofInstant(application.completedAt(), clock.getZone());
        if (!application.status().open()) {
            return new ProgressView(application.orderNo(), application.typeCode(), application.status(), null, null, null, null,
                    false, false, completedOn);
        }
        List<WorkItem> open = processes.openItems(application.id());
        String handler = open.stream().map(WorkItem::assignee).filter(a -> a != null).findFirst()
                .flatMap(staff::byUsername).map(StaffMember::displayName).map(Masking::chineseName).orElse(null);
        Optional<ExpectedCompletion> expected = deadlines.expectedCompletion(application.id());
        return new ProgressView(application.orderNo(), application.typeCode(), application.status(), application.suspendedReason(),
                application.currentNode(), handler, expected.map(ExpectedCompletion::date).orElse(null),
                expected.map(ExpectedCompletion::provisional).orElse(false), expected.map(ExpectedCompletion::paused).orElse(false),
                null);
    }
}
