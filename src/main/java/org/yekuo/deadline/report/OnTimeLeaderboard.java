package org.yekuo.deadline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.DataScope;
import org.yekuo.reporting.ReportMonth;

/**
 * Ranks staff by on-time completion (R-SLA-7) from one grouped query per month over the nodes
 * completed in it (indexed by {@code completed_at}) on the orders in scope. Ties go to who completed
 * more on time, then by username, so the board is the same on every computation.
 */
@Service
@Transactional(readOnly = true)
public class OnTimeLeaderboard {

    static final int RUNNING_MONTHS = 3;

    private final JdbcClient jdbc;
    private final ReportLabels labels;
    private final int minimumCompleted;

    OnTimeLeaderboard(JdbcClient jdbc, ReportLabels labels,
            @Value("${yekuo.deadline.leaderboard.minimum-completed:5}") int minimumCompleted) {
        this.jdbc = jdbc;
        this.labels = labels;
        this.minimumCompleted = minimumCompleted;
    }

    public Leaderboard of(ReportMonth month, DataScope scope, Locale locale) {
        ReportLabels.Naming naming = labels.naming(locale);
        String scopeName = naming.scope(scope);
        List<Standing> ranking = ranking(month, scope);
        List<Standing> top = topTenPercent(ranking);
        Set<String> running = top.stream().map(Standing::username).collect(Collectors.toCollection(HashSet::new));
        for (int back = 1; back < RUNNING_MONTHS && !running.isEmpty(); back++) {
            running.retainAll(topTenPercent(ranking(month.minusMonths(back), scope)).stream().map(Standing::username).toList());
        }
        List<Leaderboard.Entry> entries = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            Standing s = top.get(i);
            entries.add(new Leaderboard.Entry(i + 1, s.username(), naming.person(s.username()), s.completed(), s.onTime(),
                    Math.round(s.rate() * 1000) / 10.0, running.contains(s.username())));
        }
        return new Leaderboard(month.toString(), scopeName, minimumCompleted, ranking.size(), entries);
    }

    /** The top 10% of a ranking, at least one when anyone qualified. */
    static <T> List<T> topTenPercent(List<T> ranking) {
        return ranking.isEmpty() ? List.of() : ranking.subList(0, Math.max(1, ranking.size() / 10));
    }

    private List<Standing> ranking(ReportMonth month, DataScope scope) {
        return jdbc.sql("""
                select d.handler, count(*) as completed,
                       sum(case when d.completed_at <= d.due_at and d.turned_red_at is null then 1 else 0 end) as on_time
                from node_deadline d
                where d.completed_at >= :from and d.completed_at < :to and d.handler is not null and d.org_path like :scope
                group by d.handler
                having count(*) >= :minimum""")
                .params(OverdueAnalysis.range(month, scope)).param("minimum", minimumCompleted)
                .query((rs, n) -> new Standing(rs.getString("handler"), rs.getLong("completed"), rs.getLong("on_time")))
                .list().stream()
                .sorted(Comparator.comparingDouble(Standing::rate).reversed()
                        .thenComparing(Comparator.comparingLong(Standing::onTime).reversed())
                        .thenComparing(Standing::username))
                .toList();
    }

    private record Standing(String username, long completed, long onTime) {

        double rate() {
            return (double) onTime / completed;
        }
    }
}
