package org.rapport.authenticity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.ChannelId;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.Follower;
import org.rapport.channels.FollowerPage;
import org.rapport.channels.FollowersUnavailable;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.JobHandler;
import org.rapport.platform.Jobs;
import org.rapport.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits of an audience: the followers of a connected account, read page by page in the background through the
 * channel's connector ({@link ChannelConnector#followers}), or the profiles of a CSV, each judged by the workspace's
 * model ({@link BoughtFollowers}) with its reasons.
 * <p>
 * Reading is a job ({@value #JOB}) that reads up to {@value #PAGES_PER_RUN} pages and hands over to the next job.
 * Each page is stored in one transaction together with the cursor past it, and a follower is stored once per audit
 * however often it is read, so a job that runs again after a crash continues where the last stored page ended and
 * doubles nothing. Only the job of the audit's current {@code step} reads; a stale one ends at once. A pause the
 * network asks for (its rate limit) makes the next job wait until then; a failure that may pass is tried again after
 * 1, 5, 15, 60 and 240 minutes, then the audit fails with the network's words, as does a refusal at once. A failed
 * audit that is tried again (Settings → Background tasks) continues where it stopped.
 */
@Service
public class FollowerAudits {

	static final String JOB = "follower-audit";

	/** Profiles in one CSV audit. */
	public static final int MAX_CSV = 100_000;

	/** Pages one job reads before it hands over, so that one large audience does not hold up other work. */
	static final int PAGES_PER_RUN = 25;

	/** Pauses after the 1st, 2nd, … failed attempt at a page that may pass; then the audit fails. */
	static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(60), Duration.ofMinutes(240));

	private static final Logger log = LoggerFactory.getLogger(FollowerAudits.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Audits audits;
	private final Channels channels;
	private final BoughtFollowers followers;
	private final Jobs jobs;
	private final TransactionTemplate tx;
	private final Clock clock = Clock.systemUTC();

	FollowerAudits(Audits audits, Channels channels, BoughtFollowers followers, @Lazy Jobs jobs, TransactionTemplate tx) {
		this.audits = audits;
		this.channels = channels;
		this.followers = followers;
		this.jobs = jobs;
		this.tx = tx;
	}

	/** A channel whose kind cannot list its account's followers. Answered with 409. */
	public static class NoFollowerList extends IllegalStateException {

		NoFollowerList(String message) {
			super(message);
		}
	}

	/**
	 * Queues an audit of the followers of a channel's account; while one is queued or running, answers that one.
	 *
	 * @throws NotFoundException when the workspace has no such channel
	 * @throws NoFollowerList when the channel's kind cannot list followers
	 */
	@Transactional
	public Audit start(CurrentUser by, UUID channelId) {
		by.requireWorker();
		Channel channel = channels.get(by.workspaceId(), ChannelId.of(channelId));
		ChannelConnector connector = channels.connector(channel.kind());
		if (connector.followers(channel).isEmpty()) {
			throw new NoFollowerList("Channels of kind '" + connector.name().en() + "' cannot list their followers; audit "
					+ "them from a CSV of profiles instead (POST /api/v1/authenticity/audits).");
		}
		audits.lockChannel(channelId);
		Optional<UUID> running = audits.underWay(by.workspaceId(), channelId);
		if (running.isPresent()) {
			return find(by.workspaceId(), running.get()).orElseThrow();
		}
		String account = channel.name() == null || channel.name().isBlank() ? channel.key() : channel.name();
		UUID id = audits.create(by.workspaceId(), channelId, "channel", account, channel.kind(), by.userId());
		enqueue(by.workspaceId(), id, 0, null);
		return find(by.workspaceId(), id).orElseThrow();
	}

	/**
	 * Audits profiles from a CSV at once: all are checked first (a refusal names the item, and nothing is stored),
	 * then judged and stored as one finished audit.
	 *
	 * @param account what the profiles are the followers of, to compare with the previous audit of the same name
	 */
	@Transactional
	public Audit audit(CurrentUser by, String account, List<Profile> profiles) {
		by.requireWorker();
		Instant now = clock.instant();
		InputChecks.profiles(profiles, false, now, MAX_CSV);
		String name = account == null || account.isBlank() ? "CSV" : account.strip();
		if (name.length() > 200) {
			throw new RefusedInput("account", "tooLong", "The field 'account' holds " + name.length()
					+ " characters; at most 200 are accepted.", name.length(), 200);
		}
		List<String> networks = profiles.stream().map(Profile::network).filter(n -> n != null && !n.isBlank()).distinct()
			.limit(2).toList();
		String network = networks.size() == 1 ? networks.getFirst() : null;
		UUID id = audits.create(by.workspaceId(), null, "csv", name, network, by.userId());
		audits.running(id);
		audits.store(id, judged(by.workspaceId(), profiles, null, now), null, (long) profiles.size(), true);
		return find(by.workspaceId(), id).orElseThrow();
	}

	/** A profile that {@link #audit} would refuse: its place in the list, and why. */
	public record Refusal(int index, RefusedInput reason) {
	}

	/** Every profile {@link #audit} would refuse, each with its first fault, at most {@code limit} of them. */
	public List<Refusal> refusals(List<Profile> profiles, int limit) {
		Instant now = clock.instant();
		List<Refusal> refusals = new ArrayList<>();
		for (int i = 0; i < profiles.size() && refusals.size() < limit; i++) {
			try {
				InputChecks.profiles(java.util.Collections.singletonList(profiles.get(i)), false, now);
			}
			catch (RefusedInput e) {
				refusals.add(new Refusal(i, e));
			}
		}
		return refusals;
	}

	/** The workspace's enabled channels whose kind lists their followers, which can be audited. */
	public List<Channel> auditable(UUID workspaceId) {
		return channels.of(workspaceId).stream().filter(Channel::enabled)
			.filter(c -> channels.connectors().stream().filter(k -> k.kind().equals(c.kind())).findFirst()
				.flatMap(k -> k.followers(c)).isPresent())
			.toList();
	}

	/** The audit with its figures, or empty when the workspace has no such audit. */
	public Optional<Audit> find(UUID workspaceId, UUID id) {
		return audits.row(workspaceId, id).map(this::audit);
	}

	/**
	 * The audit with its figures.
	 *
	 * @throws NotFoundException when the workspace has no such audit
	 */
	public Audit get(UUID workspaceId, UUID id) {
		return find(workspaceId, id).orElseThrow(() -> notFound(id));
	}

	/** The workspace's newest audits. */
	public List<Audit> list(UUID workspaceId, int limit) {
		return audits.list(workspaceId, limit).stream().map(this::audit).toList();
	}

	/** Followers by the day their accounts were created (purchases show as many accounts made on the same days). */
	public List<Audit.Day> newPerDay(UUID workspaceId, UUID id) {
		audits.row(workspaceId, id).orElseThrow(() -> notFound(id));
		return audits.days(id);
	}

	/** A page of the audit's followers, the most likely bought first, with reasons in the reader's language. */
	public List<Audit.Item> items(UUID workspaceId, UUID id, int offset, int limit, Locale locale) {
		Audits.Row row = audits.row(workspaceId, id).orElseThrow(() -> notFound(id));
		boolean german = locale != null && "de".equals(locale.getLanguage());
		return audits.items(workspaceId, id, offset, limit).stream().map(i -> {
			Profile p = Judgements.profile(i.profile());
			List<Reason> reasons = JSON.readValue(german ? i.reasonsDe() : i.reasonsEn(), new TypeReference<List<Reason>>() {
			});
			return new Audit.Item(i.key(), i.handle(), p.name(), p.network() != null ? p.network() : row.network(),
					i.verdict(), i.bought(), reasons, i.bot(), i.label(), i.profile());
		}).toList();
	}

	static NotFoundException notFound(UUID id) {
		return new NotFoundException("No audit " + id + " in this workspace.");
	}

	private Audit audit(Audits.Row row) {
		BoughtShare share = BoughtShare.of(row.bought(), row.followers());
		Audit.Change change = null;
		if (Audit.DONE.equals(row.status())) {
			change = audits.previous(row).map(before -> {
				int[] turnover = audits.turnover(row.id(), before.id());
				double then = before.followers() == 0 ? 0 : (double) before.bought() / before.followers();
				return new Audit.Change(before.id(), before.finishedAt(), round(then), round(share.share() - then),
						row.followers() - before.followers(), turnover[0], turnover[1]);
			}).orElse(null);
		}
		return new Audit(row.id(), row.channelId(), row.source(), row.account(), row.network(), row.status(),
				new Audit.Progress(row.followers(), row.total()), row.pausedUntil(), row.createdAt(), row.startedAt(),
				row.finishedAt(), row.followers(), row.bought(), round(share.share()),
				new Audit.Confidence(round(share.low()), round(share.high()), 0.95), change, row.error());
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/** Runs the job of an audit's {@code step}: reads pages until the end, a pause, or the hand-over to the next job. */
	void run(UUID workspaceId, UUID auditId, int step) throws JobHandler.GiveUp {
		Audits.Row audit = audits.row(workspaceId, auditId).orElse(null);
		if (audit == null || audit.step() != step || Audit.DONE.equals(audit.status())) {
			return; // gone, done, or a job that was handed over from
		}
		Optional<ChannelConnector.Followers> source = source(audit);
		if (source.isEmpty()) {
			fail(audit, "The channel whose followers were read was removed, or its kind no longer lists followers.");
		}
		audits.running(auditId);
		String cursor = audit.cursor();
		int attempts = Audit.FAILED.equals(audit.status()) ? 0 : audit.attempts();
		for (int page = 0; page < PAGES_PER_RUN; page++) {
			FollowerPage read;
			try {
				read = source.get().page(cursor);
				store(audit, read);
			}
			catch (FollowersUnavailable e) {
				later(audit, e, attempts);
				return;
			}
			catch (RuntimeException e) {
				// A fault of Rapport's (or of the database): tried again like a network's failure, so that the audit
				// ends as failed with a readable error instead of staying "running" after its job gave up.
				String reference = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
				log.error("Follower audit {} could not read or store a page (reference {})", auditId, reference, e);
				later(audit, new FollowersUnavailable("Reading the followers failed because of a fault in Rapport; it is "
						+ "logged under reference " + reference + ".", true, null, e), attempts);
				return;
			}
			if (read.next() == null) {
				return;
			}
			cursor = read.next();
			attempts = 0;
			if (read.notBefore() != null && read.notBefore().isAfter(clock.instant())) {
				continueAt(audit, step + 1, read.notBefore(), true);
				return;
			}
		}
		continueAt(audit, step + 1, null, false);
	}

	/** Judges a page's followers and stores them with the cursor past the page, in one transaction. */
	private void store(Audits.Row audit, FollowerPage read) {
		Instant now = clock.instant();
		List<Follower> usable = read.followers().stream().filter(f -> f.id() != null && !f.id().isBlank()).toList();
		List<Audits.NewItem> items = judged(audit.workspaceId(),
				usable.stream().map(f -> profile(f, audit.network(), now)).toList(), usable.stream().map(Follower::bot).toList(),
				now);
		tx.executeWithoutResult(status -> audits.store(audit.id(), items, read.next(), read.total(), read.next() == null));
	}

	private Optional<ChannelConnector.Followers> source(Audits.Row audit) {
		if (audit.channelId() == null) {
			return Optional.empty();
		}
		try {
			Channel channel = channels.get(audit.workspaceId(), ChannelId.of(audit.channelId()));
			return channels.connector(channel.kind()).followers(channel);
		}
		catch (NotFoundException | IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	/** A page could not be read: wait as the network asked, try again after the next pause, or give up. */
	private void later(Audits.Row audit, FollowersUnavailable e, int attempts) throws JobHandler.GiveUp {
		if (e.retryAt() != null) {
			continueAt(audit, audit.step() + 1, e.retryAt(), true);
			return;
		}
		if (e.retryable() && attempts < BACKOFF.size()) {
			Instant at = clock.instant().plus(BACKOFF.get(attempts));
			tx.executeWithoutResult(status -> {
				audits.retryLater(audit.id(), attempts + 1, e.getMessage(), at, audit.step() + 1);
				enqueue(audit.workspaceId(), audit.id(), audit.step() + 1, at);
			});
			return;
		}
		fail(audit, e.getMessage());
	}

	private void continueAt(Audits.Row audit, int step, Instant at, boolean pause) {
		tx.executeWithoutResult(status -> {
			if (pause) {
				audits.pause(audit.id(), at, step);
			}
			else {
				audits.handOver(audit.id(), step);
			}
			enqueue(audit.workspaceId(), audit.id(), step, at);
		});
	}

	/** Stores the failure for people to read, and fails the job so that Settings → Background tasks offers to try again. */
	private void fail(Audits.Row audit, String error) throws JobHandler.GiveUp {
		audits.fail(audit.id(), error);
		throw new JobHandler.GiveUp(error);
	}

	private void enqueue(UUID workspaceId, UUID auditId, int step, Instant at) {
		jobs.enqueue(JOB, workspaceId, JSON.writeValueAsString(Map.of("workspaceId", workspaceId.toString(), "auditId",
				auditId.toString(), "step", step)), at);
	}

	/**
	 * Profiles judged by the workspace's model as it is now, with the reasons in English and German.
	 *
	 * @param bots whether each account says it is automated, where the network tells; or {@code null}
	 */
	private List<Audits.NewItem> judged(UUID workspaceId, List<Profile> profiles, List<Boolean> bots, Instant now) {
		ProfileModel model = followers.model(workspaceId);
		List<Audits.NewItem> items = new ArrayList<>(profiles.size());
		for (int i = 0; i < profiles.size(); i++) {
			Profile p = profiles.get(i);
			ProfileVerdict en = followers.verdict(model, p, now, Locale.ENGLISH);
			ProfileVerdict de = followers.verdict(model, p, now, Locale.GERMAN);
			items.add(new Audits.NewItem(p.id(), (p.network() == null ? "" : p.network()) + ':' + p.id(),
					p.handle() != null && !p.handle().isBlank() ? p.handle() : p.name(), Judgements.json(p), en.bought(),
					en.verdict(), JSON.writeValueAsString(en.reasons()), JSON.writeValueAsString(de.reasons()),
					p.createdAt() == null ? null : p.createdAt().atZone(ZoneOffset.UTC).toLocalDate(),
					bots == null ? null : bots.get(i)));
		}
		return items;
	}

	/**
	 * A follower as a profile to judge. What a network shows is taken as it is, but never refused: a count out of
	 * range is unknown, a time after the reading is moved to it, a last post before the account existed to its
	 * creation, and texts are cut to what the API accepts.
	 */
	static Profile profile(Follower f, String network, Instant now) {
		Instant observed = f.observedAt() == null || f.observedAt().isAfter(now) ? now : f.observedAt();
		Instant created = f.createdAt() == null || f.createdAt().isAfter(observed) ? null : f.createdAt();
		Instant lastPost = f.lastPostAt() == null ? null : f.lastPostAt().isAfter(observed) ? observed : f.lastPostAt();
		if (lastPost != null && created != null && lastPost.isBefore(created)) {
			lastPost = created;
		}
		return new Profile(cut(f.id(), 200), network, cut(f.handle(), 500), cut(f.name(), 500),
				cut(f.bio(), InputChecks.MAX_TEXT), cut(f.url(), InputChecks.MAX_SHORT_TEXT), cut(f.location(), 500), created,
				observed, count(f.posts()), count(f.followers()), count(f.following()), count(f.likes()), count(f.listed()),
				f.defaultAvatar(), cut(f.avatarUrl(), InputChecks.MAX_SHORT_TEXT), f.hasBanner(), f.verified(),
				f.isProtected(), lastPost, null);
	}

	private static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max);
	}

	private static Long count(Long value) {
		return value == null || value < 0 || value > InputChecks.MAX_COUNT ? null : value;
	}
}
