package org.rapport.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import org.rapport.platform.OutboundGuard;

/**
 * One open, read-only IMAP folder. Nothing is changed in the mailbox: mails are not flagged, moved or deleted.
 */
final class ImapMailbox implements AutoCloseable {

	private final Store store;
	private final Folder folder;
	private final UIDFolder uids;

	private ImapMailbox(Store store, Folder folder) {
		this.store = store;
		this.folder = folder;
		this.uids = (UIDFolder) folder;
	}

	/**
	 * Connects and opens the configured folder.
	 *
	 * @param readTimeout how long the server may stay silent before the connection counts as broken
	 * @throws IllegalArgumentException when the guard refuses the host
	 */
	static ImapMailbox open(EmailSettings settings, OutboundGuard guard, Duration readTimeout) throws MessagingException {
		EmailSettings.Server imap = settings.imap();
		guard.checkHost(imap.host());
		Store store = MailSessions.imap(settings, readTimeout, guard).getStore("imap");
		try {
			store.connect(imap.host(), imap.port(), imap.username(), imap.password());
			Folder folder = store.getFolder(settings.imapFolder());
			if (!folder.exists()) {
				throw new MessagingException("The folder '" + settings.imapFolder() + "' does not exist in the mailbox.");
			}
			if (!(folder instanceof UIDFolder)) {
				throw new MessagingException("The mail server does not support IMAP UIDs.");
			}
			folder.open(Folder.READ_ONLY);
			return new ImapMailbox(store, folder);
		}
		catch (MessagingException | RuntimeException e) {
			closeQuietly(store);
			throw e;
		}
	}

	long uidValidity() throws MessagingException {
		return uids.getUIDValidity();
	}

	/** The mails with a UID above {@code lastUid}, oldest first, with UID and size fetched. */
	List<Message> after(long lastUid) throws MessagingException {
		if (folder.getMessageCount() == 0) {
			return List.of();
		}
		Message[] found = uids.getMessagesByUID(lastUid + 1, UIDFolder.LASTUID);
		FetchProfile profile = new FetchProfile();
		profile.add(UIDFolder.FetchProfileItem.UID);
		profile.add(FetchProfile.Item.SIZE);
		Message[] present = Arrays.stream(found).filter(Objects::nonNull).toArray(Message[]::new);
		folder.fetch(present, profile);
		// "UID n:*" always matches the newest mail, even when its UID is below n
		return Arrays.stream(present).filter(m -> uidOf(m) > lastUid).sorted(Comparator.comparingLong(this::uidOf)).toList();
	}

	long uidOf(Message message) {
		try {
			return uids.getUID(message);
		}
		catch (MessagingException e) {
			throw new IllegalStateException("The UID of a mail cannot be read: " + e.getMessage(), e);
		}
	}

	/** The mail exactly as the server stores it. */
	byte[] raw(Message message) throws MessagingException, IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
		message.writeTo(out);
		return out.toByteArray();
	}

	/** Whether the server announces IMAP IDLE (RFC 2177). */
	boolean supportsIdle() {
		try {
			return store instanceof IMAPStore imap && imap.hasCapability("IDLE");
		}
		catch (MessagingException | RuntimeException e) {
			return false;
		}
	}

	/** Waits in IMAP IDLE until the server reports a change in the folder (or the connection ends). */
	void idle() throws MessagingException {
		if (!(folder instanceof IMAPFolder imap)) {
			throw new MessagingException("This mail store cannot wait in IDLE");
		}
		imap.idle(true);
	}

	@Override
	public void close() {
		try {
			if (folder.isOpen()) {
				folder.close(false);
			}
		}
		catch (MessagingException | RuntimeException e) {
			// the connection is going away anyway
		}
		closeQuietly(store);
	}

	private static void closeQuietly(Store store) {
		try {
			store.close();
		}
		catch (MessagingException | RuntimeException e) {
			// nothing left to do
		}
	}
}
