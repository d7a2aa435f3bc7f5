package org.yekuo.review;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.catalogue.Department;
import org.yekuo.catalogue.ReviewGuideline;
import org.yekuo.catalogue.ReviewGuidelines;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.intake.Application;
import org.yekuo.intake.ApplicationStatus;
import org.yekuo.shared.DomainException;
import org.yekuo.workflow.EngineRetries;
import org.yekuo.workflow.CountersignRounds;
import org.yekuo.workflow.OpenNodes;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.TaskId;
import org.yekuo.workflow.WorkItem;
import org.yekuo.workflow.WorkList;

/**
 * What reviewers, designers and leaders do with reviews, each change audited and in one transaction:
 * open (sign for) and countersign with a signed opinion (R-REV-3), transfer within the department,
 * delegate and take back, add a co-signer, urge, withdraw a scheme nobody has opened, copy an order for
 * information, rule a dispute (R-REV-4) and mark a typical case (R-REV-6). Countersigns and rulings
 * complete engine tasks of a shared process, so they run through {@link EngineRetries}: a parallel
 * countersign of the same order never loses an opinion.
 */
@Service
public class ReviewDesk {

    private static final Set<Role> MAY_URGE = EnumSet.of(Role.DESIGNER, Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEADER);

    /** Whether {@code user} may urge reviewers: those who wait for the review or answer for it. */
    public static boolean mayUrge(CurrentUser user) {
        return user.hasAny(MAY_URGE.toArray(Role[]::new));
    }

