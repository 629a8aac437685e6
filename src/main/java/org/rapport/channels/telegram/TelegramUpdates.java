package org.rapport.channels.telegram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rapport.channels.InboundMessage;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.IdentityKind;
import org.rapport.contacts.PublicProfile;

import tools.jackson.databind.JsonNode;

/**
 * Makes the inbox's messages of Bot API updates. Taken are messages in private chats with the bot, and in groups
 * those that address it: mentioning {@code @bot}, a command to it, a reply to one of its messages, or a comment on
 * one of the organisation's channel posts (in the channel's discussion group). Other group talk, channel posts (the
 * organisation's own) and updates that are no message are passed over.
 * <p>
 * Ids: a received message is {@code <chat id>:<message id>}, one the bot sent {@code <chat id>:<message id>:sent}
 * (so a reply knows which message of the conversation is the person's). Message ids count per chat, so the pair is
 * the message's id on the network. A chat is one conversation; a topic of a forum group one of its own, keyed
 * {@code <chat id>/<topic id>}; the comments under one channel post one of their own too, keyed
 * {@code <chat id>/comments/<id of the post's forward in the group>}, also when the discussion group is itself a forum
 * (its comments are in the General topic, never a topic of their own). A group that became a supergroup keeps its
 * conversation: the supergroup's messages are keyed by the group's old chat id.
 * <p>
 * The organisation's channel posts are not messages for the inbox, but the posts a conversation discusses: a post is
 * {@code <channel chat id>/<message id>}, seen in a {@code channel_post} update (the bot is an administrator of the
 * channel), as its automatic forward into the channel's discussion group, or as the message a comment answers.
 */
final class TelegramUpdates {

	/** How the sender of a message is known: by their Telegram user id, which never changes. */
	static final String IDENTITY = IdentityKind.handle(TelegramConnector.KIND);

	private TelegramUpdates() {
	}

	/** The id of a message someone sent in a chat. */
	static String received(long chatId, long messageId) {
		return chatId + ":" + messageId;
	}

	/** The id of a message the bot sent. */
	static String sent(long chatId, long messageId) {
		return chatId + ":" + messageId + ":sent";
	}

	/** The message id of a received message's id, if it is one. */
	static Optional<Long> receivedMessageId(String externalId) {
		String[] parts = externalId.split(":");
		if (parts.length != 2) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(parts[1]));
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	/** A conversation's chat: the thread key up to the topic or the comment thread. */
	static long chatOf(String threadKey) {
		int slash = threadKey.indexOf('/');
		return Long.parseLong(slash < 0 ? threadKey : threadKey.substring(0, slash));
	}

	/**
	 * A conversation's forum topic, if it is one. The comments under a channel post are no topic: an answer to them
	 * goes into their thread as a reply to the person's comment ({@code message_thread_id} is for forums only).
	 */
	static Optional<Long> topicOf(String threadKey) {
		int slash = threadKey.indexOf('/');
		String topic = slash < 0 ? "" : threadKey.substring(slash + 1);
		return topic.matches("[0-9]{1,19}") ? Optional.of(Long.parseLong(topic)) : Optional.empty();
	}

	/** The part of a thread key that makes the comments under a channel post a conversation of their own. */
	private static final String COMMENTS = "/comments/";

	/** The root of the comment thread a conversation holds (the post's forward in the group), if it holds one. */
	static Optional<Long> commentsOf(String threadKey) {
		int at = threadKey.indexOf(COMMENTS);
		String root = at < 0 ? "" : threadKey.substring(at + COMMENTS.length());
		return root.matches("[0-9]{1,19}") ? Optional.of(Long.parseLong(root)) : Optional.empty();
	}

	/** A comment thread of a group, as {@link TelegramBots#postThreads} keys it: the chat and the thread's root. */
	static String threadOf(long chat, long root) {
		return chat + "/" + root;
	}

	/** The id of a post of a channel: {@code <channel chat id>/<message id>}. */
	static String postId(long channelChat, long messageId) {
		return channelChat + "/" + messageId;
	}

