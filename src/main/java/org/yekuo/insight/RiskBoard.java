package org.yekuo.insight;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.DomainException;
import org.yekuo.shared.Paging;

/**
 * The open nodes of the reader's org scope by their risk of finishing late, as the last background refresh
 * assessed them: riskiest (or most urgent) first, filtered by a minimum risk, node and order number.
 */
@Service
@Transactional(readOnly = true)
public class RiskBoard {

    private final JdbcClient jdbc;
    private final RiskForecast forecast;

    RiskBoard(JdbcClient jdbc, RiskForecast forecast) {
        this.jdbc = jdbc;
        this.forecast = forecast;
    }

    public enum Sort {
        RISK, DUE
    }

    /** What to show: {@code minRisk} in percent (0..100), each filter optional. */
    public record Filter(Integer minRisk, String nodeCode, String orderNo, Sort sort) {

        public static Filter none() {
            return new Filter(null, null, null, Sort.RISK);
        }

        public Sort sortOrDefault() {
            return sort == null ? Sort.RISK : sort;
        }
    }

    /** {@code assessedAt} is when the forecast was last refreshed; null before the first refresh. */
    public record RiskPage(List<NodeRisk> nodes, long total, long highRisk, int page, int size, Instant assessedAt) {

        public int pages() {
            return Paging.pages(total, size);
        }
    }

    public RiskPage search(CurrentUser user, Filter filter, int page, int size) {
        Paging.check(page, size);
        if (filter.minRisk() != null && (filter.minRisk() < 0 || filter.minRisk() > 100)) {
            throw DomainException.invalid("minRisk", "insight.board.min-risk-invalid", filter.minRisk());
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("org_path like :scope");
        params.put("scope", user.scope().likePattern());
        if (filter.nodeCode() != null && !filter.nodeCode().isBlank()) {
            where.append(" and node_code = :node");
            params.put("node", filter.nodeCode().trim());
        }
        if (filter.orderNo() != null && !filter.orderNo().isBlank()) {
            where.append(" and order_no = :orderNo");
            params.put("orderNo", filter.orderNo().trim());
        }
        String all = where.toString();
        if (filter.minRisk() != null) {
            where.append(" and risk >= :minRisk");
            params.put("minRisk", filter.minRisk() / 100.0);
        }
        String order = filter.sortOrDefault() == Sort.DUE ? "due_at, deadline_id" : "risk desc, due_at, deadline_id";
        List<NodeRisk> nodes = jdbc.sql("select * from insight_node_risk where " + where + " order by " + order + " limit " + size
                + " offset " + Paging.offset(page, size)).params(params).query((rs, n) -> forecast.fromRow(rs)).list();
        long total = jdbc.sql("select count(*) from insight_node_risk where " + where).params(params).query(Long.class).single();
        params.put("high", RiskLevel.HIGH_FROM);
        long high = jdbc.sql("select count(*) from insight_node_risk where " + all + " and risk >= :high").params(params)
                .query(Long.class).single();
        Instant assessedAt = jdbc.sql("select max(computed_at) from insight_node_risk").query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant).orElse(null);
        return new RiskPage(nodes, total, high, page, size, assessedAt);
    }
}
