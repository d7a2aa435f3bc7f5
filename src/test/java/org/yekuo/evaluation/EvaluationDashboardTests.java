package org.yekuo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yekuo.reporting.PdfExport;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.DataScope;

/**
 * R-EVA-4: a month of ratings by station, business type, node and handler, month on month, over the
 * reader's data scope, with the flagged ones left out of every figure but listed with their reasons;
 * the page, the API and the Excel and PDF exports. Ratings are written as the rating desk writes them,
 * in months of 2025 that no other test rates in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EvaluationDashboardTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final RequestPostProcessor HEAD_EAST = httpBasic("head.east", PASSWORD);
    private static final RequestPostProcessor LEADER = httpBasic("leader", PASSWORD);
    private static final AtomicLong MONTHS = new AtomicLong(System.nanoTime() % 1000);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvaluationDashboard dashboard;

    @Autowired
    PdfExport pdf;

    String east;
    String west;
    /** A month of its own per test run, so that reruns against one database do not add up. */
    YearMonth month;

    @BeforeEach
    void stations() {
        east = jdbc.sql("select path from org_unit where code = 'YK-EAST'").query(String.class).single();
        west = jdbc.sql("select path from org_unit where code = 'YK-WEST'").query(String.class).single();
        month = YearMonth.of(2025, 1).plusMonths(MONTHS.incrementAndGet() % 5 * 2);
        EvaluationFixtures.clearMonths(jdbc, month.minusMonths(1), month);
    }

    private String rated(String orgPath, String type, int t, int a, int c, String flags, YearMonth in, int day, String surveyor) {
        return EvaluationFixtures.rated(jdbc, orgPath, type, t, a, c, flags, in, day, surveyor);
    }

    @Test
    @DisplayName("R-EVA-4 R-EVA-3 averages and star counts by station, type, node and handler with the month before; flagged "
            + "ratings count nowhere but are listed with their reasons; another station's stay out of a head's scope")
    void monthByGroupsWithinScope() {
        rated(east, "LV_RES_NEW", 5, 5, 5, "", month, 3, "surveyor");
        rated(east, "LV_RES_NEW", 3, 4, 2, "", month, 4, "surveyor");
        rated(east, "LV_NONRES_NEW", 4, 4, 4, "", month, 5, "designer");
        String flagged = rated(east, "LV_RES_NEW", 1, 1, 1, "STAFF_PHONE,TOO_FAST", month, 6, "surveyor");
        rated(east, "LV_RES_NEW", 4, 4, 5, "", month.minusMonths(1), 20, "surveyor");
        String westOrder = rated(west, "LV_RES_NEW", 2, 2, 2, "", month, 7, "surveyor");

        EvaluationReport report = dashboard.of(new ReportMonth(month, TestClock.ZONE), new DataScope(east), Locale.SIMPLIFIED_CHINESE, 0, 20);
        assertThat(report.scopeName()).isEqualTo("城东供电所");
        assertThat(report.counted()).isEqualTo(3);
        assertThat(report.flagged()).isEqualTo(1);
        // (5 + 3 + 4) / 3 = 4.00, the month before 4.33.
        assertThat(report.average()).isEqualByComparingTo("4.00");
        assertThat(report.previousAverage()).isEqualByComparingTo("4.33");
        assertThat(report.metrics()).extracting(EvaluationReport.Metric::code).containsExactly("timeliness", "attitude", "communication");
        assertThat(report.metrics().get(0).stars()).containsExactly(0L, 0L, 1L, 1L, 1L);
        assertThat(report.metrics().get(2).stars()).containsExactly(0L, 1L, 0L, 1L, 1L);
        assertThat(report.metrics().get(1).average()).isEqualByComparingTo("4.33");
        assertThat(report.byStation()).singleElement().satisfies(line -> {
            assertThat(line.name()).isEqualTo("城东供电所");
            assertThat(line.count()).isEqualTo(3);
            assertThat(line.change()).isEqualByComparingTo("-0.33");
        });
        assertThat(report.byType()).extracting(EvaluationReport.Line::name, EvaluationReport.Line::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("低压居民新装", 2L),
                        org.assertj.core.groups.Tuple.tuple("低压非居民新装", 1L));
        // All three average 4.00 (the surveyor 5 and 3, the designer 4, the inspector all three): the most rated first.
        assertThat(report.byHandler()).extracting(EvaluationReport.Line::name, EvaluationReport.Line::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("冯验收", 3L), org.assertj.core.groups.Tuple.tuple("李勘查", 2L),
                        org.assertj.core.groups.Tuple.tuple("陈设计", 1L));
        assertThat(report.byHandler()).allSatisfy(line -> assertThat(line.average()).isEqualByComparingTo("4.00"));
        assertThat(report.byNode()).extracting(EvaluationReport.Line::code).containsExactlyInAnyOrder("SITE_SURVEY", "POWER_ON");
        assertThat(report.entries()).hasSize(4).noneMatch(e -> e.orderNo().equals(westOrder));
        assertThat(report.entries()).filteredOn(e -> e.orderNo().equals(flagged)).singleElement()
                .satisfies(e -> assertThat(e.flagReasons()).containsExactly("评价手机号属于本单位员工", "打开页面后提交过快，不似本人阅读后填写"));
        assertThat(report.trend()).hasSize(6).last().satisfies(m -> assertThat(m.month()).isEqualTo(month.toString()));
    }

    @Test
    @DisplayName("R-EVA-4 R-X-5 R-X-6 the page, the API and the exports show a head their station and a leader every station; "
            + "clerks are refused")
    void pagesApiAndExports() throws Exception {
        String eastOrder = rated(east, "LV_RES_NEW", 5, 4, 3, "", month, 3, "surveyor");
        String westOrder = rated(west, "LV_RES_NEW", 2, 2, 2, "ADDRESS_BURST", month, 3, "surveyor");

        mvc.perform(get("/evaluations").param("month", month.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(eastOrder)))
                .andExpect(content().string(not(containsString(westOrder))))
                .andExpect(content().string(containsString("data-chart=\"stars\"")));
        mvc.perform(get("/evaluations").param("month", month.toString()).with(LEADER))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(westOrder)))
                .andExpect(content().string(containsString("同一网络地址短时间内集中提交评价")));
        mvc.perform(get("/api/evaluations/report").param("month", month.toString()).with(LEADER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[*].orderNo").value(hasItem(westOrder)))
                .andExpect(jsonPath("$.byStation[*].name").value(hasItem("城东供电所")));
        mvc.perform(get("/api/evaluations/report").param("month", "2025-13").with(LEADER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("month"));
        mvc.perform(get("/api/evaluations/report").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());
        mvc.perform(get("/evaluations").with(httpBasic("clerk", PASSWORD))).andExpect(status().isForbidden());

        byte[] xlsx = mvc.perform(get("/evaluations/report.xlsx").param("month", month.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertThat(sheets).containsExactly("概况", "各项指标", "按供电单位", "按业务类型", "按办理环节", "按办理人", "本月评价明细");
            assertThat(workbook.getSheet("本月评价明细").getRow(2).getCell(0).getStringCellValue()).isEqualTo(eastOrder);
            assertThat(workbook.getSheet("按供电单位").getRow(2).getCell(2).getNumericCellValue()).isEqualTo(4.0);
        }
        if (pdf.font().isPresent()) {
            byte[] document = mvc.perform(get("/evaluations/report.pdf").param("month", month.toString()).with(HEAD_EAST))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            try (PDDocument loaded = Loader.loadPDF(document)) {
                String text = new PDFTextStripper().getText(loaded);
                // A long order number wraps in its cell.
                assertThat(text.replaceAll("\\s", "")).contains("服务评价分析" + month).contains("城东供电所")
                        .contains(eastOrder).doesNotContain(westOrder);
            }
        }
    }
}
