package org.yekuo.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.audit.AuditTrail;
import org.yekuo.reporting.ReportMonth;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.DataScope;
import org.yekuo.identity.OrgUnit;
import org.yekuo.identity.OrgUnits;
import org.yekuo.identity.StaffMembers;
import org.yekuo.shared.DomainException;

/**
 * Team colours and service stars of a month (R-EVA-6/7): each team (the org unit its orders belong to)
 * green, yellow or red by its average of counted ratings, a green team's bonus, a red team's
 * rectification report; handlers at the star level every month of the run are service stars.
 */
@Service
@Transactional(readOnly = true)
public class TeamColours {

    static final int MAX_REPORT = 2000;

    private final JdbcClient jdbc;
    private final EvaluationRules rules;
    private final OrgUnits orgUnits;
    private final StaffMembers staff;
    private final AuditTrail audit;
    private final Clock clock;

    TeamColours(JdbcClient jdbc, EvaluationRules rules, OrgUnits orgUnits, StaffMembers staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.orgUnits = orgUnits;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    public TeamMonth of(ReportMonth month, DataScope scope, Locale locale) {
        EvaluationRule rule = rules.forMonth(month.month());
        Map<String, String> names = new HashMap<>();
        for (OrgUnit unit : orgUnits.within(scope)) {
            names.put(unit.path(), unit.name(locale));
        }
        record Report(String text, String by, java.time.Instant at) {
        }
        Map<String, Report> reports = new HashMap<>();
        jdbc.sql("select org_path, report, submitted_by, submitted_at from evaluation_rectification where month_of = ? and org_path like ?")
                .params(month.toString(), scope.likePattern())
                .query((rs, n) -> reports.put(rs.getString(1), new Report(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())))
                .list();
        LocalDate due = month.month().atEndOfMonth().plusDays(rule.rectificationDays());
        List<TeamMonth.Team> teams = jdbc.sql("""
                select e.org_path, count(*), avg(e.average) from evaluation e
                where e.flags = '' and e.submitted_at >= ? and e.submitted_at < ? and e.org_path like ?
                group by e.org_path""")
                .params(Invitations.ts(month.from()), Invitations.ts(month.to()), scope.likePattern())
                .query((rs, n) -> {
                    BigDecimal average = rs.getBigDecimal(3).setScale(2, RoundingMode.HALF_UP);
                    EvaluationRule.TeamColour colour = rule.colour(average);
                    Report report = reports.get(rs.getString(1));
                    Map<String, String> by = report == null ? Map.of() : staff.displayNames(List.of(report.by()));
                    return new TeamMonth.Team(rs.getString(1), names.getOrDefault(rs.getString(1), rs.getString(1)), rs.getLong(2),
                            average, colour, colour == EvaluationRule.TeamColour.GREEN ? rule.greenBonusYuan() : 0,
                            colour == EvaluationRule.TeamColour.RED ? due : null, report == null ? null : report.text(),
                            report == null ? null : by.getOrDefault(report.by(), ""), report == null ? null : report.at());
                })
                .list().stream()
                .sorted(java.util.Comparator.comparing(TeamMonth.Team::average).thenComparing(TeamMonth.Team::name))
                .toList();
        return new TeamMonth(month.toString(), rule, teams, stars(month, scope, rule));
    }

    /** Handlers whose counted ratings averaged the star level in each of the run's months. */
    private List<TeamMonth.Star> stars(ReportMonth month, DataScope scope, EvaluationRule rule) {
        Map<String, List<BigDecimal>> averages = new LinkedHashMap<>();
        for (int i = rule.starMonths() - 1; i >= 0; i--) {
            ReportMonth m = month.minusMonths(i);
            Map<String, BigDecimal> thisMonth = new HashMap<>();
            jdbc.sql("""
                    select h.username, avg(e.average) from evaluation e
                    join (select distinct evaluation_id, username from evaluation_handler) h on h.evaluation_id = e.id
                    where e.flags = '' and e.submitted_at >= ? and e.submitted_at < ? and e.org_path like ?
                    group by h.username""")
                    .params(Invitations.ts(m.from()), Invitations.ts(m.to()), scope.likePattern())
                    .query((rs, n) -> thisMonth.put(rs.getString(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP))).list();
            if (i == rule.starMonths() - 1) {
                thisMonth.keySet().stream().sorted().forEach(u -> averages.put(u, new ArrayList<>()));
            }
            averages.entrySet().removeIf(e -> !thisMonth.containsKey(e.getKey())
                    || thisMonth.get(e.getKey()).compareTo(rule.starAverage()) < 0);
            averages.forEach((username, list) -> list.add(thisMonth.get(username)));
        }
        Map<String, String> names = staff.displayNames(averages.keySet());
        return averages.entrySet().stream().filter(e -> names.containsKey(e.getKey()))
                .map(e -> new TeamMonth.Star(e.getKey(), names.get(e.getKey()), List.copyOf(e.getValue()))).toList();
    }

    /**
     * Files a red team's rectification report for a month, once, by a department head or leader whose
     * scope holds the team.
     *
     * @throws DomainException 422 an empty or too long report; 403 a team outside the user's scope; 409 a
     *         team that is not red that month, or a report already filed
     */
    @Transactional
    public void rectify(String orgPath, YearMonth month, String report, CurrentUser user, Locale locale) {
        String text = report == null ? "" : report.strip();
        if (text.isEmpty() || text.length() > MAX_REPORT) {
            throw DomainException.invalid("report", "evaluation.rectification.length", MAX_REPORT);
        }
        if (orgPath == null || !user.scope().includes(orgPath)) {
            throw DomainException.forbidden("evaluation.rectification.scope");
        }
        TeamMonth.Team team = of(new ReportMonth(month, clock.getZone()), new DataScope(orgPath), locale).teams().stream()
                .filter(t -> t.orgPath().equals(orgPath)).findFirst().orElse(null);
        if (team == null || team.colour() != EvaluationRule.TeamColour.RED) {
            throw DomainException.conflict("evaluation.rectification.not-red");
        }
        int added = jdbc.sql("""
                insert into evaluation_rectification (org_path, month_of, report, submitted_by, submitted_at)
                select ?, ?, ?, ?, ? where not exists (select 1 from evaluation_rectification where org_path = ? and month_of = ?)""")
                .params(orgPath, month.toString(), text, user.username(), Invitations.ts(clock.instant()), orgPath, month.toString())
                .update();
        if (added == 0) {
            throw DomainException.conflict("evaluation.rectification.filed");
        }
        audit.record(EvaluationAudit.RECTIFIED, "org-unit", orgPath, "month=" + month);
    }
}