	/**
	 * A post of the organisation's channel as the bot saw it.
	 *
	 * @param id {@link #postId}
	 * @param url {@code https://t.me/<channel username>/<message id>}, or for a channel without a username the link
	 *     that opens it for the channel's members ({@code https://t.me/c/<id>/<message id>}); {@code null} if neither
	 * @param text its text or caption, or what it holds when it has neither
	 */
	record ChannelPost(String id, String url, Instant publishedAt, String text) {

		org.rapport.channels.PublishedPost published() {
			return new org.rapport.channels.PublishedPost(id, url, publishedAt, text);
		}
	}

	/** The channel post an update carries: a new post ({@code channel_post}) or an edited one ({@code edited_channel_post}). */
	static Optional<ChannelPost> channelPost(JsonNode update) {
		JsonNode post = update.path("channel_post").isObject() ? update.path("channel_post") : update.path("edited_channel_post");
		JsonNode chat = post.path("chat");
		if (!post.isObject() || !"channel".equals(chat.path("type").asString("")) || !chat.path("id").canConvertToLong()
				|| !post.path("message_id").canConvertToLong()) {
			return Optional.empty();
		}
		return Optional.of(channelPost(chat, post.path("message_id").asLong(), post.path("date"), post));
	}

	/**
	 * The channel post a message of a discussion group copies, if it is a post's automatic forward
	 * ({@code is_automatic_forward}): from {@code forward_origin} of type {@code channel} (its chat, message id and
	 * date), or from the fields Bot API versions before 7.0 gave ({@code forward_from_chat},
	 * {@code forward_from_message_id}, {@code forward_date}).
	 */
	static Optional<ChannelPost> forwarded(JsonNode message) {
		if (!message.path("is_automatic_forward").asBoolean(false)) {
			return Optional.empty();
		}
		JsonNode origin = message.path("forward_origin");
		if ("channel".equals(origin.path("type").asString("")) && origin.path("chat").path("id").canConvertToLong()
				&& origin.path("message_id").canConvertToLong()) {
			return Optional.of(channelPost(origin.path("chat"), origin.path("message_id").asLong(),
					origin.path("date").canConvertToLong() ? origin.path("date") : message.path("date"), message));
		}
		JsonNode from = message.path("forward_from_chat");
		if (from.path("id").canConvertToLong() && message.path("forward_from_message_id").canConvertToLong()) {
			return Optional.of(channelPost(from, message.path("forward_from_message_id").asLong(),
					message.path("forward_date").canConvertToLong() ? message.path("forward_date") : message.path("date"),
					message));
		}
		return Optional.empty();
	}

	private static ChannelPost channelPost(JsonNode channel, long messageId, JsonNode date, JsonNode message) {
		long chat = channel.path("id").asLong();
		String username = channel.path("username").asString("").strip();
		String url = !username.isEmpty() && username.matches("[A-Za-z0-9_]{1,64}") ? "https://t.me/" + username + "/" + messageId
				: Long.toString(chat).startsWith("-100") ? "https://t.me/c/" + Long.toString(chat).substring(4) + "/" + messageId
						: null;
		Instant at = date.canConvertToLong() ? Instant.ofEpochSecond(date.asLong()) : null;
		return new ChannelPost(postId(chat, messageId), url, at, text(message));
	}

	/**
	 * A comment thread a group message of the update shows to answer a channel post: the message is the post's
	 * automatic forward (the thread's root), or a comment that answers it directly. Edits count too: an edited channel
	 * post edits its forward.
	 *
	 * @return the group's chat, the root's message id, and the post
	 */
	static Optional<PostThread> postThread(JsonNode update) {
		JsonNode message = update.path("message").isObject() ? update.path("message") : update.path("edited_message");
		long chat = message.path("chat").path("id").asLong(0);
		if (chat == 0 || !List.of("group", "supergroup").contains(message.path("chat").path("type").asString(""))) {
			return Optional.empty();
		}
		JsonNode root = message.path("is_automatic_forward").asBoolean(false) ? message : message.path("reply_to_message");
		if (!root.path("message_id").canConvertToLong()) {
			return Optional.empty();
		}
		return forwarded(root).map(post -> new PostThread(chat, root.path("message_id").asLong(), post));
	}

