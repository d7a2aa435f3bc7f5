package org.yekuo.licence;

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

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.support.Browser;
import org.yekuo.support.Subjects;

import com.jayway.jsonpath.JsonPath;

/**
 * A clerk on a phone-sized window photographs an ID card for an order and confirms what was read (R-LIC-3): the
 * marked fields are checked against the card and corrected where needed, and the reading shows as confirmed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LicenceReadingBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Autowired
    LicenceReadings readings;

    @TempDir
    Path files;

    @Test
    @DisplayName("R-LIC-3 on a phone a clerk uploads a photo of an ID card, sees the doubtful fields marked, corrects and confirms them")
    void uploadAPhotoAndConfirmItsFields() throws Exception {
        Assumptions.assumeTrue(readings.ocrAvailable() || "true".equals(System.getenv("CI")), "tesseract-ocr-chi-sim is not installed");
        long orderId = newOrder();
        Sample card = new LicenceImages(99).next(PaperKind.ID_CARD, Spoil.PHONE);
        Path photo = Files.write(files.resolve("身份证.jpg"), card.jpeg());

        try (Browser phone = Browser.open(port, Browser.PHONE)) {
            phone.signIn("clerk", PASSWORD).go("/orders/" + orderId);
            phone.waitFor(By.cssSelector("[data-testid=licence-scans]")).click();
            WebElement form = phone.waitFor(By.cssSelector("[data-testid=scan-form]"));
            new Select(form.findElement(By.id("slot"))).selectByValue("ID_CARD");
            form.findElement(By.id("files")).sendKeys(photo.toAbsolutePath().toString());
            phone.screenshot("licence-01-scan-phone");
            form.findElement(By.cssSelector("[data-testid=scan-submit]")).click();

            WebElement confirm = new WebDriverWait(phone.driver(), Duration.ofSeconds(90))
                    .until(d -> d.findElements(By.cssSelector("[data-testid=confirm-form]")).stream().findFirst().orElse(null));
            List<WebElement> fields = confirm.findElements(By.cssSelector(".licence-field"));
            assertThat(fields).extracting(f -> f.getAttribute("data-field"))
                    .containsExactly("name", "sex", "ethnicity", "birthDate", "address", "idNumber");
            assertThat(phone.driver().findElement(By.id("field-idNumber")).getAttribute("value")).isEqualTo(card.truth().get("idNumber"));
            phone.screenshot("licence-02-reading-phone");
            Long wide = (Long) phone.driver().executeScript("return document.documentElement.scrollWidth");
            assertThat(wide).as("the reading page fits the phone's width").isLessThanOrEqualTo(375);

            // The clerk checks each field against the card and types what the card says where the reading differs.
            for (WebElement field : fields) {
                String name = field.getAttribute("data-field");
                WebElement input = field.findElement(By.tagName("input"));
                if (!card.truth().get(name).equals(input.getAttribute("value"))) {
                    assertThat(field.getAttribute("data-doubtful")).as(name + " read wrong must be marked").isEqualTo("true");
                    input.clear();
                    input.sendKeys(card.truth().get(name));
                }
            }
            phone.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();
            WebElement notice = phone.waitFor(By.cssSelector("[data-testid=notice]"));
            assertThat(notice.getText()).contains("已确认");
            assertThat(phone.waitFor(By.cssSelector("[data-testid=readings]")).getText()).contains("居民身份证").contains("已确认");
            phone.screenshot("licence-03-confirmed-phone");
        }
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
