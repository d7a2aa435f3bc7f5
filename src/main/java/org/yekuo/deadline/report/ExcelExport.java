package org.yekuo.deadline.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes report tables as an .xlsx workbook (Apache POI), one sheet per table: a title row, a bold
 * header row, then the rows with numbers kept as numbers so that they add up in Excel.
 */
@Component
public class ExcelExport {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public byte[] workbook(String title, List<ReportTable> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            Set<String> names = new HashSet<>();
            for (ReportTable table : tables) {
                Sheet sheet = workbook.createSheet(uniqueName(table.title(), names));
                Row titleRow = sheet.createRow(0);
                titleRow.createCell(0).setCellValue(title + " - " + table.title());
                titleRow.getCell(0).setCellStyle(header);
                Row headers = sheet.createRow(1);
                for (int c = 0; c < table.headers().size(); c++) {
                    headers.createCell(c).setCellValue(table.headers().get(c));
                    headers.getCell(c).setCellStyle(header);
                }
                int r = 2;
                for (List<Object> cells : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < cells.size(); c++) {
                        Object value = cells.get(c);
                        if (value instanceof Number number) {
                            row.createCell(c).setCellValue(number instanceof BigDecimal d ? d.doubleValue() : number.doubleValue());
                        } else {
                            row.createCell(c).setCellValue(value == null ? "" : value.toString());
                        }
                    }
                }
                for (int c = 0; c < table.headers().size(); c++) {
                    // Wide enough for Chinese text, which autoSizeColumn underestimates without fonts.
                    sheet.setColumnWidth(c, 24 * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sheet names are at most 31 characters, without []:*?/\ and unique in the workbook. */
    private static String uniqueName(String wanted, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(wanted);
        String name = base;
        for (int i = 2; !taken.add(name.toLowerCase()); i++) {
            String suffix = " " + i;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }
}
