package org.rapport.channels.bluesky;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.rapport.inbox.Messages;
import org.rapport.inbox.ReplyCheck;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The files of a reply as the images of a Bluesky post: each uploaded as a blob, the post's {@code embed} an
 * {@code app.bsky.embed.images} that names them (lexicon {@code app.bsky.embed.images}: at most 4 images of at most
 * 1,000,000 bytes each). A blob uploaded by an attempt whose post was not made is never named by a record; the PDS
 * drops such blobs by itself.
 */
@Component
class BlueskyImages {

	static final String EMBED = "app.bsky.embed.images";

	/** What a reply on Bluesky may carry: up to 4 images (JPEG, PNG, WebP, GIF), 1,000,000 bytes each. */
	static final ReplyCheck.Files FILES = new ReplyCheck.Files(4, 4_000_000, 1_000_000,
			List.of("image/jpeg", "image/png", "image/webp", "image/gif"));

	private final BlueskyClient client;
	private final BlueskySessions sessions;

	BlueskyImages(BlueskyClient client, BlueskySessions sessions) {
		this.client = client;
		this.sessions = sessions;
	}

	/**
	 * Uploads the files and answers the post's {@code embed} naming them, without alt text, with each image's
	 * aspect ratio where it can be read from the file; empty without files.
	 */
	Optional<Map<String, Object>> embed(String service, String identifier, List<Messages.Attachment> files)
			throws BlueskyClient.Failure {
		if (files.isEmpty()) {
			return Optional.empty();
		}
		List<Map<String, Object>> images = new ArrayList<>();
		for (Messages.Attachment file : files) {
			String type = file.contentType() == null || file.contentType().isBlank() ? "application/octet-stream"
					: file.contentType().strip();
			JsonNode uploaded = sessions.call(service, identifier,
					s -> client.uploadBlob(service, s, type, file.content()));
			JsonNode blob = uploaded.path("blob");
			if (!blob.isObject()) {
				throw new BlueskyClient.Failure(200, "", true, null, "The PDS answered the upload of '" + file.fileName()
						+ "' without a blob.");
			}
			Map<String, Object> image = new LinkedHashMap<>();
			image.put("image", blob);
			image.put("alt", "");
			size(file.content()).ifPresent(size -> image.put("aspectRatio", size));
			images.add(image);
		}
		Map<String, Object> embed = new LinkedHashMap<>();
		embed.put("$type", EMBED);
		embed.put("images", images);
		return Optional.of(embed);
	}

	/**
	 * The image's width and height from its header, without decoding it, for {@code aspectRatio}; empty when no
	 * reader of the JDK knows the format (WebP) or the header cannot be read.
	 */
	static Optional<Map<String, Integer>> size(byte[] content) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			if (in == null) {
				return Optional.empty();
			}
			var readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				return Optional.empty();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				return width > 0 && height > 0 ? Optional.of(Map.of("width", width, "height", height)) : Optional.empty();
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
	}
}
