package org.rapport.contacts.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.rapport.contacts.TimelineItem;
import org.springframework.context.MessageSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access export as the person it is about reads it (the printable page): every part, field and coded value in
 * the reader's language, so "stage: in_dialogue" reads "Beziehungsstufe: Im Dialog" and an inbound message does not
 * say "Zustellung: none". The JSON download keeps the keys.
 * <p>
 * A field is named by {@code privacy.field.<parent>.<key>}, else {@code privacy.field.<key>}; a coded value by
 * {@code privacy.value.<parent>.<key>.<value>}, else {@code privacy.value.<key>.<value>}, else a vocabulary the
 * rest of the interface already has (stage labels, {@code status.*}, {@code org.kind.*} …). A value whose
 * translation is empty means nothing to the reader and is left out. What has no translation is shown as words
 * ("reach out dismissed until"), never as a key.
 */
public final class ReadableExport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Values that look like codes and may have a translation; anything else is the person's own text. */
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,40}");

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

	/** Field names as the code writes them (camelCase, snake_case), which {@link #words} turns into words. */
	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(?:[A-Z_][a-z0-9]*)*");

	/** Coded values that the interface names already, by {@code parent.key}: the message prefix to use. */
	private static final Map<String, String> VOCABULARIES = Map.of("conversations.status", "status.",
			"messages.direction", "direction.", "messages.activityKind", "activity.", "messages.delivery", "delivery.",
			"attendances.kind", "events.kind.", "meetings.outcome", "events.outcome.", "roles.kind", "org.kind.",
			"rolesHeldFromMerge.kind", "org.kind.", "gifts.kind", "channel.");

	/** Fields whose values are stage keys, to be named as the workspace's ladder names them. */
	private static final Set<String> STAGE_FIELDS = Set.of("stage", "from", "to");

	/** A heading (an object, e.g. one message) or a field and its value, indented by depth; {@code at} for times. */
	public record Line(int depth, String name, String value, boolean heading, Instant at) {
	}

	/** One module's part of the export, titled. */
	public record Section(String key, String title, List<Line> lines) {
	}

	/** One timeline entry: when, what (channel and direction in words), its title and first words. */
	public record Event(Instant at, String what, String title, String excerpt) {
	}

	private final MessageSource messages;
	private final Locale locale;
	private final Map<String, String> stageLabels;

	/** @param stageLabels the workspace's stage keys with their labels in the reader's language */
	ReadableExport(MessageSource messages, Locale locale, Map<String, String> stageLabels) {
		this.messages = messages;
		this.locale = locale;
		this.stageLabels = stageLabels;
	}

	public List<Section> sections(Map<String, Object> data) {
		List<Section> sections = new ArrayList<>();
		data.forEach((key, value) -> {
			List<Line> lines = new ArrayList<>();
			JsonNode root = JSON.valueToTree(value);
			if (root != null && root.isObject()) {
				root.properties().forEach(f -> flatten(f.getValue(), key, key, f.getKey(), 0, 0, lines));
			}
			else {
				flatten(root, key, key, key, 0, 0, lines);
			}
			sections.add(new Section(key, text("privacy.export.section." + key, words(key)), lines));
		});
		return sections;
	}

	public List<Event> timeline(List<TimelineItem> items) {
		return items.stream().map(t -> {
			String channel = text(("activity".equals(t.type()) ? "activity." : "channel.") + t.channel(), words(t.channel()));
			String what = "stage".equals(t.type()) || t.direction() == null ? channel
					: channel + " · " + text("direction." + t.direction(), t.direction());
			String title = "consent".equals(t.type()) ? purpose(t.title()) : t.title();
			return new Event(t.at(), what, title == null ? "" : title, t.excerpt() == null ? "" : t.excerpt());
		}).toList();
	}

	public String purpose(String purpose) {
		return text("privacy.purpose." + purpose, purpose);
	}

	/** How a consent was given ({@code webform}, {@code blog newsletter (double opt-in)}, or what staff typed). */
	public String source(String source) {
		String code = source == null ? "" : source.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		return text("privacy.source." + code.replaceAll("^_|_$", ""), source);
	}

	/** The kind of an identity ({@code email}, {@code phone}, {@code handle:mastodon}) in words. */
	public String identityKind(String kind) {
		int colon = kind.indexOf(':');
		String base = text("identity." + (colon < 0 ? kind : kind.substring(0, colon)), kind);
		return colon < 0 ? base : base + " (" + kind.substring(colon + 1) + ")";
	}

	private void flatten(JsonNode node, String section, String parent, String key, int index, int depth,
			List<Line> lines) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return;
		}
		if (node.isObject()) {
			String title = node.has("subject") ? node.get("subject").asString()
					: node.has("fileName") ? node.get("fileName").asString() : "";
			lines.add(new Line(depth, field(parent, key) + (index > 0 ? " " + index : "") + (title.isEmpty() ? "" : ": " + title),
					"", true, null));
			node.properties().forEach(f -> flatten(f.getValue(), section, key, f.getKey(), 0, depth + 1, lines));
		}
		else if (node.isArray()) {
			if (node.isEmpty()) {
				return;
			}
			if (!(node.get(0).isObject() || node.get(0).isArray())) {
				List<String> values = new ArrayList<>();
				node.forEach(v -> values.add(value(section, parent, key, v.asString())));
				lines.add(new Line(depth, field(parent, key), String.join(", ", values), false, null));
				return;
			}
			int i = 1;
			for (JsonNode element : node) {
				flatten(element, section, parent, key, i++, depth, lines);
			}
		}
		else {
			String raw = node.asString();
			Instant at = instant(raw);
			String value = at != null ? raw : value(section, parent, key, raw);
			if (!value.isEmpty()) {
				lines.add(new Line(depth, field(parent, key), value, false, at));
			}
		}
	}

	private String field(String parent, String key) {
		String name = text("privacy.field." + parent + "." + key, null);
		return name != null ? name : text("privacy.field." + key, words(key));
	}

	private String value(String section, String parent, String key, String value) {
		if (!CODE.matcher(value).matches()) {
			return value;
		}
		String own = text("privacy.value." + parent + "." + key + "." + value, null);
		if (own == null) {
			own = text("privacy.value." + key + "." + value, null);
		}
		if (own == null && VOCABULARIES.containsKey(parent + "." + key)) {
			own = text(VOCABULARIES.get(parent + "." + key) + value, null);
		}
		if (own == null && "relationship".equals(section) && STAGE_FIELDS.contains(key)) {
			own = stageLabels.get(value);
		}
		return own != null ? own : value;
	}

	private String text(String code, String fallback) {
		return messages.getMessage(code, null, fallback, locale);
	}

	/** {@code stageHistory} and {@code reach_out} as "stage history" and "reach out"; other names as they are. */
	static String words(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			return key;
		}
		String spaced = key.replace('_', ' ').replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}

	private static Instant instant(String value) {
		if (!INSTANT.matcher(value).matches()) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}
}
