package org.rapport.channels.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.rapport.channels.Channel;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.Channels;
import org.rapport.channels.ReplyRoutes;
import org.rapport.channels.Setting;
import org.rapport.channels.webform.WebForms;
import org.rapport.platform.AuditLog;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.InvalidFieldException;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Workspaces;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Channels: the workspace's channels with what each can do now, one form per kind to connect a channel,
 * made from the settings its connector declares, and the contact form with its snippet. A refused form is shown
 * again with everything typed (but passwords) and the reason next to the field.
 */
@Controller
class ChannelSettingsController {

	private final Channels channels;
	private final ReplyRoutes routes;
	private final WebForms forms;
	private final Workspaces workspaces;
	private final RapportProperties properties;
	private final ChannelFetches fetches;
	private final AuditLog audit;

	ChannelSettingsController(Channels channels, ReplyRoutes routes, WebForms forms, Workspaces workspaces,
			RapportProperties properties, AuditLog audit, ChannelFetches fetches) {
		this.fetches = fetches;
		this.channels = channels;
		this.routes = routes;
		this.forms = forms;
		this.workspaces = workspaces;
		this.properties = properties;
		this.audit = audit;
	}

	/** A channel as the list shows it: its kind's name and icon, and whether replies can leave through it now. */
	record Row(Channel channel, ChannelConnector kind, ChannelConnector.Readiness readiness, boolean editable,
			ChannelConnector.Health health) {
	}

	/** A form that connects a channel of a kind, with what was typed and the reason it was refused, if it was. */
	record Connect(ChannelConnector kind, Map<String, String> values, String field, String error) {

		public boolean open() {
			return error != null;
		}
	}

	@GetMapping("/settings/channels")
	String show(@AuthenticationPrincipal CurrentUser me, Model model) {
		return page(me, model, null);
	}

	private String page(CurrentUser me, Model model, Connect refused) {
		var workspace = workspaces.get(me.workspaceId());
		model.addAttribute("zone", workspace.timeZone());
		model.addAttribute("rows", channels.of(me.workspaceId()).stream().map(c -> {
			ChannelConnector kind = channels.connector(c.kind());
			return new Row(c, kind, routes.readiness(c), !kind.settings().isEmpty(), channels.health(c));
		}).toList());
		model.addAttribute("connects", channels.connectors().stream().filter(k -> !k.settings().isEmpty())
			.map(k -> refused != null && refused.kind() == k ? refused : new Connect(k, presets(k.settings()), null, null))
			.toList());
		model.addAttribute("form", forms.settings(me.workspaceId()));
		String formUrl = properties.link("/f/" + workspace.slug());
		model.addAttribute("formUrl", formUrl);
		model.addAttribute("iframeSnippet", "<iframe src=\"" + formUrl + "\" title=\"Kontakt\" style=\"width:100%;min-height:620px;border:0\"></iframe>");
		model.addAttribute("jsonSnippet", "POST " + formUrl + "\nContent-Type: application/json\n\n"
				+ "{\"name\": \"…\", \"email\": \"…\", \"subject\": \"…\", \"message\": \"…\", \"consent\": true}");
		return "channels";
	}

	private static Map<String, String> presets(List<Setting> settings) {
		Map<String, String> values = new LinkedHashMap<>();
		settings.forEach(s -> values.put(s.key(), s.preset()));
		return values;
	}

	/** What the form holds for the kind's settings: credentials as typed, everything else without outer spaces. */
	private static Map<String, String> typed(List<Setting> settings, Map<String, String> form, boolean keepBlank) {
		Map<String, String> config = new LinkedHashMap<>();
		for (Setting setting : settings) {
			String value = form.get(setting.key());
			if (value != null && (keepBlank || !value.isBlank())) {
				config.put(setting.key(), setting.secret() ? value : value.strip());
			}
		}
		return config;
	}

