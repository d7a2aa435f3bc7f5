-- What the deadline pages and reports read, answered from index entries of the rows they need (measured on a
-- three-year history of 1,000,000 orders, docs/performance.md).

-- The overdue analysis asks for the nodes that became overdue in a month (OverdueAnalysis.OVERDUE). The
-- completed_at index returned every node completed in the month, of which one in twenty was late, and over the
-- twelve months of the trend the planner scanned the whole table. This index holds only the overdue nodes, by
-- the moment they became overdue, with every column the queries read, so a month is an index-only range.
create index node_deadline_overdue_at_idx on node_deadline ((coalesce(turned_red_at, completed_at)))
    include (turned_red_at, completed_at, due_at, org_path) where turned_red_at is not null or completed_at > due_at;

-- The board and the workbench count the open nodes of the reader's scope by colour, and list them by deadline
-- a page at a time: both read only open rows, which are a few percent of the table.
create index node_deadline_open_scope_idx on node_deadline (org_path) include (due_at, yellow_at, locked, paused_since)
    where completed_at is null;
create index node_deadline_open_by_due_idx on node_deadline (due_at, id) where completed_at is null;

-- The sweep reads its partial indexes (V81) and the board the ones above; these two served neither any longer
-- and cost a write whenever a node is reached or completed. (completed_at, due_at) stays for completion ranges.
drop index node_deadline_open_remind_idx;
drop index node_deadline_open_yellow_idx;
