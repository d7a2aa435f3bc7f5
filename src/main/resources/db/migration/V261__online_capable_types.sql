-- Which business types an applicant may apply for from their phone (issue 20: self-service online for every type the
-- catalogue marks). Every type may, except dual-supply and dedicated-line HV connections, whose supply scheme needs a
-- conversation with the utility before an application makes sense.
alter table catalogue_type add column online_capable boolean default false not null;
update catalogue_type set online_capable = true where code not in ('HV_NEW_DUAL', 'HV_DEDICATED_LINE');
