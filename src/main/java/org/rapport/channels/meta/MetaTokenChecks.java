package org.rapport.channels.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.rapport.channels.Channels;
import org.rapport.channels.network.EachChannel;
import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Asks Graph every hour, for each switched-on page and Instagram account whose token was not checked for six hours,
 * whether its token is still valid and when it expires ({@code debug_token}): the expiry notices and the health of
 * the channel read it from there.
 */
@Component
class MetaTokenChecks {

	private static final Logger log = LoggerFactory.getLogger(MetaTokenChecks.class);

	private final Channels channels;
	private final List<MetaConnector> connectors;

	MetaTokenChecks(Channels channels, List<MetaConnector> connectors) {
		this.channels = channels;
		this.connectors = connectors;
	}

	@Bean
	RecurringWork metaTokenCheckRecurring() {
		return RecurringWork.every("meta-token-check", Duration.ofHours(1), this::checkAll);
	}

	void checkAll() {
		for (MetaConnector connector : connectors) {
			EachChannel.run(channels.enabledOfKind(connector.kind()),
					channel -> connector.checkTokenIfDue(channel, Instant.now()), log,
					"The token of channel {} could not be checked");
		}
	}
}
