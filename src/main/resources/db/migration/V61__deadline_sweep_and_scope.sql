-- What the deadline module needs beyond V60: the catalogue version and unit of the node's limit (a
-- pause moves a deadline in working days or in working hours, and the expected completion date reads
-- the rest of the plan), and whether the node closed because the order was withdrawn rather than done.
alter table node_deadline add column type_version integer;
alter table node_deadline add column limit_unit varchar(20);
alter table node_deadline add column cancelled boolean not null default false;

-- The sweep claims rows by these: "not yet claimed, still open, threshold passed". Leading with the
-- claim column (null until claimed) keeps each scan to the rows that are due now, however many are open.
create index node_deadline_remind_claim_idx on node_deadline (reminded_at, completed_at, remind_at);
create index node_deadline_overdue_claim_idx on node_deadline (escalated_at, completed_at, due_at);
create index node_deadline_yellow_claim_idx on node_deadline (turned_yellow_at, completed_at, yellow_at);

-- The leader's list of pending explanations, oldest first.
create index delay_explanation_status_idx on delay_explanation (status, filed_at);
