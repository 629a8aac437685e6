-- The inbox conversations of a Bluesky channel that are direct messages (one per convo of the chat service), noted
-- as their messages arrive: an answer there goes as a direct message, which carries no files, so the composer offers
-- none there while a post's thread of the same channel takes images.
create table bluesky_chat_conversations (
    channel_id       uuid not null references channels(id) on delete cascade,
    conversation_id  uuid not null,
    primary key (channel_id, conversation_id)
);
