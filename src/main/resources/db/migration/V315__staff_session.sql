-- Interactive sign-ins of staff, so that every node counts an account's sessions and ends the oldest beyond the limit
-- (yekuo.security.max-sessions): the HTTP sessions themselves live in each node's memory. The id is a random ticket
-- kept in the HTTP session, never the container's session id. Basic API calls have no session and no row here.
create table staff_session (
    id            varchar(36) primary key,
    staff_id      bigint not null references staff (id) on delete cascade,
    started_at    timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    ended_at      timestamp with time zone,
    end_reason    varchar(20)
);
create index staff_session_staff_idx on staff_session (staff_id, started_at);

-- The demo seed's accounts are shared by everyone who tries the demo (and by the benchmark's parallel clients).
alter table staff add column session_limit_waived boolean default false not null;
