package org.yekuo.review.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.yekuo.review.ReviewBoard.ReviewLine;

/**
 * The month's typical cases as CSV for the manual's appendix (R-REV-6): UTF-8 with a byte-order mark so
 * that Excel shows Chinese text; fields quoted, and cells that a spreadsheet would run as a formula
 * defused.
 */
final class TypicalCasesCsv {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private TypicalCasesCsv() {
    }

    static String of(List<ReviewLine> lines) {
        StringBuilder csv = new StringBuilder("\uFEFForderNo,round,department,verdict,clauses,opinion,reviewer,decidedAt,typicalNote,markedBy\r\n");
        for (ReviewLine line : lines) {
            var r = line.review();
            csv.append(String.join(",", cell(line.orderNo()), cell(String.valueOf(line.roundNo())), cell(r.department().name()),
                    cell(r.verdict() == null ? "" : r.verdict().name()), cell(String.join(" ", r.clauses())), cell(r.opinion()),
                    cell(r.decidedBy()), cell(r.decidedAt() == null ? "" : MINUTES.format(r.decidedAt())), cell(r.typicalNote()),
                    cell(r.typicalBy()))).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
