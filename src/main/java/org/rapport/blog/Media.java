package org.rapport.blog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Images uploaded for the blog (in posts, pages and author photos). Only JPEG, PNG, GIF and WebP are taken, told
 * apart by their first bytes — never by the name or the type the browser claims — and at most {@value #MAX_BYTES}
 * bytes. The bytes are files under {@code RAPPORT_DATA_DIR/blog-media/<workspace>/}, named by id, never by what the
 * uploader called them; on several nodes that directory must be shared. Each image is public at a stable address
 * that never changes its content, so it may be cached for a year.
 */
@Component
public class Media {

	public static final int MAX_BYTES = 10 * 1024 * 1024;

	private final JdbcClient jdbc;
	private final Workspaces workspaces;
	private final RapportProperties properties;

	Media(JdbcClient jdbc, Workspaces workspaces, RapportProperties properties) {
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.properties = properties;
	}

	/** An image type Rapport accepts, with its extension and the bytes it starts with. */
	enum Kind {
		JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

		final String contentType;

		final String extension;

		Kind(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}

		static Optional<Kind> of(byte[] b) {
			if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
				return Optional.of(JPEG);
			}
			if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' })) {
				return Optional.of(PNG);
			}
			if (b.length >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
				return Optional.of(GIF);
			}
			if (b.length >= 12 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
				return Optional.of(WEBP);
			}
			return Optional.empty();
		}

		static Optional<Kind> ofExtension(String extension) {
			return Arrays.stream(values()).filter(k -> k.extension.equals(extension)).findFirst();
		}

		private static String ascii(byte[] b, int from, int length) {
			return new String(b, from, length, java.nio.charset.StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * A stored image.
	 *
	 * @param fileName its name in its address, {@code <id>.<extension>}
	 * @param markdown the line that shows it in a post
	 */
	public record Stored(UUID id, String fileName, String contentType, long size, String url, String markdown) {
	}

	/** An image to send: where its bytes are and what they are. */
	public record File(Path path, String contentType, long size) {
	}

	/**
	 * Stores an uploaded image. Throws {@link IllegalArgumentException} (answered with 400) when the bytes are empty,
	 * too many, or not one of the four image types.
	 */
	public Stored store(CurrentUser member, String originalName, byte[] bytes) {
		member.requireWorker();
		if (bytes == null || bytes.length == 0) {
			throw new IllegalArgumentException("The file is empty.");
		}
		if (bytes.length > MAX_BYTES) {
			throw new IllegalArgumentException("An image has at most 10 MB; this one has " + (bytes.length / (1024 * 1024)) + " MB.");
		}
		Kind kind = Kind.of(bytes).orElseThrow(() -> new IllegalArgumentException(
				"Only JPEG, PNG, GIF and WebP images can be uploaded; this file is none of them."));
		UUID id = UUID.randomUUID();
		Path dir = directory(member.workspaceId());
		try {
			Files.createDirectories(dir);
			Path temporary = Files.createTempFile(dir, id.toString(), ".part");
			Files.write(temporary, bytes);
			Files.move(temporary, dir.resolve(id + "." + kind.extension), StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("The image could not be stored: " + e.getMessage(), e);
		}
		String name = cleanName(originalName);
		jdbc.sql("insert into blog_media(id, workspace_id, file_name, content_type, size_bytes, uploaded_by) values (?, ?, ?, ?, ?, ?)")
			.params(id, member.workspaceId(), name, kind.contentType, bytes.length, member.userId())
			.update();
		String fileName = id + "." + kind.extension;
		String url = properties.link(BlogPaths.media(workspaces.get(member.workspaceId()).slug(), fileName));
		String alt = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
		return new Stored(id, fileName, kind.contentType, bytes.length, url,
				"![" + alt.replaceAll("[\\[\\]\\\\]", "") + "](" + url + ")");
	}

	/** The image with a file name from its address, if the workspace has it. */
	public Optional<File> find(UUID workspaceId, String fileName) {
		if (fileName == null || !fileName.matches("[0-9a-f-]{36}\\.[a-z]{3,4}")) {
			return Optional.empty();
		}
		UUID id = UUID.fromString(fileName.substring(0, 36));
		Optional<Kind> kind = Kind.ofExtension(fileName.substring(37));
		if (kind.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("select content_type, size_bytes from blog_media where id = ? and workspace_id = ?")
			.params(id, workspaceId)
			.query((rs, n) -> new File(directory(workspaceId).resolve(fileName), rs.getString(1), rs.getLong(2)))
			.optional()
			.filter(f -> f.contentType().equals(kind.get().contentType) && Files.isRegularFile(f.path()));
	}

	private Path directory(UUID workspaceId) {
		return properties.dataDir().resolve("blog-media").resolve(workspaceId.toString()).toAbsolutePath().normalize();
	}

	private static String cleanName(String name) {
		String clean = name == null ? "" : name.replaceAll("[\\p{Cc}/\\\\]", "").strip();
		if (clean.length() > 200) {
			clean = clean.substring(clean.length() - 200);
		}
		return clean.isEmpty() ? "bild" : clean;
	}
}
