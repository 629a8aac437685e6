package org.rapport.support;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A small workspace filled through the API the way the demo is filled: a conversation with its contact, an
 * organisation, an event with an attendee and a published blog post. For tests that walk the pages rather than one
 * feature.
 */
public record SampleWorkspace(String conversation, String contact, String organisation, String event, String post, String postPath) {

	/** Fills the workspace of {@code api}'s token; {@code assignee} (a member's user id) gets the first conversation. */
	public static SampleWorkspace fill(Api api, String assignee) {
		ok(api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "walk-1",
				"from", Map.of("handle", "anna@example.org", "name", "Anna Berg"), "subject", "Frage zum Kurs",
				"body", "Hallo, gibt es noch Plätze im Herbstkurs?")))));
		var first = api.get("/api/v1/conversations?q=Kurs").json().get("items").get(0);
		String conversation = first.get("id").asString();
		String contact = first.get("contact").get("id").asString();
		// A second conversation, done, and the first one labelled, assigned and with an internal note: the inbox shows
		// its chips, badges and the thread its note.
		ok(api.post("/api/v1/messages", Map.of("messages", List.of(Map.of("channel", "api", "externalId", "walk-2",
				"from", Map.of("handle", "ben@example.org", "name", "Ben Vogt"), "subject", "Danke für die Einladung",
				"body", "Wir kommen gern.")))));
		String done = api.get("/api/v1/conversations?q=Einladung").json().get("items").get(0).get("id").asString();
		ok(api.patch("/api/v1/conversations/" + done, Map.of("status", "done")));
		ok(api.patch("/api/v1/conversations/" + conversation, Map.of("labels", List.of("Kurs", "Herbst"), "assigneeId", assignee)));
		ok(api.post("/api/v1/conversations/" + conversation + "/messages", Map.of("kind", "note", "body", "Plätze prüfen")));
		ok(api.put("/api/v1/contacts/" + contact + "/stage", Map.of("stage", "in_dialogue")));
		String organisation = api.post("/api/v1/organisations", Map.of("name", "Tageblatt", "kind", "press")).json()
			.get("id").asString();
		ok(api.post("/api/v1/organisations/" + organisation + "/members", Map.of("contactId", contact, "role", "Redakteurin")));
		ok(api.post("/api/v1/contacts/" + contact + "/reminders", Map.of("note", "Zum Sommerfest einladen", "everyWeeks", 4)));
		LocalDate day = LocalDate.now().plusDays(10);
		String event = api.post("/api/v1/events", Map.of("name", "Fachtag Jugendhilfe", "kind", "congress",
				"startsAt", day + "T09:00:00Z", "endsAt", day + "T17:00:00Z", "city", "Musterstadt")).json().get("id").asString();
		ok(api.post("/api/v1/events/" + event + "/attendees", Map.of("contactId", contact)));
		var post = api.post("/api/v1/blog/posts", Map.of("title", "Tag der offenen Tür", "markdown",
				"Wir laden ein: **Samstag** ab 10 Uhr.", "status", "published")).json();
		return new SampleWorkspace(conversation, contact, organisation, event, post.get("id").asString(),
				post.get("url").asString().replaceFirst("^https?://[^/]+", ""));
	}

	private static Api.Response ok(Api.Response response) {
		if (response.status() >= 300) {
			throw new IllegalStateException("Filling the sample workspace failed: " + response.status() + " " + response.body());
		}
		return response;
	}
}
