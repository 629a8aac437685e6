package org.rapport.platform.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.function.Supplier;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Role;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The permission matrix of every signed-in route, UI and API, in one place: the first rule whose method and path
 * match a request names the least role that may make it. {@code docs/security.md} prints the same table, and a test
 * keeps the two equal and calls every route as every role. What depends on the data rather than the route (only
 * owners change owners, one's own token) is checked where the data is ({@code Members}, {@code ApiTokens}).
 */
@Component
class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

	/**
	 * One line of the matrix.
	 *
	 * @param methods {@code GET} (also HEAD), {@code WRITE} (POST, PUT, PATCH, DELETE), {@code ANY}, or one method
	 * @param path a path pattern ({@code *} one segment or part of one, {@code **} any rest)
	 * @param least the least role allowed; every more powerful role is allowed too
	 */
	record Rule(String methods, String path, Role least) {

		boolean matches(String method, PathContainer requestPath) {
			boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
			boolean methodMatches = switch (methods) {
				case "ANY" -> true;
				case "GET" -> read;
				case "WRITE" -> !read;
				default -> methods.equals(method);
			};
			return methodMatches && PATTERNS.get(path).matches(requestPath);
		}
	}

	static final List<Rule> RULES = List.of(
			// Everyone signed in: leave, choose a workspace, answer one's own invitations, revoke one's own tokens.
			new Rule("ANY", "/logout", Role.VIEWER),
			new Rule("WRITE", "/workspace", Role.VIEWER),
			new Rule("WRITE", "/invitations/**", Role.VIEWER),
			new Rule("WRITE", "/api/v1/invitations/**", Role.VIEWER),
			new Rule("WRITE", "/settings/tokens/*/revoke", Role.VIEWER),
			new Rule("DELETE", "/api/v1/tokens/*", Role.VIEWER),
			// One's own account: name, language, password, two-factor sign-in.
			new Rule("ANY", "/settings/account/two-factor/**", Role.VIEWER),
			new Rule("WRITE", "/settings/account/**", Role.VIEWER),
			new Rule("WRITE", "/api/v1/me", Role.VIEWER),
			// Tokens act for their holder: only those who may write get one.
			new Rule("WRITE", "/settings/tokens", Role.TRAINEE),
			new Rule("POST", "/api/v1/tokens", Role.TRAINEE),
			new Rule("WRITE", "/settings/replies/*/delete", Role.MANAGER),
			new Rule("WRITE", "/settings/replies/**", Role.TRAINEE),
			// The workspace's settings, members, channels, fields, stages, retention and federation.
			// Requiring two-factor sign-in and resetting a member's: owners only.
			new Rule("WRITE", "/settings/security", Role.OWNER),
			new Rule("WRITE", "/settings/members/*/two-factor/reset", Role.OWNER),
			new Rule("WRITE", "/settings/**", Role.MANAGER),
			new Rule("GET", "/settings/channels/*", Role.MANAGER),
			new Rule("GET", "/settings/channels/callback/*", Role.MANAGER),
			new Rule("GET", "/settings/tasks", Role.MANAGER),
			new Rule("ANY", "/api/v1/tasks/**", Role.MANAGER),
			// The first-run checklist: owners and managers set up the workspace, so they alone see and change it.
			new Rule("GET", "/settings/onboarding", Role.MANAGER),
			new Rule("ANY", "/api/v1/onboarding/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/insights/rebuild", Role.MANAGER),
			new Rule("WRITE", "/api/v1/goals/**", Role.MANAGER),
			new Rule("WRITE", "/insights/goals/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/reports/**", Role.MANAGER),
			new Rule("WRITE", "/insights/reports/**", Role.MANAGER),
			// Follower audits are authenticity work, as the checks of profiles are: auditing a connected account's
			// followers leaves the channel's settings alone.
			new Rule("POST", "/api/v1/channels/*/audits", Role.TRAINEE),
			new Rule("POST", "/api/v1/authenticity/audits", Role.TRAINEE),
			new Rule("GET", "/api/v1/audits/**", Role.VIEWER),
			new Rule("ANY", "/api/v1/channels/**", Role.MANAGER),
			new Rule("GET", "/api/v1/workspace/security", Role.VIEWER),
			new Rule("WRITE", "/api/v1/workspace/security", Role.OWNER),
			new Rule("DELETE", "/api/v1/members/*/two-factor", Role.OWNER),
			new Rule("WRITE", "/api/v1/members/**", Role.MANAGER),
			new Rule("ANY", "/api/v1/workspace/invitations/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/custom-fields/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/stages/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/retention/**", Role.MANAGER),
			new Rule("WRITE", "/api/v1/federation/follow", Role.MANAGER),
			new Rule("WRITE", "/api/v1/federation/unfollow", Role.MANAGER),
			new Rule("WRITE", "/api/v1/federation/deliveries/**", Role.MANAGER),
			// Erasing a person and mailing every subscriber.
			new Rule("DELETE", "/api/v1/contacts/*", Role.MANAGER),
			new Rule("ANY", "/contacts/*/erase", Role.MANAGER),
			new Rule("ANY", "/api/v1/blog/newsletter/**", Role.MANAGER),
			new Rule("ANY", "/blog/admin/newsletter", Role.MANAGER),
			new Rule("WRITE", "/blog/admin/settings", Role.MANAGER),
			new Rule("WRITE", "/blog/admin/profiles", Role.MANAGER),
			new Rule("WRITE", "/blog/admin/posts/*/newsletter", Role.MANAGER),
			new Rule("WRITE", "/api/v1/blog/posts/*/newsletter", Role.MANAGER),
			// Reads that hand out many people's data at once, or lead straight to a change.
			new Rule("GET", "/contacts/export.*", Role.TRAINEE),
			new Rule("GET", "/api/v1/contacts/export.*", Role.TRAINEE),
			new Rule("GET", "/contacts/*/export", Role.TRAINEE),
			new Rule("GET", "/contacts/*/export.json", Role.TRAINEE),
			new Rule("GET", "/api/v1/contacts/*/export", Role.TRAINEE),
			new Rule("GET", "/contacts/import", Role.TRAINEE),
			new Rule("GET", "/events/*/import", Role.TRAINEE),
			new Rule("GET", "/events/*/log", Role.TRAINEE),
			// One's own unread state: viewers read too, and it changes nothing anyone else sees.
			new Rule("POST", "/api/v1/conversations/*/read", Role.VIEWER),
			new Rule("POST", "/api/v1/conversations/*/unread", Role.VIEWER),
			new Rule("POST", "/inbox/*/unread", Role.VIEWER),
			// One's own saved views of the inbox: viewers keep them too, no one else sees them.
			new Rule("WRITE", "/api/v1/views", Role.VIEWER),
			new Rule("WRITE", "/api/v1/views/*", Role.VIEWER),
			new Rule("POST", "/inbox/views", Role.VIEWER),
			new Rule("POST", "/inbox/views/**", Role.VIEWER),
			// One's own notifications and digest: viewers too, and it changes nothing anyone else sees.
			new Rule("WRITE", "/notifications/**", Role.VIEWER),
			new Rule("WRITE", "/api/v1/notifications/**", Role.VIEWER),
			// Judging spam teaches the workspace's spam filter: those who work conversations, not viewers.
			new Rule("POST", "/api/v1/conversations/*/spam", Role.TRAINEE),
			new Rule("POST", "/api/v1/conversations/*/not-spam", Role.TRAINEE),
			new Rule("POST", "/inbox/*/spam", Role.TRAINEE),
			new Rule("POST", "/inbox/*/not-spam", Role.TRAINEE),
			// Correcting the triage teaches the workspace's triage: those who work conversations, not viewers.
			new Rule("POST", "/api/v1/conversations/*/triage", Role.TRAINEE),
			new Rule("POST", "/inbox/*/triage", Role.TRAINEE),
			// Routing rules are workspace settings: managers and owners set them, everyone reads them.
			new Rule("WRITE", "/api/v1/inbox/triage-routes", Role.MANAGER),
			// Monitors say what the workspace listens for: managers and owners keep them, everyone reads them.
			new Rule("WRITE", "/api/v1/listening/monitors/**", Role.MANAGER),
			new Rule("ANY", "/listening/monitors/**", Role.MANAGER),
			// Everything else: every member reads, everyone but viewers writes.
			new Rule("GET", "/**", Role.VIEWER),
			new Rule("WRITE", "/**", Role.TRAINEE));

	/** Each rule's path, parsed once: every request is matched against them. */
	private static final Map<String, PathPattern> PATTERNS = RULES.stream()
		.map(Rule::path)
		.distinct()
		.collect(Collectors.toMap(Function.identity(), new PathPatternParser()::parse));

	/** The least role the matrix allows for a request. */
	static Role least(String method, String path) {
		PathContainer requestPath = PathContainer.parsePath(path);
		String upper = method.toUpperCase(Locale.ROOT);
		return RULES.stream().filter(r -> r.matches(upper, requestPath)).findFirst().orElseThrow().least();
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication who = authentication.get();
		if (who == null || !(who.getPrincipal() instanceof CurrentUser user)) {
			return new AuthorizationDecision(false);
		}
		var request = context.getRequest();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return new AuthorizationDecision(user.role().includes(least(request.getMethod(), path)));
	}
}
