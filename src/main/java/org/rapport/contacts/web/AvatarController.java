package org.rapport.contacts.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.contacts.Contact;
import org.rapport.contacts.Contacts;
import org.rapport.contacts.PublicProfile;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.NotFoundException;
import org.rapport.platform.OutboundGuard;
import org.rapport.platform.OutboundHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A network account's picture, fetched by the server for the contact's page: the page's policy loads images from
 * Rapport alone, and the person reading never tells the network that they looked. The address passes the outbound
 * guard; only PNG, JPEG, GIF and WebP of at most 512 KB are passed on (no SVG, which may carry script), and a
 * picture is kept for a day.
 */
@RestController
class AvatarController {

	private static final Logger log = LoggerFactory.getLogger(AvatarController.class);

	static final int MAX_BYTES = 512 * 1024;

	private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

	private final Contacts contacts;
	private final OutboundHttp http;
	private final Cache<String, Picture> pictures = Caffeine.newBuilder()
		.maximumWeight(32L * 1024 * 1024)
		.<String, Picture>weigher((url, picture) -> picture.bytes().length + 100)
		.expireAfterWrite(Duration.ofDays(1))
		.build();

	private record Picture(String type, byte[] bytes) {
	}

	AvatarController(Contacts contacts, OutboundGuard guard) {
		this.contacts = contacts;
		this.http = guard.http();
	}

	@GetMapping("/contacts/{id}/identities/{identityId}/avatar")
	ResponseEntity<byte[]> avatar(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
			@PathVariable UUID identityId) {
		String address = contacts.get(me.workspaceId(), id).identities().stream()
			.filter(i -> i.id().equals(identityId))
			.map(Contact.Identity::profile)
			.filter(p -> p != null && p.avatarUrl() != null)
			.map(PublicProfile::avatarUrl)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No picture for this identity."));
		Picture picture = pictures.get(address, this::fetch);
		if (picture.bytes().length == 0) {
			throw new NotFoundException("The network did not give the picture.");
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(picture.type()))
			.cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
			.body(picture.bytes());
	}

	/** The picture, or an empty one (kept too, so a broken address is not asked again on every view). */
	private Picture fetch(String address) {
		try {
			OutboundHttp.Response response = http.get(URI.create(address), Map.of("Accept", "image/*"),
					Duration.ofSeconds(5), MAX_BYTES + 1);
			String type = response.headers().firstValue("Content-Type").orElse("");
			type = type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
			if (response.status() == 200 && IMAGES.contains(type) && response.body().length <= MAX_BYTES) {
				return new Picture(type, response.body());
			}
			log.info("Not showing the picture {}: HTTP {}, {}, {} bytes", address, response.status(), type,
					response.body().length);
		}
		catch (IOException | IllegalArgumentException e) {
			log.info("Could not fetch the picture {}: {}", address, e.toString());
		}
		return new Picture("image/png", new byte[0]);
	}
}
