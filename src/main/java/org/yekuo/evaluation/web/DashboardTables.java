package org.yekuo.evaluation.web;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.reporting.ReportTable;
import org.yekuo.evaluation.EvaluationReport;
import org.yekuo.shared.Times;

/** The evaluation dashboard as tables in the reader's language: the contents of its Excel and PDF exports alike. */
@Component
class DashboardTables {

    private final MessageSource messages;

    DashboardTables(MessageSource messages) {
        this.messages = messages;
    }

    List<ReportTable> of(EvaluationReport report, ZoneId zone, Locale locale) {
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(text("evaluation.report.summary", locale),
                List.of(text("evaluation.report.item", locale), text("evaluation.report.this-month", locale),
                        text("evaluation.report.previous-month", locale)),
                List.of(List.of(text("evaluation.report.counted", locale), report.counted(), ""),
                        List.of(text("evaluation.report.flagged", locale), report.flagged(), ""),
                        List.of(text("evaluation.report.average", locale), number(report.average()), number(report.previousAverage())))));
        List<List<Object>> metrics = new ArrayList<>();
        for (EvaluationReport.Metric metric : report.metrics()) {
            List<Object> row = new ArrayList<>(List.of(metric.name(), number(metric.average()), number(metric.previousAverage())));
            row.addAll(metric.stars());
            metrics.add(row);
        }
        tables.add(new ReportTable(text("evaluation.report.metrics", locale),
                List.of(text("evaluation.report.metric", locale), text("evaluation.report.average", locale),
                        text("evaluation.report.previous-month", locale), stars(1, locale), stars(2, locale), stars(3, locale),
                        stars(4, locale), stars(5, locale)),
                metrics));
        tables.add(lines("evaluation.report.by-station", "evaluation.report.station", report.byStation(), locale));
        tables.add(lines("evaluation.report.by-type", "evaluation.report.type", report.byType(), locale));
        tables.add(lines("evaluation.report.by-node", "evaluation.report.node", report.byNode(), locale));
        tables.add(lines("evaluation.report.by-handler", "evaluation.report.handler", report.byHandler(), locale));
        tables.add(new ReportTable(text("evaluation.report.entries", locale),
                List.of(text("evaluation.report.order", locale), text("evaluation.report.station", locale),
                        text("evaluation.report.submitted", locale), text("evaluation.metric.timeliness", locale),
                        text("evaluation.metric.attitude", locale), text("evaluation.metric.communication", locale),
                        text("evaluation.report.average", locale), text("evaluation.report.comment", locale),
                        text("evaluation.report.flags", locale)),
                report.entries().stream().map(e -> List.<Object>of(e.orderNo(), e.stationName(),
                        Times.MINUTES.format(e.submittedAt().atZone(zone)), e.timeliness(), e.attitude(), e.communication(), e.average(),
                        e.comment() == null ? "" : e.comment(), String.join("；", e.flagReasons()))).toList()));
        return tables;
    }

    private ReportTable lines(String title, String what, List<EvaluationReport.Line> lines, Locale locale) {
        return new ReportTable(text(title, locale),
                List.of(text(what, locale), text("evaluation.report.count", locale), text("evaluation.report.average", locale),
                        text("evaluation.report.previous-month", locale), text("evaluation.report.change", locale)),
                lines.stream().map(l -> List.<Object>of(l.name(), l.count(), l.average(), number(l.previousAverage()),
                        number(l.change()))).toList());
    }

    /** A missing number (no ratings) as an empty cell rather than zero, which would read as a score. */
    private static Object number(BigDecimal value) {
        return value == null ? "" : value;
    }

    private String stars(int n, Locale locale) {
        return messages.getMessage("evaluation.page.stars", new Object[] {n}, locale);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
