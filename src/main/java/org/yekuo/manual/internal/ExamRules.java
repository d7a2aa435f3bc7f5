package org.yekuo.manual.internal;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training office's rules for exams and certifications (R-STD-2), under {@code yekuo.manual.exam}: how many
 * questions an exam draws (their points add up to 100, so the number divides 100), how long it runs, the pass
 * mark, how long a certification lasts, how long one stays valid after its chapter changed materially, and how
 * far ahead the board warns of expiry.
 */
@ConfigurationProperties("yekuo.manual.exam")
public record ExamRules(@DefaultValue("20") int questions, @DefaultValue("30m") Duration duration, @DefaultValue("80") int passMark,
        @DefaultValue("P2Y") Period validity, @DefaultValue("30d") Duration renewalGrace, @DefaultValue("60d") Duration expiringWithin) {

    public ExamRules {
        if (questions <= 0 || 100 % questions != 0) {
            throw new IllegalArgumentException("yekuo.manual.exam.questions must divide 100, not " + questions);
        }
        if (passMark <= 0 || passMark > 100) {
            throw new IllegalArgumentException("yekuo.manual.exam.pass-mark must be 1 to 100, not " + passMark);
        }
    }

    public int points() {
        return 100 / questions;
    }
}
