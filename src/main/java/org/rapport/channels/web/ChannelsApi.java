package org.rapport.channels.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.ReplyRoutes;
import org.rapport.channels.Setting;
import org.rapport.channels.Text;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's channels for integrators: list, connect a mailbox, change settings. Credentials go in but never
 * come out: a channel shows which of them are set, not their values.
 */
@RestController
@Tag(name = "Channels", description = "Mailboxes, the web form, the inbound API and the other ways in and out")
class ChannelsApi {

	private final Channels channels;
	private final ReplyRoutes routes;
	private final AuditLog audit;
	private final ChannelFetches fetches;

	ChannelsApi(Channels channels, ReplyRoutes routes, AuditLog audit, ChannelFetches fetches) {
		this.fetches = fetches;
		this.channels = channels;
		this.routes = routes;
		this.audit = audit;
	}

	/**
	 * Whether replies can leave through the channel now; if not, what is wrong (in English and German) and the page
	 * that puts it right.
	 */
	record Sending(boolean ready, Text problem, Text fix, String fixPath) {

		static Sending of(ChannelConnector.Readiness readiness) {
			return new Sending(readiness.ready(), readiness.problem(), readiness.fix(), readiness.fixPath());
		}
	}

	/** {@code signature}: what goes under every reply on the channel, {@code {name}} and {@code {workspace}} unfilled; "" for none. */
	record ChannelView(UUID id, String key, String kind, String name, boolean enabled, String state,
			Map<String, String> config, List<String> secretsSet, Sending sending, ChannelConnector.Health health,
			String signature) {
	}

	private ChannelView view(Channel channel) {
		Map<String, String> visible = new LinkedHashMap<>();
		List<String> secrets = new java.util.ArrayList<>();
		channel.config().forEach((k, v) -> {
			if (channels.isSecret(channel.kind(), k)) {
				if (!v.isEmpty()) {
					secrets.add(k);
				}
			}
			else {
				visible.put(k, v);
			}
		});
		return new ChannelView(channel.id(), channel.key(), channel.kind(), channel.name(), channel.enabled(),
				channel.state(), visible, secrets, Sending.of(routes.readiness(channel)),
				channels.health(channel),
				channels.signature(channel.workspaceId(), channel.id()).orElse(""));
	}

	/** A kind of channel as its connector declares it, for integrators who connect channels through the API. */
	record KindView(String kind, Text name, Text account, Text about, String icon, List<Setting> settings,
			String defaultChannel, ChannelConnector.Replies replies, boolean addable, boolean signIn) {

		static KindView of(ChannelConnector c) {
			return new KindView(c.kind(), c.name(), c.account(), c.about(), c.icon(), c.settings(),
					c.defaultChannel().map(ChannelConnector.DefaultChannel::key).orElse(null), c.replies(),
					!c.settings().isEmpty(), c.signIn().isPresent());
		}
	}

	record Kinds(List<KindView> items) {
	}

	@GetMapping("/api/v1/channel-kinds")
	@Operation(summary = "The kinds of channel this installation can connect, each with the settings its config takes")
	Kinds kinds() {
		return new Kinds(channels.connectors().stream().map(KindView::of).toList());
	}

	record Items(List<ChannelView> items) {
	}

	/** A channel to connect; {@code GET /api/v1/channel-kinds} says which kinds there are and what config each takes. */
	record NewChannel(@NotBlank @Size(max = 40) String key, @NotBlank String kind, @Size(max = 200) String name,
			Map<String, String> config) {
	}

	/** {@code signature}: plain text under every reply on the channel; {@code ""} removes it. */
	record ChannelChange(@Size(max = 200) String name, Map<String, String> config, Boolean enabled, String signature) {
	}

	@GetMapping("/api/v1/channels")
	@Operation(summary = "The workspace's channels; credentials are listed by name in secretsSet, never by value")
	Items list(@AuthenticationPrincipal CurrentUser user) {
		return new Items(channels.of(user.workspaceId()).stream().map(this::view).toList());
	}

	@GetMapping("/api/v1/channels/{id}")
	@Operation(summary = "One channel")
	ChannelView get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return view(channels.get(user.workspaceId(), id));
	}

	@PostMapping("/api/v1/channels")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Connects a channel, e.g. a mailbox: {key, kind: \"email\", name, config: {emailAddress, imapHost, imapPassword, smtpHost, …}}")
	ChannelView create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NewChannel input,
			HttpServletRequest request) {
		user.requireManager();
		Channel channel = channels.create(user.workspaceId(), input.key().strip().toLowerCase(java.util.Locale.ROOT),
				input.kind().strip(), input.name() == null || input.name().isBlank() ? input.key() : input.name().strip(),
				input.config() == null ? Map.of() : input.config());
		audit.record(user.workspaceId(), user.userId(), "channel.created", channel.kind() + " " + channel.key(),
				request.getRemoteAddr());
		return view(channel);
	}

	@PostMapping("/api/v1/channels/{id}/sync")
	@Operation(summary = "Fetches what is new on the channel now instead of at the next scheduled time")
	ChannelView sync(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, HttpServletRequest request) {
		return view(fetches.fetch(user, id, request.getRemoteAddr()));
	}

	@PatchMapping("/api/v1/channels/{id}")
	@Operation(summary = "Changes a channel's name, some of its settings (a credential left out or empty keeps the stored one), its signature, or switches it on or off",
			description = "`signature` is plain text of at most 2,000 characters (`field: signature` when longer) that goes under "
					+ "every reply on the channel instead of the member's own; `{name}` becomes the replying member's name, "
					+ "`{workspace}` the workspace's. \"\" removes it.")
	ChannelView change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody ChannelChange input,
			HttpServletRequest request) {
		user.requireManager();
		if (input.signature() != null) {
			Channels.checkedSignature(input.signature());
		}
		if (input.config() != null || input.name() != null) {
			channels.reconfigure(user.workspaceId(), id, input.name(), input.config());
			audit.record(user.workspaceId(), user.userId(), "channel.changed", id.toString(), request.getRemoteAddr());
		}
		if (input.signature() != null) {
			channels.setSignature(user.workspaceId(), id, input.signature());
			audit.record(user.workspaceId(), user.userId(), "channel.signature", id.toString(), request.getRemoteAddr());
		}
		if (input.enabled() != null) {
			channels.setEnabled(user.workspaceId(), id, input.enabled());
			audit.record(user.workspaceId(), user.userId(), input.enabled() ? "channel.enabled" : "channel.disabled",
					id.toString(), request.getRemoteAddr());
		}
		return view(channels.get(user.workspaceId(), id));
	}
}
