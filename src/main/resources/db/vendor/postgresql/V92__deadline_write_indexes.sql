-- Every node task writes its node_deadline row three times (reached, signed for, completed), and none of the
-- three is a HOT update, so each index of the table takes an entry at each write. On the full three-year history
-- (8.6 million rows) four of V60/V65's indexes over every row had no query left that needed all of them:
-- the board, the sweep and the reports read partial indexes of the open or the coloured rows instead
-- (V81, V83, V87). What they still served is kept by partial indexes that only the rows concerned enter.

-- Open rows by scope are V83's node_deadline_open_scope_idx; the leaderboard's finished rows come by completion time.
drop index node_deadline_org_idx;
-- The board's filter by handler looks among open rows only.
drop index node_deadline_handler_done_idx;
create index node_deadline_open_handler_idx on node_deadline (handler) where completed_at is null;
-- The monthly score sheets look for the nodes that turned yellow or red in a month: a small part of all nodes.
drop index node_deadline_yellow_turned_idx;
create index node_deadline_yellow_turned_idx on node_deadline (turned_yellow_at) where turned_yellow_at is not null;
drop index node_deadline_red_idx;
create index node_deadline_red_idx on node_deadline (turned_red_at) where turned_red_at is not null;
-- Every sign-for and completion asks whether the order is locked: the locked rows are a handful.
create index node_deadline_locked_idx on node_deadline (order_id) where locked = true;
