package org.rapport.federation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Checks the HTTP signature of an inbound request (draft-cavage or RFC 9421) and tells whose it is. Keys come from
 * the signer's actor document, cached; when a cached key does not verify, the document is fetched once more and
 * the check repeated, since actors rotate keys. Signatures older than an hour are refused, which with the seen
 * activity ids keeps replays out.
 */
@Component
public class SignatureCheck {

	static final Duration MAX_AGE = Duration.ofHours(1);

	private final RemoteActors actors;

	SignatureCheck(RemoteActors actors) {
		this.actors = actors;
	}

	/** A request whose signature checked out, and the actor that signed it. */
	public record Signed(String actorUri, HttpSignatures.Verified verified) {
	}

	/**
	 * @throws HttpSignatures.SignatureFailure with the status to answer (401 when the signature does not authenticate
	 * the request, 400 when the request is malformed)
	 */
	public Signed verify(HttpSignatures.Request request) throws HttpSignatures.SignatureFailure {
		AtomicReference<RemoteActors.RemoteActor> signer = new AtomicReference<>();
		AtomicReference<Boolean> fromCache = new AtomicReference<>(false);
		HttpSignatures.Verified verified;
		try {
			verified = HttpSignatures.verify(request, keyId -> {
				RemoteActors.RemoteActor cached = actors.byKeyIdCached(keyId);
				RemoteActors.RemoteActor actor = cached != null ? cached : actors.byKeyId(keyId, true);
				fromCache.set(cached != null);
				signer.set(actor);
				return PemKeys.parsePublic(actor.publicKeyPem());
			}, Instant.now(), MAX_AGE);
		}
		catch (HttpSignatures.SignatureFailure e) {
			if (e.status() != 401 || !fromCache.get()) {
				throw e;
			}
			verified = HttpSignatures.verify(request, keyId -> {
				RemoteActors.RemoteActor actor = actors.byKeyId(keyId, true);
				signer.set(actor);
				return PemKeys.parsePublic(actor.publicKeyPem());
			}, Instant.now(), MAX_AGE);
		}
		if (signer.get() == null) {
			throw new HttpSignatures.SignatureFailure(401, "The signing key could not be resolved.");
		}
		return new Signed(signer.get().uri(), verified);
	}
}
