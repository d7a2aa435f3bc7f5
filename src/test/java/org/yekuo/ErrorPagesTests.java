package org.yekuo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Error pages go through the real servlet container, so they are checked over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorPagesTests {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("R-X-1 a page outside one's roles answers 403 with an explanation in Chinese inside the usual menu")
    void forbiddenPageIsExplained() throws Exception {
        HttpResponse<String> response = get("/audit", "clerk", null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("无权访问").contains("返回工作台").contains("我的待办");
    }

    @Test
    @DisplayName("R-X-1 an unknown page answers 404 in the reader's language")
    void unknownPageIsExplainedInEnglishToo() throws Exception {
        HttpResponse<String> response = get("/no-such-page", "clerk", "en");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Page not found");
    }

    private HttpResponse<String> get(String path, String user, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":Yekuo@2026").getBytes(StandardCharsets.UTF_8)));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
