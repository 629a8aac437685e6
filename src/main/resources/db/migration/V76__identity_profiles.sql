-- What a network shows publicly of the account behind an identity (display name, picture, bio, counts, age), as its
-- connector last read it. Keyed by the identity, so it follows the identity through merges and goes with it.
create table identity_profiles (
    identity_id         uuid primary key references identities(id) on delete cascade,
    workspace_id        uuid not null references workspaces(id) on delete cascade,
    handle              text,
    name                text,
    avatar_url          text,
    bio                 text,
    url                 text,
    followers           bigint,
    following           bigint,
    posts               bigint,
    account_created_at  timestamptz,
    bot                 boolean,
    observed_at         timestamptz not null
);
create index identity_profiles_workspace on identity_profiles(workspace_id);
