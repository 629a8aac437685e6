package org.rapport.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A small workspace filled through the API the way the demo is filled: a conversation with its contact, an
 * organisation, an event with an attendee and a published blog post. For tests that walk the pages rather than one
 * feature.
 */
public record SampleWorkspace(String conversation, String contact, String organisation, String event, String postPath) {

	public static SampleWorkspace fill(Api api) {
		api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "walk-1",
				"from", Map.of("handle", "anna@example.org", "name", "Anna Berg"), "subject", "Frage zum Kurs",
				"body", "Hallo, gibt es noch Plätze im Herbstkurs?"))));
		var first = api.get("/api/v1/conversations?q=Kurs").json().get("items").get(0);
		String conversation = first.get("id").asString();
		String contact = first.get("contact").get("id").asString();
		String organisation = api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")).json()
			.get("id").asString();
		api.post("/api/v1/organisations/" + organisation + "/members", Map.of("contactId", contact, "role", "Redakteurin"));
		api.post("/api/v1/contacts/" + contact + "/reminders", Map.of("note", "Zum Sommerfest einladen", "everyWeeks", 4));
		LocalDate day = LocalDate.now().plusDays(10);
		String event = api.post("/api/v1/events", Map.of("name", "Fachtag Jugendhilfe", "kind", "congress",
				"startsAt", day + "T09:00:00Z", "endsAt", day + "T17:00:00Z", "city", "Musterstadt")).json().get("id").asString();
		api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", contact));
		String url = api.post("/api/v1/blog/posts", Map.of("title", "Tag der offenen Tür", "markdown",
				"Wir laden ein: **Samstag** ab 10 Uhr.", "status", "published")).json().get("url").asString();
		return new SampleWorkspace(conversation, contact, organisation, event, url.replaceFirst("^https?://[^/]+", ""));
	}
}
