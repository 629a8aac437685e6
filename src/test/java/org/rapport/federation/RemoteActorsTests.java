package org.rapport.federation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteActorsTests {

	@Test
	void aKeyIsBoundToTheActorWhoseDocumentHoldsItOrToItsOrigin() {
		assertThat(RemoteActors.bound("https://a.example/users/alice#main-key", "https://a.example/users/alice")).isTrue();
		assertThat(RemoteActors.bound("https://a.example/users/alice/main-key", "https://a.example/users/alice")).isTrue();
		assertThat(RemoteActors.bound("https://A.example:443/keys/1", "https://a.example/users/alice")).isTrue();

		assertThat(RemoteActors.bound("https://a.example/users/alice#main-key", "https://a.example/users/bob")).isFalse();
		assertThat(RemoteActors.bound("https://a.example/users/alice#main-key", "https://b.example/users/mallory")).isFalse();
		assertThat(RemoteActors.bound("https://a.example/keys/1", "https://b.example/users/mallory")).isFalse();
		assertThat(RemoteActors.bound("https://a.example:8443/keys/1", "https://a.example/users/alice")).isFalse();
		assertThat(RemoteActors.bound("http://a.example/keys/1", "https://a.example/users/alice")).isFalse();
		assertThat(RemoteActors.bound("", "https://a.example/users/alice")).isFalse();
		assertThat(RemoteActors.bound("not a uri", "https://a.example/users/alice")).isFalse();
	}
}
