/**
 * The append-only, hash-chained (SM3) audit log of every state change and security event, and its
 * verification.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
        allowedDependencies = { "shared" })
package org.yekuo.audit;
