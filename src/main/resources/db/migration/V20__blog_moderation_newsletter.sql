-- Written newsletter issues: the Markdown as written and the sanitised HTML it was rendered to.
alter table newsletter_sendings add column body_markdown text;
alter table newsletter_sendings add column body_html text;
