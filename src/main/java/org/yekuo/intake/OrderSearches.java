package org.yekuo.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yekuo.shared.PersonalDataCipher;
import org.yekuo.workflow.WorkList;

/**
 * Finds orders in a scope by {@link OrderSearch}: personal data by its blind index only (an exact name,
 * phone, ID number or credit code), order numbers and addresses by their text, the node by the work list's condition
 * ({@link WorkList#openAt}). One statement per page, and one to count.
 */
@Repository
class OrderSearches {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SUBJECT_CODE = Pattern.compile("[0-9A-Za-z]{18}");
    private static final Pattern ORDER_NO = Pattern.compile("(?i)(YK-)?[\\d-]{4,}");

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final WorkList workList;

    OrderSearches(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock, WorkList workList) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.workList = workList;
    }

    List<Application> find(String scopeLike, OrderSearch search, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scopeLike, search, params);
        params.put("size", size);
        params.put("offset", (long) page * size);
        return jdbc.sql("select * from application where " + where + " order by id desc limit :size offset :offset").params(params)
                .query(Applications.ROW).list();
    }

    long count(String scopeLike, OrderSearch search) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from application where " + where(scopeLike, search, params)).params(params)
                .query(Long.class).single();
    }

    private String where(String scopeLike, OrderSearch search, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("org_path like :scope");
        params.put("scope", scopeLike);
        search.textValue().ifPresent(text -> {
            if (MOBILE.matcher(text).matches()) {
                conditions.add("phone_index = :index");
                params.put("index", cipher.blindIndex(text));
            } else if (SUBJECT_CODE.matcher(text).matches()) {
                conditions.add("subject_code_index = :index");
                params.put("index", cipher.blindIndex(text));
            } else if (ORDER_NO.matcher(text).matches()) {
                conditions.add("order_no like :like escape '\\'");
                params.put("like", "%" + escaped(text.toUpperCase()) + "%");
            } else {
                conditions.add("(applicant_name_index = :index or supply_address like :like escape '\\')");
                params.put("index", cipher.blindIndex(text));
                params.put("like", "%" + escaped(text) + "%");
            }
        });
        search.typeValue().ifPresent(type -> {
            conditions.add("type_code = :type");
            params.put("type", type);
        });
        search.nodeValue().ifPresent(node -> {
            // An open order is at its open tasks' node (the work list's, a few rows per open order, no copy on the order),
            // a withdrawn one where it stopped. The work list gives its condition for this statement (ADR 0026).
            WorkList.OrderCondition open = workList.openAt("id", node);
            conditions.add("(" + open.sql() + " or stopped_at_node = :node)");
            params.putAll(open.params());
            params.put("node", node);
        });
        if (search.status() != null) {
            conditions.add("status = :status");
            params.put("status", search.status().name());
        }
        if (search.from() != null) {
            conditions.add("created_at >= :from");
            params.put("from", Timestamp.from(search.from().atStartOfDay(clock.getZone()).toInstant()));
        }
        if (search.to() != null) {
            conditions.add("created_at < :to");
            params.put("to", Timestamp.from(search.to().plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
        }
        return String.join(" and ", conditions);
    }

    /** A search text matches itself: the wildcards of LIKE are taken literally. */
    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Orders accepted before names and phones were indexed are indexed once, at start. */
    @EventListener(ApplicationReadyEvent.class)
    void indexOlderOrders() {
        while (indexOlderOrders(500) > 0) {
            // Batch by batch, each its own statement.
        }
    }

    /** Indexes the names and phones of a batch of orders that have no index yet; answers how many. */
    int indexOlderOrders(int batch) {
        record Row(long id, String name, String phone) {
        }
        List<Row> rows = jdbc.sql("select id, applicant_name_sealed, phone_sealed from application where phone_index is null"
                + " order by id limit :batch").param("batch", batch)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (Row row : rows) {
            jdbc.sql("update application set applicant_name_index = ?, phone_index = ? where id = ?")
                    .params(cipher.blindIndex(cipher.decrypt(row.name())), cipher.blindIndex(cipher.decrypt(row.phone())), row.id())
                    .update();
        }
        return rows.size();
    }
}
