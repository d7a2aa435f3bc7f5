package org.yekuo.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Times;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.WorkItem;
import org.yekuo.workflow.WorkList;

/**
 * Urges a review (R-REV-5) by SMS to the reviewer's work mobile: to whoever holds it, or while
 * nobody has signed for it to every reviewer of the department. Manual urging names who urged;
 * automatic urging (the review turned red) names nobody.
 */
@Component
class Urging {

    /** The shortest time between two urges of one review by hand. */
    static final Duration MANUAL_INTERVAL = Duration.ofHours(2);

    private final ReviewRecords records;
    private final WorkList workList;
    private final StaffMembers staff;
    private final Notifications notifications;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final Clock clock;

    Urging(ReviewRecords records, WorkList workList, StaffMembers staff, Notifications notifications,
            MessageSource messages, AuditTrail audit, Clock clock) {
        this.records = records;
        this.workList = workList;
        this.staff = staff;
        this.notifications = notifications;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Urges by hand, at most once per review every {@link #MANUAL_INTERVAL} (after any urge, automatic ones
     * included): the reviewer has the message already, and a stream of SMS helps nobody. The claim on the
     * review's row makes two clicks at the same moment send one SMS.
     */
    List<String> urgeByHand(Review review, String urgedBy) {
        Instant now = clock.instant();
        if (!records.claimUrge(review.id(), now, now.minus(MANUAL_INTERVAL))) {
            Instant last = records.review(review.id()).map(Review::lastUrgedAt).orElse(now);
            throw DomainException.conflict("review.urge.too-soon", minutes(last), minutes(last.plus(MANUAL_INTERVAL)));
        }
        return urge(review, null, urgedBy);
    }

    /** Sends the urging SMS; {@code urgedBy} is null when the system urges an overdue review. Answers the recipients. */
    List<String> urge(Review review, String holder, String urgedBy) {
        ReviewRound round = records.round(review.roundId()).orElseThrow();
        String current = Optional.ofNullable(holder).orElseGet(() -> workList.openItems(new OrderId(review.orderId())).stream()
                .filter(i -> i.taskId().value().equals(review.taskId())).map(WorkItem::assignee).filter(Objects::nonNull).findFirst()
                .orElse(null));
        List<String> recipients = current != null ? List.of(current)
                : staff.withRoleCovering(ReviewerRoles.of(review.department()), round.orgPath()).stream()
                        .map(StaffMember::username).toList();
        String due = review.dueAt() == null ? "-" : minutes(review.dueAt());
        String department = messages.getMessage(review.department().messageKey(), null, Locale.SIMPLIFIED_CHINESE);
        List<String> reached = new ArrayList<>();
        for (String username : recipients) {
            staff.mobileOf(username).ifPresent(mobile -> {
                notifications.sms(mobile, "review-urged", Map.of("number", round.orderNo(), "department", department, "due", due),
                        round.orderNo());
                reached.add(username);
            });
        }
        records.urged(review.id(), clock.instant());
        audit.record(urgedBy == null ? ReviewAudit.URGED_AUTOMATICALLY : ReviewAudit.URGED, "application", round.orderNo(),
                "department=" + review.department() + " to=" + reached);
        return reached;
    }

    private String minutes(Instant at) {
        return Times.MINUTES.format(at.atZone(clock.getZone()));
    }
}