    private final ReviewRecords records;
    private final ReviewBoard board;
    private final CountersignRounds countersigns;
    private final OpenNodes nodes;
    private final WorkList workList;
    private final EngineRetries retries;
    private final ReviewGuidelines guidelines;
    private final ReviewOpinionPolicy policy = ReviewOpinionPolicy.fromResource();
    private final RulingPolicy rulings = new RulingPolicy(policy);
    private final SignatureProvider signatures;
    private final OpinionSheets sheets;
    private final StaffMembers staff;
    private final Urging urging;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReviewDesk(ReviewRecords records, ReviewBoard board, CountersignRounds countersigns, OpenNodes nodes, WorkList workList,
            EngineRetries retries,
            ReviewGuidelines guidelines, SignatureProvider signatures, OpinionSheets sheets, StaffMembers staff, Urging urging,
            AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.board = board;
        this.countersigns = countersigns;
        this.nodes = nodes;
        this.workList = workList;
        this.retries = retries;
        this.guidelines = guidelines;
        this.signatures = signatures;
        this.sheets = sheets;
        this.staff = staff;
        this.urging = urging;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The reviewer signs for the review and opens it: from now on the designer can no longer withdraw. */
    @Transactional
    public void open(String taskId, CurrentUser user) {
        Review review = review(taskId);
        Application order = workable(review.orderId(), user);
        requireUndecided(review);
        nodes.signFor(new TaskId(taskId), user);
        records.opened(review.id(), user.username(), clock.instant());
        audit.record(ReviewAudit.OPENED, "application", order.orderNo(), "department=" + review.department());
    }

    /** The leader in charge signs for the arbitration of a disputed round (a LEADER whose scope holds the order). */
    @Transactional
    public void openArbitration(String taskId, CurrentUser user) {
        ReviewRound round = records.roundByArbitrationTask(taskId)
                .orElseThrow(() -> DomainException.notFound("review.arbitration.not-found", taskId));
        Application order = workable(round.orderId(), user);
        nodes.signFor(new TaskId(taskId), user);
        audit.record(ReviewAudit.ARBITRATION_OPENED, "application", order.orderNo(), "round=" + round.roundNo());
    }

    /** Countersigns: the opinion, checked and electronically signed; the last countersign moves the order on. */
    public Review countersign(String taskId, Opinion opinion, CurrentUser user) {
        return retries.inNewTransaction(() -> {
            Review review = review(taskId);
            Application order = workable(review.orderId(), user);
            requireUndecided(review);
            nodes.requireSignedFor(new TaskId(taskId), user);
            if (nodes.delegatedBy(new TaskId(taskId)).isPresent()) {
                throw DomainException.conflict("review.delegated.hand-back-first");
            }
            ReviewRound round = records.round(review.roundId()).orElseThrow();
            ReviewGuideline guideline = guidelines.version(round.guidelineCode(), round.guidelineVersion());
            policy.check(opinion, guideline, Optional.of(review.department()));
            Instant now = clock.instant();
            SignedStatement signed = signatures.sign(user.username(), String.join("\n",
                    "yekuo-review-opinion/1", "order=" + order.orderNo(), "round=" + round.roundNo(),
                    "department=" + review.department(), "guideline=" + guideline.code() + " v" + guideline.version(),
                    "verdict=" + opinion.verdict(), "clauses=" + String.join(",", opinion.clauses()), "opinion=" + opinion.text(),
                    "signer=" + user.username(), "at=" + now));
            if (!records.decide(review.id(), opinion, user.username(), now, records.insertSignature(signed))) {
                throw alreadyDecided(review.id());
            }
            sheets.opinion(order, round, review.department(), guideline, opinion, user);
            audit.record(ReviewAudit.COUNTERSIGNED, "application", order.orderNo(), "department=" + review.department()
                    + " verdict=" + opinion.verdict() + " clauses=" + opinion.clauses());
            nodes.complete(new TaskId(taskId), user, Map.of());
            return records.review(review.id()).orElseThrow();
        });
    }

    /** Hands the review to a colleague of the same department; anyone else is refused. */
    @Transactional
    public void transfer(String taskId, String to, CurrentUser user) {
        Review review = review(taskId);
        Application order = workable(review.orderId(), user);
        requireUndecided(review);
        StaffMember colleague = colleague(review, to, user, "review.transfer.outside-department");
        nodes.transfer(new TaskId(taskId), user, colleague.username());
        records.reviewer(review.id(), colleague.username());
        audit.record(ReviewAudit.TRANSFERRED, "application", order.orderNo(),
                "department=" + review.department() + " from=" + user.username() + " to=" + colleague.username());
    }

    /** Lends the review to a colleague of the department, who hands it back when done. */
    @Transactional
    public void delegate(String taskId, String to, CurrentUser user) {
        Review review = review(taskId);
        Application order = workable(review.orderId(), user);
        requireUndecided(review);
        StaffMember colleague = colleague(review, to, user, "review.delegate.outside-department");
        nodes.delegate(new TaskId(taskId), user, colleague.username());
        audit.record(ReviewAudit.DELEGATED, "application", order.orderNo(),
                "department=" + review.department() + " from=" + user.username() + " to=" + colleague.username());
    }

    /** The delegated review goes back to its owner: handed back by the delegate or taken back by the owner. */
    @Transactional
    public void handBack(String taskId, String note, CurrentUser user) {
        Review review = review(taskId);
        Application order = workable(review.orderId(), user);
        requireUndecided(review);
        nodes.resolve(new TaskId(taskId), user);
        audit.record(ReviewAudit.HANDED_BACK, "application", order.orderNo(), "department=" + review.department()
                + " by=" + user.username() + (note == null || note.isBlank() ? "" : " note=" + note.strip()));
    }

    /** Adds a co-signer: a reviewer who countersigns this round too, against their own department's items. */
    @Transactional
    public void addCoSigner(String taskId, String coSigner, CurrentUser user) {
        Review review = review(taskId);
        Application order = workable(review.orderId(), user);
        requireUndecided(review);
        nodes.requireSignedFor(new TaskId(taskId), user);
        StaffMember member = enabled(coSigner, "username");
        Department department = member.roles().stream().map(r -> ReviewerRoles.departmentOf(r.name()))
                .flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> DomainException.invalid("username", "review.co-signer.not-a-reviewer", coSigner));
        if (records.ofRound(review.roundId()).stream().anyMatch(r -> !r.decided() && member.username().equals(r.reviewer()))
                || member.username().equals(user.username())) {
            throw DomainException.invalid("username", "review.co-signer.already", coSigner);
        }
        ReviewRound round = records.round(review.roundId()).orElseThrow();
        records.insertReview(round.id(), order.id(), department, true, member.username(), clock.instant(), review.dueAt());
        countersigns.addCoSigner(new OrderId(order.id()), ReviewerRoles.of(department).name(), member.username());
        audit.record(ReviewAudit.CO_SIGNER_ADDED, "application", order.orderNo(),
                "department=" + department + " co-signer=" + member.username() + " by=" + user.username());
    }

