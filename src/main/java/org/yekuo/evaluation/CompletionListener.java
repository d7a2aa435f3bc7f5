package org.yekuo.evaluation;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.yekuo.intake.OrderCompleted;
import org.yekuo.shared.PersonalDataCipher;

/**
 * Records the invitation of every completed order (R-EVA-1) in the transaction that completes it, so
 * the invitation exists exactly when the completion commits; the sweep sends it. Only a row is written
 * here: nothing that could fail the completion.
 */
@Component
class CompletionListener {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Invitations invitations;
    private final PersonalDataCipher cipher;
    private final InvitationPolicy policy;
    private final Clock clock;

    CompletionListener(Invitations invitations, PersonalDataCipher cipher, EvaluationProperties properties, Clock clock) {
        this.invitations = invitations;
        this.cipher = cipher;
        this.policy = new InvitationPolicy(properties);
        this.clock = clock;
    }

    @EventListener
    void on(OrderCompleted event) {
        String phoneIndex = cipher.blindIndex(cipher.decrypt(event.phoneSealed()));
        invitations.add(event.orderId(), event.orderNo(), event.typeCode(), event.orgPath(), event.phoneSealed(), phoneIndex,
                newToken(), event.completedAt(), policy.sendAfter(event.completedAt(), clock.getZone()));
    }

    /** 128 random bits, 22 URL-safe characters: short enough for an SMS parameter, never guessed. */
    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