	/** A discussion group's comment thread under a channel post: {@code root} is the post's forward in the group. */
	record PostThread(long chat, long root, ChannelPost post) {
	}

	/**
	 * The comment thread a group message is in, as (chat, root), if it may be one under a channel post: the thread
	 * Telegram names ({@code message_thread_id}), or the forward it answers directly. In a forum a thread Telegram
	 * names is mostly a topic; it is a comment thread only when known to answer a post ({@link #message}).
	 */
	static Optional<Map.Entry<Long, Long>> thread(JsonNode update) {
		JsonNode message = update.path("message");
		long chat = message.path("chat").path("id").asLong(0);
		if (chat == 0) {
			return Optional.empty();
		}
		if (message.path("message_thread_id").canConvertToLong()) {
			return Optional.of(Map.entry(chat, message.path("message_thread_id").asLong()));
		}
		JsonNode answered = message.path("reply_to_message");
		if (answered.path("is_automatic_forward").asBoolean(false) && answered.path("message_id").canConvertToLong()) {
			return Optional.of(Map.entry(chat, answered.path("message_id").asLong()));
		}
		return Optional.empty();
	}

	/**
	 * The message a group message answers, as (chat, message id), when Telegram names no thread for it: in a
	 * discussion group that is a forum, comments are in the General topic, which has no {@code message_thread_id}, so
	 * an answer to a comment names only that comment ({@code reply_to_message}, "will not contain further
	 * reply_to_message fields"). Which thread the comment is in is known if the bot saw it ({@link #unnamedComment}).
	 */
	static Optional<Map.Entry<Long, Long>> answered(JsonNode update) {
		JsonNode message = update.path("message");
		long chat = message.path("chat").path("id").asLong(0);
		JsonNode answered = message.path("reply_to_message");
		if (chat == 0 || message.path("message_thread_id").canConvertToLong()
				|| !answered.path("message_id").canConvertToLong()) {
			return Optional.empty();
		}
		return Optional.of(Map.entry(chat, answered.path("message_id").asLong()));
	}

	/**
	 * The root of the comment thread under a channel post a group message is in, if known: the thread Telegram names
	 * when it is known to answer a post ({@code postThreads}, {@link #threadOf} → post), the post's forward the
	 * message answers directly, or the thread of the message it answers, one Telegram named no thread for
	 * ({@code commentRoots}, {@link #threadOf} of that message → root).
	 */
	static Optional<Long> commentThread(JsonNode update, Map<String, String> postThreads, Map<String, Long> commentRoots) {
		JsonNode message = update.path("message");
		long chat = message.path("chat").path("id").asLong(0);
		if (chat == 0 || !List.of("group", "supergroup").contains(message.path("chat").path("type").asString(""))) {
			return Optional.empty();
		}
		Optional<Map.Entry<Long, Long>> named = thread(update);
		if (named.isPresent() && postThreads.containsKey(threadOf(chat, named.get().getValue()))) {
			return Optional.of(named.get().getValue());
		}
		Optional<PostThread> direct = postThread(update);
		if (direct.isPresent() && !message.path("is_automatic_forward").asBoolean(false)) {
			return Optional.of(direct.get().root());
		}
		return answered(update).map(a -> commentRoots.get(threadOf(a.getKey(), a.getValue())));
	}

	/**
	 * A group message in a comment thread under a channel post for which Telegram names no thread (a comment in a
	 * discussion group that is a forum), as (chat, message id) → root, so that an answer to it finds the thread; empty
	 * for a message whose thread Telegram names (answers to it name it too).
	 */
	static Optional<Map.Entry<Map.Entry<Long, Long>, Long>> unnamedComment(JsonNode update, Map<String, String> postThreads,
			Map<String, Long> commentRoots) {
		JsonNode message = update.path("message");
		if (message.path("message_thread_id").canConvertToLong() || !message.path("message_id").canConvertToLong()
				|| message.path("is_automatic_forward").asBoolean(false)) {
			return Optional.empty();
		}
		long chat = message.path("chat").path("id").asLong(0);
		return commentThread(update, postThreads, commentRoots)
			.map(root -> Map.entry(Map.entry(chat, message.path("message_id").asLong()), root));
	}

