package org.yekuo.identity.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The spreadsheets the staff import hands out: the template and the preview to correct. In the comma-separated files
 * every value a spreadsheet would take for a formula ({@code = + - @}, or a tab or carriage return before one) is written
 * as text, so that a name taken from an uploaded file cannot run as a formula on the administrator's computer; the
 * workbook's cells are text cells, which no spreadsheet evaluates.
 */
final class StaffImportSheets {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StaffImportSheets() {
    }

    /** Comma-separated UTF-8 with a byte-order mark, so that Excel reads the Chinese right. */
    static byte[] csv(List<String[]> rows) {
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(quoted(inert(row[i])));
            }
            text.append("\r\n");
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, file, 0, BOM.length);
        System.arraycopy(body, 0, file, BOM.length, body.length);
        return file;
    }

    /** A table of the help sheet: a bold header row, then one row per entry. */
    record Table(String[] header, List<String[]> rows) {
    }

    /**
     * The template: the staff sheet with its headers, every column formatted as text (so that a mobile number stays a
     * number of 11 digits), and a help sheet with the instructions followed by the tables (the roles that may be
     * imported, the org units).
     */
    static byte[] template(String staffSheet, String[] headers, String helpSheet, String instructions, List<Table> tables) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            DataFormat format = workbook.createDataFormat();
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(format.getFormat("@"));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet staff = workbook.createSheet(staffSheet);
            Row header = staff.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
                header.getCell(c).setCellStyle(bold);
                staff.setDefaultColumnStyle(c, text);
                staff.setColumnWidth(c, 20 * 256);
            }
            Sheet help = workbook.createSheet(helpSheet);
            int r = 0;
            for (String line : instructions.split("\n")) {
                help.createRow(r++).createCell(0).setCellValue(line);
            }
            for (Table table : tables) {
                r = write(help, r + 1, table, bold);
            }
            help.setColumnWidth(0, 40 * 256);
            help.setColumnWidth(1, 50 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the table from {@code firstRow} on and answers the row after it. */
    private static int write(Sheet sheet, int firstRow, Table table, CellStyle bold) {
        int r = firstRow;
        Row header = sheet.createRow(r++);
        for (int c = 0; c < table.header().length; c++) {
            header.createCell(c).setCellValue(table.header()[c]);
            header.getCell(c).setCellStyle(bold);
        }
        for (String[] entry : table.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < entry.length; c++) {
                row.createCell(c).setCellValue(entry[c]);
            }
        }
        return r;
    }

    /** A value a spreadsheet would read as a formula gets a leading apostrophe, which makes it text. */
    static String inert(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    private static String quoted(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
