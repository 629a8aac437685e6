package org.rapport.channels;

import java.util.Map;
import java.util.UUID;

/**
 * A configured way in and out of a workspace: a mailbox, the web form, the inbound API, offline contacts.
 *
 * @param key unique in the workspace, used in the API ({@code "api"}, {@code "webform"}, {@code "offline"})
 * @param kind which connector serves it ({@code "email"}, {@code "api"}, ...)
 * @param config the connector's settings
 * @param state the connector's last word about it, e.g. the last error, shown to managers
 */
public record Channel(UUID id, UUID workspaceId, String key, String kind, String name, Map<String, String> config,
		boolean enabled, String state) {

	public String setting(String name, String fallback) {
		String value = config.get(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
