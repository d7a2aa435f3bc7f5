package org.yekuo.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;

/**
 * Failed sign-ins counted per client address before they reach an account's lock-out or the audit log. From one address
 * at most {@code failures-per-account} tries may fail against one account within {@code window} — fewer than the five
 * that lock it, so nobody locks someone else's account from one address — and at most {@code failures-per-address} in
 * all, against password spraying. Beyond that an attempt is refused unheard, with the time it may come again, and only
 * the first refusal of a window is audited.
 * <p>
 * The address is the client's as the servlet container gives it: a trusted proxy's {@code X-Forwarded-For} where one is
 * configured ({@code server.tomcat.remoteip.internal-proxies}), else the socket's peer, so a client cannot choose it.
 * A try is counted before its password is checked, so parallel guesses cannot pass the count together; a success gives
 * its try back and clears its account's count. Counts live in each node's memory: behind a load balancer that spreads
 * one address over n nodes, an address gets n times the budget, and the account lock-out (in the database) still holds.
 */
@Component
class SignInThrottle {

    /** Beyond this many windows the expired ones are swept, so that a flood of addresses cannot grow memory unbounded. */
    private static final int SWEEP_ABOVE = 10_000;

    private final ThrottleProperties properties;
    private final Clock clock;
    private final AuditTrail audit;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    SignInThrottle(ThrottleProperties properties, Clock clock, AuditTrail audit) {
        this.properties = properties;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Counts a try from this address against this account, or refuses it when either budget is spent.
     *
     * @return the counted try, to give back on success; empty when the address is unknown (not a web sign-in)
     * @throws Throttled when the address has failed too often
     */
    Optional<Try> admit(String address, String username) {
        if (address == null || !properties.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(window -> window.endsBy(now));
        }
        Try attempt = new Try("account|" + address + "|" + username, "address|" + address);
        Refusal refusal = count(attempt.accountKey(), properties.failuresPerAccount(), now);
        if (refusal == null) {
            refusal = count(attempt.addressKey(), properties.failuresPerAddress(), now);
            if (refusal != null) {
                giveBack(attempt.accountKey());
            }
        }
        if (refusal != null) {
            if (refusal.first()) {
                audit.recordSecurityEvent(username, IdentityAudit.SIGN_IN_THROTTLED, username,
                        "address=" + address + " minutes=" + properties.window().toMinutes(), Outcome.FAILURE);
            }
            throw new Throttled(Duration.between(now, refusal.until()));
        }
        return Optional.of(attempt);
    }

    /** A try that succeeded: it was no failure, and the account's count from this address starts afresh. */
    void succeeded(Try attempt) {
        windows.remove(attempt.accountKey());
        giveBack(attempt.addressKey());
    }

    private Refusal count(String key, int limit, Instant now) {
        Refusal[] refusal = new Refusal[1];
        windows.compute(key, (k, window) -> {
            Window current = window == null || window.endsBy(now) ? new Window(now.plus(properties.window()), 0, false) : window;
            if (current.failures() >= limit) {
                refusal[0] = new Refusal(current.ends(), !current.announced());
                return new Window(current.ends(), current.failures(), true);
            }
            return new Window(current.ends(), current.failures() + 1, current.announced());
        });
        return refusal[0];
    }

    private void giveBack(String key) {
        windows.computeIfPresent(key, (k, window) -> new Window(window.ends(), Math.max(window.failures() - 1, 0), window.announced()));
    }

    /** One counted try, under the keys of its account and of its address. */
    record Try(String accountKey, String addressKey) {
    }

    private record Window(Instant ends, int failures, boolean announced) {

        boolean endsBy(Instant now) {
            return !ends.isAfter(now);
        }
    }

    private record Refusal(Instant until, boolean first) {
    }

    /** Too many failed sign-ins from one address: answered 429 with {@code Retry-After}, or a page that says how long. */
    static final class Throttled extends AuthenticationException {

        private final Duration retryAfter;

        Throttled(Duration retryAfter) {
            super("Too many failed sign-ins from this address");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds, at least one. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        /** Whole minutes, at least one, for people. */
        long retryAfterMinutes() {
            return Math.max(1, (retryAfterSeconds() + 59) / 60);
        }
    }

    /**
     * Failures from one address against one account (below the account lock-out's five), failures from one address in
     * all, and the window they are counted in; {@code enabled=false} turns the throttle off.
     */
    @ConfigurationProperties("yekuo.security.sign-in-throttle")
    record ThrottleProperties(@DefaultValue("true") boolean enabled, @DefaultValue("4") int failuresPerAccount,
            @DefaultValue("30") int failuresPerAddress, @DefaultValue("15m") Duration window) {
    }
}
