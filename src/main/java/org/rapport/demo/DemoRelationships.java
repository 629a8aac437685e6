package org.rapport.demo;

import java.time.Duration;

import org.rapport.platform.ContactId;
import org.rapport.relationships.Gifts;
import org.rapport.relationships.Reminders;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Reminders to stay in touch (one already due, so reach-out has something to show at once; one that repeats) and
 * what the organisation gave first: introductions and shares.
 */
@Component
class DemoRelationships {

	private final Reminders reminders;
	private final Gifts gifts;

	DemoRelationships(Reminders reminders, Gifts gifts) {
		this.reminders = reminders;
		this.gifts = gifts;
	}

	void load(JsonNode root, DemoContext demo) {
		for (JsonNode r : root.path("reminders")) {
			boolean recurring = r.has("everyWeeks");
			reminders.create(demo.owner(), ContactId.of(demo.contact(r.path("contact").asString())), r.path("note").asString(""),
					recurring ? null : demo.now().plus(Duration.ofDays(r.path("dueDays").asLong(0))),
					recurring ? r.path("everyWeeks").asInt() : null, null);
		}
		for (JsonNode g : root.path("gifts")) {
			gifts.record(demo.owner(), ContactId.of(demo.contact(g.path("contact").asString())), g.path("kind").asString(),
					g.has("other") ? ContactId.of(demo.contact(g.path("other").asString())) : null, g.path("url").asString(""),
					g.path("note").asString(""), demo.now().minus(Duration.ofDays(g.path("daysAgo").asLong(0))));
		}
	}
}
