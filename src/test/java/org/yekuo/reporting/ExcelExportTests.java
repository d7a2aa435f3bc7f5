package org.yekuo.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExcelExportTests {

    private final ExcelExport excel = new ExcelExport();

    @Test
    @DisplayName("R-SLA-5 a report has a sheet per table, titled, with numbers kept as numbers and sheet names made unique")
    void reportHasASheetPerTable() throws IOException {
        ReportTable byNode = new ReportTable("按节点", List.of("节点", "超期数"), List.of(List.of("现场勘查", 3)));
        byte[] bytes = excel.workbook("超期分析 2026-07", List.of(byNode, byNode));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("按节点", "按节点 2");
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("超期分析 2026-07 - 按节点");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("超期数");
            assertThat(sheet.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(3.0);
        }
    }

    @Test
    @DisplayName("R-REV-6 a list has its header in the first row, frozen, and keeps typed text as text, never a formula")
    void listKeepsHeaderOnTopAndTextAsText() throws IOException {
        String longOpinion = "第二回路应取自不同母线段，并补充计量柜的安装位置和产权分界点".repeat(3);
        byte[] bytes = excel.list(new ReportTable("2026-07", List.of("工单编号", "意见"),
                List.of(List.of("YK-2026-000001", "=HYPERLINK(\"http://x\")"), List.of("YK-2026-000002", longOpinion))));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheet("2026-07");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("工单编号");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).startsWith("=HYPERLINK");
            // The opinion column is as wide as its text needs, up to the limit; the order number's stays narrow.
            assertThat(sheet.getColumnWidth(1)).isEqualTo(ExcelExport.WIDE * 256);
            assertThat(sheet.getColumnWidth(0)).isBetween(ExcelExport.NARROW * 256, ExcelExport.WIDE * 256 - 1);
        }
    }
}