	/** The message an update carries for the inbox, if it carries one the bot is meant to answer. */
	static Optional<InboundMessage> message(JsonNode update, TelegramBots.Bot bot) {
		return message(update, bot, Map.of(), Map.of());
	}

	/**
	 * The message of an update, if it is one for the inbox; {@code movedFrom} names the chat each supergroup was
	 * before its group was upgraded, so that its messages go on in the group's conversation. {@code postThreads} names
	 * the channel post of each comment thread known to answer one ({@link #threadOf} → {@link #postId}): a message in
	 * such a thread — a comment on the post, an answer to a comment there — is marked as commenting on the post
	 * ({@link InboundMessage#onPost}), and the thread's messages are one conversation.
	 */
	static Optional<InboundMessage> message(JsonNode update, TelegramBots.Bot bot, Map<Long, Long> movedFrom,
			Map<String, String> postThreads) {
		return message(update, bot, movedFrom, postThreads, Map.of());
	}

	/**
	 * The message of an update, as {@link #message(JsonNode, TelegramBots.Bot, Map, Map)} makes it; {@code
	 * commentRoots} names the thread of each message of a comment thread for which Telegram named none
	 * ({@link #unnamedComment}), so that an answer to it in a forum's comment thread goes there too.
	 */
	static Optional<InboundMessage> message(JsonNode update, TelegramBots.Bot bot, Map<Long, Long> movedFrom,
			Map<String, String> postThreads, Map<String, Long> commentRoots) {
		JsonNode message = update.path("message");
		if (!message.isObject() || !addressed(message, bot)) {
			return Optional.empty();
		}
		long chat = message.path("chat").path("id").asLong();
		Long root = commentThread(update, postThreads, commentRoots).orElse(null);
		String post = root == null ? null : postThreads.get(threadOf(chat, root));
		if (post == null) {
			Optional<PostThread> direct = postThread(update);
			post = direct.map(d -> d.post().id()).orElse(null);
			root = direct.map(PostThread::root).orElse(null);
		}
		return Optional.of(inbound(message, bot, movedFrom, post == null ? null : root).onPost(post));
	}

	/**
	 * The move an update tells of, if its message says a group became a supergroup: {@code migrate_to_chat_id} in the
	 * old group, {@code migrate_from_chat_id} in the new supergroup (core.telegram.org/bots/api#message). The entry is
	 * (old chat, new chat).
	 */
	static Optional<Map.Entry<Long, Long>> move(JsonNode update) {
		JsonNode message = update.path("message");
		long chat = message.path("chat").path("id").asLong(0);
		if (chat != 0 && message.path("migrate_to_chat_id").canConvertToLong()) {
			return Optional.of(Map.entry(chat, message.path("migrate_to_chat_id").asLong()));
		}
		if (chat != 0 && message.path("migrate_from_chat_id").canConvertToLong()) {
			return Optional.of(Map.entry(message.path("migrate_from_chat_id").asLong(), chat));
		}
		return Optional.empty();
	}

	/** The edited message an update carries, if it edits one: its id and its new text. */
	static Optional<Map.Entry<String, String>> edit(JsonNode update) {
		JsonNode message = update.path("edited_message");
		if (!message.isObject() || !message.path("chat").path("id").canConvertToLong()) {
			return Optional.empty();
		}
		return Optional.of(Map.entry(received(message.path("chat").path("id").asLong(), message.path("message_id").asLong()),
				text(message)));
	}

	/** Whether a message is meant for the bot: everything in a private chat; in a group, what addresses it. */
	static boolean addressed(JsonNode message, TelegramBots.Bot bot) {
		JsonNode from = message.path("from");
		if (from.path("is_bot").asBoolean(false) && !message.path("sender_chat").isObject()) {
			return false; // other bots, and the bot itself
		}
		if (!message.path("chat").path("id").canConvertToLong() || !message.path("message_id").canConvertToLong()) {
			return false;
		}
		String type = message.path("chat").path("type").asString("");
		if (type.equals("private")) {
			return true;
		}
		if (!type.equals("group") && !type.equals("supergroup")) {
			return false;
		}
		if (message.path("is_automatic_forward").asBoolean(false)) {
			return false; // the organisation's channel post, copied into its discussion group
		}
		JsonNode answered = message.path("reply_to_message");
		if (answered.path("from").path("id").asLong(0) == bot.botId() || answered.path("is_automatic_forward").asBoolean(false)) {
			return true;
		}
		return mentions(message, "entities", "text", bot) || mentions(message, "caption_entities", "caption", bot);
	}

