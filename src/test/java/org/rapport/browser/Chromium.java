package org.rapport.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Starts Chromium for browser tests: the system's ({@code /usr/bin/chromium}, or {@code RAPPORT_CHROMIUM}) where
 * there is one, otherwise the browser Playwright downloads for itself.
 */
final class Chromium {

	private Chromium() {
	}

	static Path system() {
		String configured = System.getenv("RAPPORT_CHROMIUM");
		return Paths.get(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
	}

	static Playwright playwright() {
		boolean useSystem = Files.isExecutable(system());
		return Playwright.create(new Playwright.CreateOptions()
			.setEnv(useSystem ? Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1") : Map.of()));
	}

	static Browser launch(Playwright playwright) {
		BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync"));
		if (Files.isExecutable(system())) {
			options.setExecutablePath(system());
		}
		return playwright.chromium().launch(options);
	}
}
