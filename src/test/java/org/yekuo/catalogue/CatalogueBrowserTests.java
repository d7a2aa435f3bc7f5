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
class CatalogueBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalogue catalogue;

    @Test
    @DisplayName("R-CAT-1 R-SLA-1 an administrator changes a time limit in the browser and sees the new version")
    void administratorChangesATimeLimit() {
        int before = catalogue.current("HV_INCREASE").version();
        int days = catalogue.current("HV_INCREASE").limitOf(KeyNode.DESIGN_REVIEW).orElseThrow().amount();
        String changed = String.valueOf(days == 9 ? 10 : 9);
        try (Browser browser = Browser.open(port, Browser.DESKTOP)) {
            browser.signIn("admin", "Yekuo@2026").go("/catalogue");
            browser.screenshot("catalogue-list");
            browser.driver().findElement(By.linkText("HV_INCREASE")).click();
            WebElement form = browser.waitFor(By.id("limit-DESIGN_REVIEW"));
            WebElement amount = form.findElement(By.name("amount"));
            amount.clear();
            amount.sendKeys(changed);
            form.findElement(By.cssSelector("button[type=submit]")).click();

            String saved = browser.waitFor(By.cssSelector("[data-testid=saved]")).getText();
            assertThat(saved).contains("v" + (before + 1));
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=version]")).getText())
                    .isEqualTo("v" + (before + 1));
            assertThat(browser.driver().findElement(By.cssSelector("tr[data-node=DESIGN_REVIEW] .limit")).getText())
                    .isEqualTo(changed + " \u4e2a\u5de5\u4f5c\u65e5");
            browser.screenshot("catalogue-type-saved");
            browser.go("/catalogue/HV_INCREASE#materials").screenshot("catalogue-type-materials");
        }
        assertThat(catalogue.current("HV_INCREASE").version()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("R-CAT-1 a type's page reads on a phone")
    void typePageOnAPhone() {
        try (Browser browser = Browser.open(port, Browser.PHONE)) {
            browser.signIn("clerk", "Yekuo@2026").go("/catalogue/PV_GRID_CONNECTION");
            assertThat(browser.waitFor(By.cssSelector("[data-testid=flow]")).findElements(By.tagName("li"))).hasSize(9);
            browser.screenshot("catalogue-type-phone");
        }
    }
}
