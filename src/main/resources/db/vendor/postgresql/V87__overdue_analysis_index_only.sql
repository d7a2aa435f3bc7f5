-- The monthly overdue analysis reads, for each node overdue in the month, its node, handler, roles, station and
-- order besides the overdue columns, and the category of its latest explanation that was not rejected. V83's
-- index of overdue moments held only the overdue columns, so every node of the month was also fetched from the
-- table (3,250 heap pages for a month of 5,654 overdue nodes at full scale); with these columns included a
-- month is an index-only range. Each node's latest explanation is one backward probe of the index below.
drop index node_deadline_overdue_at_idx;
create index node_deadline_overdue_at_idx on node_deadline ((coalesce(turned_red_at, completed_at)))
    include (turned_red_at, completed_at, due_at, org_path, id, order_id, node_code, handler, roles)
    where turned_red_at is not null or completed_at > due_at;

create index delay_explanation_latest_idx on delay_explanation (deadline_id, id) include (status, category);
drop index delay_explanation_deadline_idx;
