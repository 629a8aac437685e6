package org.rapport.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.blog.Post;
import org.rapport.channels.Channel;
import org.rapport.channels.Channels;
import org.rapport.channels.InboundMessage;
import org.rapport.channels.Ingestion;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.IdentityClaim;
import org.rapport.contacts.PublicProfile;
import org.rapport.inbox.CannedReplies;
import org.rapport.inbox.ConversationStatus;
import org.rapport.inbox.Conversations;
import org.rapport.platform.ContactId;
import org.rapport.platform.ConversationId;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.platform.Onboarding;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the workspace {@code demo} once, through the same ingestion pipeline real messages take, and then its
 * network, blog, events and reminders through the other modules' public services (see {@link DemoNetwork},
 * {@link DemoBlog}, {@link DemoEvents}, {@link DemoRelationships}). All but the blog's comments is written in one
 * transaction, so a failed start leaves no half demo behind and the next start tries again; the comments follow one
 * by one (see {@link DemoBlog}). A start that finds the workspace skips all of it. Its people can log in with the
 * password {@value #PASSWORD}; the installation's admin, if configured, becomes its owner too.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

	static final String PASSWORD = "rapport-demo";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final RapportProperties properties;
	private final Workspaces workspaces;
	private final Members members;
	private final Contacts contacts;
	private final Channels channels;
	private final Ingestion ingestion;
	private final Conversations conversations;
	private final CannedReplies canned;
	private final TransactionTemplate tx;
	private final DemoNetwork network;
	private final DemoBlog blog;
	private final DemoEvents events;
	private final DemoRelationships relationships;
	private final Onboarding onboarding;
	private final DemoAudit audit;

	DemoData(RapportProperties properties, Workspaces workspaces, Members members, Contacts contacts, Channels channels,
			Ingestion ingestion, Conversations conversations, CannedReplies canned, TransactionTemplate tx,
			DemoNetwork network, DemoBlog blog, DemoEvents events, DemoRelationships relationships,
			Onboarding onboarding, DemoAudit audit) {
		this.onboarding = onboarding;
		this.audit = audit;
		this.properties = properties;
		this.workspaces = workspaces;
		this.members = members;
		this.contacts = contacts;
		this.channels = channels;
		this.ingestion = ingestion;
		this.conversations = conversations;
		this.canned = canned;
		this.tx = tx;
		this.network = network;
		this.blog = blog;
		this.events = events;
		this.relationships = relationships;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		if (!properties.demo() || workspaces.bySlug("demo").isPresent()) {
			return;
		}
		JsonNode root;
		try (InputStream in = new ClassPathResource("demo/demo-workspace.json").getInputStream()) {
			root = JsonMapper.builder().build().readTree(in);
		}
		long started = System.nanoTime();
		Loaded loaded = tx.execute(s -> load(root));
		blog.comment(root, loaded.demo(), loaded.posts());
		log.info("Demo workspace ready in {} ms: log in as demo@example.org with password '{}'",
				(System.nanoTime() - started) / 1_000_000, PASSWORD);
	}

	/** The demo as far as one transaction writes it, and the blog posts its comments go to. */
	private record Loaded(DemoContext demo, List<Post> posts) {
	}

	private Loaded load(JsonNode root) {
		Workspace ws = workspaces.create(root.path("workspace").path("name").asString(), "demo");
		Member owner = members.add(ws.id(), "demo@example.org", "Dana Demo", PASSWORD, Role.OWNER);
		// The demo plays a workspace in use for months, whose channels are stand-ins that cannot be connected: a
		// first-run checklist above its inbox would ask visitors to connect a real mailbox. It is hidden, and
		// Settings → First steps shows it (and shows it again) for those who want to see it.
		onboarding.hide(ws.id());
		members.add(ws.id(), "jonas@example.org", "Jonas Becker", PASSWORD, Role.AGENT);
		members.add(ws.id(), "lea@example.org", "Lea Hoffmann", PASSWORD, Role.TRAINEE);
		if (properties.adminEmail() != null && !properties.adminEmail().isBlank()) {
			members.add(ws.id(), properties.adminEmail(), null, properties.adminPassword(), Role.OWNER);
		}
		for (JsonNode c : root.path("channels")) {
			channels.createDisabled(ws.id(), c.path("key").asString(), c.path("kind").asString(), c.path("name").asString());
		}
		CurrentUser me = new CurrentUser(owner.userId(), owner.email(), owner.displayName(), ws.id(), Role.OWNER, null);
		Map<String, UUID> contactIds = new HashMap<>();
		for (JsonNode c : root.path("contacts")) {
			List<IdentityClaim> claims = new ArrayList<>();
			for (JsonNode i : c.path("identities")) {
				JsonNode p = i.path("profile");
				claims.add(new IdentityClaim(i.path("kind").asString(), i.path("value").asString(), null)
					.withProfile(p.isObject() ? new PublicProfile(p.path("handle").asString(null), p.path("name").asString(null),
							null, p.path("bio").asString(null), p.path("url").asString(null),
							p.has("followers") ? p.path("followers").asLong() : null,
							p.has("following") ? p.path("following").asLong() : null, p.has("posts") ? p.path("posts").asLong() : null,
							p.has("createdAt") ? Instant.parse(p.path("createdAt").asString()) : null, false) : null));
			}
			Contact contact = contacts.create(ws.id(), c.path("name").asString(), claims);
			if (c.has("note")) {
				contacts.update(ws.id(), ContactId.of(contact.id()), contact.name(), c.path("note").asString());
			}
			contactIds.put(c.path("key").asString(), contact.id());
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		int n = 0;
		for (JsonNode conv : root.path("conversations")) {
			n++;
			Channel channel = channels.byKey(ws.id(), conv.path("channel").asString()).orElseThrow();
			UUID contactId = contactIds.get(conv.path("contact").asString());
			String thread = "demo-" + n;
			List<InboundMessage> batch = new ArrayList<>();
			int m = 0;
			for (JsonNode msg : conv.path("messages")) {
				m++;
				String kind = msg.path("kind").asString();
				String direction = msg.path("direction").asString("in");
				Instant at = now.minus(Duration.ofMinutes(msg.path("minutesAgo").asLong(60)));
				String author = msg.path("author").asString("");
				batch.add(new InboundMessage(thread + "-" + m, thread, List.of(), null, contactId,
						m == 1 ? conv.path("subject").asString("") : "", msg.path("body").asString(), false, at, direction,
						kind, "activity".equals(kind) ? msg.path("activityKind").asString() : null, List.of(),
						author.isEmpty() ? Map.of() : Map.of("author", author)));
			}
			UUID conversationId = ingestion.ingest(channel, batch).conversationIds().get(thread + "-1");
			List<String> labels = new ArrayList<>();
			conv.path("labels").forEach(l -> labels.add(l.asString()));
			conversations.label(me, ConversationId.of(conversationId), labels);
			String status = conv.path("status").asString("open");
			if ("snoozed".equals(status)) {
				conversations.snooze(me, ConversationId.of(conversationId), now.plus(Duration.ofDays(2)));
			}
			else if (!"open".equals(status)) {
				conversations.changeStatus(me, ConversationId.of(conversationId), ConversationStatus.of(status));
			}
		}
		for (JsonNode r : root.path("cannedReplies")) {
			canned.save(me, r.path("shortcut").asString(), r.path("title").asString(), r.path("body").asString());
		}
		Map<String, UUID> memberIds = new HashMap<>();
		members.of(ws.id()).forEach(m -> memberIds.put(m.email(), m.userId()));
		DemoContext demo = new DemoContext(ws, me, contactIds, memberIds, now);
		network.load(root, demo);
		List<Post> posts = blog.load(root, demo);
		events.load(root, demo);
		relationships.load(root, demo);
		audit.load(demo);
		return new Loaded(demo, posts);
	}
}
