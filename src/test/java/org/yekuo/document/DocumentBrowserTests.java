package org.yekuo.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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
            new WebDriverWait(phone.driver(), Duration.ofSeconds(20)).until(d -> (Boolean) phone.driver()
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
            assertThat(image.getSize().getWidth()).isBetween(100, 375);
            phone.screenshot("document-02-image-phone");

            phone.go("/orders/" + orderId);
            phone.waitFor(By.cssSelector("[data-testid=archive] details.versions summary")).click();
            String earlier = phone.driver().findElement(By.cssSelector("[data-testid=archive] details.versions a")).getAttribute("href");
            phone.driver().get(earlier);
            WebElement viewer = phone.waitFor(By.cssSelector("[data-testid=pdf-viewer]"));
            new WebDriverWait(phone.driver(), Duration.ofSeconds(30)).until(d -> viewer.getAttribute("data-rendered") != null);
            assertThat(viewer.getAttribute("data-rendered")).isEqualTo("true");
            List<WebElement> pages = phone.driver().findElements(By.cssSelector("canvas.pdf-page"));
            assertThat(pages).hasSize(1);
            assertThat(pages.get(0).getSize().getWidth()).isBetween(200, 375);
            phone.screenshot("document-03-pdf-phone");
        }
    }

    private static void upload(Browser browser, Path file) {
        WebElement row = browser.waitFor(By.cssSelector("[data-testid=materials] tr[data-material=PROPERTY_PROOF]"));
        row.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        row.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(row));
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
