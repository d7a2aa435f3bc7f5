package org.yekuo.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.calendar.WorkingCalendar;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.catalogue.NodeDefinition;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.Masking;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.WorkItem;

/**
 * An order's progress for its applicant, reached only through the unguessable token of its QR code,
 * with the expected completion date from the same calendar staff work by (R-SLA-8).
 */
@Service
@Transactional(readOnly = true)
public class OrderProgress {

    private final Applications applications;
    private final OrderProcesses processes;
    private final Catalogue catalogue;
    private final NodeDueDates dueDates;
    private final WorkingCalendar calendar;
    private final StaffMembers staff;
    private final java.time.Clock clock;

    OrderProgress(Applications applications, OrderProcesses processes, Catalogue catalogue, NodeDueDates dueDates,
            WorkingCalendar calendar, StaffMembers staff, java.time.Clock clock) {
        this.applications = applications;
        this.processes = processes;
        this.catalogue = catalogue;
        this.dueDates = dueDates;
        this.calendar = calendar;
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
                    false, completedOn);
        }
        List<WorkItem> open = processes.openItems(application.id());
        String handler = open.stream().map(WorkItem::assignee).filter(a -> a != null).findFirst()
                .flatMap(staff::byUsername).map(StaffMember::displayName).map(Masking::chineseName).orElse(null);
        Expected expected = expectedCompletion(application, open);
        return new ProgressView(application.orderNo(), application.typeCode(), application.status(), application.suspendedReason(),
                application.currentNode(), handler, expected.date(), expected.provisional(), null);
    }

    /**
     * From the current node's deadline, each remaining node of the plan takes its full limit in turn:
     * the date the order completes if every node uses its time and no more.
     */
    Expected expectedCompletion(Application application, List<WorkItem> open) {
        BusinessTypeDefinition plan = catalogue.version(application.planTypeCode(), application.planTypeVersion());
        Instant cursor = open.stream().map(WorkItem::dueAt).filter(d -> d != null).findFirst().orElse(clock.instant());
        int current = application.currentNode() == null ? -1 : plan.positionOf(KeyNode.valueOf(application.currentNode()));
        List<NodeDefinition> nodes = plan.nodes();
        for (int i = current + 1; i < nodes.size(); i++) {
            cursor = dueDates.due(nodes.get(i).limit(), cursor);
        }
        LocalDate date = LocalDate.ofInstant(cursor, clock.getZone());
        boolean provisional = !calendar.isLoaded(date.getYear());
        return new Expected(date, provisional);
    }

    record Expected(LocalDate date, boolean provisional) {
    }
}
