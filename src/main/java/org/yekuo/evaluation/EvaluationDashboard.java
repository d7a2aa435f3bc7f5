package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.catalogue.BusinessTypeSummary;
import org.yekuo.catalogue.Catalogue;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMembers;

/**
 * The evaluation dashboard (R-EVA-4): a month of ratings over the reader's data scope. Only ratings
 * without flags count in averages and distributions (R-EVA-3); the flagged ones are listed with why.
 */
@Service
@Transactional(readOnly = true)
public class EvaluationDashboard {

    static final List<String> METRICS = List.of("timeliness", "attitude", "communication");
    static final int TREND_MONTHS = 6;
    /** The lowest average first, where attention is needed; among equals the most rated. */
    private static final Comparator<EvaluationReport.Line> WORST_FIRST = Comparator.comparing(EvaluationReport.Line::average)
            .thenComparing(EvaluationReport.Line::count, Comparator.reverseOrder()).thenComparing(EvaluationReport.Line::name);
    private static final String COUNTED = "e.flags = '' and e.submitted_at >= :from and e.submitted_at < :to and e.org_path like :scope";

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;
    private final StaffMembers staff;
    private final Catalogue catalogue;
    private final MessageSource messages;

    EvaluationDashboard(JdbcClient jdbc, OrgUnits orgUnits, StaffMembers staff, Catalogue catalogue, MessageSource messages) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.staff = staff;
        this.catalogue = catalogue;
        this.messages = messages;
    }

    /** The month's report; {@code entries} lists up to {@code size} ratings from {@code page} (0-based), newest first. */
    public EvaluationReport of(ReportMonth month, DataScope scope, Locale locale, int page, int size) {
        ReportMonth previous = month.minusMonths(1);
        Map<String, String> stationNames = stationNames(scope, locale);
        Map<String, String> typeNames = new HashMap<>();
        for (BusinessTypeSummary type : catalogue.types()) {
            typeNames.put(type.code(), locale.getLanguage().equals("en") ? type.nameEn() : type.nameZh());
        }
        List<EvaluationReport.Line> byHandler = lines("h.username", "join (select distinct evaluation_id, username from evaluation_handler) h on h.evaluation_id = e.id",
                month, previous, scope, Function.identity());
        Map<String, String> handlerNames = staff.displayNames(byHandler.stream().map(EvaluationReport.Line::code).toList());
        byHandler = byHandler.stream().filter(l -> handlerNames.containsKey(l.code()))
                .map(l -> rename(l, handlerNames.get(l.code()))).sorted(WORST_FIRST).toList();
        Tally now = tally(month, scope);
        Tally before = tally(previous, scope);
        List<EvaluationReport.Metric> metrics = new ArrayList<>();
        for (int i = 0; i < METRICS.size(); i++) {
            metrics.add(new EvaluationReport.Metric(METRICS.get(i), text("evaluation.metric." + METRICS.get(i), locale),
                    now.metricAverage(i), before.metricAverage(i), stars(METRICS.get(i), month, scope)));
        }
        long total = jdbc.sql("select count(*) from evaluation e where e.submitted_at >= :from and e.submitted_at < :to and e.org_path like :scope")
                .params(range(month, scope)).query(Long.class).single();
        return new EvaluationReport(month.toString(), scopeName(scope, locale), now.count(), total - now.count(), now.average(),
                before.average(), metrics,
                lines("e.org_path", "", month, previous, scope, path -> stationNames.getOrDefault(path, path)),
                lines("e.type_code", "", month, previous, scope, code -> typeNames.getOrDefault(code, code)),
                lines("h.node_code", "join (select distinct evaluation_id, node_code from evaluation_handler) h on h.evaluation_id = e.id",
                        month, previous, scope, code -> text("catalogue.node." + code, locale)),
                byHandler, trend(month, scope), entries(month, scope, stationNames, locale, page, size), total);
    }

    private record Tally(long count, BigDecimal average, BigDecimal[] metricAverages) {

        BigDecimal metricAverage(int i) {
            return metricAverages[i];
        }
    }

    private Tally tally(ReportMonth month, DataScope scope) {
        return jdbc.sql("select count(*), avg(e.average), avg(e.timeliness * 1.0), avg(e.attitude * 1.0), avg(e.communication * 1.0) "
                        + "from evaluation e where " + COUNTED)
                .params(range(month, scope))
                .query((rs, n) -> new Tally(rs.getLong(1), round(rs.getBigDecimal(2)),
                        new BigDecimal[] {round(rs.getBigDecimal(3)), round(rs.getBigDecimal(4)), round(rs.getBigDecimal(5))}))
                .single();
    }

    private List<Long> stars(String metric, ReportMonth month, DataScope scope) {
        Long[] counts = new Long[] {0L, 0L, 0L, 0L, 0L};
        // The column is one of three fixed names, never input.
        jdbc.sql("select e." + metric + ", count(*) from evaluation e where " + COUNTED + " group by e." + metric)
                .params(range(month, scope))
                .query((rs, n) -> counts[rs.getInt(1) - 1] = rs.getLong(2)).list();
        return Arrays.asList(counts);
    }

    private List<EvaluationReport.Line> lines(String key, String join, ReportMonth month, ReportMonth previous, DataScope scope,
            Function<String, String> name) {
        String sql = "select " + key + ", count(*), avg(e.average) from evaluation e " + join + " where " + COUNTED + " group by " + key;
        Map<String, BigDecimal> before = new HashMap<>();
        jdbc.sql(sql).params(range(previous, scope)).query((rs, n) -> before.put(rs.getString(1), round(rs.getBigDecimal(3)))).list();
        return jdbc.sql(sql).params(range(month, scope))
                .query((rs, n) -> new EvaluationReport.Line(rs.getString(1), name.apply(rs.getString(1)), rs.getLong(2),
                        round(rs.getBigDecimal(3)), before.get(rs.getString(1))))
                .list().stream().sorted(WORST_FIRST).toList();
    }

    private List<EvaluationReport.MonthAverage> trend(ReportMonth month, DataScope scope) {
        List<EvaluationReport.MonthAverage> trend = new ArrayList<>();
        for (int i = TREND_MONTHS - 1; i >= 0; i--) {
            ReportMonth m = month.minusMonths(i);
            Tally tally = tally(m, scope);
            trend.add(new EvaluationReport.MonthAverage(m.toString(), tally.average(), tally.count()));
        }
        return trend;
    }

    private List<EvaluationReport.Entry> entries(ReportMonth month, DataScope scope, Map<String, String> stationNames, Locale locale,
            int page, int size) {
        return jdbc.sql("""
                select e.order_no, e.org_path, e.submitted_at, e.timeliness, e.attitude, e.communication, e.average, e.comment_text,
                       e.flags
                from evaluation e where e.submitted_at >= :from and e.submitted_at < :to and e.org_path like :scope
                order by e.submitted_at desc, e.id desc limit :size offset :offset""")
                .params(range(month, scope)).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new EvaluationReport.Entry(rs.getString(1), stationNames.getOrDefault(rs.getString(2), ""),
                        rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getBigDecimal(7), rs.getString(8),
                        flagReasons(rs.getString(9), locale)))
                .list();
    }

    private List<String> flagReasons(String flags, Locale locale) {
        if (flags == null || flags.isBlank()) {
            return List.of();
        }
        return Arrays.stream(flags.split(",")).map(f -> text(FraudFlag.valueOf(f).messageKey(), locale)).toList();
    }

    /** The org units of the scope by their path, which is what a rating keeps of its order's station. */
    private Map<String, String> stationNames(DataScope scope, Locale locale) {
        Map<String, String> names = new HashMap<>();
        for (OrgUnit unit : orgUnits.within(scope)) {
            names.put(unit.path(), unit.name(locale));
        }
        return names;
    }

    private String scopeName(DataScope scope, Locale locale) {
        return orgUnits.within(scope).stream().filter(u -> u.path().equals(scope.orgPath())).findFirst()
                .map(u -> u.name(locale)).orElse(scope.orgPath());
    }

    private static Map<String, Object> range(ReportMonth month, DataScope scope) {
        return Map.of("from", Invitations.ts(month.from()), "to", Invitations.ts(month.to()), "scope", scope.likePattern());
    }

    private static EvaluationReport.Line rename(EvaluationReport.Line line, String name) {
        return new EvaluationReport.Line(line.code(), name, line.count(), line.average(), line.previousAverage());
    }

    private static BigDecimal round(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
