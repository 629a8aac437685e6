package org.rapport.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.email.MailParser.Parsed;

class EmailMimeParsingTests {

	static final Instant RECEIVED = Instant.parse("2026-05-04T12:00:00Z");

	static Parsed parse(String raw) {
		return MailParser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), "<7.42@imap.rapport.invalid>", RECEIVED);
	}

	static InboundMessage readable(String raw) {
		Parsed parsed = parse(raw);
		assertThat(parsed).isInstanceOf(Parsed.Readable.class);
		return ((Parsed.Readable) parsed).message();
	}

	@Test
	void readsPlainTextMailWithSenderSubjectDateAndThreadingHeaders() {
		InboundMessage m = readable("""
				Message-ID: <abc-1@mail.example.org>
				From: =?UTF-8?Q?Erika_M=C3=BCller?= <Erika.Mueller@Example.ORG>
				To: Postfach <support@rapport.test>
				Cc: chef@example.org
				Subject: =?UTF-8?Q?Frage_zur_Anmeldung_f=C3=BCr_M=C3=A4rz?=
				Date: Mon, 04 May 2026 10:15:00 +0200
				References: <root@x.example> <mid@x.example>
				In-Reply-To: <mid@x.example>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8
				Content-Transfer-Encoding: quoted-printable

				Hallo, wann ist das B=C3=BCro ge=C3=B6ffnet?
				""");
		assertThat(m.externalId()).isEqualTo("<abc-1@mail.example.org>");
		assertThat(m.from().value()).isEqualTo("erika.mueller@example.org");
		assertThat(m.from().name()).isEqualTo("Erika Müller");
		assertThat(m.subject()).isEqualTo("Frage zur Anmeldung für März");
		assertThat(m.sentAt()).isEqualTo(Instant.parse("2026-05-04T08:15:00Z"));
		assertThat(m.html()).isFalse();
		assertThat(m.body()).contains("wann ist das Büro geöffnet?");
		assertThat(m.references()).containsExactly("<root@x.example>", "<mid@x.example>");
		assertThat(m.threadKey()).isNull();
		assertThat(m.direction()).isEqualTo("in");
		assertThat(m.headers()).containsEntry("messageId", "<abc-1@mail.example.org>")
			.containsEntry("to", "Postfach <support@rapport.test>")
			.containsEntry("cc", "chef@example.org");
	}

	@Test
	void putsInReplyToLastAndFallsBackToSyntheticIdAndReceivedTime() {
		InboundMessage m = readable("""
				From: kurt@example.org
				Subject: ohne Kennung
				In-Reply-To: <newest@x.example>
				References: <newest@x.example> <older@x.example>
				Date: Fri, 01 Jan 2100 00:00:00 +0000

				Text
				""");
		assertThat(m.externalId()).isEqualTo("<7.42@imap.rapport.invalid>");
		assertThat(m.references()).containsExactly("<older@x.example>", "<newest@x.example>");
		assertThat(m.sentAt()).as("a date in the future is not believed").isEqualTo(RECEIVED);
	}

	@Test
	void prefersHtmlAlternativeKeepsAttachmentsAndSkipsInlineImages() {
		String pdf = Base64.getMimeEncoder().encodeToString("%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII));
		InboundMessage m = readable("""
				Message-ID: <html-1@mail.example.org>
				From: Anna <anna@example.org>
				Subject: Antrag
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="outer"

				--outer
				Content-Type: multipart/related; boundary="rel"

				--rel
				Content-Type: multipart/alternative; boundary="alt"

				--alt
				Content-Type: text/plain; charset=UTF-8

				Plain version
				--alt
				Content-Type: text/html; charset=UTF-8

				<p>HTML <b>version</b><img src="cid:logo"></p>
				--alt--
				--rel
				Content-Type: image/png
				Content-ID: <logo>
				Content-Transfer-Encoding: base64

				iVBORw0KGgo=
				--rel--
				--outer
				Content-Type: application/pdf; name="Antrag.pdf"
				Content-Disposition: attachment; filename="Antrag.pdf"
				Content-Transfer-Encoding: base64

				%s
				--outer--
				""".formatted(pdf));
		assertThat(m.html()).isTrue();
		assertThat(m.body()).contains("HTML <b>version</b>").doesNotContain("Plain version");
		assertThat(m.attachments()).singleElement().satisfies(a -> {
			assertThat(a.fileName()).isEqualTo("Antrag.pdf");
			assertThat(a.contentType()).isEqualTo("application/pdf");
			assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 fake");
		});
	}

	@Test
	void namesAttachmentsTooLargeToKeepInsteadOfStoringThem() {
		String big = Base64.getMimeEncoder().encodeToString(new byte[MailParser.MAX_ATTACHMENT + 1]);
		InboundMessage m = readable("""
				Message-ID: <big@mail.example.org>
				From: anna@example.org
				Subject: Video
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain

				Anbei das Video.
				--b
				Content-Type: video/mp4
				Content-Disposition: attachment; filename="film.mp4"
				Content-Transfer-Encoding: base64

				%s
				--b--
				""".formatted(big));
		assertThat(m.attachments()).isEmpty();
		assertThat(m.body()).startsWith("Anbei das Video.").contains("film.mp4").contains("15 MB");
		assertThat(m.headers()).containsEntry("omittedAttachments", "film.mp4");
	}

	@Test
	void readsTextInUnknownCharsetAsUtf8() {
		InboundMessage m = readable("""
				Message-ID: <cs@mail.example.org>
				From: anna@example.org
				Subject: Zeichensatz
				Content-Type: text/plain; charset=x-unknown-42

				Grüße
				""");
		assertThat(m.body()).contains("Grüße");
	}

	@Test
	void refusesBrokenMimeAndMailsWithoutUsableSender() {
		Parsed broken = parse("""
				Message-ID: <broken@mail.example.org>
				From: anna@example.org
				Subject: kaputt
				Content-Type: multipart/mixed; boundary="never-used"

				no boundary anywhere in this body
				""");
		assertThat(broken).isInstanceOfSatisfying(Parsed.Unreadable.class, u -> {
			assertThat(u.externalId()).isEqualTo("<broken@mail.example.org>");
			assertThat(u.reason()).startsWith("The mail cannot be read").containsIgnoringCase("boundary");
		});

		Parsed noSender = parse("""
				Message-ID: <nosender@mail.example.org>
				From: undisclosed
				Subject: wer?

				Text
				""");
		assertThat(noSender).isInstanceOfSatisfying(Parsed.Unreadable.class,
				u -> assertThat(u.reason()).contains("no usable sender address").contains("undisclosed"));
	}

	@Test
	void extractsMessageIdsLeniently() {
		assertThat(MailParser.messageId("  <a.b@c>  ")).hasValue("<a.b@c>");
		assertThat(MailParser.messageId("bare-id@host")).hasValue("<bare-id@host>");
		assertThat(MailParser.messageId("two words")).isEmpty();
		assertThat(MailParser.messageId(null)).isEmpty();
	}
}
