/**
 * Applications: the applicant, the supply address and capacity, materials on file and deferred, and
 * the one-certificate start that accepts an application on its subject qualification alone.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake",
        allowedDependencies = { "audit", "catalogue", "document", "identity", "notification", "shared", "workflow" })
package org.yekuo.intake;
