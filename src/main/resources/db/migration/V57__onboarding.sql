-- The first-run checklist of a workspace: whether owners and managers hid it, and the steps they skipped. Whether a
-- step is done is not stored here: the module that owns the step answers it from its own tables.
create table onboarding_checklists (
    workspace_id    uuid primary key references workspaces(id) on delete cascade,
    hidden          boolean not null default false,
    changed_at      timestamptz not null default now()
);

create table onboarding_skips (
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    step_key        text not null,
    skipped_at      timestamptz not null default now(),
    primary key (workspace_id, step_key)
);

-- The contact form remembers when it first took a submission, so that its step ("the form is embedded") can be
-- answered by the channels alone. Workspaces whose form took messages before are filled in from them.
alter table form_settings add column first_submission_at timestamptz;
insert into form_settings(workspace_id, consent_text, consent_version, success_text, first_submission_at)
select c.workspace_id,
       'Ich bin einverstanden, dass meine Angaben zur Beantwortung meiner Anfrage gespeichert und verarbeitet werden. '
           || 'Ich kann diese Einwilligung jederzeit per E-Mail widerrufen.',
       1, '', min(m.received_at)
from channels c join messages m on m.channel_id = c.id
where c.kind = 'webform' and m.direction = 'in'
group by c.workspace_id
on conflict (workspace_id) do update set first_submission_at = excluded.first_submission_at;
