package org.yekuo.identity.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.yekuo.shared.ProblemWriter;

/**
 * Staff sign in with username and password on the pages (session, CSRF on) and integrators call
 * {@code /api} with HTTP Basic (no session cookie, so no CSRF needed). Unauthenticated API calls get
 * a problem document, pages a redirect to the sign-in page. Where the company's identity provider is configured,
 * staff may sign in with the company account instead ({@link CompanySignIn}). Applicants need no account: the pages
 * under {@code /apply} are public with CSRF on, and {@code /api/public} proves them by SMS code instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String[] PUBLIC = {"/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
            "/public/**", "/api/public/**", "/s/**", "/apply/**",
            "/e/**", "/login/company",
            // The first-start setup, open only while no system administrator exists (FirstStartSetup).
            "/setup"};

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; frame-ancestors 'none'; form-action 'self'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemWriter problems, ObjectProvider<CompanySignIn> companySignIn,
            SessionLimit sessions)
            throws Exception {
        RequestMatcher apiWithCredentials = request -> request.getRequestURI().startsWith("/api/")
                && request.getHeader("Authorization") != null;
        // The public API proves an applicant by a verification code in the request, never by a cookie.
        RequestMatcher publicApi = request -> request.getRequestURI().startsWith("/api/public/");
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/")
                || request.getRequestURI().startsWith("/v3/api-docs");
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(failedSignIn()).permitAll())
                // Wrong credentials on the API are answered like missing ones: a problem body, as the API document says.
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    if (e instanceof SignInThrottle.Throttled throttled) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                        problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "signin.throttled");
                    } else {
                        problems.write(request, response, HttpStatus.UNAUTHORIZED, "security.unauthenticated");
                    }
                }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").addLogoutHandler(sessions))
                // The second factor comes first, then a password that must be changed: both before any page or API call.
                .addFilterBefore(OwedStepGate.secondFactor(problems), AuthorizationFilter.class)
                .addFilterBefore(OwedStepGate.passwordChange(problems), AuthorizationFilter.class)
                // Then a session counts against the account's limit, and one a later sign-in ended goes.
                .addFilterBefore(sessions.gate(problems), AuthorizationFilter.class)
                // The CSRF token and the page a visitor asked for before signing in live in cookies, not in a session:
                // pages anyone can open create no session, so opening them in bulk costs the server no memory.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie()).ignoringRequestMatchers(apiWithCredentials, publicApi))
                .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(
                                (request, response, e) -> problems.write(request, response, HttpStatus.UNAUTHORIZED, "security.unauthenticated"),
                                api)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN, "security.forbidden"),
                                api)
                        // Pages: the container's error page, which renders the product's own 403 page.
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
        CompanySignIn company = companySignIn.getIfAvailable();
        if (company != null) {
            company.configure(http, CONTENT_SECURITY_POLICY, problems);
        }
        return http.build();
    }

    /**
     * A failed sign-in goes back to the sign-in page without keeping the failure in a session it would create; one from an
     * address that failed too often says when it may try again.
     */
    private static AuthenticationFailureHandler failedSignIn() {
        SimpleUrlAuthenticationFailureHandler wrong = new SimpleUrlAuthenticationFailureHandler("/login?error");
        wrong.setAllowSessionCreation(false);
        return (request, response, e) -> {
            if (e instanceof SignInThrottle.Throttled throttled) {
                response.sendRedirect(request.getContextPath() + "/login?throttled=" + throttled.retryAfterMinutes());
            } else {
                wrong.onAuthenticationFailure(request, response, e);
            }
        };
    }

    private static CookieCsrfTokenRepository csrfCookie() {
        CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(org.springframework.context.ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    /** A request the firewall refuses (an encoded NUL or a traversal in the path) gets a problem document too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response, HttpStatus.BAD_REQUEST, "security.request-rejected");
    }
}
