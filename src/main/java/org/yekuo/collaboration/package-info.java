/**
 * Collaboration across departments (R-COL-3): coordination questions on an order, answered by the
 * department asked within working hours or escalated to its head and then to the leader in charge, with
 * the asker accepting or reopening the answer; the responsibility chart of the stages (R-COL-4); scheme changes that
 * reach those who worked from the scheme (R-COL-7); and a completed order's responsibility chain, to which quality
 * problems found later are traced (R-COL-6).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Collaboration",
        allowedDependencies = { "audit", "calendar", "catalogue", "deadline", "document", "identity", "insight", "intake",
                "notification", "reporting", "review", "shared", "stock", "workflow" })
package org.yekuo.collaboration;
