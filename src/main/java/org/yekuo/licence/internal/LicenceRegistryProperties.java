package org.yekuo.licence.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The government data platform ({@code yekuo.licence.registry.*}). {@code simulator} (default) serves a register
 * generated from {@code simulator.seed}, {@code simulator.size} organisations and as many persons, after
 * {@code simulator.latency}; {@code simulator.outage} makes it unreachable and codes in {@code simulator.unknown}
 * are not found, for trying the failure paths. {@code http} asks {@code http.url} with a time-out per attempt,
 * {@code http.attempts} attempts, and a circuit breaker that stops asking for {@code http.open-for} once half of
 * the last {@code http.window} calls failed.
 */
@ConfigurationProperties("yekuo.licence.registry")
public record LicenceRegistryProperties(
        @DefaultValue("simulator") Mode mode,
        @DefaultValue Simulator simulator,
        @DefaultValue Http http) {

    public enum Mode {
        SIMULATOR, HTTP
    }

    public record Simulator(@DefaultValue("20260601") long seed, @DefaultValue("200") int size, @DefaultValue("0ms") Duration latency,
            @DefaultValue("false") boolean outage, @DefaultValue List<String> unknown) {
    }

    public record Http(URI url, String token, @DefaultValue("3s") Duration timeout, @DefaultValue("3") int attempts,
            @DefaultValue("300ms") Duration retryWait, @DefaultValue("10") int window, @DefaultValue("30s") Duration openFor) {
    }
}
