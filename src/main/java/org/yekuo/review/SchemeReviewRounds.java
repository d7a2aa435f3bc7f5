package org.yekuo.review;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.BusinessTypeDefinition;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.catalogue.KeyNode;
import org.yekuo.deadline.Deadlines;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.deadline.NodeOverdue;
import org.yekuo.identity.Role;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.NodeReached;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.OrderProcesses;
import org.yekuo.workflow.ReviewOutcome;
import org.yekuo.workflow.SchemeReviews;

/**
 * Answers the engine (through the workflow's {@link SchemeReviews} port) who countersigns a submitted
 * scheme and where a round leads, and follows the review tasks the engine makes. Everything here runs in
 * the engine's transaction.
 */
@Component
class SchemeReviewRounds implements SchemeReviews {

    static final String NODE = "SCHEME_REVIEW";

    private final ReviewRecords records;
    private final Orders orders;
    private final Catalogue catalogue;
    private final ReviewGuidelines guidelines;
    private final Deadlines deadlines;
    private final OrderProcesses processes;
    private final Urging urging;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SchemeReviewRounds(ReviewRecords records, Orders orders, Catalogue catalogue, ReviewGuidelines guidelines,
            Deadlines deadlines, OrderProcesses processes, Urging urging, AuditTrail audit, ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.clock = clock;
        this.records = records;
        this.orders = orders;
        this.catalogue = catalogue;
        this.guidelines = guidelines;
        this.deadlines = deadlines;
        this.processes = processes;
        this.urging = urging;
        this.audit = audit;
    }

    @Override
    public List<String> openRound(long orderId, Instant submittedAt) {
        Optional<Application> found = orders.find(orderId);
        if (found.isEmpty()) {
            // A process whose business key is no application (none in production) has nobody to review it.
            return List.of();
        }
        Application order = found.get();
        BusinessTypeDefinition type = catalogue.version(order.planTypeCode(), order.planTypeVersion());
        Optional<ReviewRound> previous = records.latestRound(orderId);
        if (previous.isPresent() && previous.get().state() == RoundState.OPEN) {
            // Asked again for the same submission: the open round is the answer.
            return records.ofRound(previous.get().id()).stream().filter(r -> !r.coSigner())
                    .map(r -> ReviewerRoles.of(r.department()).name()).toList();
        }
        List<Department> departments = ReviewDepartmentsPolicy.nextRound(type, order.capacity(),
                previous.map(this::asPrevious).orElse(null));
        String code = guidelines.codeFor(type).orElse(ReviewGuideline.HIGH_VOLTAGE);
        ReviewGuideline guideline = guidelines.inForceAt(code, submittedAt);
        int roundNo = previous.map(r -> r.roundNo() + 1).orElse(1);
        long roundId = records.insertRound(orderId, order.orderNo(), order.orgPath(), roundNo, code, guideline.version(),
                submitter(orderId), submittedAt, departments.isEmpty() ? RoundState.PASSED : RoundState.OPEN);
        Instant due = type.limitOf(KeyNode.SCHEME_REVIEW).map(limit -> deadlines.dueAfter(limit, submittedAt)).orElse(null);
        List<String> roles = new ArrayList<>();
        for (Department department : departments) {
            records.insertReview(roundId, orderId, department, false, null, submittedAt, due);
            roles.add(ReviewerRoles.of(department).name());
        }
        audit.record(ReviewAudit.ROUND_OPENED, "application", order.orderNo(),
                "round=" + roundNo + " guideline=" + code + " v" + guideline.version() + " departments=" + departments);
        return roles;
    }

    @Override
    public ReviewOutcome outcome(long orderId) {
        ReviewRound round = records.latestRound(orderId).orElse(null);
        if (round == null) {
            return ReviewOutcome.PASSED;
        }
        return switch (round.state()) {
            case OPEN -> decide(round);
            // Waiting for the leader, whose ruling moves the round on and announces it (ReviewDesk.rule).
            case DISPUTED -> ReviewOutcome.DISPUTED;
            case RULED -> records.ruling(round.id()).map(Ruling::outcome).orElse(ReviewOutcome.TO_REVISE);
            case TO_REVISE -> ReviewOutcome.TO_REVISE;
            case PASSED, WITHDRAWN -> ReviewOutcome.PASSED;
        };
    }

    private ReviewOutcome decide(ReviewRound round) {
        List<OpinionConflictPolicy.Decided> opinions = records.ofRound(round.id()).stream().filter(Review::decided)
                .map(ReviewBoard::decided).toList();
        ReviewOutcome outcome = OpinionConflictPolicy.outcome(opinions);
        RoundState next = switch (outcome) {
            case PASSED -> RoundState.PASSED;
            case DISPUTED -> RoundState.DISPUTED;
            case TO_REVISE -> RoundState.TO_REVISE;
        };
        records.moveRound(round.id(), RoundState.OPEN, next);
        audit.record(ReviewAudit.ROUND_DECIDED, "application", round.orderNo(), "round=" + round.roundNo() + " outcome=" + outcome);
        events.publishEvent(new ReviewDecided(round.orderId(), round.orderNo(), round.roundNo(), outcome, false, clock.instant()));
        return outcome;
    }

    private ReviewDepartmentsPolicy.Previous asPrevious(ReviewRound round) {
        List<Review> reviews = records.ofRound(round.id());
        return new ReviewDepartmentsPolicy.Previous(round.state(),
                reviews.stream().filter(r -> !r.coSigner()).map(Review::department).distinct().toList(),
                reviews.stream().filter(r -> r.decided() && r.verdict().asksForChange()).map(Review::department).distinct().toList(),
                records.ruling(round.id()).map(Ruling::departments).orElse(List.of()));
    }

    /** Who submitted the scheme: the handler of the scheme design node that just finished. */
    private String submitter(long orderId) {
        List<NodeHistory> design = processes.timeline(new OrderId(orderId)).stream().filter(n -> "SCHEME_DESIGN".equals(n.nodeCode())).toList();
        return design.isEmpty() ? null : design.get(design.size() - 1).handler();
    }

    /** Links each review task the engine makes to its review, and the leader's arbitration task to its round. */
    @EventListener
    void on(NodeReached event) {
        if (!NODE.equals(event.nodeCode())) {
            return;
        }
        records.latestRound(event.orderId().value()).ifPresent(round -> {
            if (event.roles().contains(Role.LEADER.name())) {
                records.arbitrationTask(round.id(), event.taskId().value());
                audit.record(ReviewAudit.ARBITRATION_REQUESTED, "application", round.orderNo(), "round=" + round.roundNo());
                return;
            }
            event.roles().stream().map(ReviewerRoles::departmentOf).flatMap(Optional::stream).findFirst()
                    .ifPresent(department -> records.attachTask(round.id(), department, event.taskId().value()));
        });
    }

    /** R-REV-5: a review that turned red urges its reviewer by SMS, once, as the deadline module announces it. */
    @EventListener
    void on(NodeOverdue event) {
        if (event.taskId() == null || !NODE.equals(event.nodeCode())) {
            return;
        }
        records.byTask(event.taskId()).filter(r -> !r.decided())
                .ifPresent(review -> urging.urge(review, event.handler(), null));
    }
}
