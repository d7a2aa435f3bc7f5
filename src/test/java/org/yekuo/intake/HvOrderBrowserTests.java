package org.yekuo.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yekuo.support.Browser;
import org.yekuo.support.Subjects;

/**
 * An HV order as its people work it, page by page in Chromium (no API): the counter accepts it on the
 * business licence, the surveyor works the survey on a phone, the designer designs from the survey, two
 * departments review the scheme (one returns it, so the leader rules), the designer revises against the
 * ruling, the design review fails it back to the designer, and the counter finds it by the customer's phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HvOrderBrowserTests {

    private static final String PASSWORD = "Yekuo@2026";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("R-REV-3 R-REV-4 R-DOC-2 R-DOC-4 R-MAT-3 an HV order goes from the counter through survey, design, review and "
            + "ruling to a failed design review that sends it back, and is found by the customer's phone")
    void hvOrderThroughThePages() throws Exception {
        String phone = Subjects.phone();
        long orderId;
        String progressLink;
        try (Browser clerk = Browser.open(port, Browser.DESKTOP)) {
            clerk.signIn("clerk", PASSWORD).go("/orders/new");
            new Select(clerk.driver().findElement(By.id("typeCode"))).selectByValue("HV_NEW_SINGLE");
            new Select(clerk.driver().findElement(By.id("applicantKind"))).selectByValue("ORGANISATION");
            type(clerk, "subjectCode", Subjects.creditCode());
            type(clerk, "applicantName", "示范精密机械有限公司");
            type(clerk, "phone", phone);
            type(clerk, "supplyAddress", "示范市东郊工业园 12 号");
            type(clerk, "capacity", "630");
            new Select(clerk.driver().findElement(By.name("capacityUnit"))).selectByValue("KVA");
            clerk.driver().findElement(By.id("accept-submit")).click();
            assertThat(clerk.waitFor(By.cssSelector("[data-testid=accepted]")).getText()).contains("已受理");
            orderId = Long.parseLong(clerk.driver().getCurrentUrl().replaceAll(".*/orders/(\\d+).*", "$1"));
            // One certificate: nothing but the licence is asked for at acceptance.
            assertThat(clerk.driver().findElement(By.cssSelector("[data-material=LEGAL_REPRESENTATIVE_ID]")).getText()).contains("容缺");
            progressLink = clerk.driver().findElement(By.cssSelector("[data-testid=progress-link]")).getAttribute("href");
            Path pdf = Files.createTempFile("material-", ".pdf");
            Files.write(pdf, org.yekuo.support.SampleFiles.PDF);
            for (String material : List.of("LEGAL_REPRESENTATIVE_ID", "PROPERTY_OR_LAND_USE_PROOF", "EQUIPMENT_LIST", "LOAD_CALCULATION")) {
                WebElement row = clerk.driver().findElement(By.cssSelector("[data-material=" + material + "]"));
                row.findElement(By.cssSelector("input[type=file]")).sendKeys(pdf.toString());
                row.findElement(By.cssSelector("button[type=submit]")).click();
                clerk.waitFor(By.cssSelector("[data-testid=notice]"));
            }
            Files.delete(pdf);
            openNode(clerk, orderId, "ACCEPTANCE");
            clerk.driver().findElement(By.id("complete")).click();
            clerk.waitFor(By.cssSelector("[data-testid=notice]"));
        }

        try (Browser surveyor = Browser.open(port, Browser.PHONE)) {
            surveyor.signIn("surveyor", PASSWORD).go("/tasks");
            surveyor.driver().findElement(By.cssSelector("li[data-order='" + orderId + "'][data-node=SITE_SURVEY] a")).click();
            surveyor.driver().findElement(By.id("sign-for")).click();
            surveyor.waitFor(By.id("node-form"));
            type(surveyor, "meterPosition", "配电室东侧计量柜");
            type(surveyor, "supplyPoint", "110kV 东郊站 10kV 东12线 #18 杆");
            type(surveyor, "distanceMetres", "420");
            type(surveyor, "surveyOpinion", "具备 10kV 单电源接入条件");
            surveyor.screenshot("hv-survey-phone");
            surveyor.driver().findElement(By.id("complete")).click();
            surveyor.waitFor(By.cssSelector("[data-testid=notice]"));
        }

        try (Browser designer = Browser.open(port, Browser.DESKTOP)) {
            designer.signIn("designer", PASSWORD);
            openNode(designer, orderId, "SCHEME_DESIGN");
            designer.driver().findElement(By.id("sign-for")).click();
            // The designer designs from the survey's figures.
            assertThat(designer.waitFor(By.cssSelector("[data-testid=survey]")).getText()).contains("东12线 #18 杆").contains("420");
            // The scheme is a document: its single-line and metering drawings go with it (R-DOC-1).
            for (String kind : List.of("SINGLE_LINE", "METERING")) {
                Path drawing = Files.write(Files.createTempFile("drawing-", ".pdf"), org.yekuo.support.SampleFiles.pdf(kind));
                new Select(designer.waitFor(By.id("drawing-kind"))).selectByValue(kind);
                designer.driver().findElement(By.id("drawing-file")).sendKeys(drawing.toString());
                designer.driver().findElement(By.id("add-drawing")).click();
                designer.until(d -> d.findElements(By.cssSelector("[data-drawing=" + kind + "]")).size() == 1);
                Files.delete(drawing);
            }
            design(designer, "东郊站 10kV 东12线 T 接，630kVA 箱变一台");
        }

        try (Browser ops = Browser.open(port, Browser.DESKTOP)) {
            ops.signIn("ops", PASSWORD);
            openNode(ops, orderId, "SCHEME_REVIEW");
            // The reviewer reads the scheme and each clause's text beside its number.
            assertThat(ops.waitFor(By.cssSelector("[data-testid=scheme]")).getText()).contains("630kVA 箱变").contains("高供高计");
            assertThat(ops.driver().findElement(By.cssSelector("[data-testid=drawings]")).getText()).contains("图纸");
            // Every drawing opens beside the clauses: the second replaces the first in the viewer.
            WebElement viewer = ops.driver().findElement(By.cssSelector("[data-testid=pdf-viewer]"));
            ops.until(d -> "true".equals(viewer.getAttribute("data-rendered")));
            String first = viewer.getAttribute("data-src");
            WebElement metering = ops.driver().findElement(By.cssSelector("[data-drawing-src][aria-pressed=false]"));
            metering.click();
            ops.until(d -> "true".equals(viewer.getAttribute("data-rendered")) && !first.equals(viewer.getAttribute("data-src")));
            assertThat(metering.getAttribute("aria-pressed")).isEqualTo("true");
            ops.screenshot("hv-review-second-drawing");
            ops.driver().findElement(By.id("open-review")).click();
            ops.waitFor(By.id("opinion-form"));
            assertThat(ops.driver().findElement(By.cssSelector("label.clause-choice")).getText()).matches("(?s)HV-\\d+\\s+\\S.*");
            ops.driver().findElement(By.id("verdict-RETURN")).click();
            ops.driver().findElement(By.id("clause-HV-3")).click();
            ops.driver().findElement(By.id("text")).sendKeys("电源点应改为东郊站 931 间隔，东12线已满载");
            ops.driver().findElement(By.id("countersign")).click();
            ops.waitFor(By.cssSelector("[data-testid=notice]"));
        }
        try (Browser marketing = Browser.open(port, Browser.DESKTOP)) {
            marketing.signIn("marketing", PASSWORD);
            openNode(marketing, orderId, "SCHEME_REVIEW");
            marketing.driver().findElement(By.id("open-review")).click();
            marketing.waitFor(By.id("opinion-form"));
            marketing.driver().findElement(By.id("verdict-PASS")).click();
            marketing.driver().findElement(By.id("countersign")).click();
            marketing.waitFor(By.cssSelector("[data-testid=notice]"));
        }
        try (Browser leader = Browser.open(port, Browser.DESKTOP)) {
            leader.signIn("leader", PASSWORD);
            openNode(leader, orderId, "SCHEME_REVIEW");
            leader.driver().findElement(By.id("open-arbitration")).click();
            leader.waitFor(By.id("ruling-form"));
            // The leader rules with the scheme and its drawings in view, as the reviewers had them.
            assertThat(leader.driver().findElement(By.cssSelector("[data-testid=scheme]")).getText()).contains("630kVA 箱变");
            assertThat(leader.driver().findElements(By.cssSelector("[data-testid=drawings] [data-drawing-src]"))).hasSize(2);
            leader.until(d -> "true".equals(d.findElement(By.cssSelector("[data-testid=pdf-viewer]")).getAttribute("data-rendered")));
            leader.screenshot("hv-arbitration-drawings");
            leader.driver().findElement(By.cssSelector("input[name=verdict][value=MODIFY]")).click();
            leader.driver().findElement(By.cssSelector("input[name=clauses][value=HV-3]")).click();
            leader.driver().findElement(By.id("opinion")).sendKeys("电源点改接东郊站 931 间隔，其余按原方案");
            leader.driver().findElement(By.id("meeting")).sendKeys("2026 年第 12 次业扩协调会");
            leader.driver().findElement(By.cssSelector("input[name=departments][value=OPERATIONS]")).click();
            leader.driver().findElement(By.id("rule")).click();
            leader.waitFor(By.cssSelector("[data-testid=notice]"));
        }

        try (Browser designer = Browser.open(port, Browser.DESKTOP)) {
            designer.signIn("designer", PASSWORD);
            openNode(designer, orderId, "SCHEME_DESIGN");
            designer.driver().findElement(By.id("sign-for")).click();
            // The designer reads the ruling with the clause's text, and starts from the earlier scheme.
            String ruling = designer.waitFor(By.cssSelector("[data-testid=ruling]")).getText();
            assertThat(ruling).contains("931 间隔").contains("HV-3").contains("第 12 次业扩协调会");
            assertThat(designer.driver().findElement(By.id("schemeSummary")).getAttribute("value")).contains("630kVA 箱变");
            designer.screenshot("hv-designer-reads-ruling");
            designer.driver().findElement(By.id("supplyPoint")).clear();
            design(designer, null);
        }
        try (Browser ops = Browser.open(port, Browser.DESKTOP)) {
            ops.signIn("ops", PASSWORD);
            openNode(ops, orderId, "SCHEME_REVIEW");
            ops.driver().findElement(By.id("open-review")).click();
            ops.waitFor(By.id("opinion-form"));
            ops.driver().findElement(By.id("verdict-PASS")).click();
            ops.driver().findElement(By.id("countersign")).click();
            ops.waitFor(By.cssSelector("[data-testid=notice]"));
        }
        try (Browser clerk = Browser.open(port, Browser.DESKTOP)) {
            clerk.signIn("clerk", PASSWORD);
            openNode(clerk, orderId, "SCHEME_REPLY");
            clerk.driver().findElement(By.id("sign-for")).click();
            clerk.waitFor(By.id("node-form"));
            // A reply dated before the order was accepted is refused at its field.
            type(clerk, "replyDate", "2020-01-01");
            clerk.driver().findElement(By.id("complete")).click();
            assertThat(clerk.waitFor(By.cssSelector("[data-testid=error-replyDate]")).getText()).contains("受理日期");
            // A date input does not clear reliably by keys: set today's date as the picker would.
            clerk.driver().executeScript("arguments[0].value = arguments[1]", clerk.driver().findElement(By.id("replyDate")),
                    ApplicationLifecycleTests.today());
            clerk.driver().findElement(By.id("complete")).click();
            clerk.waitFor(By.cssSelector("[data-testid=notice]"));
        }
        try (Browser ops = Browser.open(port, Browser.DESKTOP)) {
            ops.signIn("ops", PASSWORD);
            openNode(ops, orderId, "DESIGN_REVIEW");
            ops.driver().findElement(By.id("sign-for")).click();
            // The design review reads the approved scheme, and fails it with its reason.
            assertThat(ops.waitFor(By.cssSelector("[data-testid=scheme]")).getText()).contains("931");
            new Select(ops.driver().findElement(By.id("outcome"))).selectByValue("FAIL");
            type(ops, "reason", "配电室与相邻建筑安全距离不足 3 米，请调整配电室位置");
            new Select(ops.driver().findElement(By.id("returnTo"))).selectByValue("SCHEME_DESIGN");
            ops.driver().findElement(By.id("complete")).click();
            ops.waitFor(By.cssSelector("[data-testid=notice]"));
        }
        try (Browser clerk = Browser.open(port, Browser.DESKTOP)) {
            clerk.signIn("clerk", PASSWORD).go("/orders/" + orderId);
            assertThat(clerk.waitFor(By.cssSelector("[data-testid=current-node]")).getText()).isEqualTo("供电方案拟定");
            assertThat(clerk.driver().findElement(By.cssSelector("[data-testid=sent-back]")).getText())
                    .contains("退回记录（1 次）").contains("安全距离不足");
            clerk.go("/orders");
            type(clerk, "q", phone);
            clerk.driver().findElement(By.id("search")).click();
            assertThat(clerk.waitFor(By.cssSelector("tr[data-order='" + orderId + "']")).getText()).contains("供电方案拟定");
            assertThat(clerk.driver().findElements(By.cssSelector("tr[data-order]"))).hasSize(1);
            clerk.screenshot("hv-order-found-by-phone");
        }
        try (Browser applicant = Browser.open(port, Browser.PHONE)) {
            applicant.driver().get(progressLink.replaceFirst("^https?://[^/]+", "http://localhost:" + port));
            assertThat(applicant.waitFor(By.tagName("main")).getText()).contains("供电方案拟定");
            applicant.screenshot("hv-progress-phone");
        }
    }

    private static void design(Browser designer, String summary) {
        designer.waitFor(By.id("node-form"));
        new Select(designer.driver().findElement(By.id("supplyVoltage"))).selectByValue("10kV");
        if (designer.driver().findElement(By.id("supplyPoint")).getAttribute("value").isEmpty()) {
            type(designer, "supplyPoint", "110kV 东郊站 931 间隔");
        }
        new Select(designer.driver().findElement(By.id("supplyCircuits"))).selectByValue("SINGLE");
        designer.driver().findElement(By.id("transformerCapacity")).clear();
        type(designer, "transformerCapacity", "630");
        new Select(designer.driver().findElement(By.id("meteringMethod"))).selectByValue("HV_HV");
        new Select(designer.driver().findElement(By.id("tariffCategory"))).selectByValue("LARGE_INDUSTRIAL");
        if (summary != null) {
            designer.driver().findElement(By.id("schemeSummary")).clear();
            type(designer, "schemeSummary", summary);
        }
        designer.driver().findElement(By.id("complete")).click();
        designer.waitFor(By.cssSelector("[data-testid=notice]"));
    }

    /**
     * Opens the order's open node from the work list, paging on as staff do when the suite's earlier orders fill the
     * first pages of a shared demo account's list.
     */
    private static void openNode(Browser browser, long orderId, String node) {
        By line = By.cssSelector("li[data-order='" + orderId + "'][data-node=" + node + "] a");
        for (int page = 0; page < 40; page++) {
            browser.go("/tasks?page=" + page);
            java.util.List<org.openqa.selenium.WebElement> found = browser.driver().findElements(line);
            if (!found.isEmpty()) {
                found.get(0).click();
                browser.waitFor(By.tagName("main"));
                return;
            }
        }
        throw new AssertionError(node + " of order " + orderId + " is not on the work list");
    }

    private static void type(Browser browser, String id, String text) {
        browser.driver().findElement(By.id(id)).sendKeys(text);
    }
}
