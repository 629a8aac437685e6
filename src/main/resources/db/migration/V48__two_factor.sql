-- Two-factor sign-in (TOTP, RFC 6238) with one-time recovery codes, and a workspace's requirement of it.
-- The shared secret is sealed with SecretBox; recovery codes are stored only as keyed hashes (HMAC-SHA256).
create table two_factor (
    user_id     uuid primary key references users(id) on delete cascade,
    secret      text not null,
    created_at  timestamptz not null default now(),
    -- null while the person has not yet confirmed the enrolment with a code
    enabled_at  timestamptz,
    -- the last time step (Unix time / 30 s) whose code was accepted: a code is never accepted twice
    last_step   bigint not null default 0
);

create table two_factor_recovery_codes (
    user_id     uuid not null references users(id) on delete cascade,
    code_hash   text not null,
    primary key (user_id, code_hash)
);

alter table workspaces add column two_factor_required boolean not null default false;
