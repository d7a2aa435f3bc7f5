package org.yekuo.identity.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yekuo.shared.ProblemWriter;

/**
 * A signed-in member of staff who still owes a step does nothing else until it is done: pages lead to the step's page, API
 * calls are refused with a problem that says why.
 */
final class OwedStepGate extends OncePerRequestFilter {

    private static final List<String> OPEN = List.of("/login", "/logout", "/css/", "/js/", "/webjars/", "/favicon.ico", "/error");

    private final Predicate<StaffPrincipal> owes;
    private final String page;
    private final HttpStatus apiStatus;
    private final String apiProblem;
    private final ProblemWriter problems;

    private OwedStepGate(Predicate<StaffPrincipal> owes, String page, HttpStatus apiStatus, String apiProblem, ProblemWriter problems) {
        this.owes = owes;
        this.page = page;
        this.apiStatus = apiStatus;
        this.apiProblem = apiProblem;
        this.problems = problems;
    }

    /**
     * A password alone opens nothing for an account that proves a second factor: pages lead to enrolling or entering a
     * code, and the API refuses it, since a Basic sign-in carries no code — such accounts use the API through a page
     * session that proved one.
     */
    static OwedStepGate secondFactor(ProblemWriter problems) {
        return new OwedStepGate(staff -> staff.secondFactor() != StaffPrincipal.SecondFactorStep.NONE, "/login/second-factor",
                HttpStatus.UNAUTHORIZED, "signin.totp.api-refused", problems);
    }

    /** A password set by an administrator or expired is changed before anything else. */
    static OwedStepGate passwordChange(ProblemWriter problems) {
        return new OwedStepGate(StaffPrincipal::passwordChangeRequired, "/account/password", HttpStatus.FORBIDDEN,
                "security.password-change-required", problems);
    }

    /** Each gate runs once per request; by default gates of one class would share the mark and the second be skipped. */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return OwedStepGate.class.getName() + page + ".FILTERED";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff && owes.test(staff)
                && !path.startsWith(page) && OPEN.stream().noneMatch(path::startsWith)) {
            if (path.startsWith("/api/") || path.startsWith("/v3/api-docs")) {
                problems.write(request, response, apiStatus, apiProblem);
            } else {
                response.sendRedirect(request.getContextPath() + page);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
