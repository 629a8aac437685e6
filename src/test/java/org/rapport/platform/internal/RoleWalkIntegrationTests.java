package org.rapport.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.rapport.platform.Role;
import org.rapport.support.IntegrationTest;
import org.rapport.support.SampleWorkspace;
import org.rapport.support.UiSession;

/**
 * Walks the pages as each role and finds no control that would answer 403: every same-origin link a role is shown
 * is followed (two steps from the main pages, within a page budget) and must not be refused (nor fail), and every form or
 * button that posts is checked against the permission matrix ({@link AccessRules}) for that role. Forms are not sent,
 * so the walk changes nothing. A failure lists page → control → target.
 */
class RoleWalkIntegrationTests extends IntegrationTest {

	/** Pages followed per role beyond the main pages; enough for two steps from them in a small workspace. */
	private static final int PAGE_BUDGET = 120;

	/** Links the walk never follows: signing out ends the walk. */
	private static final List<String> NOT_FOLLOWED = List.of("/logout");

	@Test
	void noRoleIsShownAControlThatAnswers403() throws Exception {
		SampleWorkspace sample = SampleWorkspace.fill(api, owner.userId().toString());
		List<String> main = List.of("/inbox", "/inbox/" + sample.conversation(), "/contacts", "/contacts/" + sample.contact(),
				"/organisations", "/organisations/" + sample.organisation(), "/events", "/events/" + sample.event(), "/reach-out", "/log",
				"/insights", "/authenticity", "/blog/admin", "/settings", "/settings/account", "/settings/channels",
				"/settings/replies", "/blog/admin/posts/" + sample.post(), sample.postPath());
		List<String> refused = new ArrayList<>();
		int walked = 0;
		for (Role role : List.of(Role.OWNER, Role.MANAGER, Role.AGENT, Role.TRAINEE, Role.VIEWER)) {
			String email = ownerEmail;
			if (role != Role.OWNER) {
				email = role.key() + "-" + workspace.slug() + "@example.org";
				members.add(workspace.id(), email, "Walker " + role.key(), PASSWORD, role);
			}
			int pages = walk(role, new UiSession(baseUrl()).login(email, PASSWORD), main, refused);
			System.out.println("Role walk: " + role.key() + " opened " + pages + " pages");
			walked += pages;
		}
		assertThat(walked).as("pages walked").isGreaterThan(5 * main.size());
		assertThat(refused).as("controls that lead to 403 or a server error (role: page → control → target)").isEmpty();
	}

