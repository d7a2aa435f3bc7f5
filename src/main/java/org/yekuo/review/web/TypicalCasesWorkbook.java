package org.yekuo.review.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.review.ReviewBoard.ReviewLine;

/**
 * The month's typical cases as an .xlsx workbook for the manual's appendix (R-REV-6): one sheet, a bold
 * header row in the reader's language, one row per case with department and verdict by name. Cells are
 * written as text, so nothing in an opinion runs as a formula.
 */
@Component
class TypicalCasesWorkbook {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> HEADERS = List.of("order-no", "round", "department", "verdict", "clauses", "opinion",
            "reviewer", "decided-at", "typical-note", "marked-by");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageSource messages;
    private final Clock clock;

    TypicalCasesWorkbook(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    static String fileName(YearMonth month) {
        return "typical-cases-" + month + ".xlsx";
    }

    byte[] of(YearMonth month, List<ReviewLine> lines, Locale locale) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle header = workbook.createCellStyle();
            header.setFont(bold);
            Sheet sheet = workbook.createSheet(month.toString());
            Row headers = sheet.createRow(0);
            for (int c = 0; c < HEADERS.size(); c++) {
                headers.createCell(c).setCellValue(messages.getMessage("review.export." + HEADERS.get(c), null, locale));
                headers.getCell(c).setCellStyle(header);
                // Wide enough for Chinese text, which autoSizeColumn underestimates without fonts installed.
                sheet.setColumnWidth(c, (c == 5 || c == 8 ? 48 : 18) * 256);
            }
            sheet.createFreezePane(0, 1);
            int r = 1;
            for (ReviewLine line : lines) {
                var review = line.review();
                List<String> cells = List.of(line.orderNo(), String.valueOf(line.roundNo()),
                        messages.getMessage(review.department().messageKey(), null, locale),
                        review.verdict() == null ? "" : messages.getMessage(review.verdict().messageKey(), null, locale),
                        String.join(", ", review.clauses()), text(review.opinion()), text(review.decidedBy()),
                        minutes(review.decidedAt()), text(review.typicalNote()), text(review.typicalBy()));
                Row row = sheet.createRow(r++);
                for (int c = 0; c < cells.size(); c++) {
                    row.createCell(c).setCellValue(cells.get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String minutes(Instant at) {
        return at == null ? "" : MINUTES.format(at.atZone(clock.getZone()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
