package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.support.Browser;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * The field survey as its people work it in Chromium (R-COL-1): the surveyor on a 375 px phone photographs the meter,
 * draws an arrow, a label and the line route on the photo, measures with units, sends the survey while offline and
 * sees it go when the connection is back; the designer at 1440 px sees the photo with the marks beside the figures;
 * after the scheme is approved the materials clerk confirms stock (R-COL-2).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FieldSurveyBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final Dimension WIDE = new Dimension(1440, 900);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("R-COL-1 R-COL-2 the surveyor on a phone photographs, draws an arrow, measures and sends the survey offline-tolerant; "
            + "the designer sees the photo with the arrow and the numbers; the materials clerk confirms stock")
    void surveyOnThePhoneReachesTheDesignerAndStock() throws Exception {
        long id = hvOrderAtSiteSurvey();
        String orderNo = JsonPath.read(api("GET", "/api/applications/" + id, "clerk", null), "$.orderNo");
        Path jpeg = Files.createTempFile("meter-", ".jpg");
        Files.write(jpeg, SampleFiles.JPEG);

        try (Browser surveyor = Browser.open(port, Browser.PHONE)) {
            var driver = surveyor.driver();
            surveyor.signIn("surveyor", PASSWORD).go("/tasks");
            driver.findElement(By.cssSelector("li[data-order='" + id + "'][data-node=SITE_SURVEY] a")).click();
            driver.findElement(By.id("sign-for")).click();
            surveyor.waitFor(By.id("photo-form"));
            String taskPage = driver.getCurrentUrl();
            driver.findElement(By.id("photo-file")).sendKeys(jpeg.toString());
            new Select(driver.findElement(By.id("photo-kind"))).selectByValue("METER_POSITION");
            driver.findElement(By.id("annotation")).sendKeys("表箱在配电室东墙");
            driver.findElement(By.id("add-photo")).click();
            surveyor.waitFor(By.cssSelector("[data-testid=notice]"));

            // Marks on the photo: an arrow dragged to the meter box, a label beside it, the line route tapped point by point.
            driver.findElement(By.cssSelector("[data-testid^=mark-]")).click();
            surveyor.waitFor(By.id("mark-save"));
            surveyor.until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "var i = document.querySelector('#mark-canvas img'); return i.complete && i.naturalWidth > 0;")));
            WebElement svg = driver.findElement(By.cssSelector("#mark-canvas svg.marks"));
            assertThat(svg.getSize().getWidth()).isBetween(250, 375);
            driver.findElement(By.id("tool-arrow")).click();
            new Actions(driver).moveToElement(svg, -100, 60).clickAndHold().moveByOffset(40, -30).moveByOffset(40, -30).release().perform();
            driver.findElement(By.id("mark-text")).sendKeys("表箱");
            driver.findElement(By.id("tool-label")).click();
            new Actions(driver).moveToElement(svg, 0, -50).click().perform();
            driver.findElement(By.id("tool-route")).click();
            new Actions(driver).moveToElement(svg, -110, 80).click().moveToElement(svg, 20, 70).click().moveToElement(svg, 110, 60).click()
                    .perform();
            driver.findElement(By.id("route-done")).click();
            assertThat(svg.findElements(By.cssSelector("[data-mark]"))).extracting(e -> e.getAttribute("data-mark"))
                    .containsExactly("ARROW", "LABEL", "ROUTE");
            driver.findElement(By.id("mark-save")).click();
            surveyor.until(ExpectedConditions.attributeToBe(By.id("mark-status"), "data-state", "sent"));
            surveyor.screenshot("field-survey-marks-phone");
            long photo = ((Number) JsonPath.read(api("GET", "/api/applications/" + id + "/photos", "surveyor", null), "$[0].id")).longValue();
            String marks = api("GET", "/api/photos/" + photo + "/marks", "surveyor", null);
            assertThat(JsonPath.<List<String>>read(marks, "$.marks[*].kind")).containsExactly("ARROW", "LABEL", "ROUTE");
            // Drawn from lower left up to the right, in the photo's 320 × 240 pixels whatever size it was shown at.
            double x1 = ((Number) JsonPath.read(marks, "$.marks[0].points[0].x")).doubleValue();
            double x2 = ((Number) JsonPath.read(marks, "$.marks[0].points[1].x")).doubleValue();
            double y1 = ((Number) JsonPath.read(marks, "$.marks[0].points[0].y")).doubleValue();
            double y2 = ((Number) JsonPath.read(marks, "$.marks[0].points[1].y")).doubleValue();
            assertThat(x2).isGreaterThan(x1);
            assertThat(y2).isLessThan(y1);
            assertThat(List.of(x1, x2)).allSatisfy(x -> assertThat(x).isBetween(0.0, 320.0));

            // The figures: a distance of 12 km is out of range, and the page says so, naming what is allowed.
            driver.get(taskPage);
            surveyor.waitFor(By.id("node-form"));
            type(surveyor, "meterPosition", "配电室东侧计量柜");
            type(surveyor, "supplyPoint", "110kV 东郊站 10kV 东12线 #18 杆");
            type(surveyor, "distanceMetres", "12");
            new Select(driver.findElement(By.id("distanceMetres-unit"))).selectByValue("km");
            type(surveyor, "lineRouteLength", "0.12");
            new Select(driver.findElement(By.id("lineRouteLength-unit"))).selectByValue("km");
            type(surveyor, "siteTransformerCapacity", "400");
            new Select(driver.findElement(By.id("cableCrossSection"))).selectByValue("35");
            type(surveyor, "surveyOpinion", "具备 10kV 单电源接入条件");
            driver.findElement(By.id("complete")).click();
            assertThat(surveyor.waitFor(By.cssSelector("[data-testid=error-distanceMetres]")).getText())
                    .contains("12 km").contains("0.1–10000 m");

            // Sent while offline: the survey stays on the phone and says so; when the connection is back it goes.
            type(surveyor, "distanceMetres", "35.5");
            new Select(driver.findElement(By.id("distanceMetres-unit"))).selectByValue("m");
            ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
            offline.setOffline(true);
            driver.setNetworkConditions(offline);
            driver.findElement(By.id("complete")).click();
            assertThat(surveyor.waitFor(By.cssSelector("[data-testid=outbox-count]")).getText()).contains("1");
            assertThat(driver.findElement(By.cssSelector("[data-outbox-item=survey]")).getText()).contains(orderNo);
            surveyor.screenshot("field-survey-offline-phone");
            assertThat(openNode(id)).isEqualTo("SITE_SURVEY");
            driver.deleteNetworkConditions();
            driver.executeScript("window.dispatchEvent(new Event('online'));");
            // The page may navigate between finding the retry button and touching it: a node of the old page is
            // then either stale or no longer in the document, and the wait looks again.
            surveyor.until(d -> {
                List<WebElement> retry = driver.findElements(By.id("outbox-retry"));
                try {
                    if (!retry.isEmpty() && retry.get(0).isDisplayed()) {
                        retry.get(0).click();
                    }
                } catch (WebDriverException pageChanged) {
                    // looked again at the next poll
                }
                return driver.getCurrentUrl().contains("/tasks?completed=");
            });
            assertThat(surveyor.waitFor(By.cssSelector("[data-testid=notice]")).getText()).contains("已办结");
            assertThat(driver.findElement(By.id("outbox")).isDisplayed()).isFalse();
        }
        Files.delete(jpeg);
        assertThat(openNode(id)).isEqualTo("SCHEME_DESIGN");
        String recorded = api("GET", "/api/applications/" + id + "/photos", "designer", null);
        assertThat(JsonPath.<List<String>>read(recorded, "$[0].marks[*].kind")).containsExactly("ARROW", "LABEL", "ROUTE");

        try (Browser designer = Browser.open(port, WIDE)) {
            designer.signIn("designer", PASSWORD).go("/tasks");
            designer.driver().findElement(By.cssSelector("li[data-order='" + id + "'][data-node=SCHEME_DESIGN] a")).click();
            WebElement photos = designer.waitFor(By.cssSelector("[data-testid=context-photos]"));
            assertThat(photos.findElement(By.cssSelector("svg.marks line[data-mark=ARROW]")).getAttribute("marker-end")).contains("arrowhead");
            assertThat(photos.findElement(By.cssSelector("svg.marks text[data-mark=LABEL]")).getText()).isEqualTo("表箱");
            WebElement survey = designer.driver().findElement(By.cssSelector("[data-recorded=SITE_SURVEY]"));
            assertThat(survey.findElement(By.cssSelector("[data-field=distanceMetres]")).getText()).isEqualTo("35.5 m");
            assertThat(survey.findElement(By.cssSelector("[data-field=lineRouteLength]")).getText()).isEqualTo("120 m");
            assertThat(survey.findElement(By.cssSelector("[data-field=siteTransformerCapacity]")).getText()).isEqualTo("400 kVA");
            assertThat(survey.findElement(By.cssSelector("[data-field=cableCrossSection]")).getText()).isEqualTo("35 mm²");
            designer.screenshot("field-survey-designer-wide");
        }

        // The designer's bill goes to stock once the scheme is approved, and the materials clerk confirms it.
        long warehouse = warehouse("MTR-3P-CT", 5);
        String design = signFor(id, "designer");
        api("POST", "/api/stock/tasks/" + design + "/bom", "designer", "{\"itemCode\":\"MTR-3P-CT\",\"quantity\":1}");
        api("POST", "/api/tasks/" + design + "/complete", "designer", """
                {"fields":{"supplyVoltage":"10kV","supplyPoint":"110kV 东郊站 10kV 东12线","meteringMethod":"HV_HV",
                "tariffCategory":"LARGE_INDUSTRIAL","schemeSummary":"东郊站 10kV 单电源接入"}}""");
        approve(id);
        try (Browser materials = Browser.open(port, WIDE)) {
            materials.signIn("materials", PASSWORD).go("/stock/requests/" + id);
            new Select(materials.driver().findElement(By.id("warehouseId"))).selectByValue(String.valueOf(warehouse));
            materials.driver().findElement(By.id("confirm")).click();
            materials.waitFor(By.cssSelector("[data-testid=notice]"));
            assertThat(materials.driver().findElement(By.cssSelector("[data-testid=status]")).getText()).isEqualTo("已预留");
        }
        assertThat(jdbc.sql("select l.reserved from stock_level l join stock_item i on i.id = l.item_id where l.warehouse_id = ? "
                + "and i.code = 'MTR-3P-CT'").param(warehouse).query(BigDecimal.class).single()).isEqualByComparingTo("1");
    }

    private long hvOrderAtSiteSurvey() throws Exception {
        String created = api("POST", "/api/applications", "clerk", """
                {"typeCode":"HV_NEW_SINGLE","applicantKind":"ORGANISATION","applicantName":"示范勘查机械厂","subjectCode":"%s",
                 "phone":"%s","supplyAddress":"示范市东郊工业园 21 号","capacity":400,"capacityUnit":"KVA","agent":false}"""
                .formatted(Subjects.creditCode(), Subjects.phone()));
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
            upload(id, material);
        }
        String acceptance = signFor(id, "clerk");
        api("POST", "/api/tasks/" + acceptance + "/complete", "clerk", "{\"fields\":{}}");
        return id;
    }

    /** Operations and marketing pass the scheme. */
    private void approve(long id) throws Exception {
        String order = api("GET", "/api/applications/" + id, "clerk", null);
        List<Map<String, Object>> items = JsonPath.read(order, "$.openItems[?(@.nodeCode == 'SCHEME_REVIEW')]");
        for (Map<String, Object> item : items) {
            @SuppressWarnings("unchecked")
            String user = ((List<String>) item.get("roles")).contains("REVIEWER_OPERATIONS") ? "ops" : "marketing";
            api("POST", "/api/reviews/tasks/" + item.get("taskId") + "/open", user, null);
            api("POST", "/api/reviews/tasks/" + item.get("taskId") + "/opinion", user, "{\"verdict\":\"PASS\",\"clauses\":[],\"text\":\"\"}");
        }
    }

    private long warehouse(String item, int onHand) {
        String code = "WH-S-" + UUID.randomUUID().toString().substring(0, 8);
        String company = jdbc.sql("select path from org_unit where code = 'YK'").query(String.class).single();
        jdbc.sql("insert into stock_warehouse (code, name_zh, name_en, kind, org_path) values (?, '勘查测试仓库', 'Survey test store', 'COMPANY', ?)")
                .params(code, company).update();
        long id = jdbc.sql("select id from stock_warehouse where code = ?").param(code).query(Long.class).single();
        jdbc.sql("insert into stock_level (warehouse_id, item_id, on_hand, threshold) select ?, id, ?, 1 from stock_item where code = ?")
                .params(id, BigDecimal.valueOf(onHand), item).update();
        return id;
    }

    /** Signs for the order's first open node as {@code user}; answers its task. */
    private String signFor(long id, String user) throws Exception {
        String task = JsonPath.read(api("GET", "/api/applications/" + id, user, null), "$.openItems[0].taskId");
        api("POST", "/api/tasks/" + task + "/sign-for", user, null);
        return task;
    }

    private String openNode(long id) throws Exception {
        return JsonPath.read(api("GET", "/api/applications/" + id, "clerk", null), "$.openItems[0].nodeCode");
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
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
        byte[] pdf = SampleFiles.PDF;
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + pdf.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(pdf, 0, body, head.length, pdf.length);
        System.arraycopy(tail, 0, body, head.length + pdf.length, tail.length);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/applications/" + id
                        + "/materials/" + material))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("clerk:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("upload " + material).isLessThan(300);
    }
}
