package org.rapport.blog;

import java.util.UUID;
import java.util.function.Predicate;

import org.rapport.platform.OnboardingStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blog's steps of the first-run checklist: a published privacy policy (the page the consent texts link to, see
 * {@link Pages#privacy}) and a first published post.
 */
@Configuration(proxyBeanMethods = false)
class BlogSteps {

	@Bean
	OnboardingStep privacyStep(Pages pages) {
		return new Step("privacy", 40, "/blog/admin/pages/new", ws -> pages.privacy(ws).isPresent());
	}

	@Bean
	OnboardingStep postStep(Posts posts) {
		return new Step("post", 50, "/blog/admin/new", ws -> posts.countPublished(ws) > 0);
	}

	private record Step(String key, int order, String href, Predicate<UUID> isDone) implements OnboardingStep {

		@Override
		public boolean done(UUID workspaceId) {
			return isDone.test(workspaceId);
		}
	}
}
