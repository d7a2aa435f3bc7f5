/**
 * Integration with the utility's other systems and its operations: health probes and Prometheus metrics on the
 * management port, structured logs with a trace id per request, the event feed out (CloudEvents by signed webhook,
 * docs/adr/0012) and updates in from other systems with the identity provider's access tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integration",
        allowedDependencies = { "audit", "deadline", "identity", "intake", "review", "shared", "workflow" })
package org.yekuo.integration;
