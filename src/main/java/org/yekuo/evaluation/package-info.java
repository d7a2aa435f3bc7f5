/**
 * Service evaluation (R-EVA): after power-on the applicant is invited by SMS to rate the service on a
 * phone, confirmed by a code to the order's phone, one rating per phone a week, suspicious ratings
 * flagged and left out of scores.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation",
        allowedDependencies = { "audit", "catalogue", "collaboration", "identity", "intake", "notification", "reporting",
                "shared", "workflow" })
package org.yekuo.evaluation;
