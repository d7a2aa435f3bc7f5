-- A dispatcher's poll reads the oldest claimable messages of one status in (next_attempt_at, id) order and
-- stops after one batch. With id in the index the order is the index's own, so no plan has to sort the
-- backlog to find the oldest, whatever the planner believes about the size of the queue.
drop index sms_outbox_due_idx;
create index sms_outbox_due_idx on sms_outbox (status, next_attempt_at, id);
