package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.yekuo.audit.AuditTrail;
import org.yekuo.notification.Notifications;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.support.Browser;
import org.yekuo.support.Subjects;

/** R-EVA-2 R-EVA-3 a customer rates an order on a phone-sized window, from the SMS link to the thanks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RatingBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Invitations invitations;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Notifications notifications;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    AuditTrail audit;

    @Autowired
    EvaluationProperties properties;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-EVA-2 R-EVA-3 on a 375 px phone the customer picks stars, is told what is missing, confirms with the SMS code and is thanked")
    void customerRatesOnPhone() {
        EvaluationFixtures fixtures = new EvaluationFixtures(events, transactions, cipher, jdbc);
        String phone = Subjects.phone();
        String orderNo = fixtures.completed(phone, Instant.now());
        Instant due = jdbc.sql("select send_after from evaluation_invitation where order_no = ?").param(orderNo)
                .query(java.sql.Timestamp.class).single().toInstant();
        TestClock clock = new TestClock(due.atZone(TestClock.ZONE).toLocalDateTime());
        new InvitationSweep(invitations, transactions, notifications, cipher, audit, properties, clock).sweep();

        try (Browser phoneWindow = Browser.open(port, Browser.PHONE)) {
            phoneWindow.go("/e/" + fixtures.token(orderNo));
            assertThat(phoneWindow.waitFor(By.cssSelector("[data-testid=order-no]")).getText()).contains(orderNo);
            phoneWindow.screenshot("evaluation-01-rating-page-phone");
            // Two of three metrics chosen: the third is named as missing, the choices stay.
            phoneWindow.driver().findElement(By.cssSelector("label[for=timeliness-5]")).click();
            phoneWindow.driver().findElement(By.cssSelector("label[for=attitude-4]")).click();
            phoneWindow.driver().findElement(By.id("comment")).sendKeys("装表很快，师傅讲解清楚");
            phoneWindow.driver().findElement(By.id("send-code")).click();
            assertThat(phoneWindow.waitFor(By.cssSelector("[data-testid=error-communication]")).getText())
                    .isEqualTo("请为“沟通解释”选择 1 至 5 颗星");
            assertThat(phoneWindow.driver().findElement(By.id("attitude-4")).isSelected()).isTrue();
            phoneWindow.screenshot("evaluation-02-missing-star-phone");
            phoneWindow.driver().findElement(By.cssSelector("label[for=communication-5]")).click();
            phoneWindow.driver().findElement(By.id("send-code")).click();
            assertThat(phoneWindow.waitFor(By.cssSelector("[data-testid=code-sent]")).getText())
                    .contains(phone.substring(0, 3) + "****" + phone.substring(7));
            phoneWindow.driver().findElement(By.id("code")).sendKeys(fixtures.lastCode(phone));
            phoneWindow.screenshot("evaluation-03-code-phone");
            phoneWindow.driver().findElement(By.id("submit-rating")).click();
            assertThat(phoneWindow.waitFor(By.cssSelector("[data-testid=thanks]")).getText()).contains("感谢");
            phoneWindow.screenshot("evaluation-04-thanks-phone");
            Object width = phoneWindow.driver().executeScript("return document.documentElement.scrollWidth");
            assertThat(((Number) width).intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(375);
        }
        assertThat(jdbc.sql("select timeliness || '/' || attitude || '/' || communication || ' ' || comment_text from evaluation where order_no = ?")
                .param(orderNo).query(String.class).single()).isEqualTo("5/4/5 装表很快，师傅讲解清楚");
    }
}
