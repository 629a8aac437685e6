package org.rapport.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.network.AccountState;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which updates reach the inbox, and as what: ids, threads, senders and texts. */
class TelegramUpdatesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TelegramBots.Bot BOT = new TelegramBots.Bot(UUID.randomUUID(), 7012345678L,
			"kita_sonnenschein_bot", null, null, null, null, new AccountState(null, null, true, ""));

	private static JsonNode update(String message) {
		return JSON.readTree("{\"update_id\": 1, \"message\": " + message + "}");
	}

	private static String groupMessage(String extra) {
		return """
				{"message_id": 7, "date": 1717236000, "from": {"id": 555, "is_bot": false, "first_name": "Mia"},
				 "chat": {"id": -100999, "title": "Eltern", "type": "supergroup"}%s}""".formatted(extra);
	}

	@Test
	void aGroupMessageIsTakenOnlyWhenItAddressesTheBot() {
		assertThat(TelegramUpdates.message(update(groupMessage(", \"text\": \"Kuchen\"")), BOT)).isEmpty();
		assertThat(TelegramUpdates.message(update(groupMessage("""
				, "text": "/termine@Kita_Sonnenschein_Bot", "entities": [{"type": "bot_command", "offset": 0, "length": 30}]""")),
				BOT)).isPresent();
		assertThat(TelegramUpdates.message(update(groupMessage("""
				, "text": "Danke", "reply_to_message": {"message_id": 6, "date": 1, "from": {"id": 7012345678, "is_bot": true,
				  "first_name": "Kita"}, "chat": {"id": -100999, "type": "supergroup"}}""")), BOT))
			.as("a reply to the bot's message").get()
			.satisfies(m -> assertThat(m.references()).containsExactly("-100999:6:sent"));
		assertThat(TelegramUpdates.message(update(groupMessage("""
				, "text": "Wie schön!", "message_thread_id": 3, "reply_to_message": {"message_id": 3, "date": 1,
				  "is_automatic_forward": true, "sender_chat": {"id": -100777, "title": "Kita", "type": "channel"},
				  "chat": {"id": -100999, "type": "supergroup"}}""")), BOT))
			.as("a comment on the organisation's channel post").isPresent();
		assertThat(TelegramUpdates.message(update(groupMessage("""
				, "text": "Neuer Beitrag", "is_automatic_forward": true""")), BOT))
			.as("the channel post itself, copied into the discussion group").isEmpty();
		assertThat(TelegramUpdates.message(update("""
				{"message_id": 8, "date": 1, "sender_chat": {"id": -100777, "title": "Kita", "type": "channel"},
				 "chat": {"id": -100777, "title": "Kita", "type": "channel"}, "text": "@kita_sonnenschein_bot"}"""), BOT))
			.as("a channel is the organisation's own").isEmpty();
	}

	@Test
	void aMentionIsFoundByItsUtf16OffsetsBehindAnEmoji() {
		String text = "\uD83D\uDC4B\uD83C\uDFFD @kita_sonnenschein_bot hallo";
		assertThat(TelegramUpdates.message(update(groupMessage(", \"text\": " + JSON.writeValueAsString(text)
				+ ", \"entities\": [{\"type\": \"mention\", \"offset\": 5, \"length\": 22}]")), BOT)).isPresent();
		assertThat(TelegramUpdates.message(update(groupMessage(", \"text\": " + JSON.writeValueAsString(text)
				+ ", \"entities\": [{\"type\": \"mention\", \"offset\": 4, \"length\": 22}]")), BOT)).isEmpty();
	}

	@Test
	void aPrivateMessageIsOneConversationPerChatAndAForumTopicOneOfItsOwn() {
		InboundMessage photo = TelegramUpdates.message(update("""
				{"message_id": 41, "date": 1717236000, "from": {"id": 555, "is_bot": false, "first_name": "Lena",
				 "last_name": "Vogt", "username": "lena_vogt"}, "chat": {"id": 555, "type": "private"},
				 "photo": [{"file_id": "x", "file_unique_id": "y", "width": 90, "height": 90}]}"""), BOT).orElseThrow();
		assertThat(photo.externalId()).isEqualTo("555:41");
		assertThat(photo.threadKey()).isEqualTo("555");
		assertThat(photo.from().kind()).isEqualTo("handle:telegram");
		assertThat(photo.from().value()).isEqualTo("555");
		assertThat(photo.from().name()).isEqualTo("Lena Vogt");
		assertThat(photo.headers()).containsEntry("username", "@lena_vogt");
		assertThat(photo.from().profile().handle()).isEqualTo("@lena_vogt");
		assertThat(photo.from().profile().url()).isEqualTo("https://t.me/lena_vogt");
		assertThat(photo.from().profile().bot()).isFalse();
		assertThat(photo.body()).isEqualTo("[Foto · photo]");

		InboundMessage topic = TelegramUpdates.message(update(groupMessage("""
				, "text": "@kita_sonnenschein_bot Frage", "is_topic_message": true, "message_thread_id": 12,
				  "entities": [{"type": "mention", "offset": 0, "length": 22}]""")), BOT).orElseThrow();
		assertThat(topic.threadKey()).isEqualTo("-100999/12");
		assertThat(TelegramUpdates.chatOf(topic.threadKey())).isEqualTo(-100999L);
		assertThat(TelegramUpdates.topicOf(topic.threadKey())).contains(12L);

		assertThat(TelegramUpdates.message(update("""
				{"message_id": 9, "date": 1, "from": {"id": 999, "is_bot": true, "first_name": "Other"},
				 "chat": {"id": 999, "type": "private"}, "text": "spam"}"""), BOT)).as("other bots").isEmpty();
		assertThat(TelegramUpdates.receivedMessageId("555:41")).contains(41L);
		assertThat(TelegramUpdates.receivedMessageId("555:42:sent")).isEmpty();
	}

	/** The automatic forward of post 25 of the channel {@code @kita_sonnenschein} into its discussion group. */
	private static final String FORWARD = """
			{"message_id": 300, "date": 1717300002, "from": {"id": 777000, "is_bot": false, "first_name": "Telegram"},
			 "sender_chat": {"id": -1002000000001, "title": "Kita Sonnenschein", "username": "kita_sonnenschein", "type": "channel"},
			 "chat": {"id": -100999, "title": "Eltern", "type": "supergroup"}, "is_automatic_forward": true,
			 "forward_origin": {"type": "channel", "date": 1717300000, "message_id": 25,
			  "chat": {"id": -1002000000001, "title": "Kita Sonnenschein", "username": "kita_sonnenschein", "type": "channel"}},
			 "text": "Sommerfest am 21. Juni"}""";

	@Test
	void aCommentOnAChannelPostNamesThePostAndItsThreadIsAConversationOfItsOwn() {
		JsonNode comment = update(groupMessage(", \"text\": \"Dürfen Geschwister mitkommen?\", \"message_thread_id\": 300,"
				+ " \"reply_to_message\": " + FORWARD));
		InboundMessage direct = TelegramUpdates.message(comment, BOT).orElseThrow();
		assertThat(direct.post()).as("<channel chat id>/<message id> of the post").isEqualTo("-1002000000001/25");
		assertThat(direct.threadKey()).isEqualTo("-100999/comments/300");
		assertThat(TelegramUpdates.chatOf(direct.threadKey())).isEqualTo(-100999L);
		assertThat(TelegramUpdates.topicOf(direct.threadKey())).as("a comment thread is no forum topic").isEmpty();

		TelegramUpdates.PostThread thread = TelegramUpdates.postThread(comment).orElseThrow();
		assertThat(thread.chat()).isEqualTo(-100999L);
		assertThat(thread.root()).isEqualTo(300L);
		assertThat(thread.post().id()).isEqualTo("-1002000000001/25");
		assertThat(thread.post().url()).isEqualTo("https://t.me/kita_sonnenschein/25");
		assertThat(thread.post().publishedAt()).as("when the channel published it, not when it was forwarded")
			.isEqualTo(java.time.Instant.ofEpochSecond(1717300000));
		assertThat(thread.post().text()).isEqualTo("Sommerfest am 21. Juni");
		assertThat(TelegramUpdates.postThread(update(FORWARD))).as("the forward itself opens the thread")
			.map(TelegramUpdates.PostThread::root).contains(300L);
		assertThat(TelegramUpdates.message(update(FORWARD), BOT)).as("and is no message for the inbox").isEmpty();

		// an answer to a comment names only the thread: the thread known from the forward tells the post
		JsonNode answer = update(groupMessage("""
				, "text": "@kita_sonnenschein_bot und Kuchen?", "message_thread_id": 300,
				  "entities": [{"type": "mention", "offset": 0, "length": 22}],
				  "reply_to_message": {"message_id": 301, "date": 1, "message_thread_id": 300,
				   "from": {"id": 556, "is_bot": false, "first_name": "Lena"}, "chat": {"id": -100999, "type": "supergroup"},
				   "text": "Dürfen Geschwister mitkommen?"}"""));
		assertThat(TelegramUpdates.postThread(answer)).isEmpty();
		assertThat(TelegramUpdates.thread(answer)).contains(java.util.Map.entry(-100999L, 300L));
		InboundMessage known = TelegramUpdates.message(answer, BOT, java.util.Map.of(),
				java.util.Map.of(TelegramUpdates.threadOf(-100999, 300), "-1002000000001/25")).orElseThrow();
		assertThat(known.post()).isEqualTo("-1002000000001/25");
		assertThat(known.threadKey()).isEqualTo(direct.threadKey());
		InboundMessage unknown = TelegramUpdates.message(answer, BOT).orElseThrow();
		assertThat(unknown.post()).as("a reply thread not known to answer a channel post").isNull();
		assertThat(unknown.threadKey()).isEqualTo("-100999");
	}

	private static String forumMessage(String extra) {
		return """
				{"message_id": 401, "date": 1717500100, "from": {"id": 555, "is_bot": false, "first_name": "Mia"},
				 "chat": {"id": -100999, "title": "Eltern", "type": "supergroup", "is_forum": true}%s}""".formatted(extra);
	}

	@Test
	void inAForumTheCommentsUnderAPostNameNoThreadAndAreFoundByTheMessageTheyAnswer() {
		// a comment in a forum is in the General topic: no message_thread_id, only the forward it answers
		JsonNode comment = update(forumMessage(", \"text\": \"Gibt es eine Notbetreuung?\", \"reply_to_message\": "
				+ FORWARD.replace("\"type\": \"supergroup\"}", "\"type\": \"supergroup\", \"is_forum\": true}")));
		InboundMessage direct = TelegramUpdates.message(comment, BOT).orElseThrow();
		assertThat(direct.threadKey()).isEqualTo("-100999/comments/300");
		assertThat(direct.post()).isEqualTo("-1002000000001/25");
		assertThat(TelegramUpdates.unnamedComment(comment, java.util.Map.of(), java.util.Map.of()))
			.as("remembered: Telegram names no thread for it").contains(java.util.Map.entry(java.util.Map.entry(-100999L, 401L), 300L));
		assertThat(TelegramUpdates.unnamedComment(update(groupMessage(", \"text\": \"Wie schön!\", \"message_thread_id\": 300,"
				+ " \"reply_to_message\": " + FORWARD)), java.util.Map.of(), java.util.Map.of()))
			.as("an ordinary discussion group names the thread").isEmpty();
		assertThat(TelegramUpdates.unnamedComment(update(FORWARD), java.util.Map.of(), java.util.Map.of()))
			.as("the forward is the root itself").isEmpty();

		// an answer to the comment names only the comment
		JsonNode answer = update(forumMessage("""
				, "message_id": 402, "text": "@kita_sonnenschein_bot und bis wann?",
				  "entities": [{"type": "mention", "offset": 0, "length": 22}],
				  "reply_to_message": {"message_id": 401, "date": 1, "from": {"id": 556, "is_bot": false, "first_name": "Lena"},
				   "chat": {"id": -100999, "type": "supergroup", "is_forum": true}, "text": "Gibt es eine Notbetreuung?"}"""));
		assertThat(TelegramUpdates.thread(answer)).isEmpty();
		assertThat(TelegramUpdates.answered(answer)).contains(java.util.Map.entry(-100999L, 401L));
		var posts = java.util.Map.of(TelegramUpdates.threadOf(-100999, 300), "-1002000000001/25");
		var roots = java.util.Map.of(TelegramUpdates.threadOf(-100999, 401), 300L);
		InboundMessage known = TelegramUpdates.message(answer, BOT, java.util.Map.of(), posts, roots).orElseThrow();
		assertThat(known.threadKey()).isEqualTo("-100999/comments/300");
		assertThat(known.post()).isEqualTo("-1002000000001/25");
		assertThat(TelegramUpdates.unnamedComment(answer, posts, roots)).as("and is remembered in turn")
			.contains(java.util.Map.entry(java.util.Map.entry(-100999L, 402L), 300L));
		InboundMessage unknown = TelegramUpdates.message(answer, BOT, java.util.Map.of(), posts, java.util.Map.of())
			.orElseThrow();
		assertThat(unknown.threadKey()).as("an answer to a message not known to be a comment").isEqualTo("-100999");
		assertThat(unknown.post()).isNull();
	}

	@Test
	void inAForumATopicStaysItsOwnUnlessItsThreadIsKnownToAnswerAPost() {
		JsonNode topic = update(forumMessage("""
				, "message_id": 410, "message_thread_id": 12, "is_topic_message": true,
				  "text": "@kita_sonnenschein_bot Wann ist der Elternabend?",
				  "entities": [{"type": "mention", "offset": 0, "length": 22}],
				  "reply_to_message": {"message_id": 12, "date": 1, "message_thread_id": 12, "is_topic_message": true,
				   "from": {"id": 555, "is_bot": false, "first_name": "Mia"},
				   "chat": {"id": -100999, "type": "supergroup", "is_forum": true},
				   "forum_topic_created": {"name": "Elternabend", "icon_color": 7322096}}"""));
		var posts = java.util.Map.of(TelegramUpdates.threadOf(-100999, 300), "-1002000000001/25");
		InboundMessage inTopic = TelegramUpdates.message(topic, BOT, java.util.Map.of(), posts, java.util.Map.of()).orElseThrow();
		assertThat(inTopic.threadKey()).isEqualTo("-100999/12");
		assertThat(inTopic.post()).isNull();
		assertThat(TelegramUpdates.unnamedComment(topic, posts, java.util.Map.of())).isEmpty();

		// a comment thread that Telegram marks as a topic of the forum is still the post's comments
		JsonNode marked = update(forumMessage("""
				, "message_id": 402, "message_thread_id": 300, "is_topic_message": true,
				  "text": "@kita_sonnenschein_bot und bis wann?", "entities": [{"type": "mention", "offset": 0, "length": 22}],
				  "reply_to_message": {"message_id": 401, "date": 1, "message_thread_id": 300, "is_topic_message": true,
				   "from": {"id": 556, "is_bot": false, "first_name": "Lena"},
				   "chat": {"id": -100999, "type": "supergroup", "is_forum": true}, "text": "Gibt es eine Notbetreuung?"}"""));
		InboundMessage comment = TelegramUpdates.message(marked, BOT, java.util.Map.of(), posts, java.util.Map.of())
			.orElseThrow();
		assertThat(comment.threadKey()).isEqualTo("-100999/comments/300");
		assertThat(comment.post()).isEqualTo("-1002000000001/25");
		assertThat(TelegramUpdates.topicOf(comment.threadKey())).as("answered in the thread, not as a topic").isEmpty();
		assertThat(TelegramUpdates.commentsOf(comment.threadKey())).contains(300L);
		assertThat(TelegramUpdates.commentsOf(inTopic.threadKey())).isEmpty();
	}

	@Test
	void aChannelPostIsReadFromItsUpdateAndFromAForwardOfAnOlderBotApi() {
		JsonNode post = JSON.readTree("""
				{"update_id": 2, "channel_post": {"message_id": 26, "date": 1717400000,
				 "sender_chat": {"id": -1002000000001, "title": "Kita", "type": "channel"},
				 "chat": {"id": -1002000000001, "title": "Kita", "type": "channel"}, "caption": "Fotos vom Fest",
				 "photo": [{"file_id": "x", "file_unique_id": "y", "width": 90, "height": 90}]}}""");
		TelegramUpdates.ChannelPost seen = TelegramUpdates.channelPost(post).orElseThrow();
		assertThat(seen.id()).isEqualTo("-1002000000001/26");
		assertThat(seen.url()).as("a channel without a username: the link for its members")
			.isEqualTo("https://t.me/c/2000000001/26");
		assertThat(seen.text()).isEqualTo("Fotos vom Fest");
		assertThat(TelegramUpdates.message(post, BOT)).isEmpty();
		assertThat(TelegramUpdates.channelPost(JSON.readTree("{\"update_id\": 3, \"edited_channel_post\": "
				+ post.get("channel_post").toString().replace("Fotos vom Fest", "Fotos vom Sommerfest") + "}")))
			.map(TelegramUpdates.ChannelPost::text).contains("Fotos vom Sommerfest");
		assertThat(TelegramUpdates.channelPost(update(groupMessage(", \"text\": \"Kuchen\"")))).isEmpty();

		JsonNode legacy = JSON.readTree("""
				{"message_id": 310, "date": 1717400002, "chat": {"id": -100999, "type": "supergroup"},
				 "is_automatic_forward": true, "forward_from_chat": {"id": -1002000000001, "username": "kita_sonnenschein",
				 "type": "channel"}, "forward_from_message_id": 26, "forward_date": 1717400000, "text": "Fotos"}""");
		assertThat(TelegramUpdates.forwarded(legacy)).map(TelegramUpdates.ChannelPost::url)
			.contains("https://t.me/kita_sonnenschein/26");
	}
}
