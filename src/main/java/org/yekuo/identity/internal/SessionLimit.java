package org.yekuo.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.ProblemWriter;

/**
 * A member of staff holds at most {@code yekuo.security.max-sessions} interactive sessions (MLPS 2.0 level 3: the
 * concurrent sessions of one account are limited). A further sign-in ends the oldest: its user sees, at their next
 * request on any node, that the account signed in elsewhere and when. The sessions live in each node's memory, so the
 * count is kept in the database ({@code staff_session}), where every node reads it.
 * <p>
 * A session counts once it may open pages: after the second factor, so that someone who only knows the password cannot
 * end the owner's sessions. Basic API calls have no session and are not counted. A session idle for longer than the
 * session time-out has ended on its own and no longer counts, even if its node died without saying so.
 */
@Component
public class SessionLimit implements LogoutHandler {

    static final String TICKET = SessionLimit.class.getName() + ".ticket";
    static final String SUPERSEDED = "SUPERSEDED";
    private static final String SIGNED_OUT = "SIGNED_OUT";
    /** How often a session's last request is written down: a write per request would cost more than it tells. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** Rows of ended sessions are kept this long after their last request, for the page and the investigation. */
    private static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditTrail audit;
    private final SessionLimitProperties properties;
    private final Duration idleTimeout;
    private final boolean waiversCount;

    SessionLimit(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit, SessionLimitProperties properties,
            @Value("${server.servlet.session.timeout:30m}") Duration idleTimeout, Environment environment) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
        this.idleTimeout = idleTimeout;
        this.waiversCount = !environment.matchesProfiles("prod");
    }

    /** The most sessions one account may hold at once. */
    public int maxSessions() {
        return properties.maxSessions();
    }

    /**
     * Counts a new session of this member of staff and ends their oldest beyond the limit, in one transaction that holds
     * the account's row, so that two sign-ins at once on two nodes cannot both keep one session too many.
     */
    String begin(StaffPrincipal staff) {
        String ticket = UUID.randomUUID().toString();
        Instant now = clock.instant();
        List<String> ended = tx.execute(status -> {
            boolean waived = jdbc.sql("select session_limit_waived from staff where id = ? for update").param(staff.id())
                    .query(Boolean.class).single();
            jdbc.sql("delete from staff_session where staff_id = ? and last_seen_at < ?")
                    .params(staff.id(), utc(now.minus(KEPT))).update();
            jdbc.sql("insert into staff_session (id, staff_id, started_at, last_seen_at) values (?, ?, ?, ?)")
                    .params(ticket, staff.id(), utc(now), utc(now)).update();
            if (waived && waiversCount) {
                return List.of();
            }
            List<String> open = jdbc.sql("""
                            select id from staff_session
                             where staff_id = ? and ended_at is null and last_seen_at >= ?
                             order by started_at desc, id""")
                    .params(staff.id(), utc(now.minus(idleTimeout).minus(TOUCH_EVERY))).query(String.class).list();
            List<String> beyond = open.stream().filter(id -> !id.equals(ticket)).skip(Math.max(0, maxSessions() - 1)).toList();
            beyond.forEach(id -> jdbc.sql("update staff_session set ended_at = ?, end_reason = ? where id = ? and ended_at is null")
                    .params(utc(now), SUPERSEDED, id).update());
            return beyond;
        });
        ended.forEach(id -> audit.recordSecurityEvent(staff.getUsername(), IdentityAudit.SESSION_SUPERSEDED, staff.getUsername(),
                "limit=" + maxSessions(), Outcome.SUCCESS));
        return ticket;
    }

    /** The session of this ticket, if a row still names it (a restored database may have lost it). */
    private Optional<Row> find(String ticket) {
        return jdbc.sql("select last_seen_at, ended_at, end_reason from staff_session where id = ?").param(ticket)
                .query((rs, n) -> new Row(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
                        rs.getString(3)))
                .optional();
    }

    /**
     * When a later sign-in ended the session of this ticket, if one did; otherwise notes the request, counting the
     * session anew if no row names it.
     */
    Optional<Instant> supersededAt(String ticket, StaffPrincipal staff, HttpSession session) {
        Optional<Row> row = ticket == null ? Optional.empty() : find(ticket);
        if (row.isEmpty()) {
            session.setAttribute(TICKET, begin(staff));
            return Optional.empty();
        }
        if (SUPERSEDED.equals(row.get().endReason())) {
            return Optional.of(row.get().endedAt());
        }
        Instant now = clock.instant();
        if (row.get().lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
            jdbc.sql("update staff_session set last_seen_at = ? where id = ?").params(utc(now), ticket).update();
        }
        return Optional.empty();
    }

    /** Signing out ends the session's row at once, so that it no longer counts on any node. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(TICKET) instanceof String ticket) {
            jdbc.sql("update staff_session set ended_at = ?, end_reason = ? where id = ? and ended_at is null")
                    .params(utc(clock.instant()), SIGNED_OUT, ticket).update();
        }
    }

    Gate gate(ProblemWriter problems) {
        return new Gate(problems);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Row(Instant lastSeenAt, Instant endedAt, String endReason) {
    }

    /**
     * Counts a session at its first request past the second factor and the password change, and ends one that a later
     * sign-in superseded: pages go to the sign-in page that says so and when, API calls get a problem document.
     */
    final class Gate extends OncePerRequestFilter {

        private final ProblemWriter problems;

        private Gate(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            HttpSession session = request.getSession(false);
            if (session == null || authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal staff)
                    || staff.secondFactor() != StaffPrincipal.SecondFactorStep.NONE) {
                chain.doFilter(request, response);
                return;
            }
            Optional<Instant> superseded;
            synchronized (WebUtils.getSessionMutex(session)) {
                superseded = supersededAt(session.getAttribute(TICKET) instanceof String ticket ? ticket : null, staff, session);
            }
            if (superseded.isPresent()) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/api/") || path.startsWith("/v3/api-docs")) {
                    problems.write(request, response, HttpStatus.UNAUTHORIZED, "security.session-superseded");
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?superseded=" + superseded.get().getEpochSecond());
                }
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * How many interactive sessions one account may hold at once: 2, a desk and a phone (a surveyor signs in on both), so
     * that a third means a shared or stolen password, which the owner learns of at once.
     */
    @ConfigurationProperties("yekuo.security")
    record SessionLimitProperties(@DefaultValue("2") int maxSessions) {
    }
}
