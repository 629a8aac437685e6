package org.rapport.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser session without a browser: cookies, CSRF tokens taken from the pages, German pages. For tests
 * of server-rendered forms where a real browser adds nothing.
 */
public final class UiSession {

	public record Page(int status, String body, String location) {

		/**
		 * Where the browser goes next: the redirect's address, or the address a page that goes on by itself names
		 * (its link {@code #sign-in-continue}); {@code ""} when neither.
		 */
		public String onward() {
			if (!location.isEmpty()) {
				return location;
			}
			var link = java.util.regex.Pattern.compile("id=\"sign-in-continue\"[^>]*href=\"([^\"]*)\"").matcher(body);
			return link.find() ? org.springframework.web.util.HtmlUtils.htmlUnescape(link.group(1)) : "";
		}
	}

	private final String base;
	private final HttpClient browser;

	public UiSession(String base) {
		this(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
	}

	private UiSession(String base, HttpClient browser) {
		this.base = base;
		this.browser = browser;
	}

	/** The same browser, with its cookies, talking to another address (another node of the installation). */
	public UiSession at(String otherBase) {
		UiSession other = new UiSession(otherBase, browser);
		other.email = email;
		return other;
	}

	private String email;

	/** The address this session signed in with. */
	public String email() {
		return email;
	}

	/** Signs in through the login form. */
	public UiSession login(String email, String password) throws Exception {
		this.email = email;
		Page done = form("/login", Map.of("username", email, "password", password, "_csrf", csrf(get("/login").body())));
		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).doesNotContain("error");
		return this;
	}

	public Page send(HttpRequest.Builder request) throws Exception {
		var r = browser.send(request.header("Accept-Language", "de-DE").build(), HttpResponse.BodyHandlers.ofString());
		return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(""));
	}

	/** GETs a picture or another file as the signed-in browser would: status, headers and the bytes. */
	public HttpResponse<byte[]> bytes(String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	public Page get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
	}

	public Page form(String path, Map<String, String> fields) throws Exception {
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	public Page multipart(String path, Map<String, String> fields, String fileName, String file) throws Exception {
		String boundary = "b" + UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
			.append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
		if (file != null) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
				.append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(file).append("\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	/**
	 * The fields of a form-encoded body or query ({@code a=1&b=x%20y}), decoded, in order; a field without {@code =}
	 * is empty.
	 */
	public static java.util.Map<String, String> formFields(String encoded) {
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			String[] kv = pair.split("=", 2);
			fields.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
					kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
		}
		return fields;
	}

	/** The CSRF token of the first form on a page. */
	public static String csrf(String html) {
		Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(m.find()).as("CSRF field in " + html).isTrue();
		return m.group(1);
	}
}
