package org.rapport.platform;

import java.util.UUID;

/**
 * One step of a new workspace's first-run checklist ("connect a mailbox", "write the first blog post"). The module
 * that owns what the step is about contributes it as a Spring bean and answers {@link #done} from its own tables;
 * {@link Onboarding} collects every bean, keeps which steps a workspace skipped and whether it hid the checklist.
 * <p>
 * Implementations are cheap to ask (one or two small queries) and never fail for a workspace that has nothing yet:
 * the checklist asks every step each time an owner or manager opens the inbox.
 */
public interface OnboardingStep {

	/** Unique among the steps, lower-case letters and dashes, e.g. {@code "mailbox"}; used in the API and the URL. */
	String key();

	/** Where the step stands in the checklist: lower first. */
	int order();

	/** The message key of the step's title, e.g. {@code onboarding.mailbox.title}. */
	default String titleKey() {
		return "onboarding." + key() + ".title";
	}

	/** The message key of a sentence saying what the step is and when it counts as done. */
	default String descriptionKey() {
		return "onboarding." + key() + ".description";
	}

	/** The path of the page where the step is done, e.g. {@code /settings/channels}. */
	String href();

	/** Whether the workspace has done what the step asks, as far as the owning module's data tell now. */
	boolean done(UUID workspaceId);
}