	@PostMapping("/settings/channels/connect/{kind}")
	String connect(@AuthenticationPrincipal CurrentUser me, @PathVariable String kind,
			@RequestParam(defaultValue = "") String name, @RequestParam Map<String, String> form, Model model,
			RedirectAttributes flash, HttpServletRequest request, Locale locale) {
		me.requireManager();
		ChannelConnector connector = channels.connector(kind);
		Map<String, String> config = typed(connector.settings(), form, false);
		try {
			Channel channel = channels.create(me.workspaceId(), freeKey(me.workspaceId(), kind), kind,
					name.isBlank() ? connector.name().de() : name.strip(), config);
			audit.record(me.workspaceId(), me.userId(), "channel.created", kind + " " + channel.key(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.connected");
			flash.addFlashAttribute("noticeArg", connector.account().in(locale));
			return "redirect:/settings/channels";
		}
		catch (IllegalArgumentException e) {
			return refused(me, model, connector, form, name, e);
		}
	}

	/**
	 * A sign-in under way: what was entered, and the state and PKCE verifier that must come back with the code.
	 *
	 * @param channelId the channel signed in again (a reconnect), or null for a new one
	 */
	record PendingSignIn(UUID workspaceId, String kind, String name, Map<String, String> entered, String state,
			String verifier, UUID channelId) implements java.io.Serializable {
	}

	private static final String PENDING = ChannelSettingsController.class.getName() + ".signIn";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private URI callback(String kind) {
		return URI.create(properties.link("/settings/channels/callback/" + kind));
	}

	/** Sends the manager to the network to allow Rapport in (OAuth 2 with PKCE), keeping state and verifier. */
	@PostMapping("/settings/channels/connect/{kind}/sign-in")
	String signIn(@AuthenticationPrincipal CurrentUser me, @PathVariable String kind,
			@RequestParam(defaultValue = "") String name, @RequestParam Map<String, String> form, Model model,
			HttpSession session, Locale locale) {
		me.requireManager();
		ChannelConnector connector = channels.connector(kind);
		ChannelConnector.SignIn signIn = signIn(connector);
		try {
			return onward(me, connector, signIn, null, name, form, model, session, locale);
		}
		catch (IllegalArgumentException e) {
			return refused(me, model, connector, form, name, e);
		}
	}

	/**
	 * Signs a channel in again (a reconnect, when the network no longer takes its sign-in): the same way as a new
	 * one, and the channel's settings take what the sign-in answers.
	 */
	@PostMapping("/settings/channels/{id}/sign-in")
	String signInAgain(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam Map<String, String> form, Model model, HttpSession session, RedirectAttributes flash,
			Locale locale) {
		me.requireManager();
		Channel channel = channels.get(me.workspaceId(), id);
		ChannelConnector connector = channels.connector(channel.kind());
		ChannelConnector.SignIn signIn = signIn(connector);
		try {
			return onward(me, connector, signIn, id, "", form, model, session, locale);
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
			return "redirect:/settings/channels/" + id;
		}
	}

	private static ChannelConnector.SignIn signIn(ChannelConnector connector) {
		return connector.signIn().orElseThrow(() -> new InvalidFieldException("kind", "Channels of kind '"
				+ connector.kind() + "' have no sign-in."));
	}

	/** Keeps the sign-in under way and sends the manager on to the network. */
	private String onward(CurrentUser me, ChannelConnector connector, ChannelConnector.SignIn signIn, UUID channelId,
			String name, Map<String, String> form, Model model, HttpSession session, Locale locale) {
		String kind = connector.kind();
		Map<String, String> entered = typed(signIn.before(), form, false);
		String verifier = random();
		String state = random();
		try {
			String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
					MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
			URI to = signIn.start(entered, callback(kind), state, challenge);
			session.setAttribute(PENDING, new PendingSignIn(me.workspaceId(), kind, name.strip(),
					new LinkedHashMap<>(entered), state, verifier, channelId));
			// A page that goes on by itself, not a redirect: the form's policy (form-action 'self') would stop a
			// redirect of the form's submission to another site.
			model.addAttribute("onward", to.toString());
			model.addAttribute("network", connector.name().in(locale));
			return "sign-in-onward";
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Where the network sends the manager back: the code becomes the channel's credentials. */
	@GetMapping("/settings/channels/callback/{kind}")
	String signedIn(@AuthenticationPrincipal CurrentUser me, @PathVariable String kind,
			@RequestParam(required = false) String code, @RequestParam(required = false) String state,
			@RequestParam(required = false) String iss, @RequestParam(required = false) String error,
			HttpSession session, RedirectAttributes flash,
			HttpServletRequest request, Locale locale) {
		me.requireManager();
		Object kept = session.getAttribute(PENDING);
		session.removeAttribute(PENDING);
		if (!(kept instanceof PendingSignIn pending) || state == null || !pending.state().equals(state)
				|| !pending.kind().equals(kind) || !pending.workspaceId().equals(me.workspaceId())) {
			flash.addFlashAttribute("error", "The sign-in was not started here or has expired; start it again.");
			return "redirect:/settings/channels";
		}
		if (error != null || code == null || code.isBlank()) {
			flash.addFlashAttribute("error", "The network did not allow Rapport in; start the sign-in again.");
			return "redirect:/settings/channels";
		}
		ChannelConnector connector = channels.connector(kind);
		try {
			Map<String, String> config = connector.signIn().orElseThrow()
				.finish(pending.entered(), callback(kind), new ChannelConnector.SignIn.Returned(code, state, iss),
						pending.verifier());
			if (pending.channelId() != null) {
				// the sign-in's credentials replace the channel's old ones; its other settings stay
				Channel channel = channels.get(me.workspaceId(), pending.channelId());
				Map<String, String> merged = new LinkedHashMap<>(channel.config());
				connector.settings().stream().filter(Setting::secret).forEach(s -> merged.remove(s.key()));
				merged.putAll(config);
				channels.updateConfig(me.workspaceId(), channel.id(), channel.name(), merged);
				audit.record(me.workspaceId(), me.userId(), "channel.changed", pending.channelId() + " (sign-in)",
						request.getRemoteAddr());
				flash.addFlashAttribute("notice", "channels.saved");
				return "redirect:/settings/channels";
			}
			Channel channel = channels.create(me.workspaceId(), freeKey(me.workspaceId(), kind), kind,
					pending.name().isBlank() ? connector.name().de() : pending.name(), config);
			audit.record(me.workspaceId(), me.userId(), "channel.created", kind + " " + channel.key() + " (sign-in)",
					request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.connected");
			flash.addFlashAttribute("noticeArg", connector.account().in(locale));
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/channels";
	}

	/** The page again with the kind's form as it was sent (but credentials) and the reason next to its field. */
	private String refused(CurrentUser me, Model model, ChannelConnector connector, Map<String, String> form, String name,
			IllegalArgumentException e) {
		Map<String, String> shown = typed(connector.settings(), form, true);
		connector.settings().stream().filter(Setting::secret).forEach(s -> shown.put(s.key(), ""));
		shown.put("name", name);
		model.addAttribute("error", e.getMessage());
		return page(me, model, new Connect(connector, shown, field(e), e.getMessage()));
	}

	/** The kind itself as key, or the kind with the first free number: {@code email}, {@code email-2}, … */
	private String freeKey(UUID workspaceId, String kind) {
		String key = kind;
		for (int n = 2; channels.byKey(workspaceId, key).isPresent(); n++) {
			key = kind + "-" + n;
		}
		return key;
	}

	private static String field(IllegalArgumentException e) {
		return e instanceof InvalidFieldException invalid ? invalid.field().replaceFirst("^config\\.", "") : null;
	}

	@GetMapping("/settings/channels/{id}")
	String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
		me.requireManager();
		Channel channel = channels.get(me.workspaceId(), id);
		ChannelConnector kind = channels.connector(channel.kind());
		if (kind.settings().isEmpty()) {
			return "redirect:/settings/channels";
		}
		Map<String, String> values = new LinkedHashMap<>(channel.config());
		kind.settings().stream().filter(Setting::secret).forEach(s -> values.put(s.key(), ""));
		model.addAttribute("channel", channel);
		model.addAttribute("kind", kind);
		model.addAttribute("values", values);
		model.addAttribute("signature", channels.signature(me.workspaceId(), id).orElse(""));
		model.addAttribute("maxSignature", Channels.MAX_SIGNATURE);
		model.addAttribute("readiness", routes.readiness(channel));
		model.addAttribute("health", channels.health(channel));
		model.addAttribute("zone", workspaces.get(me.workspaceId()).timeZone());
		kind.hookInstructions().ifPresent(how -> {
			model.addAttribute("hookUrl", properties.link(ChannelConnector.hookPath(channel.id())));
			model.addAttribute("hookInstructions", how);
		});
		return "channel-edit";
	}

	@PostMapping("/settings/channels/{id}")
	String save(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String name, @RequestParam(required = false) String signature,
			@RequestParam Map<String, String> form, Model model, RedirectAttributes flash, HttpServletRequest request) {
		me.requireManager();
		Channel channel = channels.get(me.workspaceId(), id);
		ChannelConnector kind = channels.connector(channel.kind());
		Map<String, String> changes = typed(kind.settings(), form, true);
		try {
			if (signature != null) {
				Channels.checkedSignature(signature);
			}
			channels.reconfigure(me.workspaceId(), id, name, changes);
			if (signature != null) {
				channels.setSignature(me.workspaceId(), id, signature);
			}
			audit.record(me.workspaceId(), me.userId(), "channel.changed", id.toString(), request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.saved");
			return "redirect:/settings/channels";
		}
		catch (IllegalArgumentException e) {
			kind.settings().stream().filter(Setting::secret).forEach(s -> changes.put(s.key(), ""));
			model.addAttribute("channel", channel);
			model.addAttribute("kind", kind);
			model.addAttribute("values", changes);
			model.addAttribute("signature", signature != null ? signature : channels.signature(me.workspaceId(), id).orElse(""));
			model.addAttribute("maxSignature", Channels.MAX_SIGNATURE);
			model.addAttribute("readiness", routes.readiness(channel));
			model.addAttribute("error", e.getMessage());
			model.addAttribute("errorField", field(e));
			return "channel-edit";
		}
	}

	@PostMapping("/settings/channels/{id}/enabled")
	String toggle(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestParam boolean enabled,
			HttpServletRequest request) {
		me.requireManager();
		channels.setEnabled(me.workspaceId(), id, enabled);
		audit.record(me.workspaceId(), me.userId(), enabled ? "channel.enabled" : "channel.disabled", id.toString(),
				request.getRemoteAddr());
		return "redirect:/settings/channels";
	}

	/** "Fetch now" in the channel list. */
	@PostMapping("/settings/channels/{id}/fetch")
	String fetch(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			Channel channel = fetches.fetch(me, id, request.getRemoteAddr());
			flash.addFlashAttribute("notice", "channels.fetched");
			flash.addFlashAttribute("noticeArg", channel.name());
		}
		catch (IllegalStateException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/channels";
	}

	@PostMapping("/settings/channels/webform")
	String saveForm(@AuthenticationPrincipal CurrentUser me, @RequestParam String consentText,
			@RequestParam(defaultValue = "") String successText, RedirectAttributes flash) {
		me.requireManager();
		try {
			forms.save(me.workspaceId(), consentText, successText);
			flash.addFlashAttribute("notice", "settings.saved");
		}
		catch (IllegalArgumentException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/settings/channels#contact-form";
	}
}