	private int walk(Role role, UiSession session, List<String> main, List<String> refused) throws Exception {
		record Step(String path, int depth, String from, String control) {
		}
		Set<String> seen = new HashSet<>(main);
		Set<String> formsChecked = new HashSet<>();
		Queue<Step> queue = new ArrayDeque<>();
		main.forEach(p -> queue.add(new Step(p, 0, "navigation", p)));
		int budget = PAGE_BUDGET;
		int walked = 0;
		while (!queue.isEmpty()) {
			Step step = queue.remove();
			UiSession.Page page = get(session, step.path());
			walked++;
			if (page.status() == 403 && step.depth() == 0) {
				continue; // a main page this role may not open; whether it is offered shows on the pages that link to it
			}
			if (page.status() == 403) {
				refused.add(role.key() + ": " + step.from() + " → link \"" + step.control() + "\" → " + step.path());
				continue;
			}
			if (page.status() >= 500) {
				refused.add(role.key() + ": " + step.from() + " → link \"" + step.control() + "\" → " + step.path()
						+ " fails with " + page.status());
				continue;
			}
			if (page.status() != 200 || !page.body().contains("<html")) {
				continue;
			}
			Document html = Jsoup.parse(page.body(), baseUrl() + step.path());
			for (Element link : html.select("a[href]")) {
				String target = localPath(link.absUrl("href"));
				if (target == null || NOT_FOLLOWED.stream().anyMatch(target::startsWith)) {
					continue;
				}
				if (!seen.add(target)) {
					continue;
				}
				if (step.depth() < 2 && budget-- > 0) {
					queue.add(new Step(target, step.depth() + 1, step.path(), label(link)));
				}
				else if (get(session, target).status() == 403) {
					// The last step is only asked whether it lets this role in, not read further.
					refused.add(role.key() + ": " + step.path() + " → link \"" + label(link) + "\" → " + target);
				}
			}
			for (Element form : html.select("form")) {
				if (!offersSubmit(html, form)) {
					continue;
				}
				String method = form.attr("method").isBlank() ? "GET" : form.attr("method").toUpperCase(java.util.Locale.ROOT);
				List<Element> posters = new ArrayList<>(form.select("button[formaction], input[formaction]"));
				posters.add(0, form);
				for (Element control : posters) {
					String action = control == form ? (form.hasAttr("action") ? form.absUrl("action") : baseUrl() + step.path())
							: control.absUrl("formaction");
					String target = localPath(action);
					if (target == null) {
						continue;
					}
					String path = URI.create(baseUrl() + target).getPath();
					if (!governed(path)) {
						continue;
					}
					if (method.equals("DIALOG")) {
						continue;
					}
					if (method.equals("GET")) {
						if (seen.add(path) && get(session, path).status() == 403) {
							refused.add(role.key() + ": " + step.path() + " → search form → " + path);
						}
						continue;
					}
					String key = method + " " + path;
					if (formsChecked.add(key) && !role.includes(AccessRules.least(method, path))) {
						refused.add(role.key() + ": " + step.path() + " → form \"" + label(control == form ? form.selectFirst(
								"button, input[type=submit]") : control) + "\" → " + key);
					}
				}
			}
		}
		return walked;
	}

	private UiSession.Page get(UiSession session, String path) throws Exception {
		// Addresses in pages may carry spaces or umlauts in their query; the HTTP client wants them escaped.
		StringBuilder escaped = new StringBuilder();
		for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
				escaped.append((char) c);
			}
			else {
				escaped.append('%').append(String.format("%02X", c));
			}
		}
		return session.get(escaped.toString());
	}

	/**
	 * Whether a form can be sent at all: a form whose fields are disabled and whose button is left out (how settings
	 * are shown to those who may only read them) offers nothing to press.
	 */
	private static boolean offersSubmit(Document html, Element form) {
		List<Element> submitters = new ArrayList<>(form.select("button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]"));
		if (!form.id().isBlank()) {
			submitters.addAll(html.select("button[form=" + form.id() + "], input[type=submit][form=" + form.id() + "]"));
		}
		return submitters.stream().anyMatch(b -> !b.hasAttr("disabled") && b.parents().stream()
			.noneMatch(p -> p.nameIs("fieldset") && p.hasAttr("disabled")));
	}

	/**
	 * Whether the permission matrix governs a path: the public blog, forms, hooks and federation have doors of their
	 * own that let everyone in (see {@code SecurityConfiguration}).
	 */
	private static boolean governed(String path) {
		if (path.startsWith("/blog/")) {
			return path.startsWith("/blog/admin");
		}
		return PUBLIC.stream().noneMatch(path::startsWith);
	}

	private static final List<String> PUBLIC = List.of("/f/", "/ap/", "/hooks/", "/r/", "/.well-known/", "/nodeinfo/",
			"/login", "/setup", "/privacy/withdraw");

	/** The path and query of a same-origin address, without its fragment; {@code null} for another origin. */
	private String localPath(String absolute) {
		if (absolute == null || !absolute.startsWith(baseUrl() + "/")) {
			return null;
		}
		String local = absolute.substring(baseUrl().length());
		int hash = local.indexOf('#');
		return hash < 0 ? local : local.substring(0, hash);
	}

	private static String label(Element control) {
		if (control == null) {
			return "";
		}
		String text = control.text().strip();
		if (text.isEmpty()) {
			text = control.attr("aria-label");
		}
		if (text.isEmpty()) {
			text = control.attr("value");
		}
		return text.length() > 60 ? text.substring(0, 60) + "…" : text;
	}

}
