package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.StaffMember;
import org.yekuo.identity.StaffMembers;
import org.yekuo.support.Browser;
import org.yekuo.support.SampleFiles;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * The archive in real Chromium on a phone-sized window (R-DOC-5): a clerk supplies a scan as a PDF and
 * again as a photo, the order page lists both versions, and the viewer shows the PDF through pdf.js and the
 * photo inline, both fitting the screen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DocumentBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Autowired
    SignedRecords records;

    @Autowired
    StaffMembers staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path files;

    @Test
    @DisplayName("R-DOC-5 R-LIC-5 on a phone a clerk supplies a PDF and then a photo of a material; both open in the viewer within "
            + "the screen's width")
    void opensPdfAndImageOnAPhone() throws Exception {
        long orderId = newOrder();
        Path pdf = Files.write(files.resolve("产权证明.pdf"), SampleFiles.pdf("Property certificate"));
        Path photo = Files.write(files.resolve("产权证明-照片.jpg"), SampleFiles.image("jpeg", 1200, 900));

        try (Browser phone = Browser.open(port, Browser.PHONE)) {
            phone.signIn("clerk", PASSWORD).go("/orders/" + orderId);
            upload(phone, pdf);
            upload(phone, photo);
            WebElement archive = phone.waitFor(By.cssSelector("[data-testid=archive]"));
            assertThat(archive.getText()).contains("第 2 版").contains("历史版本（1）");
            phone.screenshot("document-01-archive-phone");

            String current = archive.findElement(By.cssSelector("tr[data-document] td a")).getAttribute("href");
            phone.driver().get(current);
            WebElement image = phone.waitFor(By.cssSelector("[data-testid=image]"));
            phone.until(d -> (Boolean) phone.driver()
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
            assertThat(image.getSize().getWidth()).isBetween(100, 375);
            phone.screenshot("document-02-image-phone");

            phone.go("/orders/" + orderId);
            phone.waitFor(By.cssSelector("[data-testid=archive] details.versions summary")).click();
            String earlier = phone.driver().findElement(By.cssSelector("[data-testid=archive] details.versions a")).getAttribute("href");
            phone.driver().get(earlier);
            WebElement viewer = phone.waitFor(By.cssSelector("[data-testid=pdf-viewer]"));
            phone.until(d -> viewer.getAttribute("data-rendered") != null);
            assertThat(viewer.getAttribute("data-rendered")).isEqualTo("true");
            List<WebElement> pages = phone.driver().findElements(By.cssSelector("canvas.pdf-page"));
            assertThat(pages).hasSize(1);
            assertThat(pages.get(0).getSize().getWidth()).isBetween(200, 375);
            phone.screenshot("document-03-pdf-phone");
        }
    }

    @Test
    @DisplayName("R-DOC-3 R-DOC-6 on a phone the surveyor signs the survey record with a finger, and on a desktop the inspector has the "
            + "customer sign the completion-acceptance report: each lands as the record's next version, shown as a valid hand "
            + "signature under a valid countersignature")
    void surveyorSignsOnAPhoneAndTheCustomerOnAScreen() throws Exception {
        long orderId = newOrder();
        completeNode(orderId, "clerk", "{}");
        completeNode(orderId, "surveyor", """
                {"meterPosition":"东墙外表箱","supplyPoint":"3号公变","distanceMetres":"35.5","surveyOpinion":"具备接入条件"}""");
        String archive = api("GET", "/api/orders/" + orderId + "/documents", "clerk", null).body();
        List<Integer> survey = JsonPath.read(archive, "$[?(@.subject == 'SITE_SURVEY_RECORD')].id");
        assertThat(survey).hasSize(1);

        try (Browser phone = Browser.open(port, Browser.PHONE)) {
            phone.signIn("surveyor", PASSWORD).go("/documents/" + survey.get(0));
            signOnCanvas(phone);
            WebElement signed = phone.waitFor(By.cssSelector("[data-testid=hand-signatures] li[data-bound=true]"));
            assertThat(signed.getText()).contains("签名有效").contains("经办人员");
            assertThat(phone.driver().getCurrentUrl()).doesNotEndWith("/documents/" + survey.get(0));
            assertThat(phone.driver().findElements(By.cssSelector("[data-testid=signatures] li[data-valid=true]"))).hasSize(2);
            assertThat(phone.driver().findElements(By.cssSelector("[data-testid=hand-signing]"))).as("signed once").isEmpty();
            phone.screenshot("document-04-hand-signed-phone");
        }

        long report = issueCompletionReport(orderId);
        try (Browser desktop = Browser.open(port, Browser.DESKTOP)) {
            desktop.signIn("inspector", PASSWORD).go("/documents/" + report);
            WebElement form = desktop.waitFor(By.cssSelector("[data-testid=hand-signing]"));
            new org.openqa.selenium.support.ui.Select(form.findElement(By.name("signer"))).selectByValue("CUSTOMER");
            form.findElement(By.name("signerName")).sendKeys("钱文静");
            signOnCanvas(desktop);
            WebElement signed = desktop.waitFor(By.cssSelector("[data-testid=hand-signatures] li[data-bound=true]"));
            assertThat(signed.getText()).contains("客户").contains("钱*静").doesNotContain("钱文静");
            desktop.screenshot("document-05-customer-signed-desktop");
        }
    }

    /** Draws a short scribble on the signing canvas and sends it; answers once the signed version is shown. */
    private static void signOnCanvas(Browser browser) {
        WebElement canvas = browser.waitFor(By.cssSelector("[data-testid=hand-canvas]"));
        // The document's preview renders after the page loads and pushes the pad down: draw once the page stands still.
        browser.driver().findElements(By.cssSelector("[data-testid=pdf-viewer]"))
                .forEach(viewer -> browser.until(d -> viewer.getAttribute("data-rendered") != null));
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", canvas);
        int width = canvas.getSize().getWidth();
        int height = canvas.getSize().getHeight();
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .moveToElement(canvas, -width / 3, 0).clickAndHold()
                .moveByOffset(width / 10, -height / 4).moveByOffset(width / 10, height / 3)
                .moveByOffset(width / 10, -height / 4).moveByOffset(width / 10, height / 5).release().perform();
        browser.screenshot("document-hand-signing-" + width);
        String before = browser.driver().getCurrentUrl();
        browser.driver().findElement(By.cssSelector("[data-testid=hand-signing] button[type=submit]")).click();
        browser.until(d -> !d.getCurrentUrl().equals(before));
    }

    private long issueCompletionReport(long orderId) {
        StaffMember inspector = staff.byUsername("inspector").orElseThrow();
        CurrentUser signer = new CurrentUser(inspector.id(), inspector.username(), inspector.displayName(), inspector.orgUnitId(), "-",
                "-", inspector.orgPath(), "/", inspector.roles());
        var order = jdbc.sql("select order_no, org_path from application where id = ?").param(orderId)
                .query((rs, row) -> new DocumentOwner(orderId, rs.getString("order_no"), rs.getString("org_path"))).single();
        RecordSheet sheet = new RecordSheet("竣工检验报告", List.of(new RecordSheet.Line("检验结论", "合格")), "经检验合格。");
        return transactions.execute(status -> records.issue(order, "COMPLETION_ACCEPTANCE_REPORT", "COMPLETION_ACCEPTANCE", sheet,
                signer)).id();
    }

    /** Signs for the order's open node as {@code user} and completes it with {@code fields}. */
    private void completeNode(long orderId, String user, String fields) throws Exception {
        String order = api("GET", "/api/applications/" + orderId, user, null).body();
        String taskId = JsonPath.read(order, "$.openItems[0].taskId");
        assertThat(api("POST", "/api/tasks/" + taskId + "/sign-for", user, "").statusCode()).isEqualTo(200);
        HttpResponse<String> done = api("POST", "/api/tasks/" + taskId + "/complete", user, "{\"fields\":" + fields + "}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private HttpResponse<String> api(String method, String path, String user, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void upload(Browser browser, Path file) {
        WebElement row = browser.waitFor(By.cssSelector("[data-testid=materials] tr[data-material=PROPERTY_PROOF]"));
        row.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        row.findElement(By.cssSelector("button[type=submit]")).click();
        browser.until(ExpectedConditions.stalenessOf(row));
        assertThat(browser.waitFor(By.cssSelector("[data-testid=notice], [data-testid=refusal]")).getAttribute("data-testid"))
                .isEqualTo("notice");
    }

    private long newOrder() throws Exception {
        String body = """
                {"typeCode":"LV_RES_NEW","applicantKind":"PERSON","applicantName":"钱文静","subjectCode":"%s","phone":"%s",
                 "supplyAddress":"示范市城东区人民路 9 号","capacity":8,"capacityUnit":"KW","agent":false}"""
                .formatted(Subjects.idNumber(), Subjects.phone());
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/applications"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("clerk:" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ((Number) JsonPath.read(created.body(), "$.id")).longValue();
    }
}
