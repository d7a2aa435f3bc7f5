package org.yekuo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.support.Browser;

/**
 * R-X-2 in real Chromium: the security administrator uploads a staff file, sees each row's outcome in words (role and unit
 * names, never their codes), confirms, and gets the initial passwords once. Screens at 1440 and 375 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffImportBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("R-X-2 the security administrator previews a staff file, sees the refused row's reason, confirms and reads the initial password")
    void previewThenConfirm() throws Exception {
        String run = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000));
        Path file = Files.createTempFile("staff-", ".csv");
        Files.writeString(file, "姓名,用户名,组织单位,角色,手机\n"
                + "钱七,qian.qi." + run + ",YK-EAST-BIZ,受理员、勘查员,13800138000\n"
                + "孙八,sun.ba." + run + ",YK-NOWHERE,受理员,\n", StandardCharsets.UTF_8);
        try (Browser admin = Browser.open(port, new Dimension(1440, 900))) {
            admin.signIn("secadmin", PASSWORD).go("/staff");
            admin.waitFor(By.id("staff-import")).click();
            admin.waitFor(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            admin.driver().findElement(By.id("upload")).click();

            String rows = admin.waitFor(By.cssSelector("[data-testid=import-rows]")).getText();
            assertThat(rows).contains("将创建", "受理员", "勘查员", "城东营业班", "不导入", "组织单位“YK-NOWHERE”不存在")
                    .doesNotContain("CLERK", "SURVEYOR");
            assertThat(admin.driver().findElement(By.cssSelector("[data-testid=summary]")).getText()).contains("1 行将创建");
            admin.driver().manage().window().setSize(new Dimension(1440, 1000));
            admin.screenshot("staff-import-01-desktop-preview");
            admin.driver().manage().window().setSize(new Dimension(375, 1400));
            admin.screenshot("staff-import-02-phone-preview");

            admin.waitFor(By.id("confirm-import")).click();
            String passwords = admin.waitFor(By.cssSelector("[data-testid=initial-passwords]")).getText();
            assertThat(passwords).contains("qian.qi." + run).doesNotContain("sun.ba." + run);
            admin.screenshot("staff-import-03-phone-confirmed");
            admin.driver().manage().window().setSize(new Dimension(1440, 1000));
            admin.screenshot("staff-import-04-desktop-confirmed");
            assertThat(admin.driver().findElements(By.id("confirm-import"))).as("no second confirmation offered").isEmpty();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
