package org.yekuo.catalogue.internal;

import java.util.List;

/**
 * The edits an administrator can make to a business type. Each names the version it is based on; values
 * stay raw text so that a wrong one is refused naming its field.
 */
public final class Edits {

    private Edits() {
    }

    public record TimeLimitEdit(Integer baseVersion, String amount, String unit, String source, String note) {
    }

    public record MaterialAddition(Integer baseVersion, String materialCode, String deferredUntil, String reason) {
    }

    public record DeferralEdit(Integer baseVersion, String deferredUntil, String reason) {
    }

    public record ReviewersEdit(Integer baseVersion, List<ReviewerInput> reviewers, String reason) {
    }
}
