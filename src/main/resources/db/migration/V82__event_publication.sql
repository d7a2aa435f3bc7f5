-- Spring Modulith's event publication registry (its v2 schema in portable SQL). Every listener runs in the
-- publishing transaction today, so the registry stays empty, but it reads this table at shutdown and on
-- start-up, and a module that listens after commit later needs it to keep its events across a crash.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            varchar(512) not null,
    event_type             varchar(512) not null,
    serialized_event       varchar(4000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
