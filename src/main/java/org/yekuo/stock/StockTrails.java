package org.yekuo.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.insight.ProcessObjects;

/**
 * Orders' bills of materials at stock as objects of the process-mining export, step by step: pushed to stock once the
 * scheme was approved, checked (confirmed or found short), an alternative proposed, issued to the works.
 */
@Component
class StockTrails implements ProcessObjects {

    private enum Step {
        PUSHED, CONFIRMED, SHORT, ALTERNATIVE, ISSUED
    }

    private final JdbcClient jdbc;
    private final MessageSource messages;

    StockTrails(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    public String type() {
        return "materials";
    }

    @Override
    public List<String> attributes() {
        return List.of("status");
    }

    @Override
    public List<String> eventTypes(Locale locale) {
        return Arrays.stream(Step.values()).map(step -> name(step, locale)).toList();
    }

    @Override
    public Map<Long, List<MinedObject>> ofOrders(Collection<Long> orderIds, Locale locale) {
        Map<Long, List<MinedObject>> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        jdbc.sql("""
                        select id, order_id, status, pushed_at, checked_at, checked_by, shortage, alternative_at, alternative_by,
                               issued_at, issued_by
                          from stock_request where order_id in (:orders)""")
                .param("orders", orderIds)
                .query(rs -> {
                    List<MinedEvent> events = new ArrayList<>();
                    events.add(new MinedEvent(name(Step.PUSHED, locale), rs.getTimestamp("pushed_at").toInstant(), null));
                    step(events, rs, rs.getString("shortage") == null ? Step.CONFIRMED : Step.SHORT, "checked_at", "checked_by", locale);
                    step(events, rs, Step.ALTERNATIVE, "alternative_at", "alternative_by", locale);
                    step(events, rs, Step.ISSUED, "issued_at", "issued_by", locale);
                    String status = messages.getMessage(StockRequest.Status.valueOf(rs.getString("status")).messageKey(), null, locale);
                    byOrder.computeIfAbsent(rs.getLong("order_id"), order -> new ArrayList<>())
                            .add(new MinedObject("materials-" + rs.getLong("id"), Map.of("status", status), List.copyOf(events)));
                });
        return byOrder;
    }

    private void step(List<MinedEvent> events, ResultSet rs, Step step, String at, String by, Locale locale) throws SQLException {
        if (rs.getTimestamp(at) != null) {
            events.add(new MinedEvent(name(step, locale), rs.getTimestamp(at).toInstant(), rs.getString(by)));
        }
    }

    private String name(Step step, Locale locale) {
        return messages.getMessage("stock.mined." + step.name(), null, locale);
    }
}
