package org.rapport.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Secrets kept in the data directory (the encryption key, the embedded database's password): files that only their
 * owner may read or write.
 */
public final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates the file with these contents, readable by its owner alone (0600), unless it exists. On a file system
	 * without POSIX permissions (e.g. Windows) the file gets the default ones. When another process creates it at
	 * the same moment, theirs is kept and this does nothing.
	 */
	public static void createIfAbsent(Path file, byte[] contents) throws IOException {
		if (Files.exists(file)) {
			return;
		}
		Files.createDirectories(file.toAbsolutePath().getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (UnsupportedOperationException e) {
			// a file system without POSIX permissions (Windows): the file is created with the folder's own rights
			Files.createFile(file);
		}
		catch (FileAlreadyExistsException e) {
			return;
		}
		Files.write(file, contents);
	}

	/** Narrows the permissions of an existing file to its owner alone where the file system has POSIX permissions. */
	public static void narrow(Path file) throws IOException {
		if (Files.getFileStore(file).supportsFileAttributeView("posix")
				&& !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
			Files.setPosixFilePermissions(file, OWNER_ONLY);
		}
	}
}
