package org.rapport.platform;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A new workspace's first-run checklist: the {@link OnboardingStep}s every module contributes, in their order, each
 * done (its module says so), skipped or open. Owners and managers skip steps and hide the checklist; it is shown
 * while it is not hidden and some step is neither done nor skipped. Showing it again brings the skipped steps back.
 */
@Component
public class Onboarding {

	private static final Logger log = LoggerFactory.getLogger(Onboarding.class);

	private final JdbcClient jdbc;
	private final List<OnboardingStep> steps;

	Onboarding(JdbcClient jdbc, List<OnboardingStep> steps) {
		this.jdbc = jdbc;
		this.steps = steps.stream().sorted(Comparator.comparingInt(OnboardingStep::order).thenComparing(OnboardingStep::key))
			.toList();
		Set<String> keys = new HashSet<>();
		for (OnboardingStep step : this.steps) {
			if (!step.key().matches("[a-z][a-z-]{0,39}") || !keys.add(step.key())) {
				throw new IllegalStateException("Onboarding step keys are unique lower-case words, not '" + step.key() + "'.");
			}
		}
	}

	/** A step as it stands in one workspace. */
	public record Item(String key, String titleKey, String descriptionKey, String href, boolean done, boolean skipped) {

		/** Neither done nor skipped: what the checklist still asks for. */
		public boolean open() {
			return !done && !skipped;
		}
	}

	/** The checklist of one workspace. */
	public record Checklist(List<Item> steps, boolean hidden) {

		/** How many steps are done (skipped ones do not count). */
		public long done() {
			return steps.stream().filter(Item::done).count();
		}

		public int total() {
			return steps.size();
		}

		/** Whether every step is done or skipped. */
		public boolean settled() {
			return steps.stream().noneMatch(Item::open);
		}

		/** Whether the checklist is shown where a new owner lands: not hidden and not settled. */
		public boolean visible() {
			return !hidden && !settled();
		}
	}

	/** Every step, in checklist order. */
	public List<OnboardingStep> steps() {
		return steps;
	}

	/** Whether owners or managers hid the workspace's checklist; answered without asking the steps. */
	public boolean hidden(UUID workspaceId) {
		return jdbc.sql("select hidden from onboarding_checklists where workspace_id = ?").param(workspaceId)
			.query(Boolean.class).optional().orElse(false);
	}

	/** The checklist of a workspace, asking every step whether it is done. */
	public Checklist of(UUID workspaceId) {
		Set<String> skipped = new HashSet<>(jdbc.sql("select step_key from onboarding_skips where workspace_id = ?")
			.param(workspaceId).query(String.class).list());
		boolean hidden = hidden(workspaceId);
		List<Item> items = steps.stream().map(s -> new Item(s.key(), s.titleKey(), s.descriptionKey(), s.href(),
				done(s, workspaceId), skipped.contains(s.key()))).toList();
		return new Checklist(items, hidden);
	}

	/**
	 * Marks a step as skipped: it no longer keeps the checklist open.
	 *
	 * @throws InvalidFieldException naming {@code key} when there is no such step
	 */
	public void skip(UUID workspaceId, String key) {
		if (steps.stream().noneMatch(s -> s.key().equals(key))) {
			throw new InvalidFieldException("key", "There is no onboarding step '" + key + "'; the steps are "
					+ String.join(", ", steps.stream().map(OnboardingStep::key).toList()) + ".");
		}
		jdbc.sql("insert into onboarding_skips(workspace_id, step_key) values (?, ?) on conflict do nothing")
			.params(workspaceId, key).update();
	}

	/** Hides the checklist from the start page; Settings still lists the steps. */
	public void hide(UUID workspaceId) {
		setHidden(workspaceId, true);
	}

	/** Shows the checklist again, with the steps that were skipped open again. */
	@Transactional
	public void show(UUID workspaceId) {
		setHidden(workspaceId, false);
		jdbc.sql("delete from onboarding_skips where workspace_id = ?").param(workspaceId).update();
	}

	private void setHidden(UUID workspaceId, boolean hidden) {
		jdbc.sql("""
				insert into onboarding_checklists(workspace_id, hidden) values (?, ?)
				on conflict (workspace_id) do update set hidden = excluded.hidden, changed_at = now()""")
			.params(workspaceId, hidden).update();
	}

	/** A step that cannot answer counts as not done, so that the start page still opens; the log says why. */
	private static boolean done(OnboardingStep step, UUID workspaceId) {
		try {
			return step.done(workspaceId);
		}
		catch (RuntimeException e) {
			log.warn("Onboarding step '{}' could not tell whether workspace {} has done it: {}", step.key(), workspaceId,
					e.toString());
			return false;
		}
	}
}
