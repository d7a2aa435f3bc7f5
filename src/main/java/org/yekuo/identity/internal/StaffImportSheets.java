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

    /**
     * The template: the staff sheet with its headers, every column formatted as text (so that a mobile number stays a
     * number of 11 digits), and a second sheet with the instructions, the roles that may be imported and the org units.
     */
    static byte[] template(String[] headers, List<String[]> roles, List<String[]> units, String instructions) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            DataFormat format = workbook.createDataFormat();
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(format.getFormat("@"));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet staff = workbook.createSheet("员工");
            Row header = staff.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
                header.getCell(c).setCellStyle(bold);
                staff.setDefaultColumnStyle(c, text);
                staff.setColumnWidth(c, 20 * 256);
            }
            Sheet help = workbook.createSheet("填写说明");
            int r = 0;
            for (String line : instructions.split("\n")) {
                help.createRow(r++).createCell(0).setCellValue(line);
            }
            r++;
            Row rolesHeader = help.createRow(r++);
            rolesHeader.createCell(0).setCellValue("角色");
            rolesHeader.createCell(1).setCellValue("Role");
            rolesHeader.getCell(0).setCellStyle(bold);
            rolesHeader.getCell(1).setCellStyle(bold);
            for (String[] role : roles) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(role[0]);
                row.createCell(1).setCellValue(role[1]);
            }
            r++;
            Row unitsHeader = help.createRow(r++);
            unitsHeader.createCell(0).setCellValue("组织单位编码");
            unitsHeader.createCell(1).setCellValue("组织单位");
            unitsHeader.getCell(0).setCellStyle(bold);
            unitsHeader.getCell(1).setCellStyle(bold);
            for (String[] unit : units) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(unit[0]);
                row.createCell(1).setCellValue(unit[1]);
            }
            help.setColumnWidth(0, 40 * 256);
            help.setColumnWidth(1, 50 * 256);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
