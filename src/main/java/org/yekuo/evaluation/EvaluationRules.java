package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.DomainException.FieldProblem;

/**
 * The versioned rules of team colours, rewards and service stars (R-EVA-6/7). Administrators change
 * them for the current or a later month; a month already judged keeps its version, so a colour or a
 * bonus once shown never changes afterwards.
 */
@Service
@Transactional(readOnly = true)
public class EvaluationRules {

    private static final String SELECT = """
            select version, valid_from, green_from, yellow_from, green_bonus_yuan, rectification_days, star_average, star_months,
                   attitude_deduction, changed_by, changed_at
            from evaluation_rule""";
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    EvaluationRules(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The version in force in {@code month}: the newest that holds from that month or before. */
    public EvaluationRule forMonth(YearMonth month) {
        return jdbc.sql(SELECT + " where valid_from <= ? order by valid_from desc, version desc limit 1").param(month.toString())
                .query(EvaluationRules::row).single();
    }

    /** Every version, newest first. */
    public List<EvaluationRule> versions() {
        return jdbc.sql(SELECT + " order by version desc").query(EvaluationRules::row).list();
    }

    /** What an administrator sets; {@code validFrom} as yyyy-MM. */
    public record Change(String validFrom, BigDecimal greenFrom, BigDecimal yellowFrom, Integer greenBonusYuan,
            Integer rectificationDays, BigDecimal starAverage, Integer starMonths, BigDecimal attitudeDeduction) {
    }

    /**
     * Adds a version holding from {@code validFrom} on; every field at fault is named at once.
     *
     * @throws DomainException 422: a month before the current one or malformed, thresholds outside 1–5 or
     *         yellow above green, amounts or days out of range
     */
    @Transactional
    public EvaluationRule change(Change change, String username) {
        List<FieldProblem> problems = new ArrayList<>();
        YearMonth from = null;
        try {
            from = YearMonth.parse(change.validFrom() == null ? "" : change.validFrom().strip());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(new FieldProblem("validFrom", "evaluation.rule.valid-from"));
        }
        if (from != null && from.isBefore(YearMonth.now(clock))) {
            problems.add(new FieldProblem("validFrom", "evaluation.rule.valid-from-past", YearMonth.now(clock).toString()));
        }
        stars("greenFrom", change.greenFrom(), problems);
        stars("yellowFrom", change.yellowFrom(), problems);
        stars("starAverage", change.starAverage(), problems);
        if (change.greenFrom() != null && change.yellowFrom() != null && change.yellowFrom().compareTo(change.greenFrom()) > 0) {
            problems.add(new FieldProblem("yellowFrom", "evaluation.rule.yellow-above-green"));
        }
        range("greenBonusYuan", change.greenBonusYuan(), 0, 100_000, problems);
        range("rectificationDays", change.rectificationDays(), 1, 60, problems);
        range("starMonths", change.starMonths(), 1, 12, problems);
        if (change.attitudeDeduction() == null || change.attitudeDeduction().signum() < 0
                || change.attitudeDeduction().compareTo(BigDecimal.TEN) > 0 || change.attitudeDeduction().scale() > 1) {
            problems.add(new FieldProblem("attitudeDeduction", "evaluation.rule.deduction"));
        }
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, problems, "evaluation.rule.invalid");
        }
        int version = jdbc.sql("select max(version) from evaluation_rule").query(Integer.class).single() + 1;
        jdbc.sql("""
                insert into evaluation_rule (version, valid_from, green_from, yellow_from, green_bonus_yuan, rectification_days,
                    star_average, star_months, attitude_deduction, changed_by, changed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(version, from.toString(), change.greenFrom(), change.yellowFrom(), change.greenBonusYuan(),
                        change.rectificationDays(), change.starAverage(), change.starMonths(), change.attitudeDeduction(), username,
                        Invitations.ts(clock.instant()))
                .update();
        audit.record(EvaluationAudit.RULE_CHANGED, "evaluation-rule", String.valueOf(version), "validFrom=" + from);
        return versions().get(0);
    }

    private static void stars(String field, BigDecimal value, List<FieldProblem> problems) {
        if (value == null || value.compareTo(ONE) < 0 || value.compareTo(FIVE) > 0 || value.scale() > 2) {
            problems.add(new FieldProblem(field, "evaluation.rule.stars"));
        }
    }

    private static void range(String field, Integer value, int min, int max, List<FieldProblem> problems) {
        if (value == null || value < min || value > max) {
            // As text, so that 100000 is not written 100,000.
            problems.add(new FieldProblem(field, "evaluation.rule.range", String.valueOf(min), String.valueOf(max)));
        }
    }

    private static EvaluationRule row(ResultSet rs, int n) throws SQLException {
        return new EvaluationRule(rs.getInt(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getInt(5), rs.getInt(6),
                rs.getBigDecimal(7), rs.getInt(8), rs.getBigDecimal(9), rs.getString(10), rs.getTimestamp(11).toInstant());
    }
}