    /** Urges the reviewer of an open review by SMS; answers who was reached. */
    @Transactional
    public List<String> urge(long reviewId, CurrentUser user) {
        Review review = records.review(reviewId).orElseThrow(() -> DomainException.notFound("review.not-found", reviewId));
        board.orderInScope(review.orderId(), user);
        if (!mayUrge(user)) {
            throw DomainException.forbidden("review.urge.not-allowed");
        }
        requireUndecided(review);
        return urging.urgeByHand(review, user.username());
    }

    /** Takes the submitted scheme back before any reviewer has opened it; refused after. */
    @Transactional
    public void withdraw(long orderId, String reason, CurrentUser user) {
        Application order = workable(orderId, user);
        if (!user.has(Role.DESIGNER)) {
            throw DomainException.forbidden("review.withdraw.not-designer");
        }
        ReviewRound round = records.latestRound(orderId).filter(r -> r.state() == RoundState.OPEN)
                .orElseThrow(() -> DomainException.conflict("review.withdraw.nothing-under-review", order.orderNo()));
        Map<String, WorkItem> open = new java.util.HashMap<>();
        workList.openItems(new OrderId(orderId)).forEach(i -> open.put(i.taskId().value(), i));
        for (Review review : records.ofRound(round.id())) {
            WorkItem item = review.taskId() == null ? null : open.get(review.taskId());
            if (review.openedAt() != null || review.decided() || (item != null && item.assignee() != null)) {
                throw DomainException.conflict("review.withdraw.already-opened",
                        Optional.ofNullable(review.decidedBy()).orElse(Optional.ofNullable(review.reviewer())
                                .orElse(item == null ? "-" : item.assignee())));
            }
        }
        if (!records.moveRound(round.id(), RoundState.OPEN, RoundState.WITHDRAWN)) {
            throw DomainException.conflict("review.withdraw.nothing-under-review", order.orderNo());
        }
        countersigns.withdrawReview(new OrderId(orderId));
        audit.record(ReviewAudit.WITHDRAWN, "application", order.orderNo(), "round=" + round.roundNo()
                + (reason == null || reason.isBlank() ? "" : " reason=" + reason.strip()));
    }

    /** Copies the order to a member of staff for information; they find it in their "copied to me" list. */
    @Transactional
    public void copy(long orderId, String to, String note, CurrentUser user) {
        Application order = board.orderInScope(orderId, user);
        StaffMember recipient = enabled(to, "to");
        if (note != null && note.strip().length() > 500) {
            throw DomainException.invalid("note", "review.copy.note-too-long", 500);
        }
        records.insertCopy(orderId, order.orderNo(), recipient.username(), note == null ? null : note.strip(),
                user.username(), clock.instant());
        audit.record(ReviewAudit.COPIED, "application", order.orderNo(), "to=" + recipient.username());
    }

