package org.rapport.platform.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.SecretBox;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Recognises a browser in which an account signed in successfully before: after each successful login the browser
 * gets a cookie signed with the installation's key, naming nothing but a random nonce bound to the account. Nothing
 * is stored on the server.
 */
@Component
class KnownDevices {

	static final String COOKIE = "rapport_device";

	private static final Duration LIFETIME = Duration.ofDays(180);
	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private final SecretBox box;

	KnownDevices(SecretBox box) {
		this.box = box;
	}

	void remember(String account, HttpServletRequest request, HttpServletResponse response) {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String value = B64.encodeToString(nonce) + "." + B64.encodeToString(mac(account, B64.encodeToString(nonce)));
		response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(LIFETIME)
			.build()
			.toString());
	}

	boolean known(String account, HttpServletRequest request) {
		if (account == null || request.getCookies() == null) {
			return false;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName()) && valid(account, cookie.getValue())) {
				return true;
			}
		}
		return false;
	}

	private boolean valid(String account, String value) {
		int dot = value.indexOf('.');
		if (dot <= 0) {
			return false;
		}
		try {
			byte[] presented = Base64.getUrlDecoder().decode(value.substring(dot + 1));
			return MessageDigest.isEqual(presented, mac(account, value.substring(0, dot)));
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	private byte[] mac(String account, String nonce) {
		return box.mac("known-device", account.strip().toLowerCase(Locale.ROOT) + "|" + nonce);
	}
}
