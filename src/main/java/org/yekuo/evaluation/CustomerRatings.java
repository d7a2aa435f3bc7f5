package org.yekuo.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.identity.StaffMembers;
import org.yekuo.notification.IssuedCode;
import org.yekuo.notification.VerificationCodes;
import org.yekuo.notification.VerificationPurpose;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Masking;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.NodeHistory;
import org.yekuo.workflow.OrderId;
import org.yekuo.workflow.OrderProcesses;

/**
 * The customer's side of an evaluation (R-EVA-2/3), reached only through the link of the invitation SMS:
 * see the order and its handlers, ask for a code to the order's phone, submit the rating with it. The
 * link works once and for its validity; a phone rates once a calendar week; the rating, the used link and
 * the used code commit together or not at all.
 */
@Service
public class CustomerRatings {

    private final Invitations invitations;
    private final Evaluations evaluations;
    private final VerificationCodes codes;
    private final OrderProcesses processes;
    private final StaffMembers staff;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final FraudRule fraud;
    private final Clock clock;

    CustomerRatings(Invitations invitations, Evaluations evaluations, VerificationCodes codes, OrderProcesses processes,
            StaffMembers staff, PersonalDataCipher cipher, AuditTrail audit, TransactionTemplate transactions,
            EvaluationProperties properties, Clock clock) {
        this.invitations = invitations;
        this.evaluations = evaluations;
        this.codes = codes;
        this.processes = processes;
        this.staff = staff;
        this.cipher = cipher;
        this.audit = audit;
        this.transactions = transactions;
        this.fraud = new FraudRule(properties);
        this.clock = clock;
    }

    /**
     * The invitation behind a link, for the page; its first showing starts the customer's reading time.
     *
     * @throws DomainException unknown link (404), already used (409) or expired (410)
     */
    public RatingInvitation open(String token) {
        return transactions.execute(status -> {
            Invitation invitation = usable(token, clock.instant());
            invitations.opened(invitation.id(), clock.instant());
            return new RatingInvitation(invitation.orderNo(), LocalDate.ofInstant(invitation.completedAt(), clock.getZone()),
                    Masking.mobile(phone(invitation)), invitation.expiresAt(), handlerNames(invitation.orderId()));
        });
    }

    /**
     * Checks the rating and, when it may be submitted, texts a verification code to the order's phone.
     *
     * @throws DomainException a field at fault (422), the link (404/409/410), the phone's week used (409),
     *         or the code's rate limits (429)
     */
    public IssuedCode requestCode(String token, Rating rating, String clientIp) {
        RatingPolicy.check(rating);
        Invitation invitation = transactions.execute(status -> {
            Invitation found = usable(token, clock.instant());
            requireWeekFree(found, clock.instant());
            return found;
        });
        return codes.issue(phone(invitation), VerificationPurpose.EVALUATION, clientIp);
    }

    /**
     * Saves the rating confirmed by the code sent to the order's phone; flagged, with its reasons, when it
     * looks like fraud (R-EVA-3).
     *
     * @throws DomainException as {@link #requestCode}, or the code wrong, expired or used (422)
     */
    public void submit(String token, Rating rating, String code, String clientIp) {
        Rating checked = RatingPolicy.check(rating);
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Invitation invitation = usable(token, now);
            // Two ratings from one phone are decided one after the other, so the weekly limit holds under races.
            invitations.lockPhone(invitation.phoneIndex());
            requireWeekFree(invitation, now);
            String phone = phone(invitation);
            codes.verify(phone, VerificationPurpose.EVALUATION, code);
            if (!invitations.answer(invitation.id(), now)) {
                throw DomainException.conflict("evaluation.link.used");
            }
            String addressIndex = cipher.blindIndex("address:" + (clientIp == null ? "-" : clientIp));
            Set<FraudFlag> flags = fraud.flags(staff.ownsMobile(phone),
                    evaluations.countFromAddressSince(addressIndex, now.minus(fraud.burstWindow())),
                    invitation.openedAt() == null ? null : Duration.between(invitation.openedAt(), now));
            Duration reading = invitation.openedAt() == null ? Duration.ZERO : Duration.between(invitation.openedAt(), now);
            long id = evaluations.add(invitation, addressIndex, checked, RatingPolicy.average(checked), reading.toSeconds(), flags, now);
            evaluations.addHandlers(id, handlers(invitation.orderId()));
            audit.record(EvaluationAudit.SUBMITTED, "application", invitation.orderNo(), "average=" + RatingPolicy.average(checked)
                    + " flags=" + flags);
        });
    }

    private Invitation usable(String token, Instant now) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{16,32}")) {
            throw DomainException.notFound("evaluation.link.unknown");
        }
        Invitation invitation = invitations.byToken(token).filter(i -> i.invitedAt() != null)
                .orElseThrow(() -> DomainException.notFound("evaluation.link.unknown"));
        if (invitation.answeredAt() != null) {
            throw DomainException.conflict("evaluation.link.used");
        }
        if (invitation.expired(now)) {
            throw new DomainException(HttpStatus.GONE, "evaluation.link.expired", LocalDate.ofInstant(invitation.expiresAt(),
                    clock.getZone()).toString());
        }
        return invitation;
    }

    private void requireWeekFree(Invitation invitation, Instant now) {
        if (evaluations.countFromPhoneSince(invitation.phoneIndex(), WeeklyLimit.weekStart(now, clock.getZone())) > 0) {
            throw DomainException.conflict("evaluation.week.used", WeeklyLimit.nextWeek(now, clock.getZone()).toString());
        }
    }

    private String phone(Invitation invitation) {
        return cipher.decrypt(invitation.phoneSealed());
    }

    /** Who finished each node of the order, in the order of the nodes, each pair once. */
    private Set<Evaluations.Handler> handlers(long orderId) {
        Set<Evaluations.Handler> handlers = new LinkedHashSet<>();
        for (NodeHistory node : processes.timeline(new OrderId(orderId))) {
            if (node.handler() != null && node.finishedAt() != null) {
                handlers.add(new Evaluations.Handler(node.nodeCode(), node.handler()));
            }
        }
        return handlers;
    }

    private List<RatingInvitation.HandlerName> handlerNames(long orderId) {
        Set<Evaluations.Handler> handlers = handlers(orderId);
        Map<String, String> names = staff.displayNames(handlers.stream().map(Evaluations.Handler::username).toList());
        // A handler no longer on the staff list is left out rather than shown by account name.
        return handlers.stream().filter(h -> names.containsKey(h.username()))
                .map(h -> new RatingInvitation.HandlerName(h.nodeCode(), Masking.chineseName(names.get(h.username())))).toList();
    }
}
