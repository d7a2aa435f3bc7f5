-- An open order's current node was written to its row at every node reached (one update per node, in step by hand
-- with the engine's task and the work list's row). It is read from the work list instead, where the open node is
-- anyway (Application.currentNode); the row keeps only where a withdrawn order stopped, which no open task shows.
alter table application add column stopped_at_node varchar(40);
update application set stopped_at_node = current_node where status = 'CANCELLED';
alter table application drop column current_node;
