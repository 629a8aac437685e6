package org.rapport.listening;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.channels.DeliveryException;
import org.rapport.channels.Mailer;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mails the workspace's managers and owners that a monitor had as many hits within an hour as it asked to be told
 * about, in German and English, with the newest hits and the link to them. The job is tried again only when no mail
 * left at all (the workspace's mailbox is down), so that nobody gets the same alert twice.
 */
@Component
class ListeningAlertMail implements JobHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final int QUOTED = 5;

	private final Monitors monitors;
	private final Heard heard;
	private final Members members;
	private final Mailer mailer;
	private final MessageSource messages;
	private final RapportProperties properties;

	ListeningAlertMail(Monitors monitors, Heard heard, Members members, Mailer mailer, MessageSource messages,
			RapportProperties properties) {
		this.monitors = monitors;
		this.heard = heard;
		this.members = members;
		this.mailer = mailer;
		this.messages = messages;
		this.properties = properties;
	}

	@Override
	public String kind() {
		return Listening.ALERT_JOB;
	}

	@Override
	public void run(String payload) throws Exception {
		JsonNode job = JSON.readTree(payload);
		UUID monitorId = UUID.fromString(job.path("monitorId").asString());
		int hits = job.path("hits").asInt();
		var found = monitors.find(monitorId);
		if (found.isEmpty()) {
			throw new GiveUp("The monitor " + monitorId + " is gone.");
		}
		UUID workspaceId = found.get().workspaceId();
		Monitor monitor = found.get().monitor();
		String subject = messages.getMessage("listening.mail.subject", new Object[] { monitor.name() }, Locale.GERMAN)
				+ " / " + messages.getMessage("listening.mail.subject", new Object[] { monitor.name() }, Locale.ENGLISH);
		StringBuilder text = new StringBuilder();
		for (Locale locale : List.of(Locale.GERMAN, Locale.ENGLISH)) {
			text.append(messages.getMessage("listening.mail.body", new Object[] { monitor.name(), hits,
					monitor.alertPerHour() }, locale)).append("\n\n");
		}
		for (Hit hit : heard.list(workspaceId, monitorId, "all", null, null, QUOTED).items()) {
			String body = hit.title() != null ? hit.title() : hit.text();
			text.append("> ").append(hit.author() == null ? "" : hit.author() + ": ")
				.append(body.length() > 300 ? body.substring(0, 300) + "…" : body.replaceAll("\\s+", " ")).append("\n");
		}
		text.append("\n").append(properties.link("/listening?monitor=" + monitorId)).append("\n");
		DeliveryException failed = null;
		boolean sent = false;
		for (Member member : members.of(workspaceId)) {
			if (!member.role().canManage()) {
				continue;
			}
			try {
				mailer.send(workspaceId, member.email(), subject, text.toString(), Map.of());
				sent = true;
			}
			catch (DeliveryException e) {
				failed = e;
			}
		}
		if (failed != null && !sent) {
			throw failed;
		}
	}
}
