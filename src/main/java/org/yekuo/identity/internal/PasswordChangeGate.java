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
 * A member of staff whose password was set by an administrator or has expired does nothing else until they choose a new
 * one: pages lead to the password page, API calls are refused with a problem that says why.
 */
class PasswordChangeGate extends OncePerRequestFilter {

    static final String PAGE = "/account/password";
    private static final List<String> OPEN = List.of(PAGE, "/logout", "/login", "/css/", "/js/", "/webjars/", "/favicon.ico",
            "/error");

    private final ProblemWriter problems;

    PasswordChangeGate(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && staff.passwordChangeRequired() && OPEN.stream().noneMatch(path::startsWith)) {
            if (path.startsWith("/api/")) {
                problems.write(request, response, HttpStatus.FORBIDDEN, "security.password-change-required");
            } else {
                response.sendRedirect(request.getContextPath() + PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
