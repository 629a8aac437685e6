package org.rapport.channels.mastodon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.rapport.channels.DeliveryException;
import org.rapport.inbox.Messages;
import org.rapport.inbox.ReplyCheck;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The files of a reply as media of a Mastodon post (docs.joinmastodon.org/methods/media/): checked against what the
 * instance takes, uploaded one by one, and waited for until the instance has processed them, so that the post can
 * name them in {@code media_ids}.
 * <p>
 * An upload is not idempotent: when a delivery is tried again after a lost answer, its files are uploaded again. An
 * upload no post names stays unattached on the instance, which removes it after a day; nothing is posted twice,
 * because the post itself carries the reply's idempotency key.
 */
@Component
class MastodonMedia {

	/**
	 * What a reply on Mastodon may carry, before the instance is asked: images, videos and audio, as many as a post
	 * of a default instance takes (4), together no more than a video may be there (99 MiB). The instance's own limits
	 * are checked when the reply leaves ({@link #upload}).
	 */
	static final ReplyCheck.Files FILES = new ReplyCheck.Files(MastodonClient.MediaLimits.DEFAULTS.perStatus(),
			MastodonClient.MediaLimits.DEFAULTS.videoBytes(), 0, List.of("image/*", "video/*", "audio/*"));

	/** How long the instance may take to process the files of one reply before the delivery is tried again later. */
	static final Duration PROCESSING = Duration.ofSeconds(60);

	/** The first wait before asking again whether a file is processed; each further wait is twice as long. */
	private static final Duration FIRST_WAIT = Duration.ofMillis(500);

	/** The longest wait between two questions. */
	private static final Duration LONGEST_WAIT = Duration.ofSeconds(8);

	private final MastodonClient client;

	MastodonMedia(MastodonClient client) {
		this.client = client;
	}

	/**
	 * Uploads the files and waits until the instance has processed each.
	 *
	 * @return the media ids, in the order of the files
	 * @throws DeliveryException when the instance takes files of this kind, size or number not (it cannot be mended
	 * by trying again), or did not process them within {@link #PROCESSING} (trying again may help)
	 * @throws MastodonClient.Failure when the instance refused or did not answer a call
	 */
	List<String> upload(String instance, String token, List<Messages.Attachment> files)
			throws DeliveryException, MastodonClient.Failure {
		if (files.isEmpty()) {
			return List.of();
		}
		check(client.mediaLimits(instance), files);
		long deadline = System.nanoTime() + PROCESSING.toNanos();
		List<String> ids = new ArrayList<>();
		for (Messages.Attachment file : files) {
			JsonNode media;
			try {
				media = client.upload(instance, token, file.fileName(), type(file), file.content());
			}
			catch (MastodonClient.Failure e) {
				if (e.status == 403) {
					// a token allowed to post but not to upload (made without write:media): the account stays connected
					throw new DeliveryException("The access token may not upload files (HTTP 403): reconnect the account "
							+ "with the scope write:media to send files, or send the reply without them.", false, e);
				}
				throw new MastodonClient.Failure(e.status, e.retryable, e.pauseUntil, e.calls,
						"The instance did not take the file '" + file.fileName() + "': " + e.getMessage());
			}
			String id = media.path("id").asString("");
			if (id.isEmpty()) {
				throw new MastodonClient.Failure(200, true, null, "The instance answered the upload of '" + file.fileName()
						+ "' without an id.");
			}
			Duration wait = FIRST_WAIT;
			while (media.path("url").asString("").isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new DeliveryException("The instance is still processing '" + file.fileName()
							+ "'; the reply is tried again later.", true, null);
				}
				pause(Duration.ofNanos(Math.min(wait.toNanos(), left)));
				wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
				media = client.media(instance, token, id);
			}
			ids.add(id);
		}
		return ids;
	}

	/** Refuses files the instance would refuse: too many, of a kind it does not take, larger than it takes. */
	static void check(MastodonClient.MediaLimits limits, List<Messages.Attachment> files) throws DeliveryException {
		if (files.size() > limits.perStatus()) {
			throw new DeliveryException("The instance takes at most " + limits.perStatus() + " files with a post, not "
					+ files.size() + ".", false, null);
		}
		for (Messages.Attachment file : files) {
			String type = type(file);
			if (!limits.types().isEmpty() && !limits.types().contains(type)) {
				throw new DeliveryException("The instance does not take files of the kind " + type + " ('"
						+ file.fileName() + "').", false, null);
			}
			long limit = type.startsWith("image/") ? limits.imageBytes() : limits.videoBytes();
			if (file.content().length > limit) {
				throw new DeliveryException("'" + file.fileName() + "' has " + file.content().length
						+ " bytes; the instance takes at most " + limit + " bytes for a file of its kind.", false, null);
			}
		}
	}

	private static String type(Messages.Attachment file) {
		String type = file.contentType() == null ? "" : file.contentType().split(";", 2)[0].strip();
		return type.isEmpty() ? "application/octet-stream" : type.toLowerCase(Locale.ROOT);
	}

	private static void pause(Duration duration) throws DeliveryException {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new DeliveryException("Interrupted while the instance processed the files.", true, e);
		}
	}
}
