-- The responsibility chart (R-COL-4): for each of the 8 stages of a connection, which role is responsible,
-- accountable, consulted or informed. Administrators publish a new version rather than edit one, so that an
-- order shows the chart that was in force when it was accepted.
create table responsibility_chart (
    version       integer       primary key,
    published_by  varchar(64)   not null,
    published_at  timestamp with time zone not null,
    note          varchar(500)  not null
);

create table responsibility_assignment (
    version  integer      not null references responsibility_chart (version),
    stage    varchar(40)  not null,
    role     varchar(40)  not null,
    duty     char(1)      not null check (duty in ('R', 'A', 'C', 'I')),
    primary key (version, stage, role)
);

insert into responsibility_chart (version, published_by, published_at, note)
values (1, 'system', timestamp with time zone '2026-01-01 00:00:00+08:00', '《岗位协作流程图》初版');

insert into responsibility_assignment (version, stage, role, duty) values
    (1, 'ACCEPTANCE', 'CLERK', 'R'), (1, 'ACCEPTANCE', 'DEPARTMENT_HEAD', 'A'), (1, 'ACCEPTANCE', 'SURVEYOR', 'I'),
    (1, 'SURVEY', 'SURVEYOR', 'R'), (1, 'SURVEY', 'DEPARTMENT_HEAD', 'A'), (1, 'SURVEY', 'CLERK', 'C'),
    (1, 'SURVEY', 'DESIGNER', 'I'),
    (1, 'SCHEME', 'DESIGNER', 'R'), (1, 'SCHEME', 'DEPARTMENT_HEAD', 'A'), (1, 'SCHEME', 'REVIEWER_OPERATIONS', 'C'),
    (1, 'SCHEME', 'REVIEWER_MARKETING', 'C'), (1, 'SCHEME', 'REVIEWER_DISPATCH', 'C'), (1, 'SCHEME', 'MATERIALS_CLERK', 'I'),
    (1, 'SCHEME', 'CLERK', 'R'),
    (1, 'MATERIALS', 'MATERIALS_CLERK', 'R'), (1, 'MATERIALS', 'DEPARTMENT_HEAD', 'A'), (1, 'MATERIALS', 'DESIGNER', 'C'),
    (1, 'MATERIALS', 'INSPECTOR', 'I'),
    (1, 'DESIGN_REVIEW', 'REVIEWER_OPERATIONS', 'R'), (1, 'DESIGN_REVIEW', 'DEPARTMENT_HEAD', 'A'),
    (1, 'DESIGN_REVIEW', 'DESIGNER', 'C'), (1, 'DESIGN_REVIEW', 'CLERK', 'I'),
    (1, 'CONSTRUCTION', 'INSPECTOR', 'R'), (1, 'CONSTRUCTION', 'DEPARTMENT_HEAD', 'A'), (1, 'CONSTRUCTION', 'DESIGNER', 'C'),
    (1, 'CONSTRUCTION', 'MATERIALS_CLERK', 'C'), (1, 'CONSTRUCTION', 'CLERK', 'I'),
    (1, 'COMPLETION', 'INSPECTOR', 'R'), (1, 'COMPLETION', 'DEPARTMENT_HEAD', 'A'), (1, 'COMPLETION', 'REVIEWER_OPERATIONS', 'C'),
    (1, 'COMPLETION', 'LEADER', 'I'),
    (1, 'POWER_ON', 'INSPECTOR', 'R'), (1, 'POWER_ON', 'DEPARTMENT_HEAD', 'A'), (1, 'POWER_ON', 'REVIEWER_MARKETING', 'C'),
    (1, 'POWER_ON', 'REVIEWER_DISPATCH', 'C'), (1, 'POWER_ON', 'CLERK', 'R'), (1, 'POWER_ON', 'LEADER', 'I');
