package org.yekuo.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.yekuo.support.Browser;

/** A red, locked order in the browser: the handler explains the delay, the leader approves a new deadline. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import(DeadlineTestClock.class)
class DeadlineBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadlineSweep sweep;

    @Test
    @DisplayName("R-SLA-4 R-SLA-5 a red locked order shows its lock, takes the handler's delay explanation and moves again once the leader approves")
    void redLockedOrderIsExplainedAndApproved() throws Exception {
        DeadlineScenario scenario = new DeadlineScenario(mvc, jdbc);
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 7, 6, 9, 0));
        long orderId = scenario.acceptLvOrder();
        String orderNo = scenario.orderNo(orderId);
        scenario.work(orderId, "clerk", "ACCEPTANCE");
        String survey = scenario.openTask(orderId, "surveyor");
        scenario.signFor(survey, "surveyor").andExpect(status().isOk());
        DeadlineTestClock.CLOCK.set(LocalDateTime.of(2026, 7, 9, 9, 0));
        sweep.sweep();

        try (Browser field = Browser.open(port, Browser.DESKTOP)) {
            field.signIn("surveyor", DeadlineScenario.PASSWORD).go("/tasks/" + survey);
            assertThat(field.waitFor(By.cssSelector("[data-testid=locked]")).getText()).contains("锁定");
            field.go("/orders/" + orderId);
            WebElement card = field.waitFor(By.cssSelector("[data-testid=deadlines]"));
            assertThat(card.findElement(By.cssSelector("[data-testid=order-locked]")).getText()).contains("锁定");
            assertThat(card.findElement(By.cssSelector("tr[data-node=SITE_SURVEY]")).getAttribute("data-colour")).isEqualTo("RED");
            field.screenshot("deadline-red-locked-order");

            // Without a category the explanation is refused and nothing is filed.
            field.driver().findElement(By.id("explanation")).sendKeys("暴雨导致现场积水，无法勘查");
            field.driver().findElement(By.id("file-explanation")).click();
            assertThat(field.waitFor(By.cssSelector("[data-testid=refusal]")).getText()).contains("延期原因分类");

            new Select(field.driver().findElement(By.id("category"))).selectByValue("SITE_OR_WEATHER");
            field.driver().findElement(By.id("explanation")).sendKeys("暴雨导致现场积水，无法勘查");
            field.driver().findElement(By.id("file-explanation")).click();
            assertThat(field.waitFor(By.cssSelector("[data-testid=notice]")).getText()).contains("等待分管领导审批");
            assertThat(field.driver().findElement(By.cssSelector("[data-testid=explanations] tr[data-status=PENDING]")).getText())
                    .contains("现场或天气条件");
        }

        try (Browser leader = Browser.open(port, Browser.DESKTOP)) {
            leader.signIn("leader", DeadlineScenario.PASSWORD).go("/");
            assertThat(leader.waitFor(By.cssSelector("[data-testid=deadline-counts]")).getText()).contains("超期");
            leader.go("/deadlines/explanations");
            WebElement pending = leader.waitFor(By.xpath("//article[@data-testid='pending'][.//a[text()='" + orderNo + "']]"));
            assertThat(pending.getText()).contains("暴雨导致现场积水");
            leader.screenshot("deadline-pending-explanation");
            WebElement date = pending.findElement(By.cssSelector("input.new-due-date"));
            // A holiday is refused by name of the field.
            leader.driver().executeScript("arguments[0].value = '2026-10-01'", date);
            pending.findElement(By.cssSelector("button.approve")).click();
            assertThat(leader.waitFor(By.cssSelector("[data-testid=refusal]")).getText()).contains("不是工作日");
            pending = leader.waitFor(By.xpath("//article[@data-testid='pending'][.//a[text()='" + orderNo + "']]"));
            leader.driver().executeScript("arguments[0].value = '2026-07-13'", pending.findElement(By.cssSelector("input.new-due-date")));
            pending.findElement(By.cssSelector("button.approve")).click();
            assertThat(leader.waitFor(By.cssSelector("[data-testid=notice]")).getText()).contains("已解锁");
        }

        try (Browser field = Browser.open(port, Browser.DESKTOP)) {
            field.signIn("surveyor", DeadlineScenario.PASSWORD).go("/orders/" + orderId);
            WebElement card = field.waitFor(By.cssSelector("[data-testid=deadlines]"));
            assertThat(card.findElements(By.cssSelector("[data-testid=order-locked]"))).isEmpty();
            assertThat(card.findElement(By.cssSelector("tr[data-node=SITE_SURVEY]")).getText()).contains("2026-07-13 23:59");
            assertThat(card.findElement(By.cssSelector("[data-testid=explanations] tr[data-status=APPROVED]")).getText())
                    .contains("已批准");
            field.screenshot("deadline-approved-order");
        }
        scenario.complete(survey, "surveyor", "SITE_SURVEY").andExpect(status().isNoContent());
    }
}
