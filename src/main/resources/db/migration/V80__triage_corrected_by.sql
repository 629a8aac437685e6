-- Who corrected a conversation's triage last, and when: shown with the labels, so the team sees who set them.
alter table conversations add column triage_corrected_by uuid, add column triage_corrected_at timestamptz;
