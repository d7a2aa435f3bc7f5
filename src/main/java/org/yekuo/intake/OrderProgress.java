package org.yekuo.intake;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.Masking;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * An order's progress for its applicant, reached only through the unguessable token of its QR code,
 * with the expected completion date from the same calendar and deadlines staff work by (R-SLA-8), as the module
 * that keeps the order's clock answers it ({@link ExpectedCompletions}).
 */
@Service
@Transactional(readOnly = true)
public class OrderProgress {

    private final Applications applications;
    private final WorkList workList;
    private final ObjectProvider<ExpectedCompletions> expectedCompletions;
    private final StaffMembers staff;
    private final java.time.Clock clock;

    OrderProgress(Applications applications, WorkList workList, ObjectProvider<ExpectedCompletions> expectedCompletions,
            StaffMembers staff, java.time.Clock clock) {
        this.applications = applications;
        this.workList = workList;
        this.expectedCompletions = expectedCompletions;
        this.staff = staff;
        this.clock = clock;
    }

    public Optional<ProgressView> byToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.empty();
        }
        return applications.findByToken(token).map(this::progress);
    }

    /** The id of the order behind a progress token, for the modules that add to its page. */
    public Optional<Long> orderIdByToken(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
            return Optional.empty();
        }
        return applications.findByToken(token).map(Application::id);
    }

    /**
     * The same view for staff who have the order open already: from what its page has read (its open nodes
     * and the names of their handlers) rather than reading the order again.
     */
    public ProgressView of(OrderView order) {
        return progress(order.id(), order.orderNo(), order.typeCode(), order.status(), order.suspendedReason(),
                open -> order.currentNode(), order.completedAt(), order::fields, () -> order.openItems(),
                username -> Optional.ofNullable(order.handlerNames().get(username)).or(() -> displayName(username)));
    }

    private ProgressView progress(Application application) {
        return progress(application.id(), application.orderNo(), application.typeCode(), application.status(),
                application.suspendedReason(), application::currentNode, application.completedAt(),
                () -> applications.nodeFields(application.id()), () -> workList.openItems(new OrderId(application.id())), this::displayName);
    }

    private ProgressView progress(long id, String orderNo, String typeCode, ApplicationStatus status, String suspendedReason,
            Function<List<WorkItem>, String> currentNode, java.time.Instant completedAt, Supplier<List<NodeField>> fields,
            Supplier<List<WorkItem>> openItems, Function<String, Optional<String>> displayName) {
        if (!status.open()) {
            // A completed order was completed on the day the power went on, as the inspector recorded it.
            LocalDate completedOn = completedAt == null ? null : fields.get().stream()
                    .filter(f -> "POWER_ON".equals(f.nodeCode()) && "poweredOnDate".equals(f.fieldName())).findFirst()
                    .map(f -> LocalDate.parse(f.text())).orElse(LocalDate.ofInstant(completedAt, clock.getZone()));
            return new ProgressView(orderNo, typeCode, status, null, null, null, null, false, false, completedOn);
        }
        List<WorkItem> open = openItems.get();
        String handler = open.stream().map(WorkItem::assignee).filter(a -> a != null).findFirst()
                .flatMap(displayName).map(Masking::chineseName).orElse(null);
        ExpectedCompletions clockKeeper = expectedCompletions.getIfAvailable();
        Optional<ExpectedCompletions.Expected> expected = clockKeeper == null ? Optional.empty() : clockKeeper.of(id);
        return new ProgressView(orderNo, typeCode, status, suspendedReason, currentNode.apply(open), handler,
                expected.map(ExpectedCompletions.Expected::date).orElse(null),
                expected.map(ExpectedCompletions.Expected::provisional).orElse(false),
                expected.map(ExpectedCompletions.Expected::paused).orElse(false), null);
    }

    private Optional<String> displayName(String username) {
        return staff.byUsername(username).map(StaffMember::displayName);
    }
}
