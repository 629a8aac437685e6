package org.rapport.platform.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.rapport.platform.ControlCharacters;
import org.rapport.platform.SaneDates;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.NullNode;

/**
 * Checks every JSON request body as it is read, so that the API refuses what it could not store with a 400 naming
 * the field ({@code messages[3].body}) instead of failing later: text with control characters (see
 * {@link ControlCharacters}), in values, keys and free JSON trees alike, and dates outside {@link SaneDates}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputChecks {

	@Bean
	JsonMapperBuilderCustomizer refuseUnstorableInput() {
		return builder -> builder.addModule(module());
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("rapport-input-checks");
		module.setDeserializerModifier(new Checks());
		module.addDeserializer(JsonNode.class, new CheckedTree());
		return module;
	}

	/** A value that the API refuses, with the field it was found in. */
	static final class Refused extends MismatchedInputException {

		private final String field;

		Refused(JsonParser p, String field, String message) {
			super(p, message);
			this.field = field;
		}

		String field() {
			return field;
		}
	}

	/** Wraps the deserializers of text and dates so that what they read is checked. */
	private static final class Checks extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
				ValueDeserializer<?> deserializer) {
			Class<?> type = description.getBeanClass();
			if (type == String.class || type == Instant.class || type == LocalDate.class || type == LocalDateTime.class
					|| type == OffsetDateTime.class || type == ZonedDateTime.class) {
				return new Checked(deserializer);
			}
			return deserializer;
		}

		@Override
		public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type, KeyDeserializer keys) {
			if (type.getRawClass() != String.class) {
				return keys;
			}
			return new KeyDeserializer() {
				@Override
				public Object deserializeKey(String key, DeserializationContext ctxt) {
					int at = ControlCharacters.find(key);
					if (at >= 0) {
						String field = ControlCharacters.visible(path(ctxt.getParser().streamReadContext()));
						throw new Refused(ctxt.getParser(), field, ControlCharacters.refusal(field, key.charAt(at)));
					}
					return keys.deserializeKey(key, ctxt);
				}
			};
		}
	}

	/** Reads a value with the standard deserializer, then checks it. */
	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			return check(p, super.deserialize(p, ctxt));
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws JacksonException {
			return check(p, super.deserialize(p, ctxt, intoValue));
		}

		private static Object check(JsonParser p, Object value) {
			if (value instanceof String text) {
				int at = ControlCharacters.find(text);
				if (at >= 0) {
					String field = path(p.streamReadContext());
					throw new Refused(p, field, ControlCharacters.refusal(field, text.charAt(at)));
				}
			}
			else if (value != null && !sane(value)) {
				String field = path(p.streamReadContext());
				throw new Refused(p, field, SaneDates.refusal(field, value.toString()));
			}
			return value;
		}

		private static boolean sane(Object value) {
			return switch (value) {
				case Instant i -> SaneDates.sane(i);
				case LocalDate d -> SaneDates.sane(d);
				case LocalDateTime d -> SaneDates.sane(d.toLocalDate());
				case OffsetDateTime d -> SaneDates.sane(d.toInstant());
				case ZonedDateTime d -> SaneDates.sane(d.toInstant());
				default -> true;
			};
		}
	}

	/** Free JSON (a {@link JsonNode} parameter): read whole, then every text and key in it checked. */
	private static final class CheckedTree extends ValueDeserializer<JsonNode> {

		private static final ValueDeserializer<?> TREES = JsonNodeDeserializer.getDeserializer(JsonNode.class);

		@Override
		public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			TokenStreamContext context = p.streamReadContext();
			if ((p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY)
					&& context.getParent() != null) {
				context = context.getParent();
			}
			String at = path(context);
			JsonNode tree = (JsonNode) TREES.deserialize(p, ctxt);
			check(p, tree, at);
			return tree;
		}

		@Override
		public JsonNode getNullValue(DeserializationContext ctxt) {
			return NullNode.getInstance();
		}

		private static void check(JsonParser p, JsonNode node, String at) {
			if (node.isString()) {
				String text = node.asString();
				int bad = ControlCharacters.find(text);
				if (bad >= 0) {
					throw new Refused(p, at, ControlCharacters.refusal(at, text.charAt(bad)));
				}
			}
			else if (node.isObject()) {
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					String field = at.isEmpty() ? property.getKey() : at + "." + property.getKey();
					int bad = ControlCharacters.find(property.getKey());
					if (bad >= 0) {
						String shown = ControlCharacters.visible(field);
						throw new Refused(p, shown, ControlCharacters.refusal(shown, property.getKey().charAt(bad)));
					}
					check(p, property.getValue(), field);
				}
			}
			else if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					check(p, node.get(i), at + "[" + i + "]");
				}
			}
		}
	}

	/** Why a JSON body could not be read, and the field, if known. */
	record Unreadable(String field, String detail) {
	}

	/** Says why a body could not be read, naming the field where Jackson knows it. */
	static Unreadable describe(Throwable failure) {
		JacksonException json = null;
		for (Throwable t = failure; t != null && json == null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof JacksonException j) {
				json = j;
			}
		}
		if (json instanceof Refused refused) {
			return new Unreadable(refused.field(), refused.getOriginalMessage());
		}
		String field = json == null ? "" : field(json.getPath());
		String cause = json != null ? json.getOriginalMessage() : String.valueOf(failure.getMessage());
		if (cause != null && cause.length() > 300) {
			cause = cause.substring(0, 300) + "…";
		}
		return field.isEmpty() ? new Unreadable(null, "The request body is not valid JSON of the expected shape: " + cause)
				: new Unreadable(field, "The field '" + field + "' is not valid: " + cause);
	}

	/** A Jackson path as {@code messages[3].body}. */
	public static String field(java.util.List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference ref : path) {
			if (ref.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				field.append('[').append(ref.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	/** Where the parser is, as {@code messages[3].from.handle}; empty at the top. */
	static String path(TokenStreamContext context) {
		Deque<String> parts = new ArrayDeque<>();
		for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			if (c.inObject()) {
				parts.push(c.currentName() == null ? "" : c.currentName());
			}
			else if (c.inArray()) {
				parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
			}
		}
		StringBuilder path = new StringBuilder();
		for (String part : parts) {
			if (!part.startsWith("[") && !path.isEmpty()) {
				path.append('.');
			}
			path.append(part);
		}
		return path.toString();
	}
}
