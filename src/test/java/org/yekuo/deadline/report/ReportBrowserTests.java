package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.time.YearMonth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yekuo.deadline.DelayCategory;
import org.yekuo.support.Browser;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportBrowserTests {

    private static final YearMonth MONTH = YearMonth.of(2026, 8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    @DisplayName("R-SLA-5 a leader opens the monthly overdue analysis and the charts draw")
    void analysisPageDrawsCharts() {
        ReportFixtures fixtures = new ReportFixtures(jdbc);
        String path = fixtures.pathOf("YK-EAST-BIZ");
        fixtures.explain(fixtures.node(newOrder(), "SUPPLY_WORKS", path).roles("MATERIALS_CLERK").handler("materials")
                .due(at(MONTH, 4, 9)).red(at(MONTH, 4, 10)).save(), DelayCategory.MATERIALS_OUT_OF_STOCK, "APPROVED");
        fixtures.node(newOrder(), "SITE_SURVEY", path).handler("surveyor").due(at(MONTH, 5, 9)).red(at(MONTH, 5, 10)).save();
        try (Browser browser = Browser.open(port, Browser.DESKTOP)) {
            browser.signIn("leader", "Yekuo@2026").go("/deadlines/analysis?month=" + MONTH);
            for (String chart : new String[] {"chart-category", "chart-trend", "chart-node", "chart-department"}) {
                // ECharts draws into a canvas it adds inside the container.
                assertThat(browser.waitFor(By.cssSelector("[data-testid=" + chart + "] canvas")).getSize().getHeight())
                        .isGreaterThan(100);
            }
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=overdue-nodes]")).getText()).isNotEqualTo("0");
            browser.screenshot("deadline-analysis");
        }
    }

    @Test
    @DisplayName("the leaderboard's wide table scrolls on a phone inside a region the keyboard reaches and a screen reader names "
            + "after the page; on a wide screen the region adds no tab stop")
    void wideTableScrollsInAFocusableNamedRegion() {
        try (Browser phone = Browser.open(port, Browser.PHONE)) {
            phone.signIn("leader", "Yekuo@2026").go("/deadlines/leaderboard");
            WebElement region = phone.until(driver -> {
                WebElement parent = driver.findElement(By.cssSelector("[data-testid=leaderboard]")).findElement(By.xpath(".."));
                return "0".equals(parent.getAttribute("tabindex")) ? parent : null;
            });
            assertThat(region.getAttribute("role")).isEqualTo("region");
            assertThat(region.getAttribute("aria-label"))
                    .isEqualTo(phone.driver().findElement(By.cssSelector(".topbar .crumb")).getText());
            assertThat((Long) phone.driver().executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth", region))
                    .as("the region scrolls").isPositive();
            assertThat((Long) phone.driver().executeScript("return document.documentElement.scrollWidth"))
                    .as("the page does not").isLessThanOrEqualTo(375L);
        }
        try (Browser desktop = Browser.open(port, Browser.DESKTOP)) {
            desktop.signIn("leader", "Yekuo@2026").go("/deadlines/leaderboard");
            WebElement region = desktop.until(driver -> {
                WebElement parent = driver.findElement(By.cssSelector("[data-testid=leaderboard]")).findElement(By.xpath(".."));
                return parent.getAttribute("class").contains("grid-scroll") ? parent : null;
            });
            assertThat(region.getAttribute("tabindex")).isNull();
            assertThat(region.getAttribute("role")).isNull();
        }
    }
}
