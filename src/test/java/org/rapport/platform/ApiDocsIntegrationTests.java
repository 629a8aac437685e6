package org.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rapport.support.Api;
import org.rapport.support.IntegrationTest;

class ApiDocsIntegrationTests extends IntegrationTest {

	@Test
	void publishesTheOpenApiDescriptionAndItsBrowser() {
		Api anonymous = new Api(baseUrl(), null);
		Api.Response docs = anonymous.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		var paths = docs.json().get("paths");
		for (String path : new String[] { "/api/v1/messages", "/api/v1/conversations", "/api/v1/conversations/{id}/messages",
				"/api/v1/activities", "/api/v1/contacts/{id}", "/api/v1/tokens" }) {
			assertThat(paths.has(path)).as(path).isTrue();
		}
		assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}
}
