-- A task's roles go with its row of the work list: one delete when a task ends instead of one per table.
delete from work_item_role where not exists (select 1 from work_item w where w.task_id = work_item_role.task_id);
alter table work_item_role add constraint work_item_role_task_fk foreign key (task_id) references work_item (task_id)
    on delete cascade;
