package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.licence.LicenceImages.Sample;
import org.yekuo.licence.LicenceImages.Spoil;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Browser;
import org.yekuo.support.Subjects;

/**
 * R-LIC-3 R-DOC-1 in real Chromium on a phone: an applicant applying online photographs their business licence on the
 * form, checks the fields read off it (the doubtful ones marked), corrects them and confirms; name, credit code and
 * address fill the form, what was typed stays, and the submitted order has the licence photo as its material with the
 * reading. And without a photo: the applicant consents by SMS code and fetches the e-licence into the form (R-LIC-1,
 * R-LIC-2). Screens at 375 and 1440 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplyPhotoBrowserTests {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    ApplyPhotos photos;
    @Autowired
    LicenceRegistry registry;

    @Test
    @DisplayName("R-LIC-3 R-DOC-1 on /apply the applicant photographs the business licence, confirms its fields into the form and submits")
    void applicantPhotographsTheLicenceOnTheForm() throws Exception {
        Assumptions.assumeTrue(photos.ocrAvailable() || "true".equals(System.getenv("CI")), "tesseract-ocr-chi-sim is not installed");
        Sample licence = new LicenceImages(2028).next(PaperKind.BUSINESS_LICENCE, Spoil.PHONE);
        Path photo = Files.createTempFile("licence-photo", ".jpg");
        Files.write(photo, licence.jpeg());
        String phone = Subjects.phone();
        Map<String, String> truth = licence.truth();

        try (Browser applicant = Browser.open(port, Browser.PHONE)) {
            applicant.go("/apply");
            applicant.waitFor(By.id("phone")).sendKeys(phone);
            applicant.driver().findElement(By.id("send-code")).click();
            applicant.waitFor(By.id("code")).sendKeys(lastCode(phone));
            applicant.driver().findElement(By.id("verify-code")).click();

            WebElement form = applicant.waitFor(By.id("online-application"));
            new Select(form.findElement(By.id("typeCode"))).selectByValue("LV_NONRES_NEW");
            form.findElement(By.id("capacity")).sendKeys("30");
            new Select(form.findElement(By.name("capacityUnit"))).selectByValue("KW");
            new Select(form.findElement(By.id("stationId"))).selectByIndex(1);
            applicant.waitFor(By.id("apply-photo-file")).sendKeys(photo.toString());
            applicant.screenshot("apply-photo-01-phone-form");
            applicant.driver().findElement(By.id("apply-photo-read")).click();

            // The check page: every field with its confidence, the doubtful ones marked.
            applicant.waitFor(By.id("confirm-photo"));
            assertThat(applicant.driver().findElement(By.tagName("h2")).getText()).isEqualTo("营业执照");
            List<WebElement> fields = applicant.driver().findElements(By.cssSelector(".licence-field"));
            assertThat(fields).hasSize(PaperKind.BUSINESS_LICENCE.fields().size());
            assertThat(fields).allSatisfy(f -> assertThat(f.findElement(By.cssSelector(".confidence")).getText()).isNotBlank());
            fields.stream().filter(f -> "true".equals(f.getAttribute("data-doubtful")))
                    .forEach(f -> assertThat(f.getAttribute("class")).contains("doubtful"));
            applicant.screenshot("apply-photo-02-phone-check");
            applicant.driver().manage().window().setSize(new Dimension(1440, 1300));
            applicant.screenshot("apply-photo-03-desktop-check");
            applicant.driver().manage().window().setSize(Browser.PHONE);

            // The applicant corrects every field to what the licence says, then confirms.
            for (String field : PaperKind.BUSINESS_LICENCE.fields()) {
                WebElement input = applicant.driver().findElement(By.id("field-" + field));
                input.clear();
                input.sendKeys(truth.getOrDefault(field, ""));
            }
            applicant.driver().findElement(By.id("confirm-photo")).click();

            applicant.waitFor(By.cssSelector("[data-testid=notice]"));
            WebElement filled = applicant.waitFor(By.id("online-application"));
            assertThat(filled.findElement(By.id("applicantName")).getAttribute("value")).isEqualTo(truth.get("name"));
            assertThat(filled.findElement(By.id("subjectCode")).getAttribute("value")).isEqualTo(truth.get("creditCode"));
            assertThat(filled.findElement(By.id("supplyAddress")).getAttribute("value")).isEqualTo(truth.get("address"));
            assertThat(new Select(filled.findElement(By.id("applicantKind"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("ORGANISATION");
            assertThat(new Select(filled.findElement(By.id("typeCode"))).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("LV_NONRES_NEW");
            assertThat(filled.findElement(By.id("capacity")).getAttribute("value")).isEqualTo("30");
            assertThat(applicant.waitFor(By.cssSelector("[data-testid=apply-photo][data-kind=BUSINESS_LICENCE]"))
                    .getAttribute("data-confirmed")).isEqualTo("true");
            applicant.screenshot("apply-photo-04-phone-filled");
            applicant.driver().manage().window().setSize(new Dimension(1440, 1600));
            applicant.screenshot("apply-photo-05-desktop-filled");
            applicant.driver().manage().window().setSize(Browser.PHONE);

            applicant.driver().findElement(By.id("submit-application")).click();
            String orderNo = applicant.waitFor(By.cssSelector("[data-testid=order-no]")).getText();
            applicant.screenshot("apply-photo-06-phone-submitted");

            long orderId = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
            assertThat(jdbc.sql("select subject from document where order_id = ?").param(orderId).query(String.class).single())
                    .isIn(PaperKind.BUSINESS_LICENCE.materials());
            assertThat(jdbc.sql("select status from licence_reading where order_id = ?").param(orderId).query(String.class).single())
                    .isEqualTo("CONFIRMED");
        } finally {
            Files.deleteIfExists(photo);
        }
    }

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 on /apply on a phone the applicant, applying as an agent, types the credit code, consents by SMS "
            + "code, fetches the business licence into the form and submits; the order files it with its retrieval")
    void applicantFetchesTheLicenceOnTheForm() {
        List<SimulatedLicenceRegistry.Holder> current = ((SimulatedLicenceRegistry) registry).holders().stream()
                .filter(h -> h.organisation() && h.main().validUntil() != null && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)))
                .toList();
        SimulatedLicenceRegistry.Holder holder = current.get(ThreadLocalRandom.current().nextInt(current.size()));
        String phone = Subjects.phone();

        try (Browser applicant = Browser.open(port, Browser.PHONE)) {
            applicant.go("/apply");
            applicant.waitFor(By.id("phone")).sendKeys(phone);
            applicant.driver().findElement(By.id("send-code")).click();
            applicant.waitFor(By.id("code")).sendKeys(lastCode(phone));
            applicant.driver().findElement(By.id("verify-code")).click();
            // The form takes longer than the minute between two codes to one phone; the test does not wait for it.
            jdbc.sql("update verification_code set issued_at = issued_at - interval '2' minute where phone_index = ?")
                    .param(cipher.blindIndex(phone)).update();

            WebElement form = applicant.waitFor(By.id("online-application"));
            new Select(form.findElement(By.id("typeCode"))).selectByValue("LV_NONRES_NEW");
            new Select(form.findElement(By.id("applicantKind"))).selectByValue("ORGANISATION");
            form.findElement(By.id("capacity")).sendKeys("30");
            new Select(form.findElement(By.id("stationId"))).selectByIndex(1);
            form.findElement(By.name("agent")).click();
            // Until the number holds, the panel says what it needs; once it does, it offers the fetch.
            applicant.waitFor(By.cssSelector("[data-testid=apply-fetch-needs-code]"));
            form.findElement(By.id("subjectCode")).sendKeys(holder.code());
            form.findElement(By.id("supplyAddress")).click();
            applicant.screenshot("apply-fetch-01-phone-offer");
            applicant.waitFor(By.id("apply-send-consent")).click();

            assertThat(applicant.waitFor(By.cssSelector("[data-testid=apply-consent-sent]")).getText()).contains(phone.substring(7));
            assertThat(applicant.driver().findElement(By.id("subjectCode")).getAttribute("value")).isEqualTo(holder.code());
            assertThat(applicant.driver().findElement(By.name("agent")).isSelected()).isTrue();
            applicant.driver().findElement(By.id("apply-kind-BUSINESS_LICENCE")).click();
            applicant.driver().findElement(By.id("apply-consent-code")).sendKeys(lastConsentCode(phone));
            applicant.screenshot("apply-fetch-02-phone-code");
            // The phone keyboard's "Go" in the code field fetches, not the form's first lent button ("read photo").
            applicant.driver().findElement(By.id("apply-consent-code")).sendKeys(Keys.ENTER);

            applicant.waitFor(By.cssSelector("[data-testid=notice]"));
            WebElement filled = applicant.waitFor(By.id("online-application"));
            assertThat(filled.findElement(By.id("applicantName")).getAttribute("value")).isEqualTo(holder.main().name());
            assertThat(filled.findElement(By.id("supplyAddress")).getAttribute("value")).isEqualTo(holder.main().address());
            assertThat(filled.findElement(By.id("capacity")).getAttribute("value")).isEqualTo("30");
            assertThat(filled.findElement(By.name("agent")).isSelected()).isTrue();
            WebElement licence = applicant.waitFor(By.cssSelector("[data-testid=apply-licence][data-licence=BUSINESS_LICENCE]"));
            assertThat(licence.getText()).contains(holder.main().licenceNo(), holder.main().legalRepresentative(), "获取于");
            applicant.screenshot("apply-fetch-03-phone-filled");
            applicant.driver().manage().window().setSize(new Dimension(1440, 1600));
            applicant.screenshot("apply-fetch-04-desktop-filled");
            applicant.driver().manage().window().setSize(Browser.PHONE);

            applicant.driver().findElement(By.id("submit-application")).click();
            String orderNo = applicant.waitFor(By.cssSelector("[data-testid=order-no]")).getText();
            long orderId = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
            assertThat(jdbc.sql("select licence_no from order_licence where order_id = ?").param(orderId).query(String.class).single())
                    .isEqualTo(holder.main().licenceNo());
            assertThat(jdbc.sql("select count(*) from licence_retrieval where order_id = ? and outcome = 'RETRIEVED'").param(orderId)
                    .query(Long.class).single()).isEqualTo(1);
            // Applied as an agent: the power of attorney is on the order's checklist.
            assertThat(jdbc.sql("select count(*) from application_material where application_id = ? and material_code = 'POWER_OF_ATTORNEY'")
                    .param(orderId).query(Long.class).single()).isEqualTo(1);
        }
    }

    private String lastConsentCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-licence-consent'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-online-application'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
