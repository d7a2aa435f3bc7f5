package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * R-LIC-5 a counter scan of many pages over the upload limit, through a real servlet container (which enforces the
 * multipart limits): the page gets Yekuo's own refusal, naming the limits and what to do, on the page the scan came
 * from, and the API a problem document naming the field; nothing is filed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScanUploadLimitTests {

    private static final String PASSWORD = "Yekuo@2026";
    /** Two files of 13 MB: each under the 20 MB file limit, together over the 25 MB of one request. */
    private static final int PART = 13 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    @DisplayName("R-LIC-5 a two-file scan over the request limit goes back to the scan page with the limits and what to do, in "
            + "zh-CN and en; nothing is filed")
    void oversizedScanIsRefusedOnThePage() throws Exception {
        long orderId = newOrder();
        String page = "/licences/scans/orders/" + orderId;
        HttpResponse<String> refused = http.send(upload(page, "zh-CN").header("Referer", base() + page).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.headers().firstValue("Location")).hasValue(page);
        String cookie = refused.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(URI.create(base() + page)).header("Cookie", cookie)
                .header("Authorization", basic()).header("Accept-Language", "zh-CN").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("没有上传：文件太大", "20 MB", "25 MB", "分几次上传").doesNotContain("Forbidden");
        assertThat(jdbc.sql("select count(*) from document where order_id = ?").param(orderId).query(Long.class).single()).isZero();

        HttpResponse<String> english = http.send(upload(page, "en").header("Referer", base() + page).build(), HttpResponse.BodyHandlers.ofString());
        String englishCookie = english.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + page + "?lang=en")).header("Cookie", englishCookie)
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("Nothing was uploaded: the files are too large");
    }

    @Test
    @DisplayName("R-LIC-5 R-X-5 an upload over the limit on the API is a 413 problem document naming the field and the limits")
    void oversizedUploadIsAProblemOnTheApi() throws Exception {
        HttpResponse<String> refused = http.send(upload("/api/tasks/" + UUID.randomUUID() + "/photos", "zh-CN").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat((List<String>) JsonPath.read(refused.body(), "$.errors[*].field")).containsExactly("files");
        assertThat((String) JsonPath.read(refused.body(), "$.errors[0].message")).contains("20 MB", "25 MB");
    }

    private HttpRequest.Builder upload(String path, String language) {
        String boundary = "yekuo" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream(2 * PART + 1024);
        byte[] filler = new byte[PART];
        Arrays.fill(filler, (byte) 'x');
        for (String name : List.of("page-1.pdf", "page-2.pdf")) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(filler);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"slot\"\r\n\r\nID_CARD\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", basic()).header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("clerk:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private long newOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"钱文静","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 9 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/applications"))
                        .header("Authorization", basic()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) JsonPath.read(created.body(), "$.id")).longValue();
    }
}
