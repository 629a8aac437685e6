package org.rapport.channels;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.support.AbstractMessageSource;
import org.springframework.stereotype.Component;

/**
 * Answers the message code {@code channel.<kind>} with the name the kind's connector declares, so that pages write
 * {@code #{'channel.' + kind}} and no message bundle names a channel kind. It sits behind the application's message
 * bundles as their parent: a code they do not know is asked here.
 */
@Component
class ChannelNames {

	ChannelNames(List<ChannelConnector> connectors, MessageSource bundles) {
		if (!(bundles instanceof HierarchicalMessageSource hierarchical)) {
			throw new IllegalStateException("The message source cannot take the channel names as a parent.");
		}
		Names names = new Names(connectors);
		names.setParentMessageSource(hierarchical.getParentMessageSource());
		hierarchical.setParentMessageSource(names);
	}

	/** Not a bean itself, so that the application keeps one message source to inject. */
	private static final class Names extends AbstractMessageSource {

		private static final String PREFIX = "channel.";

		private final List<ChannelConnector> connectors;

		Names(List<ChannelConnector> connectors) {
			this.connectors = connectors;
		}

		@Override
		protected String resolveCodeWithoutArguments(String code, Locale locale) {
			if (!code.startsWith(PREFIX)) {
				return null;
			}
			String kind = code.substring(PREFIX.length());
			return connectors.stream().filter(c -> c.kind().equals(kind)).findFirst().map(c -> c.name().in(locale))
				.orElse(null);
		}

		@Override
		protected MessageFormat resolveCode(String code, Locale locale) {
			String name = resolveCodeWithoutArguments(code, locale);
			return name == null ? null : createMessageFormat(name.replace("'", "''"), locale);
		}
	}
}
