package org.yekuo.deadline.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.yekuo.reporting.ReportTable;

/**
 * What each report shows as tables, in the reader's language: one place for the contents of the
 * Excel and PDF exports alike.
 */
@Component
public class ReportTables {

    private final MessageSource messages;

    ReportTables(MessageSource messages) {
        this.messages = messages;
    }

    public List<ReportTable> overdue(OverdueReport report, Locale locale) {
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable(text("deadline.report.summary", locale),
                List.of(text("deadline.report.metric", locale), text("deadline.report.count", locale)),
                List.of(List.of(text("deadline.report.overdue-nodes", locale), report.overdueNodes()),
                        List.of(text("deadline.report.overdue-orders", locale), report.overdueOrders()),
                        List.of(text("deadline.report.unexplained", locale), report.unexplained()))));
        tables.add(lines(text("deadline.report.by-category", locale), text("deadline.report.category", locale), report.byCategory(),
                report.overdueNodes(), locale));
        tables.add(lines(text("deadline.report.by-node", locale), text("deadline.report.node", locale), report.byNode(),
                report.overdueNodes(), locale));
        tables.add(lines(text("deadline.report.by-department", locale), text("deadline.report.department", locale),
                report.byDepartment(), report.overdueNodes(), locale));
        tables.add(lines(text("deadline.report.by-person", locale), text("deadline.report.person", locale), report.byPerson(),
                report.overdueNodes(), locale));
        tables.add(new ReportTable(text("deadline.report.trend", locale),
                List.of(text("deadline.report.month", locale), text("deadline.report.count", locale)),
                report.trend().stream().map(m -> List.<Object>of(m.month(), m.count())).toList()));
        tables.add(new ReportTable(text("deadline.report.top-causes", locale),
                List.of(text("deadline.report.category", locale), text("deadline.report.node", locale),
                        text("deadline.report.count", locale), text("deadline.report.previous-month", locale)),
                report.topCauses().stream()
                        .map(c -> List.<Object>of(c.categoryName(), c.nodeName(), c.count(), c.previousMonth())).toList()));
        return tables;
    }

    public List<ReportTable> scores(ScoreSheet sheet, Locale locale) {
        return List.of(new ReportTable(text("deadline.scores.title", locale),
                List.of(text("deadline.report.department", locale), text("deadline.scores.yellow-orders", locale),
                        text("deadline.scores.red-orders", locale), text("deadline.scores.deducted", locale),
                        text("deadline.scores.score", locale)),
                sheet.departments().stream().map(d -> List.<Object>of(d.name(), d.yellowOrders(), d.redOrders(),
                        d.deducted(), d.score())).toList()));
    }

    public List<ReportTable> leaderboard(Leaderboard board, Locale locale) {
        return List.of(new ReportTable(text("deadline.leaderboard.title", locale),
                List.of(text("deadline.leaderboard.rank", locale), text("deadline.report.person", locale),
                        text("deadline.leaderboard.completed", locale), text("deadline.leaderboard.on-time", locale),
                        text("deadline.leaderboard.rate", locale), text("deadline.leaderboard.award", locale)),
                board.top().stream().map(e -> List.<Object>of(e.rank(), e.name(), e.completed(), e.onTime(),
                        e.rate() + "%", e.awardPriority() ? text("deadline.leaderboard.award-yes", locale) : "")).toList()));
    }

    private ReportTable lines(String title, String what, List<OverdueReport.Line> lines, long total, Locale locale) {
        return new ReportTable(title, List.of(what, text("deadline.report.count", locale), text("deadline.report.share", locale)),
                lines.stream().map(l -> List.<Object>of(l.name(), l.count(), share(l.count(), total))).toList());
    }

    /** A count's share of the total in percent, one decimal, as text ("12.5%"). */
    static String share(long count, long total) {
        if (total == 0) {
            return "0%";
        }
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString() + "%";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
