package org.rapport.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.contacts.ContactFilter;
import org.rapport.contacts.CustomFields;
import org.rapport.contacts.Organisations;
import org.rapport.contacts.Segments;
import org.rapport.contacts.Stages;
import org.rapport.contacts.Tags;
import org.rapport.platform.ContactId;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * The demo's network around its contacts: organisations with people in roles, custom fields, tags, saved segments
 * and the contacts' way up the relationship ladder. Stage changes go through {@link Stages#change}, so each one is
 * recorded with its reason like a change made in the UI.
 */
@Component
class DemoNetwork {

	private final Organisations organisations;
	private final CustomFields fields;
	private final Tags tags;
	private final Segments segments;
	private final Stages stages;

	DemoNetwork(Organisations organisations, CustomFields fields, Tags tags, Segments segments, Stages stages) {
		this.organisations = organisations;
		this.fields = fields;
		this.tags = tags;
		this.segments = segments;
		this.stages = stages;
	}

	void load(JsonNode root, DemoContext demo) {
		for (JsonNode o : root.path("organisations")) {
			Organisations.Organisation organisation = organisations.create(demo.workspaceId(), o.path("name").asString(),
					o.path("kind").asString(), o.path("website").asString(""), o.path("notes").asString(""));
			for (JsonNode m : o.path("members")) {
				organisations.link(demo.workspaceId(), organisation.id(), ContactId.of(demo.contact(m.path("contact").asString())),
						m.path("role").asString(""), date(m.path("since")), date(m.path("until")));
			}
		}
		for (JsonNode f : root.path("fields")) {
			List<String> options = new ArrayList<>();
			f.path("options").forEach(o -> options.add(o.asString()));
			fields.define(demo.workspaceId(), f.path("key").asString(), f.path("label").asString(), f.path("type").asString(),
					options);
		}
		for (Map.Entry<String, JsonNode> values : root.path("fieldValues").properties()) {
			Map<String, Object> changes = new LinkedHashMap<>();
			values.getValue().properties().forEach(v -> changes.put(v.getKey(), v.getValue().asString()));
			fields.set(demo.workspaceId(), ContactId.of(demo.contact(values.getKey())), changes);
		}
		for (Map.Entry<String, JsonNode> contactTags : root.path("tags").properties()) {
			List<String> list = new ArrayList<>();
			contactTags.getValue().forEach(t -> list.add(t.asString()));
			tags.set(demo.workspaceId(), ContactId.of(demo.contact(contactTags.getKey())), list);
		}
		for (JsonNode s : root.path("segments")) {
			segments.create(demo.workspaceId(), demo.owner().userId(), s.path("name").asString(), filter(s));
		}
		for (JsonNode c : root.path("stages")) {
			for (JsonNode step : c.path("steps")) {
				stages.change(demo.owner(), ContactId.of(demo.contact(c.path("contact").asString())), step.path("stage").asString(),
						step.path("reason").asString(""));
			}
		}
	}

	/** A segment by tags (any of them) or by one custom field's value. */
	private static ContactFilter filter(JsonNode segment) {
		List<String> tagList = new ArrayList<>();
		segment.path("tags").forEach(t -> tagList.add(t.asString()));
		List<ContactFilter.FieldCondition> conditions = segment.has("field")
				? List.of(new ContactFilter.FieldCondition(segment.path("field").asString(), "equals",
						segment.path("value").asString()))
				: List.of();
		return new ContactFilter(tagList, tagList.isEmpty() ? null : "any", null, null, null, conditions, null, null, null);
	}

	private static LocalDate date(JsonNode value) {
		return value.isString() && !value.asString().isBlank() ? LocalDate.parse(value.asString()) : null;
	}
}
