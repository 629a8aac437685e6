package org.rapport.channels.bluesky;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rapport's client metadata for atproto OAuth, at the address that is its client id
 * ({@link BlueskySignIn#METADATA}): authorization servers fetch it, without a session, to learn where they may send
 * a manager back and that Rapport's tokens are bound by DPoP.
 */
@RestController
class BlueskyClientMetadata {

	private final BlueskySignIn signIn;

	BlueskyClientMetadata(BlueskySignIn signIn) {
		this.signIn = signIn;
	}

	@GetMapping(path = BlueskySignIn.METADATA, produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> metadata() {
		return signIn.metadata();
	}
}
