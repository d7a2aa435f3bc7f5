package org.yekuo.review;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.GuidelineItem;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.Orders;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkList;
import org.yekuo.workflow.WorkItem;

/**
 * Reads reviews for the pages and the API: the review board per order and per department (R-REV-5),
 * the reviewer's desk with their own department's guideline items only (R-REV-2), the leader's
 * arbitration view, signatures checked again, copies and typical cases. Every read is in the reader's
 * data scope: an order outside it is not found.
 */
@Service
@Transactional(readOnly = true)
public class ReviewBoard {

    private final ReviewRecords records;
    private final Orders orders;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final ReviewGuidelines guidelines;
    private final SignatureProvider signatures;
    private final Clock clock;
    private final StaffMembers staff;

    ReviewBoard(ReviewRecords records, Orders orders, OpenNodes nodes, WorkList workList, ReviewGuidelines guidelines,
            SignatureProvider signatures, Clock clock, StaffMembers staff) {
        this.staff = staff;
        this.records = records;
        this.orders = orders;
        this.nodes = nodes;
        this.workList = workList;
        this.guidelines = guidelines;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** One line of the board: a review with who has it since when, due when, and whether it is overdue. */
    public record ReviewLine(Review review, String orderNo, int roundNo, String holder, String delegatedBy, Instant since,
            Instant dueAt, boolean overdue, String holderName, String delegatedByName) {
    }

    public record RoundView(ReviewRound round, List<ReviewLine> reviews, Ruling ruling, List<String> conflicts) {
    }

    public record OrderReviews(long orderId, String orderNo, List<RoundView> rounds, boolean withdrawable) {

        public Optional<RoundView> latest() {
            return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() - 1));
        }
    }

    /** The reviewer's desk: their review, the guideline items of their department only, and the task. */
    public record Desk(ReviewLine line, ReviewRound round, ReviewGuideline guideline, List<GuidelineItem> items,
            WorkItem item, boolean mine, SignatureCheck signature) {
    }

    /** The leader's arbitration: every opinion of the disputed round, the conflicts, the whole guideline. */
    public record Arbitration(ReviewRound round, List<ReviewLine> opinions, List<String> conflicts, ReviewGuideline guideline,
            WorkItem item, boolean mine) {
    }

    public record SignatureCheck(SignedStatement statement, boolean valid) {
    }

    public OrderReviews forOrder(long orderId, CurrentUser user) {
        Application order = orderInScope(orderId, user);
        Map<String, WorkItem> open = openItems(orderId);
        List<RoundView> rounds = new ArrayList<>();
        for (ReviewRound round : records.rounds(orderId)) {
            List<Review> reviews = records.ofRound(round.id());
            rounds.add(new RoundView(round, reviews.stream().map(r -> line(r, round, open)).toList(),
                    records.ruling(round.id()).orElse(null), conflictsOf(reviews)));
        }
        boolean withdrawable = !rounds.isEmpty() && withdrawable(rounds.get(rounds.size() - 1), open);
        return new OrderReviews(orderId, order.orderNo(), rounds, withdrawable);
    }

    /**
     * Every decided review of the order, in the order they were decided: who gave each department's opinion and
     * when, for the order's responsibility chain. The caller has checked the reader's scope.
     */
    public List<Review> decided(long orderId) {
        return records.ofOrder(orderId).stream().filter(Review::decided)
                .sorted(java.util.Comparator.comparing(Review::decidedAt)).toList();
    }

    /**
     * Open reviews on orders in the reader's scope, for one department or (without one) every department
     * the reader reviews for; department heads and leaders see every department.
     */
    public List<ReviewLine> openReviews(CurrentUser user, Optional<Department> department) {
        List<Department> visible = Arrays.stream(Department.values())
                .filter(d -> user.has(ReviewerRoles.of(d)) || user.hasAny(Role.DEPARTMENT_HEAD, Role.LEADER, Role.DESIGNER))
                .filter(d -> department.isEmpty() || department.get() == d).toList();
        List<ReviewLine> lines = new ArrayList<>();
        Map<Long, Map<String, WorkItem>> openByOrder = new java.util.HashMap<>();
        for (Review review : records.openOf(visible, user.scope().likePattern(), 500)) {
            ReviewRound round = records.round(review.roundId()).orElseThrow();
            lines.add(line(review, round, openByOrder.computeIfAbsent(review.orderId(), this::openItems)));
        }
        return lines;
    }

    public Desk desk(String taskId, CurrentUser user) {
        Review review = records.byTask(taskId).orElseThrow(() -> DomainException.notFound("review.not-found", taskId));
        ReviewRound round = records.round(review.roundId()).orElseThrow();
        orderInScope(review.orderId(), user);
        Map<String, WorkItem> open = openItems(review.orderId());
        ReviewGuideline guideline = guidelines.version(round.guidelineCode(), round.guidelineVersion());
        WorkItem item = open.get(taskId);
        boolean mine = item != null && user.username().equals(item.assignee());
        return new Desk(line(review, round, open), round, guideline, guideline.itemsOf(review.department()), item, mine,
                review.signatureId() == null ? null : check(review.signatureId()));
    }

    public Optional<Arbitration> arbitration(String taskId, CurrentUser user) {
        return records.roundByArbitrationTask(taskId).map(round -> {
            orderInScope(round.orderId(), user);
            Map<String, WorkItem> open = openItems(round.orderId());
            List<Review> reviews = records.ofRound(round.id());
            WorkItem item = open.get(taskId);
            return new Arbitration(round, reviews.stream().map(r -> line(r, round, open)).toList(), conflictsOf(reviews),
                    guidelines.version(round.guidelineCode(), round.guidelineVersion()), item,
                    item != null && user.username().equals(item.assignee()));
        });
    }

    /** The review's signature, verified again from its stored bytes. */
    public SignatureCheck signatureOfReview(long reviewId, CurrentUser user) {
        Review review = records.review(reviewId).orElseThrow(() -> DomainException.notFound("review.not-found", reviewId));
        orderInScope(review.orderId(), user);
        if (review.signatureId() == null) {
            throw DomainException.notFound("review.signature.none", reviewId);
        }
        return check(review.signatureId());
    }

    public SignatureCheck signatureOfRuling(long orderId, int roundNo, CurrentUser user) {
        orderInScope(orderId, user);
        Ruling ruling = records.rounds(orderId).stream().filter(r -> r.roundNo() == roundNo).findFirst()
                .flatMap(r -> records.ruling(r.id()))
                .orElseThrow(() -> DomainException.notFound("review.ruling.not-found", roundNo));
        return check(ruling.signatureId());
    }

    public List<CopiedOrder> copiedTo(CurrentUser user) {
        return records.copiesTo(user.username(), 200);
    }

    /** Reviews marked typical in the month (R-REV-6), on orders in the reader's scope. */
    public List<ReviewLine> typicalCases(YearMonth month, CurrentUser user) {
        Instant from = month.atDay(1).atStartOfDay(clock.getZone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(clock.getZone()).toInstant();
        Map<Long, ReviewRound> rounds = new java.util.HashMap<>();
        return records.typicalBetween(from, to, user.scope().likePattern()).stream()
                .map(r -> line(r, rounds.computeIfAbsent(r.roundId(), id -> records.round(id).orElseThrow()), Map.of()))
                .toList();
    }

    static OpinionConflictPolicy.Decided decided(Review review) {
        return new OpinionConflictPolicy.Decided(review.department().name(), review.decidedBy(), review.verdict(),
                review.clauses(), review.opinion());
    }

    private List<String> conflictsOf(List<Review> reviews) {
        return OpinionConflictPolicy.conflicts(reviews.stream().filter(Review::decided).map(ReviewBoard::decided).toList())
                .stream().map(c -> c.kind() + ":" + c.first().department() + "/" + c.second().department()
                        + (c.clause() == null ? "" : ":" + c.clause()))
                .toList();
    }

    private boolean withdrawable(RoundView round, Map<String, WorkItem> open) {
        return round.round().state() == RoundState.OPEN && round.reviews().stream().allMatch(l -> l.review().openedAt() == null
                && !l.review().decided() && l.holder() == null);
    }

    private SignatureCheck check(long signatureId) {
        SignedStatement statement = records.signature(signatureId).orElseThrow();
        return new SignatureCheck(statement, signatures.verify(statement));
    }

    private ReviewLine line(Review review, ReviewRound round, Map<String, WorkItem> open) {
        WorkItem item = review.taskId() == null ? null : open.get(review.taskId());
        if (item == null) {
            String holder = review.decided() ? review.decidedBy() : review.reviewer();
            return new ReviewLine(review, round.orderNo(), round.roundNo(), holder, null,
                    review.decided() ? review.decidedAt() : review.receivedAt(), review.dueAt(), false, name(holder), null);
        }
        Instant due = item.dueAt() != null ? item.dueAt() : review.dueAt();
        String delegatedBy = nodes.delegatedBy(item.taskId()).orElse(null);
        Instant since = item.signedForAt() != null ? item.signedForAt() : item.receivedAt();
        return new ReviewLine(review, round.orderNo(), round.roundNo(), item.assignee(), delegatedBy, since, due,
                due != null && clock.instant().isAfter(due), name(item.assignee()), name(delegatedBy));
    }

    /** Staff show by their display names, not their usernames. */
    private String name(String username) {
        return username == null ? null : staff.byUsername(username).map(StaffMember::displayName).orElse(username);
    }

    private Map<String, WorkItem> openItems(long orderId) {
        return workList.openItems(new OrderId(orderId)).stream().collect(Collectors.toMap(i -> i.taskId().value(), Function.identity()));
    }

    Application orderInScope(long orderId, CurrentUser user) {
        Application order = orders.find(orderId).orElseThrow(() -> DomainException.notFound("review.order.not-found", orderId));
        if (!user.scope().includes(order.orgPath())) {
            throw DomainException.notFound("review.order.not-found", orderId);
        }
        return order;
    }
}
