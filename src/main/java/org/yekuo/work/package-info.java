/**
 * My work: the nodes waiting for a member of staff, signing for one and completing it with what its form asks for,
 * the task pages with what each node needs to be done.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Work",
        allowedDependencies = { "audit", "catalogue", "deadline", "document", "identity", "intake", "shared", "workflow" })
package org.yekuo.work;
