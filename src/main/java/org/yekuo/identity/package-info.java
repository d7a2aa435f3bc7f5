/**
 * Staff, roles and org units: who is signed in, what they may do, and which orders they may see
 * (their own org unit and below).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity",
        allowedDependencies = { "audit", "shared" })
package org.yekuo.identity;
