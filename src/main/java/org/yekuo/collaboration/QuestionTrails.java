package org.yekuo.collaboration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yekuo.identity.OrgUnits;
import org.yekuo.insight.ProcessObjects;

/**
 * Orders' coordination questions as objects of the process-mining export, with their threads in time: asked,
 * answered, reopened, accepted, and the moment a question escalated for want of an answer.
 */
@Component
class QuestionTrails implements ProcessObjects {

    private static final String ESCALATED = "ESCALATED";

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final OrgUnits orgUnits;

    QuestionTrails(JdbcClient jdbc, MessageSource messages, OrgUnits orgUnits) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.orgUnits = orgUnits;
    }

    @Override
    public String type() {
        return "question";
    }

    @Override
    public List<String> attributes() {
        return List.of("subject", "department");
    }

    @Override
    public List<String> eventTypes(Locale locale) {
        return Stream.concat(Stream.of(QuestionEntry.Kind.values()).map(Enum::name), Stream.of(ESCALATED))
                .map(kind -> name(kind, locale)).toList();
    }

    @Override
    public Map<Long, List<MinedObject>> ofOrders(Collection<Long> orderIds, Locale locale) {
        Map<Long, List<MinedObject>> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        Map<Long, List<MinedEvent>> threads = new HashMap<>();
        jdbc.sql("""
                        select e.question_id, e.kind, e.author, e.written_at
                          from coordination_entry e join coordination_question q on q.id = e.question_id
                         where q.order_id in (:orders) order by e.question_id, e.id""")
                .param("orders", orderIds)
                .query(rs -> {
                    threads.computeIfAbsent(rs.getLong("question_id"), id -> new ArrayList<>()).add(new MinedEvent(
                            name(rs.getString("kind"), locale), rs.getTimestamp("written_at").toInstant(), rs.getString("author")));
                });
        Map<Long, String> departments = new HashMap<>();
        jdbc.sql("""
                        select id, order_id, subject, department_id, escalated_at
                          from coordination_question where order_id in (:orders) order by asked_at, id""")
                .param("orders", orderIds)
                .query(rs -> {
                    long id = rs.getLong("id");
                    List<MinedEvent> events = new ArrayList<>(threads.getOrDefault(id, List.of()));
                    if (rs.getTimestamp("escalated_at") != null) {
                        events.add(new MinedEvent(name(ESCALATED, locale), rs.getTimestamp("escalated_at").toInstant(), null));
                        events.sort(Comparator.comparing(MinedEvent::at));
                    }
                    String department = departments.computeIfAbsent(rs.getLong("department_id"),
                            unit -> orgUnits.byId(unit).map(u -> u.name(locale)).orElse(""));
                    byOrder.computeIfAbsent(rs.getLong("order_id"), order -> new ArrayList<>()).add(new MinedObject("question-" + id,
                            Map.of("subject", rs.getString("subject"), "department", department), List.copyOf(events)));
                });
        return byOrder;
    }

    private String name(String kind, Locale locale) {
        return messages.getMessage("collaboration.mined." + kind, null, locale);
    }
}
