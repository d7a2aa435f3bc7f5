package org.yekuo.workflow;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yekuo.identity.CurrentUser;
import org.yekuo.shared.Paging;

/**
 * A member of staff's work list one page at a time, as the work page shows it: the lines of
 * {@link OrderProcesses#openFor} (oldest first) and how many there are, counted as far as {@link #COUNTED}.
 */
@Service
@Transactional(readOnly = true)
public class WorkList {

    private final OrderProcesses processes;
    private final JdbcClient jdbc;

    WorkList(OrderProcesses processes, JdbcClient jdbc) {
        this.processes = processes;
        this.jdbc = jdbc;
    }

    /**
     * How far the work page counts: a station's list may hold tens of thousands of waiting nodes, and counting
     * each of them on every view of the page cost more than the rest of the page. Beyond this (or beyond the
     * page shown, if that is further) the page says "more than".
     */
    static final int COUNTED = 1_000;

    /** The nodes waiting for the user's roles in their scope, up to {@code :limit}: a range of V88's index on PostgreSQL. */
    static final String COUNT_WAITING = "select count(*) from (select 1 from work_item w where " + OrderProcesses.WAITING
            + " and exists (select 1 from work_item_role r where " + OrderProcesses.OFFERED_TO_MY_ROLES + ") limit :limit) c";

    /** One page of the work list; a page past the end is empty, with the total still counted. */
    public WorkPage page(CurrentUser user, int page, int size) {
        return page(user, page, size, COUNTED);
    }

    WorkPage page(CurrentUser user, int page, int size, int counted) {
        Paging.check(page, size);
        long offset = Paging.offset(page, size);
        // Work lists are read from the front (oldest first): reading the pages before this one is cheaper than
        // a second ordering rule with an offset, and stays one rule with openFor.
        List<WorkItem> upTo = offset + size > Integer.MAX_VALUE ? List.of() : processes.openFor(user, (int) (offset + size));
        List<WorkItem> items = upTo.size() <= offset ? List.of() : upTo.subList((int) offset, upTo.size());
        long bound = Math.max(counted, offset + size);
        // A list that ended before the page did is all there is; only a full one needs counting. Most staff's
        // lists are short, and for a role with nothing waiting among a station's many waiting nodes the count
        // is the dearest statement of the page.
        long total = upTo.size() < offset + size ? upTo.size() : count(user, bound + 1);
        return new WorkPage(List.copyOf(items), Math.min(total, bound), total > bound, page, size);
    }

    /**
     * How many lines {@link OrderProcesses#openFor} lists, counted up to {@code limit}, by its two branches'
     * conditions. The waiting branch is a semi-join, so a node offered to several of the user's roles counts
     * once; each branch stops at the limit.
     */
    public long count(CurrentUser user, long limit) {
        Map<String, Object> params = OrderProcesses.myWorkParams(user);
        params.put("limit", limit);
        long mine = jdbc.sql("select count(*) from (select 1 " + OrderProcesses.SIGNED_FOR_BY_ME + " limit :limit) m")
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
