package org.yekuo.review;

import org.yekuo.support.Subjects;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.support.Browser;

import com.jayway.jsonpath.JsonPath;

/** A reviewer countersigns in real Chromium: a vague opinion is refused, a MODIFY citing a clause is signed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-REV-2 R-REV-3 an operations reviewer sees only operations clauses and gives a MODIFY opinion citing HV-3")
    void reviewerGivesModifyOpinionWithClause() throws Exception {
        String created = api("POST", "/api/applications", "clerk", """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范机械厂","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 9 号","capacity":800,"capacityUnit":"KVA","agent":false}"""
                .formatted(Subjects.creditCode(), Subjects.phone()));
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            upload(id, material);
        }
        work(id, "clerk", "{}");
        work(id, "surveyor", "{\"meterPosition\":\"配电室\",\"supplyPoint\":\"东郊站\",\"distanceMetres\":\"800\",\"surveyOpinion\":\"可接入\"}");
        work(id, "designer", "{\"supplyVoltage\":\"10kV\",\"supplyPoint\":\"东郊站 10kV 东12线\",\"meteringMethod\":\"HV_HV\",\"tariffCategory\":\"LARGE_INDUSTRIAL\",\"schemeSummary\":\"东郊站 10kV 单电源\"}");
        List<String> opsTask = JsonPath.read(api("GET", "/api/applications/" + id, "ops", null),
                "$.openItems[?('REVIEWER_OPERATIONS' in @.roles)].taskId");

        try (Browser ops = Browser.open(port, Browser.DESKTOP)) {
            ops.signIn("ops", PASSWORD).go("/reviews/tasks/" + opsTask.get(0));
            assertThat(ops.driver().findElements(By.cssSelector("[data-testid=guideline-items] tr[data-clause]")))
                    .extracting(e -> e.getAttribute("data-clause")).contains("HV-3").doesNotContain("HV-9", "HV-20", "HV-23");
            ops.driver().findElement(By.id("open-review")).click();
            ops.waitFor(By.id("opinion-form"));
            ops.driver().findElement(By.id("verdict-MODIFY")).click();
            ops.driver().findElement(By.id("clause-HV-3")).click();
            ops.driver().findElement(By.id("text")).sendKeys("请完善设计");
            ops.driver().findElement(By.id("countersign")).click();
            assertThat(ops.waitFor(By.cssSelector("[data-testid=refusal] [data-field=text]")).getText()).contains("笼统");

            ops.driver().findElement(By.id("text")).clear();
            ops.driver().findElement(By.id("text")).sendKeys("电源点改为东郊站 931 间隔，并增加一回备用电源");
            ops.driver().findElement(By.id("countersign")).click();
            assertThat(ops.waitFor(By.cssSelector("[data-testid=notice]")).getText()).contains("已签署");
            String row = ops.driver().findElement(By.cssSelector("tr[data-department=OPERATIONS]")).getText();
            assertThat(row).contains("修改").contains("HV-3").contains("931");
            ops.screenshot("review-modify-opinion");
        }
    }

    private void work(long id, String user, String fields) throws Exception {
        String task = JsonPath.read(api("GET", "/api/applications/" + id, user, null), "$.openItems[0].taskId");
        api("POST", "/api/tasks/" + task + "/sign-for", user, null);
        api("POST", "/api/tasks/" + task + "/complete", user, "{\"fields\":" + fields + "}");
    }

    private String api(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isLessThan(300);
        return response.body();
    }

    private void upload(long id, String material) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        byte[] pdf = org.yekuo.support.SampleFiles.PDF;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + pdf.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(pdf, 0, body, head.length, pdf.length);
        System.arraycopy(tail, 0, body, head.length + pdf.length, tail.length);
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/applications/" + id + "/materials/" + material))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("clerk:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
