package org.rapport.channels;

import java.util.UUID;
import java.util.function.BiPredicate;

import org.rapport.platform.OnboardingStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The channels' steps of the first-run checklist, answered through the connector contract so that no kind is named:
 * a mailbox ({@link ChannelConnector#carriesMail()}) and a social network account
 * ({@link ChannelConnector#socialNetwork()}) connected and switched on. The contact form's step is its package's own.
 */
@Configuration(proxyBeanMethods = false)
class ChannelSteps {

	@Bean
	OnboardingStep mailboxStep(Channels channels) {
		return new Step("mailbox", 10, channels, (c, connector) -> connector.carriesMail());
	}

	@Bean
	OnboardingStep networkStep(Channels channels) {
		return new Step("network", 60, channels,
				(c, connector) -> connector.socialNetwork() && connector.health(c).connected());
	}

	/** Done once the workspace has a switched-on channel of a kind that {@code counts}. */
	private record Step(String key, int order, Channels channels, BiPredicate<Channel, ChannelConnector> counts)
			implements OnboardingStep {

		@Override
		public String href() {
			return "/settings/channels";
		}

		@Override
		public boolean done(UUID workspaceId) {
			return channels.of(workspaceId).stream()
				.filter(Channel::enabled)
				.anyMatch(c -> channels.connectors().stream()
					.anyMatch(k -> k.kind().equals(c.kind()) && counts.test(c, k)));
		}
	}
}
