-- Staff imported from a spreadsheet: the preview a security administrator checks before the accounts are created. Each
-- row keeps what the file said and, once confirmed, the account made from it; each refused row its problems, per
-- column, as message keys so that the page words them in its reader's language. Mobiles and e-mail addresses are
-- sealed like the staff table's; the masked forms are what pages show.
create table staff_import (
    id            varchar(36) primary key,
    file_name     varchar(255) not null,
    created_by    varchar(60) not null,
    created_at    timestamp with time zone not null,
    status        varchar(20) not null,
    confirmed_at  timestamp with time zone
);
create index staff_import_created_by_idx on staff_import (created_by, created_at);

create table staff_import_row (
    import_id      varchar(36) not null references staff_import (id),
    line_no        integer not null,
    display_name   varchar(255),
    username       varchar(255),
    org_unit_text  varchar(255),
    org_unit_id    bigint,
    roles_text     varchar(255),
    role_codes     varchar(500),
    mobile_sealed  varchar(500),
    mobile_masked  varchar(40),
    email_sealed   varchar(1000),
    email_masked   varchar(255),
    staff_id       bigint references staff (id) on delete set null,
    primary key (import_id, line_no)
);

create table staff_import_problem (
    import_id    varchar(36) not null,
    line_no      integer not null,
    column_name  varchar(20) not null,
    message_key  varchar(100) not null,
    argument     varchar(255),
    foreign key (import_id, line_no) references staff_import_row (import_id, line_no)
);
create index staff_import_problem_row_idx on staff_import_problem (import_id, line_no);

-- A member of staff's work e-mail, sealed like the work mobile.
alter table staff add column email_sealed varchar(1000);
alter table staff add column email_masked varchar(255);
