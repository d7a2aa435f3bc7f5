package org.yekuo.identity.internal;

import java.io.IOException;
import java.util.List;

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
 * A password alone opens nothing for an account that proves a second factor: pages lead to the step it still owes
 * (enrolling or entering a code), and the API refuses it, since a Basic sign-in carries no code — such accounts use the
 * API through a page session that proved one.
 */
class SecondFactorGate extends OncePerRequestFilter {

    static final String PAGE = "/login/second-factor";
    private static final List<String> OPEN = List.of("/login", "/logout", "/css/", "/js/", "/webjars/", "/favicon.ico", "/error");

    private final ProblemWriter problems;

    SecondFactorGate(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && staff.secondFactor() != StaffPrincipal.SecondFactorStep.NONE && OPEN.stream().noneMatch(path::startsWith)) {
            if (path.startsWith("/api/") || path.startsWith("/v3/api-docs")) {
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "signin.totp.api-refused");
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
