package org.yekuo.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.licence.internal.SimulatedLicenceRegistry;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Browser;

/**
 * R-LIC-1 R-LIC-2 in real Chromium on a phone-sized window: an organisation applies online, consents with the code on
 * its phone, fetches its business licence, checks the filled-in fields and confirms them; the progress page then lists
 * the licence and the retrieval. The clerk sees the same on the order's e-licence page at desktop size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LicenceBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    LicenceRegistry registry;

    @Test
    @DisplayName("R-LIC-1 R-LIC-2 apply online from a phone, consent by SMS code, fetch the business licence, confirm its fields")
    void applyConsentFetchOnAPhone() {
        List<SimulatedLicenceRegistry.Holder> current = ((SimulatedLicenceRegistry) registry).holders().stream()
                .filter(h -> h.organisation() && h.main().validUntil() != null && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)))
                .toList();
        SimulatedLicenceRegistry.Holder holder = current.get(ThreadLocalRandom.current().nextInt(current.size()));
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String orderNo;

        try (Browser applicant = Browser.open(port, Browser.PHONE)) {
            applicant.go("/apply");
            applicant.waitFor(By.id("phone")).sendKeys(phone);
            applicant.driver().findElement(By.id("send-code")).click();
            applicant.waitFor(By.id("code")).sendKeys(lastCode(phone, "verification-online-application"));
            applicant.driver().findElement(By.id("verify-code")).click();

            WebElement form = applicant.waitFor(By.id("online-application"));
            new Select(form.findElement(By.id("typeCode"))).selectByValue("LV_NONRES_NEW");
            new Select(form.findElement(By.id("applicantKind"))).selectByValue("ORGANISATION");
            form.findElement(By.id("subjectCode")).sendKeys(holder.code());
            form.findElement(By.id("applicantName")).sendKeys(holder.main().name());
            form.findElement(By.id("supplyAddress")).sendKeys(holder.main().address());
            form.findElement(By.id("capacity")).sendKeys("30");
            new Select(form.findElement(By.name("capacityUnit"))).selectByValue("KW");
            new Select(form.findElement(By.id("stationId"))).selectByIndex(1);
            form.findElement(By.id("submit-application")).click();

            orderNo = applicant.waitFor(By.cssSelector("[data-testid=order-no]")).getText();
            applicant.screenshot("licence-01-phone-submitted");
            // A phone gets one code a minute whatever its purpose: the applicant comes back to consent a little later.
            jdbc.sql("update verification_code set issued_at = issued_at - interval '2 minutes' where phone_index = ?")
                    .param(cipher.blindIndex(phone)).update();
            applicant.driver().findElement(By.cssSelector("[data-testid=licence-fetch-link]")).click();

            applicant.waitFor(By.id("send-consent")).click();
            assertThat(applicant.waitFor(By.cssSelector("[data-testid=consent-sent]")).getText()).contains(phone.substring(7));
            applicant.driver().findElement(By.id("consent-code")).sendKeys(lastCode(phone, "verification-licence-consent"));
            applicant.driver().findElement(By.id("kind-BUSINESS_LICENCE")).click();
            applicant.screenshot("licence-02-phone-consent");
            applicant.driver().findElement(By.id("fetch-licence")).click();

            assertThat(applicant.waitFor(By.cssSelector("[data-testid=fetched]")).getText()).contains("营业执照");
            WebElement name = applicant.driver().findElement(By.id("name-BUSINESS_LICENCE"));
            assertThat(name.getAttribute("value")).isEqualTo(holder.main().name());
            assertThat(applicant.driver().findElement(By.id("rep-BUSINESS_LICENCE")).getAttribute("value"))
                    .isEqualTo(holder.main().legalRepresentative());
            assertThat(scrollWidth(applicant)).isLessThanOrEqualTo(375);
            applicant.driver().manage().window().setSize(new Dimension(375, 1800));
            applicant.screenshot("licence-03-phone-fetched");
            applicant.driver().findElement(By.id("address-BUSINESS_LICENCE")).clear();
            applicant.driver().findElement(By.id("address-BUSINESS_LICENCE")).sendKeys(holder.main().address() + " 1 幢");
            applicant.driver().findElement(By.id("confirm-button-BUSINESS_LICENCE")).click();
            assertThat(applicant.waitFor(By.cssSelector("[data-testid=confirmed]")).getText()).contains("营业执照");
            assertThat(applicant.waitFor(By.cssSelector("[data-testid=licence-retrievals]")).getText()).contains("申请人本人")
                    .contains("已获取");

            applicant.driver().findElement(By.cssSelector("[data-testid=back-to-progress]")).click();
            WebElement panel = applicant.waitFor(By.cssSelector("[data-testid=licence-progress-panel] li[data-licence=BUSINESS_LICENCE]"));
            assertThat(panel.getText()).contains("营业执照").contains("有效");
            applicant.screenshot("licence-04-phone-progress");
        }

        long orderId = jdbc.sql("select id from application where order_no = ?").param(orderNo).query(Long.class).single();
        assertThat(jdbc.sql("select state from application_material where application_id = ? and material_code = 'BUSINESS_LICENCE'")
                .param(orderId).query(String.class).single()).isEqualTo("SUPPLIED");
        try (Browser clerk = Browser.open(port, Browser.DESKTOP)) {
            clerk.signIn("clerk", PASSWORD).go("/licences/orders/" + orderId);
            WebElement licence = clerk.waitFor(By.cssSelector("section[data-licence=BUSINESS_LICENCE]"));
            assertThat(licence.getText()).contains(holder.main().address() + " 1 幢").contains(holder.main().name());
            assertThat(clerk.driver().findElement(By.cssSelector("[data-testid=licence-retrievals]")).getText()).contains("申请人本人");
            clerk.screenshot("licence-05-clerk-order-licences");
        }
    }

    private static long scrollWidth(Browser browser) {
        return ((Number) browser.driver().executeScript("return document.documentElement.scrollWidth")).longValue();
    }

    private String lastCode(String phone, String template) {
        String body = jdbc.sql("select body from sms_outbox where phone_index = ? and template_code = ? order by id desc limit 1")
                .params(cipher.blindIndex(phone), template).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
