/**
 * The only user of the Flowable engine: process definitions per business-type family, tasks and
 * hand-offs; it turns engine events into domain events for the other modules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflow",
        allowedDependencies = { "identity", "shared" })
package org.yekuo.workflow;
