package org.yekuo.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.identity.Role;
import org.yekuo.shared.Paging;

/**
 * What waits for whom: the open nodes of orders, a member of staff's work ({@link #openFor}, oldest first) and their
 * work list one page at a time, as the work page shows it, with how many lines there are, counted as far as
 * {@link #COUNTED}. Read from the work list ({@code work_item}), which the engine keeps in step in its own transaction.
 */
@Service
public class WorkList {

    private final WorkItems items;
    private final JdbcClient jdbc;

    WorkList(WorkItems items, JdbcClient jdbc) {
        this.items = items;
        this.jdbc = jdbc;
    }

    /** The order's open nodes, oldest first. */
    public List<WorkItem> openItems(OrderId orderId) {
        return openItems(List.of(orderId.value())).getOrDefault(orderId.value(), List.of());
    }

    /** The open nodes of several orders at once (a page of orders), oldest first per order; one read. */
    public Map<Long, List<WorkItem>> openItems(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return Map.of();
        }
        List<WorkItem> open = items.where("w.order_id in (:orders)", Map.of("orders", List.copyOf(new LinkedHashSet<>(orderIds))),
                Integer.MAX_VALUE);
        Map<Long, List<WorkItem>> byOrder = new LinkedHashMap<>();
        open.forEach(item -> byOrder.computeIfAbsent(item.orderId().value(), id -> new ArrayList<>()).add(item));
        return byOrder;
    }

    /** How a caller's order-id column may be named in {@link #openAt}: a column, or a table's column, nothing else. */
    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /**
     * Orders with an open node at {@code nodeCode}, as a condition on the caller's own order-id column ({@code orderIdColumn})
     * for it to put in its own statement: a search of orders filtered by node stays one statement per page, planned
     * with its other conditions, while the work list's table is named here only (ADR 0026). Its one parameter is
     * {@link OrderCondition#params()}'; its name does not clash with the caller's.
     */
    public OrderCondition openAt(String orderIdColumn, String nodeCode) {
        if (!COLUMN.matcher(orderIdColumn).matches()) {
            throw new IllegalArgumentException("Not a column: " + orderIdColumn);
        }
        // A semi-join on the node's open rows: a node with tens of thousands of open orders is read once per search,
        // not once per order row, and its order ids never leave the database.
        return new OrderCondition(orderIdColumn + " in (select w.order_id from work_item w where w.node_code = :workListNode)",
                Map.of("workListNode", nodeCode));
    }

    /** A condition of SQL on a caller's order-id column, with the parameters it names. */
    public record OrderCondition(String sql, Map<String, Object> params) {

        public OrderCondition {
            params = Map.copyOf(params);
        }
    }

    // The two branches of a member of staff's work, in their org scope; WorkList counts them by the same rule.
    static final String SIGNED_FOR_BY_ME = "from work_item w where w.assignee = :me and w.org_path like :scope";
    static final String WAITING = "w.assignee is null and w.org_path like :scope";
    static final String OFFERED_TO_MY_ROLES = "r.task_id = w.task_id and r.role in (:roles)";
    static final String WAITING_FOR_MY_ROLES = "from work_item_role r join work_item w on " + OFFERED_TO_MY_ROLES + " where " + WAITING;

    /** The parameters of the two branches; {@code roles} only when the user holds any. */
    static Map<String, Object> myWorkParams(CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", user.username());
        params.put("scope", user.scope().likePattern());
        List<String> roles = user.roles().stream().map(Role::name).toList();
        if (!roles.isEmpty()) {
            params.put("roles", roles);
        }
        return params;
    }

    /**
     * What a member of staff may work on, oldest first: nodes signed for by them, and nodes nobody has
     * signed for waiting for one of their roles, on orders in their org scope. Read from the work list
     * (see {@code work_item}), which the engine keeps in step in its own transaction.
     */
    public List<WorkItem> openFor(CurrentUser user, int max) {
        Map<String, Object> params = myWorkParams(user);
        params.put("max", max);
        // Each branch is served by its own index ((assignee, created_at) and (role, created_at)) and cut to
        // the page before the two are merged.
        String mine = "select w.task_id, w.created_at " + SIGNED_FOR_BY_ME + " order by w.created_at, w.task_id limit :max";
        String sql = mine;
        if (params.containsKey("roles")) {
            sql = "select task_id, created_at from (" + mine + ") m union select task_id, created_at from ("
                    + "select w.task_id, w.created_at " + WAITING_FOR_MY_ROLES + " order by r.created_at, w.task_id limit :max) c";
        }
        List<String> ids = jdbc.sql("select task_id from (" + sql + ") x order by created_at, task_id limit :max")
                .params(params).query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return items.where("w.task_id in (:ids)", Map.of("ids", ids), max);
    }

    /** A node of the user's work as {@link #openFor(CurrentUser, int)} would list it; empty if it is not theirs. */
    public Optional<WorkItem> openFor(CurrentUser user, TaskId taskId) {
        Map<String, Object> params = myWorkParams(user);
        params.put("task", taskId.value());
        String sql = "select w.task_id " + SIGNED_FOR_BY_ME + " and w.task_id = :task";
        if (params.containsKey("roles")) {
            sql += " union select w.task_id " + WAITING_FOR_MY_ROLES + " and w.task_id = :task";
        }
        return jdbc.sql(sql).params(params).query(String.class).optional().map(items::open);
    }

    /**
     * How far the work page counts: a station's list may hold tens of thousands of waiting nodes, and counting
     * each of them on every view of the page cost more than the rest of the page. Beyond this (or beyond the
     * page shown, if that is further) the page says "more than".
     */
    static final int COUNTED = 1_000;

    /** The nodes waiting for the user's roles in their scope, up to {@code :limit}: a range of V88's index on PostgreSQL. */
    static final String COUNT_WAITING = "select count(*) from (select 1 from work_item w where " + WAITING
            + " and exists (select 1 from work_item_role r where " + OFFERED_TO_MY_ROLES + ") limit :limit) c";

    /** One page of the work list; a page past the end is empty, with the total still counted. */
    @Transactional(readOnly = true)
    public WorkPage page(CurrentUser user, int page, int size) {
        return page(user, page, size, COUNTED);
    }

    @Transactional(readOnly = true)
    WorkPage page(CurrentUser user, int page, int size, int counted) {
        Paging.check(page, size);
        long offset = Paging.offset(page, size);
        // Work lists are read from the front (oldest first): reading the pages before this one is cheaper than
        // a second ordering rule with an offset, and stays one rule with openFor.
        List<WorkItem> upTo = offset + size > Integer.MAX_VALUE ? List.of() : openFor(user, (int) (offset + size));
        List<WorkItem> items = upTo.size() <= offset ? List.of() : upTo.subList((int) offset, upTo.size());
        long bound = Math.max(counted, offset + size);
        // A list that ended before the page did is all there is; only a full one needs counting. Most staff's
        // lists are short, and for a role with nothing waiting among a station's many waiting nodes the count
        // is the dearest statement of the page.
        long total = upTo.size() < offset + size ? upTo.size() : count(user, bound + 1);
        return new WorkPage(List.copyOf(items), Math.min(total, bound), total > bound, page, size);
    }

    /**
     * How many lines {@link #openFor} lists, counted up to {@code limit}, by its two branches'
     * conditions. The waiting branch is a semi-join, so a node offered to several of the user's roles counts
     * once; each branch stops at the limit.
     */
    @Transactional(readOnly = true)
    public long count(CurrentUser user, long limit) {
        Map<String, Object> params = myWorkParams(user);
        params.put("limit", limit);
        long mine = jdbc.sql("select count(*) from (select 1 " + SIGNED_FOR_BY_ME + " limit :limit) m")
                .params(params).query(Long.class).single();
        if (!params.containsKey("roles") || mine >= limit) {
            return Math.min(mine, limit);
        }
        long waiting = jdbc.sql(COUNT_WAITING).params(params).query(Long.class).single();
        return Math.min(mine + waiting, limit);
    }

    /** A page of a work list and the number of lines in all, or at least, when {@code more} says there are more. */
    public record WorkPage(List<WorkItem> items, long total, boolean more, int page, int size) {

        public boolean hasNext() {
            return more || (long) (page + 1) * size < total;
        }
    }
}
