/**
 * Insight: what the history of orders says about the orders still open. The risk forecast of each open
 * node and order, with its reason in words and one early warning when a node's risk crosses the threshold;
 * the customer's clock on the progress page. Read-only over history, through the deadline module's API,
 * and computed in the background, never on the work path.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight",
        allowedDependencies = { "audit", "calendar", "catalogue", "deadline", "identity", "intake", "notification",
                "shared" })
package org.yekuo.insight;
