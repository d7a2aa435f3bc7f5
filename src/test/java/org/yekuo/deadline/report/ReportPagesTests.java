package org.yekuo.deadline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.yekuo.deadline.report.ReportFixtures.at;
import static org.yekuo.deadline.report.ReportFixtures.newOrder;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
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
import org.yekuo.deadline.DelayCategory;
import org.yekuo.reporting.PdfExport;

/**
 * The report pages, exports and API through HTTP, over the demo stations: each test's rows carry
 * handlers of its own, so that other rows of the same month in the shared database do not matter.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReportPagesTests {

    private static final String PASSWORD = "Yekuo@2026";
    private static final RequestPostProcessor LEADER = httpBasic("leader", PASSWORD);
    private static final RequestPostProcessor HEAD_EAST = httpBasic("head.east", PASSWORD);
    private static final YearMonth MONTH = YearMonth.of(2026, 7);

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PdfExport pdf;

    ReportFixtures fixtures;
    String eastHandler;
    String westHandler;

    @BeforeEach
    void seed() {
        fixtures = new ReportFixtures(jdbc);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        eastHandler = "east." + tag;
        westHandler = "west." + tag;
        long east = fixtures.node(newOrder(), "SUPPLY_WORKS", fixtures.pathOf("YK-EAST-BIZ")).roles("MATERIALS_CLERK")
                .handler(eastHandler).due(at(MONTH, 6, 9)).red(at(MONTH, 6, 10)).save();
        fixtures.explain(east, DelayCategory.MATERIALS_OUT_OF_STOCK, "APPROVED");
        fixtures.node(newOrder(), "SITE_SURVEY", fixtures.pathOf("YK-WEST-BIZ")).handler(westHandler)
                .due(at(MONTH, 6, 9)).red(at(MONTH, 6, 10)).save();
    }

    @Test
    @DisplayName("R-SLA-5 a station's head sees only the station's overdue nodes; a company leader sees every station's")
    void dataScope() throws Exception {
        mvc.perform(get("/api/deadlines/reports/overdue-analysis").param("month", MONTH.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scopeName").value("\u57ce\u4e1c\u4f9b\u7535\u6240"))
                .andExpect(jsonPath("$.byPerson[*].code").value(hasItem(eastHandler)))
                .andExpect(jsonPath("$.byPerson[*].code").value(not(hasItem(westHandler))));
        mvc.perform(get("/api/deadlines/reports/overdue-analysis").param("month", MONTH.toString()).with(LEADER))
                .andExpect(jsonPath("$.byPerson[*].code").value(hasItem(eastHandler)))
                .andExpect(jsonPath("$.byPerson[*].code").value(hasItem(westHandler)));
        mvc.perform(get("/deadlines/analysis").param("month", MONTH.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(eastHandler)))
                .andExpect(content().string(not(containsString(westHandler))));
    }

    @Test
    @DisplayName("R-SLA-5 a month that is not yyyy-MM is refused as a problem naming the field and the format")
    void badMonthIsAProblem() throws Exception {
        for (String bad : List.of("2026-13", "2026-3", "March", "1999-12")) {
            mvc.perform(get("/api/deadlines/reports/overdue-analysis").param("month", bad).with(LEADER))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                    .andExpect(jsonPath("$.code").value("deadline.report.month-invalid"))
                    .andExpect(jsonPath("$.errors[0].field").value("month"))
                    .andExpect(jsonPath("$.errors[0].message").value(containsString("yyyy-MM")));
        }
        mvc.perform(get("/api/deadlines/reports/leaderboard").param("month", "2026-13").header("Accept-Language", "en")
                        .with(httpBasic("clerk", PASSWORD)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("write yyyy-MM, e.g. 2026-03")));
        // The page shows the refusal above the current month's report.
        mvc.perform(get("/deadlines/scores").param("month", "2026-13").with(LEADER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("data-testid=\"month-error\"")));
        // An export of a malformed month is refused on a page that names the format, not with a file.
        mvc.perform(get("/deadlines/analysis.xlsx").param("month", "2026-13").with(LEADER))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("yyyy-MM")));
    }

    @Test
    @DisplayName("R-SLA-5 R-SLA-6 the analysis and scores are for leaders and heads; the leaderboard and notices for all staff")
    void whoSeesWhat() throws Exception {
        RequestPostProcessor clerk = httpBasic("clerk", PASSWORD);
        mvc.perform(get("/api/deadlines/reports/overdue-analysis").with(clerk)).andExpect(status().isForbidden());
        mvc.perform(get("/api/deadlines/reports/score-sheet").with(clerk)).andExpect(status().isForbidden());
        mvc.perform(get("/deadlines/analysis.xlsx").with(clerk)).andExpect(status().isForbidden());
        mvc.perform(get("/deadlines/leaderboard").with(clerk)).andExpect(status().isOk());
        mvc.perform(get("/api/deadlines/reports/notices").with(clerk)).andExpect(status().isOk());
        mvc.perform(get("/").with(LEADER))
                .andExpect(content().string(containsString("href=\"/deadlines/analysis\"")))
                .andExpect(content().string(not(containsString("href=\"/deadlines/score-rules\""))));
        mvc.perform(post("/deadlines/score-rules/1").with(LEADER).with(csrf()).param("revision", "1"))
                .andExpect(status().isForbidden());
    }

    @Test
    @DisplayName("R-SLA-5 the Excel export has a sheet per grouping that POI reads back, in Chinese, with counts as numbers")
    void excelExportReadsBack() throws Exception {
        byte[] bytes = mvc.perform(get("/deadlines/analysis.xlsx").param("month", MONTH.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(header().string("Content-Disposition", containsString("overdue-analysis-2026-07.xlsx")))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<String> sheets = new ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertThat(sheets).containsExactly("\u6982\u51b5", "\u6309\u8d85\u671f\u539f\u56e0", "\u6309\u8282\u70b9",
                    "\u6309\u8d23\u4efb\u90e8\u95e8", "\u6309\u8d23\u4efb\u4eba", "\u6708\u5ea6\u8d8b\u52bf", "\u4e3b\u8981\u8d85\u671f\u539f\u56e0");
            Sheet byCategory = workbook.getSheet("\u6309\u8d85\u671f\u539f\u56e0");
            Row materials = byCategory.getRow(2);
            assertThat(materials.getCell(0).getStringCellValue()).isEqualTo("\u7269\u8d44\u7f3a\u8d27");
            assertThat(materials.getCell(1).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            assertThat(materials.getCell(1).getNumericCellValue()).isGreaterThanOrEqualTo(1);
            assertThat(column(workbook.getSheet("\u6309\u8d23\u4efb\u4eba"), 0)).anyMatch(name -> name.contains(eastHandler))
                    .noneMatch(name -> name.contains(westHandler));
            assertThat(column(workbook.getSheet("\u6708\u5ea6\u8d8b\u52bf"), 0)).hasSize(12).endsWith("2026-07");
        }
        for (String path : List.of("/deadlines/scores.xlsx", "/deadlines/leaderboard.xlsx")) {
            byte[] other = mvc.perform(get(path).param("month", MONTH.toString()).with(LEADER))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(other))) {
                assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("R-SLA-5 the PDF export embeds a Chinese font: its text is extracted back, Chinese included")
    void pdfExportHasChineseText() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(pdf.font().isPresent() || !"true".equalsIgnoreCase(System.getenv("CI")),
                "no CJK font here");
        if (pdf.font().isEmpty()) {
            mvc.perform(get("/deadlines/analysis.pdf").param("month", MONTH.toString()).with(HEAD_EAST))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().string(containsString("fonts-noto-cjk")));
            return;
        }
        byte[] bytes = mvc.perform(get("/deadlines/analysis.pdf").param("month", MONTH.toString()).with(HEAD_EAST))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("\u6708\u5ea6\u8d85\u671f\u5206\u6790 2026-07")
                    .contains("\u57ce\u4e1c\u4f9b\u7535\u6240")
                    .contains("\u7269\u8d44\u7f3a\u8d27")
                    .contains("\u914d\u5957\u5de5\u7a0b\u4e0e\u7269\u8d44")
                    .contains(eastHandler)
                    .doesNotContain(westHandler);
            assertThat(document.getPage(0).getResources().getFontNames()).isNotEmpty();
        }
    }

    private static List<String> column(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (Row row : sheet) {
            if (row.getRowNum() >= 2) {
                Cell cell = row.getCell(column);
                values.add(cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        ? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue());
            }
        }
        return values;
    }
}