    /**
     * The leader in charge records the meeting's ruling on a disputed round (R-REV-4): one consolidated,
     * signed opinion; a change goes to the designer once and then only to the departments it names.
     */
    public Ruling rule(String taskId, Opinion opinion, String meeting, List<Department> departments, CurrentUser user) {
        return retries.inNewTransaction(() -> {
            ReviewRound round = records.roundByArbitrationTask(taskId)
                    .orElseThrow(() -> DomainException.notFound("review.arbitration.not-found", taskId));
            Application order = workable(round.orderId(), user);
            nodes.requireSignedFor(new TaskId(taskId), user);
            if (records.ruling(round.id()).isPresent()) {
                throw DomainException.conflict("review.arbitration.already-ruled", order.orderNo());
            }
            ReviewGuideline guideline = guidelines.version(round.guidelineCode(), round.guidelineVersion());
            List<Department> reviewed = records.ofRound(round.id()).stream().map(Review::department).distinct().toList();
            RulingPolicy.Accepted ruling = rulings.check(opinion, guideline, meeting, departments, reviewed);
            String minutes = ruling.minutes();
            List<Department> goBackTo = ruling.goBackTo();
            Instant now = clock.instant();
            SignedStatement signed = signatures.sign(user.username(), String.join("\n",
                    "yekuo-review-ruling/1", "order=" + order.orderNo(), "round=" + round.roundNo(),
                    "guideline=" + guideline.code() + " v" + guideline.version(), "verdict=" + opinion.verdict(),
                    "clauses=" + String.join(",", opinion.clauses()), "opinion=" + opinion.text(), "meeting=" + minutes,
                    "departments=" + goBackTo, "signer=" + user.username(), "at=" + now));
            long id = records.insertRuling(round.id(), order.id(), opinion, minutes, goBackTo, user.username(), now,
                    records.insertSignature(signed));
            sheets.ruling(order, round, guideline, opinion, minutes, goBackTo, user);
            audit.record(ReviewAudit.RULED, "application", order.orderNo(), "round=" + round.roundNo() + " verdict="
                    + opinion.verdict() + " departments=" + goBackTo);
            // The ruling decides the round: announced here, where it is made, in its transaction; the arbitration node
            // then completes on it, and the engine finds the round ruled.
            records.moveRound(round.id(), RoundState.DISPUTED, RoundState.RULED);
            events.publishEvent(new ReviewDecided(order.id(), order.orderNo(), round.roundNo(),
                    Ruling.outcomeOf(opinion.verdict()), true, now));
            nodes.complete(new TaskId(taskId), user, Map.of());
            return records.ruling(round.id()).filter(r -> r.id() == id).orElseThrow();
        });
    }

    /** Marks a decided review as a typical case (R-REV-6), for the month's collection. */
    @Transactional
    public void markTypical(long reviewId, String note, CurrentUser user) {
        Review review = records.review(reviewId).orElseThrow(() -> DomainException.notFound("review.not-found", reviewId));
        Application order = board.orderInScope(review.orderId(), user);
        if (!user.has(ReviewerRoles.of(review.department())) && !user.has(Role.LEADER)) {
            throw DomainException.forbidden("review.typical.not-allowed");
        }
        if (!review.decided()) {
            throw DomainException.conflict("review.typical.undecided");
        }
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > 500) {
            throw DomainException.invalid("note", "review.typical.note", 500);
        }
        records.typical(reviewId, text, user.username(), clock.instant());
        audit.record(ReviewAudit.MARKED_TYPICAL, "application", order.orderNo(), "department=" + review.department());
    }

    private Review review(String taskId) {
        return records.byTask(taskId).orElseThrow(() -> DomainException.notFound("review.not-found", taskId));
    }

    private Application workable(long orderId, CurrentUser user) {
        Application order = board.orderInScope(orderId, user);
        if (order.status() != ApplicationStatus.ACTIVE) {
            throw DomainException.conflict("review.order.not-workable", order.orderNo());
        }
        return order;
    }

    private void requireUndecided(Review review) {
        if (review.decided()) {
            throw alreadyDecided(review.id());
        }
    }

    private DomainException alreadyDecided(long reviewId) {
        Review done = records.review(reviewId).orElseThrow();
        return DomainException.conflict("review.already-decided", done.decidedBy() == null ? "-" : done.decidedBy());
    }

    private StaffMember enabled(String username, String field) {
        if (username == null || username.isBlank()) {
            throw DomainException.invalid(field, "review.staff.required");
        }
        return staff.byUsername(username.strip()).filter(StaffMember::enabled)
                .orElseThrow(() -> DomainException.invalid(field, "review.staff.unknown", username.strip()));
    }

    /** A member of the same department (org unit) who reviews for it; anyone else is refused. */
    private StaffMember colleague(Review review, String to, CurrentUser user, String refusal) {
        StaffMember member = enabled(to, "to");
        if (member.orgUnitId() != user.orgUnitId() || !member.has(ReviewerRoles.of(review.department()))) {
            throw DomainException.invalid("to", refusal, member.username());
        }
        if (member.username().equals(user.username())) {
            throw DomainException.invalid("to", "review.transfer.self");
        }
        return member;
    }
}
