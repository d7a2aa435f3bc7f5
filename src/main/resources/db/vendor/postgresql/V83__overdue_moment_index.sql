-- The overdue analysis asks for the nodes that became overdue in a month (OverdueAnalysis.OVERDUE). With a long
-- history the completed_at index returned every node completed in the month, of which one in twenty was late,
-- and over the twelve months of the trend the planner scanned the whole table. This index holds only the
-- overdue nodes, by the moment they became overdue, with the scope column for the filter.
create index node_deadline_overdue_at_idx on node_deadline ((coalesce(turned_red_at, completed_at))) include (org_path)
    where turned_red_at is not null or completed_at > due_at;
