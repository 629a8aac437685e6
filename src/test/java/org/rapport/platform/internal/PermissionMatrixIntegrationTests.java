package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;
import org.rapport.support.UiSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The written permission matrix ({@code docs/security.md}) is the one the code enforces: the two tables are equal,
 * and every signed-in route of the application, UI and API, answers 403 to exactly the roles the matrix leaves out.
 */
class PermissionMatrixIntegrationTests extends IntegrationTest {

	/** Routes other doors serve (public, signed by servers, or the login itself); the matrix does not govern them. */
	private static final List<String> PUBLIC = List.of("/f/", "/ap/", "/hooks/", "/r/", "/.well-known/", "/nodeinfo/", "/v3/api-docs",
			"/swagger-ui", "/login", "/setup", "/error", "/privacy/withdraw", "/actuator/", "/logout");

	private static final Role[] WEAKEST_FIRST = { Role.VIEWER, Role.TRAINEE, Role.AGENT, Role.MANAGER, Role.OWNER };

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theDocumentedMatrixIsTheEnforcedOne() throws Exception {
		String doc = Files.readString(Path.of("docs/security.md"));
		String section = doc.substring(doc.indexOf("## Permission matrix"));
		section = section.substring(0, section.indexOf("\n## ", 5));
		Matcher row = Pattern.compile("(?m)^\\| `?([A-Z]+)`? \\| `([^`]+)` \\|(( [✓—] \\|){5})").matcher(section);
		List<AccessRules.Rule> documented = new ArrayList<>();
		while (row.find()) {
			String[] marks = row.group(3).split("\\|");
			Role least = null;
			for (int i = 0; i < WEAKEST_FIRST.length; i++) {
				if (marks[i].strip().equals("✓") && least == null) {
					least = WEAKEST_FIRST[i];
				}
				if (least != null) {
					assertThat(marks[i].strip()).as("row %s %s allows every role above its least", row.group(1), row.group(2))
						.isEqualTo("✓");
				}
			}
			documented.add(new AccessRules.Rule(row.group(1), row.group(2), least));
		}
		assertThat(documented).containsExactlyElementsOf(AccessRules.RULES);
	}

	record Route(String method, String path) {
	}

	@Test
	void everySignedInRouteRefusesExactlyTheRolesTheMatrixLeavesOut() throws Exception {
		List<Route> routes = routes();
		assertThat(routes).hasSizeGreaterThan(150);

		Map<Role, String> apis = new EnumMap<>(Role.class);
		Map<Role, UiSession> sessions = new EnumMap<>(Role.class);
		for (Role role : WEAKEST_FIRST) {
			Member m = members.add(workspace.id(), role.key() + "-" + UUID.randomUUID() + "@example.org", role.key(),
					"a long password", role);
			apis.put(role, tokens.create(new CurrentUser(m.userId(), m.email(), role.key(), workspace.id(), role, null),
					"matrix").token());
			sessions.put(role, new UiSession(baseUrl()).login(m.email(), "a long password"));
		}

		List<String> wrong = new ArrayList<>();
		for (Role role : WEAKEST_FIRST) {
			UiSession session = sessions.get(role);
			String csrf = UiSession.csrf(session.get("/settings").body());
			UUID self = members.userIdByEmail(session.email()).orElseThrow();
			for (Route listed : routes) {
				Route route = new Route(listed.method(), listed.path().replace("{self}", self.toString()));
				boolean allowed = role.includes(AccessRules.least(route.method(), route.path()));
				int status = route.path().startsWith("/api/") ? call(apis.get(role), route)
						: call(session, route, csrf);
				if (allowed == (status == 403)) {
					wrong.add(role.key() + " " + route.method() + " " + route.path() + " → " + status
							+ (allowed ? " (matrix allows)" : " (matrix refuses)"));
				}
			}
			assertThat(session.get("/settings").status()).as("the %s session survived the sweep", role).isEqualTo(200);
		}
		assertThat(wrong).isEmpty();
	}

	private List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (PUBLIC.stream().anyMatch(pattern::startsWith)
						|| (pattern.startsWith("/blog/") && !pattern.startsWith("/blog/admin")) || pattern.equals("/")) {
					continue;
				}
				String path = concrete(pattern);
				if (pattern.contains("{userId}") && pattern.startsWith("/blog/admin/authors")) {
					path = pattern.replace("{userId}", "{self}");
				}
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					Route route = new Route(m.name(), path);
					if (!routes.contains(route)) {
						routes.add(route);
					}
				}
			}
		});
		return routes;
	}

	/** A path of the pattern with every variable filled: the first alternative of a choice, else an unknown id. */
	private static String concrete(String pattern) {
		Matcher var = Pattern.compile("\\{([^}:]+)(?::([^}]*))?}").matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (var.find()) {
			String regex = var.group(2);
			String value = regex != null && regex.matches("[a-z|]+") ? regex.split("\\|")[0]
					: var.group(1).equals("key") ? "nokey" : UUID.randomUUID().toString();
			var.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		var.appendTail(out);
		return out.toString();
	}

	private int call(String token, Route route) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + route.path()))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json");
		request = route.method().equals("GET") ? request.GET()
				: request.method(route.method(), HttpRequest.BodyPublishers.ofString("{}"));
		return new Api(baseUrl(), null).send(request).status();
	}

	private int call(UiSession session, Route route, String csrf) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + route.path()))
			.header("Content-Type", "application/x-www-form-urlencoded");
		request = route.method().equals("GET") ? request.GET()
				: request.method(route.method(), HttpRequest.BodyPublishers.ofString("_csrf=" + csrf));
		return session.send(request).status();
	}
}
