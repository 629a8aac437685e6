-- Written newsletter issues: the Markdown as written and the sanitised HTML it was rendered to.
alter table newsletter_sendings add column body_markdown text;
alter table newsletter_sendings add column body_html text;

-- The team marks a comment as spam.
alter table blog_comments drop constraint blog_comments_status_check;
alter table blog_comments add constraint blog_comments_status_check
    check (status in ('pending', 'approved', 'rejected', 'spam', 'deleted'));
create index blog_comments_spam on blog_comments(workspace_id, contact_id) where status = 'spam';
-- Who deleted a comment: its author through their link (null, as before) or the team.
alter table blog_comments add column deleted_by text check (deleted_by in ('team'));

-- Commenters who want no more mails about the team's answers, per blog and address.
create table blog_reply_mail_optouts (
    workspace_id    uuid not null references workspaces(id) on delete cascade,
    email           text not null,
    created_at      timestamptz not null default now(),
    primary key (workspace_id, email)
);
