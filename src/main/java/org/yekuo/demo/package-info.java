/**
 * The demo's order history: a year of finished orders with known properties and a few dozen open ones at every node,
 * written once into an empty database when the demo is on, so that the boards, the insight pages and the reports
 * have something to show on the first start. Open orders go through the product's own services; the finished
 * history is written as those services leave it, in bulk, like the benchmark's generator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo history",
        allowedDependencies = { "audit", "calendar", "catalogue", "deadline", "document", "identity", "insight", "intake",
                "review", "shared", "work", "workflow" })
package org.yekuo.demo;
