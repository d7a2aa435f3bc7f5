package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server's front as a proxy and a client meet it (ARCHITECTURE §6b): only the configured proxy (here 127.0.0.2) may
 * name the client's address and say the request came over HTTPS, which makes the cookies Secure and sends HSTS; the
 * same headers from anyone else are ignored, so a client cannot pass for another address in the audit log. Pages anyone
 * can open create no session. Requests go over plain sockets, as each needs its own local address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpFrontTests {

    private static final String PROXY = "127.0.0.2";
    private static final String CLIENT = "127.0.0.1";
    private static final String FORWARDED = "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-X-2 through the trusted proxy over HTTPS the session cookie is Secure and HSTS is sent; the same headers "
            + "from an untrusted client change nothing")
    void onlyTheTrustedProxySaysTheRequestWasSecure() throws Exception {
        Response proxied = send(PROXY, "GET /login HTTP/1.1\r\n" + FORWARDED);
        assertThat(proxied.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(proxied.header("Set-Cookie")).contains("XSRF-TOKEN").contains("Secure");
        assertThat(signIn(PROXY, "admin", "Yekuo@2026").header("Set-Cookie")).contains("JSESSIONID").contains("Secure");

        Response direct = send(CLIENT, "GET /login HTTP/1.1\r\n" + FORWARDED);
        assertThat(direct.header("Strict-Transport-Security")).isEmpty();
        assertThat(direct.header("Set-Cookie")).contains("XSRF-TOKEN").doesNotContain("Secure");
        assertThat(signIn(CLIENT, "admin", "Yekuo@2026").header("Set-Cookie")).contains("JSESSIONID").doesNotContain("Secure");
    }

    @Test
    @DisplayName("R-X-2 pages anyone can open, and a wrong password, create no session: opening them in bulk costs the server "
            + "no memory")
    void anonymousPagesCreateNoSession() throws Exception {
        for (String page : new String[] {"/login", "/", "/s/no-such-token", "/e/no-such-token"}) {
            assertThat(send(CLIENT, "GET " + page + " HTTP/1.1\r\n").header("Set-Cookie")).as(page).doesNotContain("JSESSIONID");
        }
        Response failed = signIn(CLIENT, "nobody." + System.nanoTime(), "wrong-password");
        assertThat(failed.header("Location")).contains("/login?error");
        assertThat(failed.header("Set-Cookie")).doesNotContain("JSESSIONID");
    }

    @Test
    @DisplayName("R-X-2 the online application's first pages create no session: one begins only when an SMS code proved the phone")
    void onlineApplicationStartsWithoutASession() throws Exception {
        for (String page : new String[] {"/apply", "/apply/form", "/apply/submitted"}) {
            Response answer = send(CLIENT, "GET " + page + " HTTP/1.1\r\n");
            assertThat(answer.status()).as(page).isIn(200, 302);
            assertThat(answer.header("Set-Cookie")).as(page).doesNotContain("JSESSIONID");
        }
    }

    @Test
    @DisplayName("R-X-2 an API call signed in with HTTP Basic is stateless: it creates no session, so calls in bulk cost no memory")
    void basicApiCallsCreateNoSession() throws Exception {
        Response answer = basic(CLIENT, "203.0.113.1", "clerk", "Yekuo@2026");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Set-Cookie")).doesNotContain("JSESSIONID");
    }

    @Test
    @DisplayName("R-X-2 a failed sign-in is audited with the client's address: the one the trusted proxy names, else the socket's")
    void signInIsAuditedWithTheClientsAddress() throws Exception {
        String user = "nobody." + System.nanoTime();
        failSignIn(PROXY, user);
        failSignIn(CLIENT, user);
        assertThat(jdbc.sql("select detail from audit_record where action = 'login' and actor = ? order by seq").param(user)
                .query(String.class).list())
                .containsExactly("reason=not-admitted address=203.0.113.9", "reason=not-admitted address=" + CLIENT);
    }

    private void failSignIn(String local, String user) throws IOException {
        Response posted = signIn(local, user, "wrong-password");
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.header("Location")).contains("/login?error");
    }

    @Test
    @DisplayName("R-X-2 failed sign-ins are counted per client address as the trusted proxy names it: the fifth from one "
            + "address answers 429 with Retry-After, and an untrusted client cannot spread its guesses over made-up addresses")
    void failedSignInsAreThrottledPerProxiedClientAddress() throws Exception {
        String user = "nobody.throttle." + System.nanoTime();
        String client = "198.51.100." + (1 + System.nanoTime() % 250);
        for (int i = 0; i < 4; i++) {
            assertThat(basic(PROXY, client, user, "wrong-" + i).status()).isEqualTo(401);
        }
        Response throttled = basic(PROXY, client, user, "wrong-4");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Content-Type")).contains("application/problem+json");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(throttled.body()).contains("signin.throttled");
        assertThat(basic(PROXY, "198.51.100.251", user, "wrong-5").status()).as("another client behind the proxy").isEqualTo(401);

        String spoofer = "nobody.spoof." + System.nanoTime();
        for (int i = 0; i < 4; i++) {
            assertThat(basic(CLIENT, "192.0.2." + (10 + i), spoofer, "wrong-" + i).status()).isEqualTo(401);
        }
        assertThat(basic(CLIENT, "192.0.2.99", spoofer, "wrong-4").status()).isEqualTo(429);
    }

    /** An API call with HTTP Basic credentials from {@code local}, naming {@code client} in X-Forwarded-For. */
    private Response basic(String local, String client, String user, String password) throws IOException {
        String credentials = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(local, "GET /api/catalogue/types HTTP/1.1\r\nX-Forwarded-For: " + client + "\r\nAuthorization: Basic "
                + credentials + "\r\n");
    }

    /** Opens the sign-in page and posts the form with its CSRF token, from {@code local} with the forwarded headers. */
    private Response signIn(String local, String user, String password) throws IOException {
        Response form = send(local, "GET /login HTTP/1.1\r\n" + FORWARDED);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        String cookie = form.header("Set-Cookie").split(";")[0];
        String body = "username=" + user + "&password=" + password + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return send(local, "POST /login HTTP/1.1\r\n" + FORWARDED + "Cookie: " + cookie + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n", body);
    }

    private Response send(String local, String head) throws IOException {
        return send(local, head, "");
    }

    /** One HTTP/1.1 request from the local address {@code local}, the connection closed after the answer. */
    private Response send(String local, String head, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String accept = head.contains("Authorization: Basic") ? "application/json" : "text/html";
            out.write((head + "Host: yekuo.test\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Response.parse(socket.getInputStream());
        }
    }

    private record Response(int status, Map<String, List<String>> headers, String body) {

        static Response parse(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new java.util.ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }

        String header(String name) {
            return String.join("\n", headers.getOrDefault(name, List.of()));
        }
    }
}
