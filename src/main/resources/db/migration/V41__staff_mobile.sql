-- Staff mobile numbers for work SMS (deadline reminders, urging a reviewer): sealed at rest, masked
-- copy for display. Optional: a member of staff without one gets in-app notices only.
alter table staff add column mobile_sealed text;
alter table staff add column mobile_masked varchar(20);
