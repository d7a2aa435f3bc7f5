-- The work page counts the nodes nobody has signed for in the reader's scope. Without an index on the scope
-- the count read every waiting node of the province to find those of one station (13 ms for 40,000 at full
-- scale, for a surveyor with nothing waiting); this range holds only the waiting ones, by org path prefix.
create index work_item_waiting_scope_idx on work_item (org_path varchar_pattern_ops) where assignee is null;
