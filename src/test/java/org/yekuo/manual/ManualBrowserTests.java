package org.yekuo.manual;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.yekuo.support.Browser;
import org.yekuo.support.Subjects;

/** The manual and certification in the browser, as a new surveyor meets them (R-STD-1, R-STD-2). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManualBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    @DisplayName("R-STD-2 a new surveyor is refused the survey, fails the exam at 75, passes at 85 and then signs for it")
    void newSurveyorCertifiesAndSignsFor() {
        String trainee = newSurveyor();
        long orderId;
        try (Browser clerk = Browser.open(port, Browser.DESKTOP)) {
            clerk.signIn("clerk", PASSWORD).go("/orders/new");
            new Select(clerk.driver().findElement(By.id("typeCode"))).selectByValue("LV_RES_NEW");
            new Select(clerk.driver().findElement(By.id("applicantKind"))).selectByValue("PERSON");
            clerk.driver().findElement(By.id("subjectCode")).sendKeys(Subjects.idNumber());
            clerk.driver().findElement(By.id("applicantName")).sendKeys("王小二");
            clerk.driver().findElement(By.id("phone")).sendKeys(Subjects.phone());
            clerk.driver().findElement(By.id("supplyAddress")).sendKeys("示范市城东区人民路 18 号");
            clerk.driver().findElement(By.id("capacity")).sendKeys("8");
            clerk.driver().findElement(By.id("accept-submit")).click();
            clerk.waitFor(By.cssSelector("[data-testid=accepted]"));
            orderId = Long.parseLong(clerk.driver().getCurrentUrl().replaceAll(".*/orders/(\\d+).*", "$1"));
            onMyWork(clerk, By.cssSelector("li[data-order='" + orderId + "'][data-node=ACCEPTANCE] a")).click();
            clerk.driver().findElement(By.id("complete")).click();
            clerk.waitFor(By.cssSelector("[data-testid=notice]"));
        }

        try (Browser browser = Browser.open(port, Browser.DESKTOP)) {
            browser.signIn(trainee, PASSWORD);
            signFor(browser, orderId);
            assertThat(browser.waitFor(By.cssSelector("[data-testid=refusal]")).getText()).contains("\u4e0a\u5c97\u8d44\u683c");
            browser.screenshot("manual-sign-for-refused");

            browser.go("/manual").screenshot("manual-contents");
            browser.driver().findElement(By.cssSelector("li[data-type=LV_RES_NEW] a")).click();
            browser.waitFor(By.cssSelector("[data-testid=stages]"));
            browser.screenshot("manual-chapter");

            assertThat(takeExam(browser, 15)).contains("75");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=verdict]")).getText()).contains("80");
            browser.screenshot("manual-exam-failed");
            assertThat(takeExam(browser, 17)).contains("85");
            browser.screenshot("manual-exam-passed");

            signFor(browser, orderId);
            browser.waitFor(By.id("node-form"));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=refusal]"))).isEmpty();
        }
    }

    @Test
    @DisplayName("R-STD-1 a chapter reads on a phone, with its stages and a feedback form")
    void chapterOnAPhone() {
        try (Browser browser = Browser.open(port, Browser.PHONE)) {
            browser.signIn("surveyor", PASSWORD).go("/manual/chapters/LV_RES_NEW");
            assertThat(browser.waitFor(By.cssSelector("[data-testid=stages]")).findElements(By.cssSelector("tr[data-node]"))).hasSize(7);
            browser.screenshot("manual-chapter-phone");
            browser.driver().findElement(By.id("fb-body")).sendKeys("表位照片应包含表箱编号");
            new Select(browser.driver().findElement(By.id("fb-section"))).selectByValue("SITE_SURVEY");
            browser.driver().findElement(By.cssSelector("#feedback button[type=submit]")).click();
            assertThat(browser.waitFor(By.cssSelector("[data-testid=feedback-saved]")).getText()).isNotBlank();
        }
    }

    private static void signFor(Browser browser, long orderId) {
        onMyWork(browser, By.cssSelector("li[data-order='" + orderId + "'][data-node=SITE_SURVEY] a")).click();
        browser.waitFor(By.id("sign-for")).click();
    }

    /**
     * My work, paged through to the page that lists the line: it is oldest first, and the orders other tests left open
     * in the shared database come before this one.
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

    /** Starts an LV residential exam and answers the first {@code right} questions right; answers the result's score. */
    private String takeExam(Browser browser, int right) {
        browser.go("/manual/exams");
        new Select(browser.driver().findElement(By.cssSelector("[data-testid=exam-type]"))).selectByValue("LV_RES_NEW");
        browser.driver().findElement(By.cssSelector("[data-testid=start-exam]")).click();
        browser.waitFor(By.cssSelector("[data-testid=timer]"));
        long exam = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*/manual/exams/(\\d+).*", "$1"));
        if (right == 15) {
            browser.screenshot("manual-exam");
        }
        for (WebElement question : browser.driver().findElements(By.cssSelector(".exam-question"))) {
            int position = Integer.parseInt(question.getAttribute("data-position"));
            long id = jdbc.sql("select question_id from manual_exam_question where exam_id = ? and position = ?")
                    .params(exam, position).query(Long.class).single();
            List<Integer> options = jdbc.sql("select position from manual_question_option where question_id = ? and correct = ?"
                    + " order by position").params(id, position <= right).query(Integer.class).list();
            for (Integer option : position <= right ? options : options.stream().limit(1).toList()) {
                WebElement input = question.findElement(By.cssSelector("input[value='" + option + "']"));
                ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", input);
            }
        }
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("document.getElementById('exam-form').submit();");
        return browser.waitFor(By.cssSelector("[data-testid=score]")).getText();
    }

    private String newSurveyor() {
        String username = "trainee-" + UUID.randomUUID().toString().substring(0, 8);
        long unit = jdbc.sql("select org_unit_id from staff where username = 'surveyor'").query(Long.class).single();
        jdbc.sql("insert into staff (username, display_name, password_hash, org_unit_id, created_at) values (?, ?, ?, ?, ?)")
                .params(username, "见习勘查员", encoder.encode(PASSWORD), unit, Timestamp.from(Instant.now())).update();
        long id = jdbc.sql("select id from staff where username = ?").param(username).query(Long.class).single();
        jdbc.sql("insert into staff_role (staff_id, role_code) values (?, 'SURVEYOR')").param(id).update();
        return username;
    }
}
