package org.yekuo.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.support.Browser;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewGuidelineBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ReviewGuidelines guidelines;

    @Test
    @DisplayName("R-REV-2 an administrator moves a check item to another department in the browser and sees the new version")
    void administratorMovesAnItem() {
        ReviewGuideline before = guidelines.current("HV");
        Department to = before.item("HV-12").orElseThrow().department() == Department.OPERATIONS
                ? Department.MARKETING : Department.OPERATIONS;
        try (Browser browser = Browser.open(port, Browser.DESKTOP)) {
            browser.signIn("admin", "Yekuo@2026").go("/catalogue");
            browser.driver().findElement(By.cssSelector("a[href='/catalogue/guidelines/HV']")).click();
            WebElement form = browser.waitFor(By.id("item-HV-12"));
            browser.screenshot("guideline-hv");
            form.findElement(By.cssSelector("select[name=department] option[value=" + to + "]")).click();
            form.findElement(By.name("reason")).sendKeys("harmonics are a metering matter here");
            form.findElement(By.cssSelector("button[type=submit]")).click();

            assertThat(browser.waitFor(By.cssSelector("[data-testid=saved]")).getText()).contains("v" + (before.version() + 1));
            assertThat(browser.driver().findElements(
                    By.cssSelector("[data-department=" + to + "] tr[data-clause='HV-12']"))).hasSize(1);
            browser.screenshot("guideline-hv-saved");
        }
        assertThat(guidelines.current("HV").item("HV-12").orElseThrow().department()).isEqualTo(to);
    }

    @Test
    @DisplayName("R-REV-2 a guideline's page reads on a phone")
    void guidelinePageOnAPhone() {
        try (Browser browser = Browser.open(port, Browser.PHONE)) {
            browser.signIn("marketing", "Yekuo@2026").go("/catalogue/guidelines/LV");
            assertThat(browser.waitFor(By.cssSelector("[data-department=MARKETING]"))
                    .findElements(By.cssSelector("tr[data-clause]"))).hasSizeGreaterThanOrEqualTo(1);
            browser.screenshot("guideline-lv-phone");
        }
    }
}
