package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.shared.PublicAddress;
import org.yekuo.support.Browser;

/**
 * An LV residential order in real Chromium: accepted at the counter on the ID card alone, surveyed on a
 * phone-sized window, and followed by the applicant through the QR code's link.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Autowired
    PublicAddress publicAddress;

    @Test
    @DisplayName("R-MAT-3 R-COL-1 R-COL-5 R-DOC-4 a clerk accepts on the ID card alone, a surveyor surveys on a phone, "
            + "the applicant's QR page shows the new node")
    void counterFieldAndApplicant() {
        String idNumber = idNumber();
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        long orderId;
        String orderNo;
        String progressLink;

        try (Browser counter = Browser.open(port, Browser.DESKTOP)) {
            counter.signIn("clerk", PASSWORD).go("/orders/new");
            WebElement form = counter.waitFor(By.id("new-order"));
            assertThat(counter.driver().findElements(By.cssSelector(".sidebar nav a.active")))
                    .extracting(WebElement::getText).containsExactly("\u4e1a\u52a1\u53d7\u7406");
            new Select(form.findElement(By.id("typeCode"))).selectByValue("LV_RES_NEW");
            new Select(form.findElement(By.id("applicantKind"))).selectByValue("PERSON");
            form.findElement(By.id("subjectCode")).sendKeys(idNumber);
            form.findElement(By.id("applicantName")).sendKeys("\u8d75\u654f\u534e");
            form.findElement(By.id("phone")).sendKeys(phone);
            form.findElement(By.id("supplyAddress")).sendKeys("\u793a\u8303\u5e02\u57ce\u4e1c\u533a\u548c\u5e73\u8def 8 \u53f7 3 \u5e62 201");
            form.findElement(By.id("capacity")).sendKeys("8");
            new Select(form.findElement(By.name("capacityUnit"))).selectByValue("KW");
            counter.screenshot("intake-01-acceptance-form");
            form.findElement(By.id("accept-submit")).click();

            counter.waitFor(By.cssSelector("[data-testid=accepted], [data-testid=refusal]"));
            counter.screenshot("intake-02-order-accepted");
            assertThat(counter.driver().findElements(By.cssSelector("[data-testid=refusal]"))).isEmpty();
            orderNo = counter.driver().findElement(By.cssSelector("[data-testid=order-no]")).getText();
            assertThat(orderNo).matches("YK-\\d{4}-\\d{6}");
            orderId = Long.parseLong(counter.driver().getCurrentUrl().replaceAll(".*/orders/(\\d+).*", "$1"));
            assertThat(text(counter, "[data-testid=status]")).isEqualTo("\u529e\u7406\u4e2d");
            WebElement proof = counter.driver().findElement(By.cssSelector("[data-testid=materials] tr[data-material=PROPERTY_PROOF]"));
            assertThat(proof.getText()).contains("\u5bb9\u7f3a\u540e\u8865").contains("\u4f9b\u7535\u65b9\u6848\u62df\u5b9a");
            WebElement qr = counter.driver().findElement(By.cssSelector("[data-testid=qr] svg.qr"));
            assertThat(qr.isDisplayed()).isTrue();
            assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(120);
            progressLink = counter.driver().findElement(By.cssSelector("[data-testid=progress-link]")).getAttribute("href");
            // The link is on the deployment's public address (here the development default), whatever address staff use.
            assertThat(progressLink).matches(java.util.regex.Pattern.quote(publicAddress.base()) + "/s/[A-Za-z0-9_-]{16,64}");

            WebElement acceptance = onMyWork(counter, task(orderId, "ACCEPTANCE"));
            counter.screenshot("intake-03-clerk-tasks");
            acceptance.click();
            counter.waitFor(By.id("complete"));
            counter.screenshot("intake-03b-acceptance-node");
            counter.driver().findElement(By.id("complete")).click();
            counter.waitFor(By.cssSelector("[data-testid=notice]"));
            assertThat(counter.driver().findElements(task(orderId, "ACCEPTANCE"))).isEmpty();

            counter.go("/orders");
            WebElement row = counter.waitFor(By.cssSelector("[data-testid=orders] tr[data-order='" + orderId + "']"));
            assertThat(row.getText()).contains(orderNo).contains("\u73b0\u573a\u52d8\u67e5");
            counter.screenshot("intake-04-order-list");
            counter.go("/orders/" + orderId + "/receipt");
            assertThat(text(counter, "[data-testid=receipt-order-no]")).isEqualTo(orderNo);
            assertThat(counter.driver().findElement(By.cssSelector(".qr-box svg.qr")).isDisplayed()).isTrue();
            counter.screenshot("intake-05-receipt");
        }

        try (Browser field = Browser.open(port, Browser.PHONE)) {
            WebElement survey = onMyWork(field.signIn("surveyor", PASSWORD), task(orderId, "SITE_SURVEY"));
            assertThat(survey.getText()).contains(orderNo);
            field.screenshot("intake-06-phone-tasks");
            survey.click();
            field.waitFor(By.id("sign-for"));
            field.screenshot("intake-07-phone-survey-to-sign");
            field.driver().findElement(By.id("sign-for")).click();

            field.waitFor(By.id("meterPosition")).sendKeys("\u4e1c\u5899\u5916\u8868\u7bb1");
            field.driver().findElement(By.id("supplyPoint")).sendKeys("3 \u53f7\u516c\u53d8 0.4kV \u51fa\u7ebf");
            field.driver().findElement(By.id("distanceMetres")).sendKeys("35.5");
            field.driver().findElement(By.id("complete")).click();
            assertThat(field.waitFor(By.cssSelector("[data-testid=error-surveyOpinion]")).getText())
                    .isEqualTo("\u8bf7\u586b\u5199\u52d8\u67e5\u610f\u89c1");
            assertThat(field.driver().findElement(By.id("distanceMetres")).getAttribute("value")).isEqualTo("35.5");
            field.screenshot("intake-08-phone-survey-refused");
            assertThat(field.driver().findElement(By.tagName("body")).getSize().getWidth()).isLessThanOrEqualTo(375);

            field.driver().findElement(By.id("surveyOpinion")).sendKeys("\u5177\u5907\u63a5\u5165\u6761\u4ef6");
            field.driver().findElement(By.id("complete")).click();
            field.waitFor(By.cssSelector("[data-testid=notice]"));
            assertThat(field.driver().findElements(task(orderId, "SITE_SURVEY"))).isEmpty();
            field.screenshot("intake-09-phone-survey-done");

            // The order page on a phone: the QR code and the survey's record, below the facts.
            field.go("/orders/" + orderId);
            WebElement qr = field.waitFor(By.cssSelector("[data-testid=qr] svg.qr"));
            assertThat(qr.getRect().getX() + qr.getRect().getWidth()).isLessThanOrEqualTo(375);
            assertThat(text(field, "[data-testid=current-node]")).isEqualTo("\u4f9b\u7535\u65b9\u6848\u62df\u5b9a");
            field.driver().manage().window().setSize(new Dimension(375, 2400));
            field.screenshot("intake-10-phone-order");
        }

        try (Browser applicant = Browser.open(port, Browser.PHONE)) {
            WebDriver driver = applicant.driver();
            driver.get(progressLink.replace(publicAddress.base(), "http://localhost:" + port));
            assertThat(applicant.waitFor(By.cssSelector("[data-testid=progress-node]")).getText())
                    .isEqualTo("\u4f9b\u7535\u65b9\u6848\u62df\u5b9a");
            assertThat(text(applicant, "[data-testid=progress-order-no]")).isEqualTo(orderNo);
            assertThat(text(applicant, "[data-testid=progress-expected]")).containsPattern("\\d{4}-\\d{2}-\\d{2}");
            assertThat(driver.getPageSource()).doesNotContain(idNumber).doesNotContain(phone)
                    .doesNotContain("current-user");
            applicant.screenshot("intake-11-phone-progress");
        }
    }

    /**
     * My work, paged through to the page that lists the line: it is oldest first, and the orders other tests
     * left open in the shared database come before this one.
     */
    private static WebElement onMyWork(Browser browser, By line) {
        for (int page = 0; ; page++) {
            browser.go("/tasks?page=" + page).waitFor(By.cssSelector("[data-testid=tasks-pager]"));
            List<WebElement> found = browser.driver().findElements(line);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=tasks-next]"))).as("a next page with %s", line)
                    .isNotEmpty();
        }
    }

    private static By task(long orderId, String node) {
        return By.cssSelector("[data-testid=tasks] li[data-order='" + orderId + "'][data-node=" + node + "] a");
    }

    private static String text(Browser browser, String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    /** A valid ID number of a birth date no other test uses, so nothing of it is on file. */
    private static String idNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String first17 = "320102" + (1960 + random.nextInt(40)) + String.format("%02d", 1 + random.nextInt(12))
                + String.format("%02d", 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }
}
