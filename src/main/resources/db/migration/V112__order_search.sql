-- Orders are found by applicant name and phone through keyed blind indexes (HMAC-SM3), like the subject
-- code: searched by equality, never by decrypting every row. Rows from before are indexed once at start.
alter table application add column applicant_name_index varchar(64);
alter table application add column phone_index varchar(64);
create index application_name_idx on application (applicant_name_index);
create index application_phone_idx on application (phone_index);
create index application_created_idx on application (created_at);
-- Who is chasing a suspended order's missing material, and since when it waits (R-MAT-4).
alter table application add column suspended_at timestamp with time zone;
alter table application add column chased_by varchar(60);
