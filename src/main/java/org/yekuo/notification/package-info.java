/**
 * Notifications: SMS from pre-approved templates, written to a transactional outbox with the business
 * change and sent by a cluster-safe dispatcher through a gateway port (a local inbox or an HTTP provider).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification",
        allowedDependencies = { "audit", "identity", "shared" })
package org.yekuo.notification;
