package org.yekuo.licence.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import org.yekuo.licence.LicenceRegistry;
import org.yekuo.shared.Sampled;

/**
 * The government data platform as operations see it ({@code licencePlatform}, part of readiness): DEGRADED when it does
 * not answer or its circuit is open. The node still serves (staff and applicants go on by hand and fetch later), so it
 * stays ready, but the probe's details name the platform. The answer is kept for a few seconds so that probes do not
 * hammer the platform.
 */
@Component("licencePlatformHealthIndicator")
class LicencePlatformHealth implements HealthIndicator {

    static final Status UNREACHABLE = new Status("DEGRADED", "the e-licence platform does not answer; licences are entered by hand");

    private final LicenceRegistry registry;
    private final Sampled<Boolean> reachable;

    LicencePlatformHealth(LicenceRegistry registry, Clock clock) {
        this.registry = registry;
        this.reachable = new Sampled<>(registry::reachable, Duration.ofSeconds(10), clock);
    }

    @Override
    public Health health() {
        Health.Builder health = reachable.get() ? Health.up() : Health.status(UNREACHABLE);
        health.withDetail("registry", registry.name());
        if (registry instanceof HttpLicenceRegistry http) {
            health.withDetail("circuit", http.breakerState().name().toLowerCase());
        }
        return health.build();
    }
}
