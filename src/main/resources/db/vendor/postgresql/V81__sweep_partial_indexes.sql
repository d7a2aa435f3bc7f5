-- The sweep's scans ask for "not yet claimed, still open, threshold passed, oldest first, one batch". The claim
-- indexes of V61 lead with two IS NULL columns, which the planner cannot treat as constants, so it could not read
-- them in threshold order; and with a long history (every completed row has its thresholds in the past) it
-- estimated the open rows past their threshold as a large part of the table and scanned all of it once many
-- nodes were open. An index holding only the unclaimed open rows, ordered by the threshold, answers each scan
-- by reading the rows due and no others, and a node that completes leaves it instead of adding entries.
create index node_deadline_remind_due_idx on node_deadline (remind_at) where reminded_at is null and completed_at is null;
create index node_deadline_yellow_due_idx on node_deadline (yellow_at) where turned_yellow_at is null and completed_at is null;
create index node_deadline_overdue_due_idx on node_deadline (due_at) where escalated_at is null and completed_at is null;

drop index node_deadline_remind_claim_idx;
drop index node_deadline_yellow_claim_idx;
drop index node_deadline_overdue_claim_idx;
