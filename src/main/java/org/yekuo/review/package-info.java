/**
 * Parallel department review of supply schemes (R-REV-1..6): rounds of signed opinions against the
 * review guideline, conflicts ruled by the leader in charge, the usual hand-offs of Chinese approval
 * work (transfer, delegate, co-signer, urge, withdraw, copy), the review board and typical cases.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review",
        allowedDependencies = { "audit", "catalogue", "deadline", "document", "identity", "intake", "notification",
                "reporting", "shared", "workflow" })
package org.yekuo.review;
