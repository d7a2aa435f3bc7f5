package org.yekuo.licence.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.yekuo.licence.LicenceRegistry;
import org.yekuo.shared.Sampled;

/**
 * The government data platform as operations see it ({@code licencePlatform}): DOWN when it does not answer or its
 * circuit is open. The order goes on by hand meanwhile, so whether this belongs in readiness is the deployment's
 * choice. The answer is kept for a few seconds so that probes do not hammer the platform.
 */
@Component("licencePlatformHealthIndicator")
class LicencePlatformHealth implements HealthIndicator {

    private final LicenceRegistry registry;
    private final Sampled<Boolean> reachable;

    LicencePlatformHealth(LicenceRegistry registry, Clock clock) {
        this.registry = registry;
        this.reachable = new Sampled<>(registry::reachable, Duration.ofSeconds(10), clock);
    }

    @Override
    public Health health() {
        Health.Builder health = reachable.get() ? Health.up() : Health.down();
        health.withDetail("registry", registry.name());
        if (registry instanceof HttpLicenceRegistry http) {
            health.withDetail("circuit", http.breakerState().name().toLowerCase());
        }
        return health.build();
    }
}
