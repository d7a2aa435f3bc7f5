-- The work list: one row per open user task of an order's process, kept in step inside the engine's
-- transaction by the workflow module's task listener (WorkItemRecorder), so that "my tasks" is an
-- indexed read of Yekuo's own table instead of an engine query that joins process variables and
-- identity links. Tasks that were open before this table existed are copied in at start-up
-- (WorkItemRecorder reconciles the table with ACT_RU_TASK then; Flowable's tables do not exist yet
-- when Flyway runs on a fresh install).
create table work_item (
    task_id             varchar(64) primary key,
    process_instance_id varchar(64) not null,
    order_id            bigint not null,
    node_code           varchar(40) not null,
    org_path            varchar(255) not null,
    assignee            varchar(255),
    owner               varchar(255),
    delegated           boolean not null default false,
    created_at          timestamp with time zone not null,
    claimed_at          timestamp with time zone,
    due_at              timestamp with time zone
);

-- "Signed for by me", newest work last.
create index work_item_assignee_idx on work_item (assignee, created_at);
-- An order's open nodes (order page, progress page, review board).
create index work_item_order_idx on work_item (order_id, created_at);
-- Rows of a process that ends or is cancelled.
create index work_item_process_idx on work_item (process_instance_id);

-- The candidate roles of each open task (one row per role; a countersign has one per department).
create table work_item_role (
    task_id    varchar(64) not null,
    role       varchar(40) not null,
    created_at timestamp with time zone not null,
    primary key (task_id, role)
);

-- "Waiting for one of my roles", oldest first.
create index work_item_role_role_idx on work_item_role (role, created_at);
