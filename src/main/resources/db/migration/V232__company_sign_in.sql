-- The company account (OpenID Connect subject) a member of staff signs in with; empty for password-only accounts.
alter table staff add column company_subject varchar(255);
create unique index staff_company_subject_idx on staff (company_subject);
