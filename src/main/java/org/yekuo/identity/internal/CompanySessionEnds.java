package org.yekuo.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yekuo.audit.AuditEntry.Outcome;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.ProblemWriter;

/**
 * The identity provider ends a company session on its own (OpenID Connect back-channel logout, e.g. when the member of
 * staff signs out elsewhere or is disabled in the directory). Spring Security checks the provider's logout token
 * (signature, issuer, audience, the logout event); this records what it ended in the database, so that every node
 * refuses that session at its next request — sessions live in each node's memory, and the provider tells only one.
 */
final class CompanySessionEnds implements LogoutHandler {

    /** A record outlives by far the 30 idle minutes after which the session would have ended anyway. */
    private static final Duration KEPT = Duration.ofDays(1);
    private static final String SESSION_ID = "sid";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditTrail audit;

    CompanySessionEnds(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
    }

    /** Records the end the provider announced; a repeated announcement changes nothing that matters. */
    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
            return;
        }
        // The provider's clock, as the ID tokens it compares with carry the provider's time too.
        Instant endedAt = token.getIssuedAt() == null ? clock.instant() : token.getIssuedAt();
        tx.executeWithoutResult(status -> {
            jdbc.sql("delete from company_session_end where ended_at < ?").param(utc(clock.instant().minus(KEPT))).update();
            jdbc.sql("insert into company_session_end (subject, session_id, ended_at) values (?, ?, ?)")
                    .params(token.getSubject(), token.getSessionId(), utc(endedAt)).update();
        });
        String username = jdbc.sql("select username from staff where company_subject = ?").param(token.getSubject())
                .query(String.class).optional().orElse(token.getSubject());
        audit.recordSecurityEvent(username, token.getSessionId() == null ? IdentityAudit.COMPANY_SESSIONS_ENDED : IdentityAudit.COMPANY_SESSION_ENDED,
                username, null, Outcome.SUCCESS);
    }

    /** Whether the provider has ended the session this ID token began. */
    boolean ended(OidcIdToken token) {
        Instant began = token.getIssuedAt() == null ? Instant.EPOCH : token.getIssuedAt();
        String session = token.getClaimAsString(SESSION_ID);
        return jdbc.sql("""
                        select count(*) from company_session_end
                         where subject = ? and ended_at >= ? and (session_id = ? or session_id is null)""")
                .params(token.getSubject(), utc(began), session)
                .query(Long.class).single() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Ends, at its next request, a company session the provider has ended: pages go to the sign-in page saying so,
     * API calls get a problem document.
     */
    final class Gate extends OncePerRequestFilter {

        private final ProblemWriter problems;

        Gate(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof OidcUser user && ended(user.getIdToken())) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/api/")) {
                    problems.write(request, response, HttpStatus.UNAUTHORIZED, "security.company-session-ended");
                } else {
                    response.sendRedirect(request.getContextPath() + "/login?company=ended");
                }
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
