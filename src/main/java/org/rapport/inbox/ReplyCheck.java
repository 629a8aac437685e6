package org.rapport.inbox;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.platform.ConversationId;

/**
 * Tells the composer, before anyone writes, whether a reply on a channel can leave now. Implemented by the channels
 * module, which knows how each kind sends; the inbox does not depend on it.
 */
public interface ReplyCheck {

	/**
	 * Whether a reply on the channel goes to the person. On channels where it does not — an answer to a logged call
	 * happened off-line and is only logged — a reply is stored as logged and is no response for the response time.
	 */
	boolean sends(UUID workspaceId, ChannelId channelId);

	/** What stands in the way of a reply on the channel, in the reader's language; empty when it can leave. */
	Optional<Warning> before(UUID workspaceId, ChannelId channelId, Locale locale);

	/** What a person should know before answering the conversation, with what they can do about it there. */
	default Optional<Notice> notice(UUID workspaceId, ChannelId channelId, ConversationId conversationId, Locale locale) {
		return Optional.empty();
	}

	/**
	 * The signature a manager set for replies on the channel, with {@code {name}} (the replying member's name) and
	 * {@code {workspace}} not yet filled in; empty when the channel has none, and each member's own applies.
	 */
	default Optional<String> signature(UUID workspaceId, ChannelId channelId) {
		return Optional.empty();
	}

	/**
	 * The files a reply in the conversation can carry: none on channels that cannot send files, and none in a
	 * conversation whose answers go a way without files even where the channel's other answers take some (a direct
	 * message on a network whose posts carry images).
	 */
	default Files files(UUID workspaceId, ChannelId channelId, ConversationId conversationId) {
		return Files.NONE;
	}

	/**
	 * How many files one message may carry, how large they may be, and of which kinds.
	 *
	 * @param maxCount at most this many files; 0 when the channel carries none
	 * @param maxBytes at most this many bytes, all files together
	 * @param maxFileBytes at most this many bytes each file; 0 when only the sum counts
	 * @param types the content types the channel carries, each exact ({@code image/png}) or a whole family
	 * ({@code image/*}); empty when it carries any
	 */
	record Files(int maxCount, long maxBytes, long maxFileBytes, java.util.List<String> types) {

		public static final Files NONE = new Files(0, 0);

		public Files {
			types = java.util.List.copyOf(types);
		}

		/** Files of any kind, limited only in number and in bytes together (a mail's attachments). */
		public Files(int maxCount, long maxBytes) {
			this(maxCount, maxBytes, 0, java.util.List.of());
		}

		public boolean any() {
			return maxCount > 0;
		}

		/** {@code maxBytes} in whole megabytes (10^6 bytes), as people read it under a file field. */
		public long megabytes() {
			return maxBytes / 1_000_000;
		}

		/** {@code maxFileBytes} in megabytes (10^6 bytes), one decimal where it has one. */
		public String fileMegabytes() {
			return java.math.BigDecimal.valueOf(maxFileBytes).divide(java.math.BigDecimal.valueOf(1_000_000), 1,
					java.math.RoundingMode.DOWN).stripTrailingZeros().toPlainString();
		}

		/**
		 * Whether a file of the content type may go: any when {@link #types()} is empty; otherwise its type (without
		 * parameters, ignoring case) is one of them or of a family among them.
		 */
		public boolean carries(String contentType) {
			if (types.isEmpty()) {
				return true;
			}
			String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
			for (String accepted : types) {
				String pattern = accepted.toLowerCase(java.util.Locale.ROOT);
				if (pattern.endsWith("/*") ? type.startsWith(pattern.substring(0, pattern.length() - 1))
						&& type.length() > pattern.length() - 1 : type.equals(pattern)) {
					return true;
				}
			}
			return false;
		}

		/** The kinds for a file field's {@code accept} attribute, or {@code null} when any kind may go. */
		public String accept() {
			return types.isEmpty() ? null : String.join(",", types);
		}
	}

	/** @param actions (label, path to post to) pairs */
	record Notice(String text, java.util.List<Action> actions) {
	}

	/** A button: its label and the path it posts to. */
	record Action(String label, String path) {
	}

	/**
	 * @param problem what is wrong, e.g. "No mailbox is connected"
	 * @param fix what to do about it, e.g. "Connect a mailbox"
	 * @param fixPath the page where a manager does it
	 */
	record Warning(String problem, String fix, String fixPath) {
	}
}
