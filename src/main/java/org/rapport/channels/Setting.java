package org.rapport.channels;

import java.util.List;

/**
 * One setting of a channel kind, as its connector declares it. From the list of settings come the generic settings
 * page, the checks on what the API accepts, the OpenAPI schema of a channel's {@code config} and which values are
 * credentials: those are sealed in the database and never shown again.
 *
 * @param key the key in the channel's config
 * @param group a heading the setting is shown under, or {@code null}
 * @param preset what a new channel's form shows before anything is typed, or {@code ""}
 * @param choices for {@link Type#CHOICE}: the allowed values; each value's label is in {@code choiceLabels}
 */
public record Setting(String key, Type type, boolean required, Text label, Text help, Text group, String preset,
		List<String> choices, List<Text> choiceLabels) {

	/** What a setting holds, which decides how it is entered and checked. */
	public enum Type {
		TEXT("text"), EMAIL("email"), HOST("text"), PORT("number"), URL("url"), SECRET("password"), CHOICE("select"),
		/**
		 * A credential the kind's sign-in ({@link ChannelConnector#signIn()}) puts in the channel's config and nobody
		 * types: sealed like a {@link #SECRET}, never a field of the settings forms.
		 */
		GRANT("hidden");

		private final String input;

		Type(String input) {
			this.input = input;
		}

		/** The HTML input type the generic settings page uses. */
		public String input() {
			return input;
		}
	}

	public Setting {
		choices = choices == null ? List.of() : List.copyOf(choices);
		choiceLabels = choiceLabels == null ? List.of() : List.copyOf(choiceLabels);
		preset = preset == null ? "" : preset;
		if (choices.size() != choiceLabels.size()) {
			throw new IllegalArgumentException("Setting " + key + " needs one label per choice.");
		}
	}

	/**
	 * The stripped value of a setting a connector cannot work without.
	 *
	 * @throws org.rapport.platform.InvalidFieldException naming {@code config.<key>} with {@code missing} when it is
	 * absent or blank
	 */
	public static String required(java.util.Map<String, String> config, String key, String missing) {
		String value = config.get(key) == null ? "" : config.get(key).strip();
		if (value.isEmpty()) {
			throw new org.rapport.platform.InvalidFieldException("config." + key, missing);
		}
		return value;
	}

	public static Setting text(String key, Text label) {
		return new Setting(key, Type.TEXT, false, label, null, null, "", List.of(), List.of());
	}

	public static Setting of(String key, Type type, Text label) {
		return new Setting(key, type, false, label, null, null, "", List.of(), List.of());
	}

	public static Setting choice(String key, Text label, List<String> choices, List<Text> choiceLabels) {
		return new Setting(key, Type.CHOICE, true, label, null, null, choices.getFirst(), choices, choiceLabels);
	}

	public Setting mandatory() {
		return new Setting(key, type, true, label, help, group, preset, choices, choiceLabels);
	}

	public Setting help(Text text) {
		return new Setting(key, type, required, label, text, group, preset, choices, choiceLabels);
	}

	public Setting in(Text heading) {
		return new Setting(key, type, required, label, help, heading, preset, choices, choiceLabels);
	}

	public Setting preset(String value) {
		return new Setting(key, type, required, label, help, group, value, choices, choiceLabels);
	}

	/** Whether the value is a credential: sealed when stored, never shown, kept when an edit leaves it blank. */
	public boolean secret() {
		return type == Type.SECRET || type == Type.GRANT;
	}
}
