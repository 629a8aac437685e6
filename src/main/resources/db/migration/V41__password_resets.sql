-- Accounts that run themselves: "forgot password" links and each person's language.
-- A reset link carries a random token; only its SHA-256 hash is stored. A link is valid for 60 minutes and once.
create table password_resets (
    id              uuid primary key,
    user_id         uuid not null references users(id) on delete cascade,
    token_hash      text not null unique,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz
);
create index password_resets_user on password_resets(user_id);

-- The language a person chose for the UI and for mails to them; null: the browser's.
alter table users add column language text check (language in ('de', 'en'));
