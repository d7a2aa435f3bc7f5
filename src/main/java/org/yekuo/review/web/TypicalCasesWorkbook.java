package org.yekuo.review.web;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.reporting.ExcelExport;
import org.yekuo.reporting.ReportTable;
import org.yekuo.review.ReviewBoard.ReviewLine;
import org.yekuo.shared.Times;

/**
 * The month's typical cases as an .xlsx list for the manual's appendix (R-REV-6): a header row in the reader's
 * language, one row per case with department and verdict by name, written by the reports' Excel writer, which
 * keeps every opinion as text.
 */
@Component
class TypicalCasesWorkbook {

    private static final List<String> HEADERS = List.of("order-no", "round", "department", "verdict", "clauses", "opinion",
            "reviewer", "decided-at", "typical-note", "marked-by");

    private final ExcelExport excel;
    private final MessageSource messages;
    private final Clock clock;

    TypicalCasesWorkbook(ExcelExport excel, MessageSource messages, Clock clock) {
        this.excel = excel;
        this.messages = messages;
        this.clock = clock;
    }

    static String fileName(YearMonth month) {
        return "typical-cases-" + month + ".xlsx";
    }

    byte[] of(YearMonth month, List<ReviewLine> lines, Locale locale) {
        List<String> headers = HEADERS.stream().map(h -> messages.getMessage("review.export." + h, null, locale)).toList();
        List<List<Object>> rows = lines.stream().map(line -> {
            var review = line.review();
            return List.<Object>of(line.orderNo(), String.valueOf(line.roundNo()),
                    messages.getMessage(review.department().messageKey(), null, locale),
                    review.verdict() == null ? "" : messages.getMessage(review.verdict().messageKey(), null, locale),
                    String.join(", ", review.clauses()), text(review.opinion()), text(review.decidedBy()),
                    minutes(review.decidedAt()), text(review.typicalNote()), text(review.typicalBy()));
        }).toList();
        return excel.list(new ReportTable(month.toString(), headers, rows));
    }

    private String minutes(Instant at) {
        return at == null ? "" : Times.MINUTES.format(at.atZone(clock.getZone()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
