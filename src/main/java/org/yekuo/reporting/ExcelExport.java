package org.yekuo.reporting;

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
 * The one Excel writer of every report (Apache POI): tables as an .xlsx workbook, with numbers kept as numbers
 * so that they add up in Excel and text always written as text, so nothing a user typed runs as a formula.
 */
@Component
public class ExcelExport {

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Column widths of a list, in characters: wide enough for Chinese text, which autoSizeColumn underestimates. */
    static final int NARROW = 18;
    static final int WIDE = 48;

    /** A report: one sheet per table, each with a title row, a bold header row, then the rows. */
    public byte[] workbook(String title, List<ReportTable> tables) {
        return write(workbook -> {
            CellStyle header = boldStyle(workbook);
            Set<String> names = new HashSet<>();
            for (ReportTable table : tables) {
                Sheet sheet = workbook.createSheet(uniqueName(table.title(), names));
                Row titleRow = sheet.createRow(0);
                titleRow.createCell(0).setCellValue(title + " - " + table.title());
                titleRow.getCell(0).setCellStyle(header);
                writeTable(sheet, 1, table, header);
                for (int c = 0; c < table.headers().size(); c++) {
                    sheet.setColumnWidth(c, 24 * 256);
                }
            }
        });
    }

    /**
     * A list to read on or filter in Excel: one sheet named by the table's title, the bold header row first and
     * frozen, then the rows; a column is as wide as its longest text needs, between {@value #NARROW} and
     * {@value #WIDE} characters.
     */
    public byte[] list(ReportTable table) {
        return write(workbook -> {
            CellStyle header = boldStyle(workbook);
            Sheet sheet = workbook.createSheet(uniqueName(table.title(), new HashSet<>()));
            writeTable(sheet, 0, table, header);
            sheet.createFreezePane(0, 1);
            for (int c = 0; c < table.headers().size(); c++) {
                int longest = table.headers().get(c).length() * 2;
                for (List<Object> row : table.rows()) {
                    Object value = c < row.size() ? row.get(c) : null;
                    longest = Math.max(longest, value == null ? 0 : value.toString().length() * 2);
                }
                sheet.setColumnWidth(c, Math.max(NARROW, Math.min(WIDE, longest)) * 256);
            }
        });
    }

    private interface Content {
        void into(XSSFWorkbook workbook);
    }

    private static byte[] write(Content content) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.into(workbook);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CellStyle boldStyle(XSSFWorkbook workbook) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle style = workbook.createCellStyle();
        style.setFont(bold);
        return style;
    }

    /** The header row at {@code first}, then the rows below it. */
    private static void writeTable(Sheet sheet, int first, ReportTable table, CellStyle header) {
        Row headers = sheet.createRow(first);
        for (int c = 0; c < table.headers().size(); c++) {
            headers.createCell(c).setCellValue(table.headers().get(c));
            headers.getCell(c).setCellStyle(header);
        }
        int r = first + 1;
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
