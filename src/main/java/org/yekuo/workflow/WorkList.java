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
 * {@link OrderProcesses#openFor} (oldest first) and how many there are in all.
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

    /** One page of the work list; a page past the end is empty, with the total still counted. */
    public WorkPage page(CurrentUser user, int page, int size) {
        Paging.check(page, size);
        long offset = Paging.offset(page, size);
        // Work lists are read from the front (oldest first): reading the pages before this one is cheaper than
        // a second ordering rule with an offset, and stays one rule with openFor.
        List<WorkItem> upTo = offset + size > Integer.MAX_VALUE ? List.of() : processes.openFor(user, (int) (offset + size));
        List<WorkItem> items = upTo.size() <= offset ? List.of() : upTo.subList((int) offset, upTo.size());
        return new WorkPage(List.copyOf(items), count(user), page, size);
    }

    /**
     * How many lines {@link OrderProcesses#openFor} lists without a limit, by its two branches' conditions. The
     * waiting branch is counted as a semi-join: a node offered to several of the user's roles counts once without
     * sorting every waiting node of the scope to drop the repeats.
     */
    public long count(CurrentUser user) {
        Map<String, Object> params = OrderProcesses.myWorkParams(user);
        long mine = jdbc.sql("select count(*) " + OrderProcesses.SIGNED_FOR_BY_ME).params(params).query(Long.class).single();
        if (!params.containsKey("roles")) {
            return mine;
        }
        return mine + jdbc.sql("select count(*) from work_item w where " + OrderProcesses.WAITING
                + " and exists (select 1 from work_item_role r where " + OrderProcesses.OFFERED_TO_MY_ROLES + ")")
                .params(params).query(Long.class).single();
    }

    /** A page of a work list and the number of lines in all. */
    public record WorkPage(List<WorkItem> items, long total, int page, int size) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }
}
