/**
 * Integration with the utility's other systems and its operations: health probes and Prometheus metrics on the
 * management port, structured logs with a trace id per request, and (see docs/adr/0012) the event feed out.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integration")
package org.yekuo.integration;
