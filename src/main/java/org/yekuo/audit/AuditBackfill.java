package org.yekuo.audit;

import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes records of changes that happened earlier, in the names of whoever made them: the only way to put a back-dated
 * record on the chain. It exists only where the demo seeds its history ({@code yekuo.demo.enabled} and
 * {@code yekuo.demo.history}) and refuses to start under the {@code prod} profile, so a production instance has no way
 * to write a record in someone else's name or at another time than now.
 */
@Component
@ConditionalOnProperty(prefix = "yekuo.demo", name = { "enabled", "history" }, havingValue = "true")
public class AuditBackfill {

    private final AuditTrail trail;

    AuditBackfill(AuditTrail trail, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("yekuo.demo.history must be false under the prod profile");
        }
        this.trail = trail;
    }

    /**
     * Records a change made by {@code actor} at {@code at}, in the caller's transaction. It is chained like every other
     * record; its place in the chain says when it was written, its time when the change happened.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, Instant at, AuditAction action, String subjectType, String subjectId, String detail) {
        trail.recordEarlier(actor, at, action, subjectType, subjectId, detail);
    }
}
