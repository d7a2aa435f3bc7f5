package org.yekuo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The utility's OpenID provider for the tests: a real Spring Authorization Server on a port of its own in the
 * tests' JVM, with company accounts whose groups and department the mapping rules of the tests' configuration
 * ({@code org.yekuo.EmbeddedPostgres}) turn into roles and units. Yekuo is its client {@code yekuo}, confidential
 * and held to PKCE. A test can make the next ID token go wrong ({@link #nextIdToken}).
 */
public final class TestIdentityProvider {

    /** The port, chosen when the tests' configuration first asks for the issuer; the server starts on first use. */
    public static final int PORT = freePort();
    public static final String ISSUER = "http://127.0.0.1:" + PORT;
    public static final String CLIENT_ID = "yekuo";
    public static final String CLIENT_SECRET = "yekuo-test-secret";
    public static final String PASSWORD = "company-password";
    /** Where Yekuo is served in the tests that sign in (MockMvc's requests name this host). */
    public static final String YEKUO = "http://127.0.0.1";

    /** A company account: its sign-in name, display name and the claims the directory gives it. */
    public record Account(String username, String name, List<String> groups, String department) {
    }

    /** How the next ID token goes wrong, if at all. */
    public enum IdToken { GOOD, WRONG_AUDIENCE, EXPIRED }

    public static final Map<String, Account> ACCOUNTS = Map.of(
            "zhang.wei", new Account("zhang.wei", "张伟", List.of("staff", "yekuo-clerks", "yekuo-surveyors"), "east-station"),
            "li.na", new Account("li.na", "李娜", List.of("staff", "finance"), "east-station"),
            "wang.fang", new Account("wang.fang", "王芳", List.of("staff", "yekuo-clerks"), "west-station"));

    public static final AtomicReference<IdToken> nextIdToken = new AtomicReference<>(IdToken.GOOD);

    private static ConfigurableApplicationContext server;

    private TestIdentityProvider() {
    }

    /** Starts the provider once per JVM. */
    public static synchronized void start() {
        if (server == null) {
            SpringApplication application = new SpringApplication(Provider.class);
            application.setWebApplicationType(WebApplicationType.SERVLET);
            application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));
            server = application.run();
        }
    }

    /**
     * A back-channel logout token as the provider sends it when a session of {@code subject} ends there ({@code sessionId}
     * null: every session of the account), signed with the provider's key, or with a key of nobody's if {@code forged}.
     */
    public static String logoutToken(String subject, String sessionId, boolean forged) {
        start();
        JWKSource<SecurityContext> keys = forged ? new ImmutableJWKSet<>(new JWKSet(Provider.rsaKey(Provider.rsa())))
                : server.getBean(Provider.class).keys();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of(CLIENT_ID)).subject(subject)
                .issuedAt(Instant.now()).id(UUID.randomUUID().toString())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        if (sessionId != null) {
            claims.claim("sid", sessionId);
        }
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt")
                .build(), claims.build())).getTokenValue();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not a {@code @Configuration}: Yekuo's component scan must not find it. */
    @EnableWebSecurity
    static class Provider {

        private final KeyPair keys = rsa();

        @Bean
        TomcatServletWebServerFactory webServer() {
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(PORT);
            factory.setAddress(java.net.InetAddress.getLoopbackAddress());
            // Tomcat runs filters only for a request some servlet is mapped to; the provider's endpoints are all filters.
            factory.setRegisterDefaultServlet(true);
            return factory;
        }

        /** Without Boot's auto-configuration the security filter is put in front of every request by hand. */
        @Bean
        DelegatingFilterProxyRegistrationBean securityFilter() {
            return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
        }

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                    .exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService companyDirectory() {
            return new InMemoryUserDetailsManager(ACCOUNTS.keySet().stream()
                    .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("STAFF").build()).toList());
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(YEKUO + "/login/oauth2/code/company")
                    .postLogoutRedirectUri(YEKUO + "/login?logout")
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .build());
        }

        private final RSAKey signingKey = rsaKey(keys);

        @Bean
        JWKSource<SecurityContext> keys() {
            return new ImmutableJWKSet<>(new JWKSet(signingKey));
        }

        static RSAKey rsaKey(KeyPair keys) {
            return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        }

        @Bean
        JwtDecoder accessTokens() {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().issuer(ISSUER).build();
        }

        /** The directory's claims in the ID token, and the fault the test asked for. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                Account account = ACCOUNTS.get(context.getPrincipal().getName());
                context.getClaims().claim("preferred_username", account.username()).claim("name", account.name())
                        .claim("groups", account.groups()).claim("department", account.department());
                switch (nextIdToken.getAndSet(IdToken.GOOD)) {
                    case WRONG_AUDIENCE -> context.getClaims().audience(List.of("another-system"));
                    case EXPIRED -> context.getClaims().issuedAt(Instant.now().minus(Duration.ofMinutes(30)))
                            .expiresAt(Instant.now().minus(Duration.ofMinutes(20)));
                    case GOOD -> {
                    }
                }
            };
        }

        static KeyPair rsa() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
