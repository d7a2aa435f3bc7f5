-- The staff list filters by org unit and the auditor's page by actor; both grow without bound.
create index staff_org_unit_idx on staff (org_unit_id);
create index audit_record_actor_idx on audit_record (actor);
