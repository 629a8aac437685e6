package org.rapport.authenticity;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.Channels;
import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.inbox.MessageView;
import org.rapport.listening.Heard;
import org.rapport.listening.Hit;
import org.rapport.listening.Monitor;
import org.rapport.listening.Monitors;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mails a new storm alert to the workspace's managers (and owners), once each: an address is recorded on the alert
 * when its mail left, so a repeated job (a failure after some of them) mails only those still missing. In German
 * and English, with the figures, the first messages (a topic's: the first posts with their addresses) and the link to
 * the alert page.
 */
@Component
class StormAlertMail implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Messages quoted in the mail. */
	static final int QUOTED = 5;

	private final StormWatch watch;
	private final Members members;
	private final Mailer mailer;
	private final Channels channels;
	private final MessageSource messages;
	private final RapportProperties properties;

	private final Monitors monitors;
	private final Heard heard;

	StormAlertMail(StormWatch watch, Members members, Mailer mailer, Channels channels, MessageSource messages,
			RapportProperties properties, Monitors monitors, Heard heard) {
		this.monitors = monitors;
		this.heard = heard;
		this.watch = watch;
		this.members = members;
		this.mailer = mailer;
		this.channels = channels;
		this.messages = messages;
		this.properties = properties;
	}

	@Override
	public String kind() {
		return StormWatch.MAIL_JOB;
	}

	@Override
	public void run(String payload) throws Exception {
		UUID alertId = UUID.fromString(JSON.readTree(payload).path("alertId").asString());
		StormAlert alert = watch.find(alertId).orElseThrow(() -> new GiveUp("The alert " + alertId + " is gone."));
		String suffix = alert.topic() ? ".topic" : "";
		String name = alert.topic()
				? monitors.of(alert.workspaceId()).stream().filter(m -> m.id().equals(alert.monitorId())).map(Monitor::name)
					.findFirst().orElse("?")
				: channels.find(alert.channelId()).map(c -> c.name()).orElse("?");
		String subject = messages.getMessage("storm.mail.subject" + suffix, new Object[] { name }, Locale.GERMAN) + " / "
				+ messages.getMessage("storm.mail.subject" + suffix, new Object[] { name }, Locale.ENGLISH);
		StringBuilder text = new StringBuilder();
		for (Locale locale : List.of(Locale.GERMAN, Locale.ENGLISH)) {
			text.append(messages.getMessage("storm.mail.body" + suffix, new Object[] { name, alert.negativeAuthors(),
					Math.round(alert.negativeShare() * 100), alert.growth(), alert.expected() }, locale)).append("\n\n");
		}
		if (alert.topic()) {
			for (Hit h : heard.some(alert.workspaceId(), alert.sampleMessageIds()).stream().limit(QUOTED).toList()) {
				quote(text, h.authorName() != null ? h.authorName() : h.author(), h.text());
				if (h.url() != null) {
					text.append("  ").append(h.url()).append("\n");
				}
			}
		}
		else {
			for (MessageView m : watch.messagesOf(alert).stream().limit(QUOTED).toList()) {
				quote(text, m.senderName(), m.body());
			}
		}
		text.append("\n").append(properties.link("/authenticity/alerts/" + alert.id())).append("\n");
		for (Member member : members.of(alert.workspaceId())) {
			if (!member.role().canManage() || watch.mailedTo(alert.id(), member.email())) {
				continue;
			}
			try {
				mailer.send(alert.workspaceId(), member.email(), subject, text.toString(), Map.of());
			}
			catch (DeliveryException e) {
				if (!e.retryable()) {
					throw new GiveUp(e.getMessage());
				}
				throw e;
			}
			watch.markMailed(alert.id(), member.email());
		}
	}

	private static void quote(StringBuilder text, String who, String what) {
		String body = what == null ? "" : what.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
		text.append("> ").append(who == null ? "" : who + ": ")
			.append(body.length() > 300 ? body.substring(0, 300) + "…" : body).append("\n");
	}
}
