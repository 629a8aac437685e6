package org.rapport.channels.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.Setting;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Puts the settings each connector declares into the OpenAPI document: one schema per kind that can be added by
 * hand, {@code ChannelConfig.<kind>}, with each setting's description, format and allowed values, so that
 * integrators see what {@code config} of {@code POST /api/v1/channels} takes without reading the code.
 */
@Component
class ChannelConfigSchemas implements OpenApiCustomizer {

	private final Channels channels;

	ChannelConfigSchemas(@Lazy Channels channels) {
		this.channels = channels;
	}

	@Override
	public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			return;
		}
		for (ChannelConnector connector : channels.connectors()) {
			if (connector.settings().isEmpty()) {
				continue;
			}
			Schema<Object> config = new Schema<>();
			config.setType("object");
			config.setDescription("Settings of a channel of kind '" + connector.kind() + "' (" + connector.name().en() + ")");
			config.setAdditionalProperties(false);
			List<String> required = new ArrayList<>();
			for (Setting setting : connector.settings()) {
				StringSchema property = new StringSchema();
				property.setDescription(setting.label().en() + (setting.help() == null ? "" : ". " + setting.help().en())
						+ (setting.secret() ? " (a credential: stored sealed, never returned)" : ""));
				switch (setting.type()) {
					case EMAIL -> property.setFormat("email");
					case URL -> property.setFormat("uri");
					case SECRET, GRANT -> property.setFormat("password");
					case PORT -> property.setPattern("^[0-9]{1,5}$");
					case HOST -> property.setFormat("hostname");
					default -> {
					}
				}
				if (!setting.choices().isEmpty()) {
					setting.choices().forEach(property::addEnumItem);
				}
				if (!setting.preset().isEmpty()) {
					property.setExample(setting.preset());
				}
				config.addProperty(setting.key(), property);
				if (setting.required()) {
					required.add(setting.key());
				}
			}
			config.setRequired(required);
			openApi.getComponents().addSchemas("ChannelConfig." + connector.kind(), config);
		}
	}
}
