-- Whose message a judgement of the team was made on, so that a person's access export shows it and their erasure
-- removes it. Judgements of profiles and of comments given through the API name no contact.
alter table authenticity_judgements add column contact_id uuid;
create index authenticity_judgements_contact on authenticity_judgements (workspace_id, contact_id)
    where contact_id is not null;
-- the inbox's judgements made before (keys 'message:<id>'), from the conversation of the message
update authenticity_judgements j set contact_id = c.contact_id
from messages m join conversations c on c.id = m.conversation_id
where j.item_key = 'message:' || m.id::text and j.workspace_id = m.workspace_id;
