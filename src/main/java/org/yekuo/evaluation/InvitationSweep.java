package org.yekuo.evaluation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.shared.Times;

/**
 * Sends the evaluation invitations and the one reminder (R-EVA-1) on every application node, as the
 * deadline sweep does (ADR 3): each due row is claimed by a conditional update in its own transaction
 * together with its SMS (outbox) and audit record, so across nodes and restarts each text goes out once.
 */
@Component
public class InvitationSweep implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(InvitationSweep.class);

    private final Invitations invitations;
    private final TransactionTemplate transactions;
    private final Notifications notifications;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final EvaluationProperties properties;
    private final InvitationPolicy policy;
    private final Clock clock;

    InvitationSweep(Invitations invitations, TransactionTemplate transactions, Notifications notifications,
            PersonalDataCipher cipher, AuditTrail audit, EvaluationProperties properties, Clock clock) {
        this.invitations = invitations;
        this.transactions = transactions;
        this.notifications = notifications;
        this.cipher = cipher;
        this.audit = audit;
        this.properties = properties;
        this.policy = new InvitationPolicy(properties);
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.sweepEnabled()) {
            registrar.addFixedDelayTask(this::sweepLogged, properties.sweepInterval());
        }
    }

    /** What one sweep sent. */
    public record Result(int invited, int reminded) {
    }

    /** Sends everything due now, batch by batch; safe to run on several nodes at once. */
    public Result sweep() {
        Instant now = clock.instant();
        if (!policy.isDay(now, clock.getZone())) {
            return new Result(0, 0);
        }
        int invited = step(max -> invitations.dueToInvite(now, max),
                (id, at) -> invitations.claimInvitation(id, at, policy.remindAfter(at, clock.getZone()), policy.expiresAt(at)),
                this::invite, now);
        int reminded = step(max -> invitations.dueForReminder(now, max), invitations::claimReminder, this::remind, now);
        return new Result(invited, reminded);
    }

    private void sweepLogged() {
        try {
            Result result = sweep();
            if (result.invited() + result.reminded() > 0) {
                log.info("Evaluation sweep: {} invited, {} reminded", result.invited(), result.reminded());
            }
        } catch (RuntimeException e) {
            log.warn("Evaluation sweep failed, will retry on the next run", e);
        }
    }

    /** Claims due rows one transaction each until a batch comes back short or nothing in it could be claimed. */
    private int step(IntFunction<List<Long>> batch, BiPredicate<Long, Instant> claim, Consumer<Invitation> effect, Instant now) {
        int done = 0;
        while (true) {
            List<Long> ids = batch.apply(properties.batchSize());
            int claimedNow = 0;
            for (long id : ids) {
                try {
                    Boolean claimed = transactions.execute(status -> {
                        if (!claim.test(id, now)) {
                            return false;
                        }
                        effect.accept(invitations.find(id).orElseThrow());
                        return true;
                    });
                    if (Boolean.TRUE.equals(claimed)) {
                        claimedNow++;
                    }
                } catch (RuntimeException e) {
                    log.warn("Evaluation invitation {} could not be sent, will retry on the next run", id, e);
                }
            }
            done += claimedNow;
            if (ids.size() < properties.batchSize() || claimedNow == 0) {
                return done;
            }
        }
    }

    private void invite(Invitation invitation) {
        notifications.sms(cipher.decrypt(invitation.phoneSealed()), "evaluation-invitation",
                Map.of("number", invitation.orderNo(), "token", invitation.token()), invitation.orderNo());
        audit.record(EvaluationAudit.INVITED, "application", invitation.orderNo(), "expires=" + invitation.expiresAt());
    }

    private void remind(Invitation invitation) {
        notifications.sms(cipher.decrypt(invitation.phoneSealed()), "evaluation-reminder",
                Map.of("number", invitation.orderNo(), "token", invitation.token(),
                        "expires", Times.DAY.format(invitation.expiresAt().atZone(clock.getZone()))), invitation.orderNo());
        audit.record(EvaluationAudit.REMINDED, "application", invitation.orderNo(), "");
    }
}
