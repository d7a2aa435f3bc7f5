-- A node's due date was kept in three places in step by hand: node_deadline (the deadline and its thresholds), the
-- engine's task (the timeline's history reads it) and this copy. The work list reads it from the engine's task by
-- its key (WorkItems); a moved deadline now changes two places, both in one engine command.
alter table work_item drop column due_at;