	/** Whether the entities of a text mention the bot: {@code @bot}, a command {@code /x@bot}, or a text mention. */
	private static boolean mentions(JsonNode message, String entitiesField, String textField, TelegramBots.Bot bot) {
		String text = message.path(textField).asString("");
		String handle = "@" + bot.username().toLowerCase(Locale.ROOT);
		for (JsonNode entity : message.path(entitiesField)) {
			String type = entity.path("type").asString("");
			if (type.equals("text_mention") && entity.path("user").path("id").asLong(0) == bot.botId()) {
				return true;
			}
			// offsets and lengths count UTF-16 code units, as Java strings do
			int offset = entity.path("offset").asInt(-1);
			int end = offset + entity.path("length").asInt(0);
			if (offset < 0 || end > text.length() || end <= offset) {
				continue;
			}
			String part = text.substring(offset, end).toLowerCase(Locale.ROOT);
			if (type.equals("mention") && part.equals(handle) || type.equals("bot_command") && part.endsWith(handle)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param postThread the root of the comment thread under a channel post the message is in, or {@code null}; such
	 *     a thread is its conversation even where Telegram calls it a forum's topic
	 */
	private static InboundMessage inbound(JsonNode message, TelegramBots.Bot bot, Map<Long, Long> movedFrom,
			Long postThread) {
		JsonNode chat = message.path("chat");
		long chatId = chat.path("id").asLong();
		boolean group = !chat.path("type").asString("").equals("private");
		String threadKey = Long.toString(movedFrom.getOrDefault(chatId, chatId));
		if (postThread != null) {
			threadKey += COMMENTS + postThread;
		}
		else if (message.path("is_topic_message").asBoolean(false) && message.path("message_thread_id").canConvertToLong()) {
			threadKey += "/" + message.path("message_thread_id").asLong();
		}
		Sender sender = sender(message);
		String text = text(message);
		String firstLine = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
		firstLine = firstLine.length() > 80 ? firstLine.substring(0, 79) + "…" : firstLine;
		String subject = group ? chat.path("title").asString("") + ": " + firstLine : firstLine;
		JsonNode answered = message.path("reply_to_message");
		List<String> references = List.of();
		if (answered.path("message_id").canConvertToLong()) {
			long answeredId = answered.path("message_id").asLong();
			references = List.of(answered.path("from").path("id").asLong(0) == bot.botId() ? sent(chatId, answeredId)
					: received(chatId, answeredId));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("chatType", chat.path("type").asString(""));
		if (group) {
			headers.put("chatTitle", chat.path("title").asString(""));
		}
		headers.put("senderId", sender.id());
		if (!sender.username().isEmpty()) {
			headers.put("username", "@" + sender.username());
		}
		Instant sentAt = message.path("date").canConvertToLong() ? Instant.ofEpochSecond(message.path("date").asLong())
				: Instant.now();
		return new InboundMessage(received(chatId, message.path("message_id").asLong()), threadKey, references,
				new IdentityClaim(IDENTITY, sender.id(), sender.name()).withProfile(sender.profile()), null, subject, text, false, sentAt, "in",
				"message", null, List.of(), headers);
	}

	/** Who wrote a message: a person ({@code from}), or a channel or group writing as itself ({@code sender_chat}). */
	private record Sender(String id, String name, String username, Boolean bot) {

		/** What Telegram shows of the sender: the name, the public username and its t.me page, whether a bot. */
		PublicProfile profile() {
			return new PublicProfile(username.isEmpty() ? null : "@" + username, name.isEmpty() ? null : name, null, null,
					username.isEmpty() ? null : "https://t.me/" + username, null, null, null, null, bot);
		}
	}

	private static Sender sender(JsonNode message) {
		JsonNode chat = message.path("sender_chat");
		if (chat.isObject()) {
			return new Sender(Long.toString(chat.path("id").asLong()), chat.path("title").asString(""),
					chat.path("username").asString(""), null);
		}
		JsonNode from = message.path("from");
		String name = (from.path("first_name").asString("") + " " + from.path("last_name").asString("")).strip();
		String username = from.path("username").asString("");
		if (name.isEmpty()) {
			name = username;
		}
		return new Sender(Long.toString(from.path("id").asLong()), name, username,
				from.has("is_bot") ? from.path("is_bot").asBoolean(false) : null);
	}

	/**
	 * A file a message carries, as the Bot API names it: {@code file_id} for {@code getFile}, a name, a type, and its
	 * size in bytes when Telegram told it.
	 */
	record FileRef(String fileId, String fileName, String contentType, Long size) {
	}

	/**
	 * The file of a message, if it carries one Rapport keeps: a photo (its largest size), a document, a voice or video
	 * message, an audio, a video or an animation (core.telegram.org/bots/api#message). Stickers, locations, contacts
	 * and polls are said in words only.
	 */
	static Optional<FileRef> file(JsonNode message) {
		long id = message.path("message_id").asLong(0);
		JsonNode photos = message.path("photo");
		if (photos.isArray() && !photos.isEmpty()) {
			JsonNode largest = photos.get(photos.size() - 1);
			return ref(largest, "photo-" + id + ".jpg", "image/jpeg");
		}
		return ref(message.path("document"), "file-" + id, "application/octet-stream")
			.or(() -> ref(message.path("voice"), "voice-" + id + ".ogg", "audio/ogg"))
			.or(() -> ref(message.path("audio"), "audio-" + id + ".mp3", "audio/mpeg"))
			.or(() -> ref(message.path("video"), "video-" + id + ".mp4", "video/mp4"))
			.or(() -> ref(message.path("video_note"), "video-message-" + id + ".mp4", "video/mp4"))
			.or(() -> ref(message.path("animation"), "animation-" + id + ".mp4", "video/mp4"));
	}

	private static Optional<FileRef> ref(JsonNode file, String name, String type) {
		String fileId = file.path("file_id").asString("");
		if (fileId.isBlank()) {
			return Optional.empty();
		}
		String fileName = file.path("file_name").asString("").strip();
		String mime = file.path("mime_type").asString("").strip();
		return Optional.of(new FileRef(fileId, fileName.isEmpty() ? name : fileName, mime.isEmpty() ? type : mime,
				file.path("file_size").canConvertToLong() ? file.path("file_size").asLong() : null));
	}

	/** The text of a message, its caption, or what it holds when it has neither (a photo, a voice message). */
	static String text(JsonNode message) {
		String text = message.path("text").asString("");
		if (text.isBlank()) {
			text = message.path("caption").asString("");
		}
		if (!text.isBlank()) {
			return text;
		}
		for (var kind : KINDS.entrySet()) {
			if (!message.path(kind.getKey()).isMissingNode()) {
				return "[" + kind.getValue() + "]";
			}
		}
		return "[Nachricht ohne Text · message without text]";
	}

	/** What a message without text holds, in both languages (the body is the same for every reader). */
	private static final Map<String, String> KINDS = kinds();

	private static Map<String, String> kinds() {
		Map<String, String> kinds = new LinkedHashMap<>();
		kinds.put("photo", "Foto · photo");
		kinds.put("video", "Video · video");
		kinds.put("voice", "Sprachnachricht · voice message");
		kinds.put("video_note", "Videonachricht · video message");
		kinds.put("audio", "Audio · audio");
		kinds.put("document", "Datei · file");
		kinds.put("sticker", "Sticker · sticker");
		kinds.put("animation", "GIF · GIF");
		kinds.put("location", "Standort · location");
		kinds.put("contact", "Kontakt · contact");
		kinds.put("poll", "Umfrage · poll");
		return kinds;
	}
}
