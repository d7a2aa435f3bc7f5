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
import org.yekuo.support.Subjects;

/**
 * R-LIC-1 R-LIC-2 in real Chromium: a counter clerk on the new-order form types the applicant's credit code and phone,
 * sends the consent code, enters the code the applicant reads out and fetches the business licence; name and address
 * fill the form, the licence shows below it, and the accepted order lists the licence. Screens at 1440 and 375 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CounterFetchBrowserTests {

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
    @DisplayName("R-LIC-1 R-LIC-2 at the counter, the clerk fetches the business licence on the new-order form and accepts the order with it")
    void clerkFetchesOnTheNewOrderForm() {
        List<SimulatedLicenceRegistry.Holder> current = ((SimulatedLicenceRegistry) registry).holders().stream()
                .filter(h -> h.organisation() && h.main().validUntil() != null && h.main().validUntil().isAfter(LocalDate.now().plusYears(1)))
                .toList();
        SimulatedLicenceRegistry.Holder holder = current.get(ThreadLocalRandom.current().nextInt(current.size()));
        String phone = Subjects.phone();

        try (Browser clerk = Browser.open(port, new Dimension(1440, 900))) {
            clerk.signIn("clerk", PASSWORD).go("/orders/new");
            WebElement form = clerk.waitFor(By.id("new-order"));
            new Select(form.findElement(By.id("typeCode"))).selectByValue("LV_NONRES_NEW");
            new Select(form.findElement(By.id("applicantKind"))).selectByValue("ORGANISATION");
            form.findElement(By.id("subjectCode")).sendKeys(holder.code());
            form.findElement(By.id("phone")).sendKeys(phone);
            form.findElement(By.id("capacity")).sendKeys("30");
            clerk.waitFor(By.id("counter-send-consent")).click();

            assertThat(clerk.waitFor(By.cssSelector("[data-testid=counter-consent-sent]")).getText()).contains(phone.substring(7));
            assertThat(clerk.driver().findElement(By.id("subjectCode")).getAttribute("value")).isEqualTo(holder.code());
            assertThat(clerk.driver().findElement(By.id("capacity")).getAttribute("value")).isEqualTo("30");
            clerk.driver().findElement(By.id("counter-kind-BUSINESS_LICENCE")).click();
            clerk.driver().findElement(By.id("counter-code")).sendKeys(lastCode(phone));
            clerk.driver().findElement(By.id("counter-fetch")).click();

            assertThat(clerk.waitFor(By.cssSelector("[data-testid=licence-notice]")).getText()).contains("营业执照");
            assertThat(clerk.driver().findElement(By.id("applicantName")).getAttribute("value")).isEqualTo(holder.main().name());
            assertThat(clerk.driver().findElement(By.id("supplyAddress")).getAttribute("value")).isEqualTo(holder.main().address());
            assertThat(clerk.waitFor(By.cssSelector("[data-testid=counter-licence]")).getText())
                    .contains(holder.main().licenceNo(), holder.main().legalRepresentative());
            clerk.driver().manage().window().setSize(new Dimension(1440, 1900));
            clerk.screenshot("counter-fetch-01-desktop-filled");
            clerk.driver().manage().window().setSize(new Dimension(375, 2600));
            clerk.screenshot("counter-fetch-02-phone-filled");
            clerk.driver().manage().window().setSize(new Dimension(1440, 900));

            clerk.driver().findElement(By.id("supplyAddress")).clear();
            clerk.driver().findElement(By.id("supplyAddress")).sendKeys(holder.main().address() + " 配电房");
            clerk.driver().findElement(By.id("accept-submit")).click();
            WebElement panel = clerk.waitFor(By.cssSelector("[data-testid=licence-panel] [data-licence=BUSINESS_LICENCE]"));
            assertThat(panel.getText()).contains("营业执照");
            clerk.screenshot("counter-fetch-03-desktop-accepted");
        }
    }

    private String lastCode(String phone) {
        String body = jdbc.sql("""
                select body from sms_outbox where phone_index = ? and template_code = 'verification-licence-consent'
                order by id desc limit 1""").param(cipher.blindIndex(phone)).query(String.class).single();
        Matcher matcher = SIX_DIGITS.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
