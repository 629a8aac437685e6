package org.rapport.channels.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.channels.ChannelConnector;
import org.rapport.channels.network.JsonHttp;

/** Reading LinkedIn's notifications and checking their signature, without a server. */
class LinkedInItemsTests {

	static final String ORG = "urn:li:organization:2414183";

	static String file(String name) throws IOException {
		try (var in = LinkedInItemsTests.class.getResourceAsStream("/linkedin/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void aCommentUrnIsWrittenInFullWhicheverWayLinkedInWroteIt() {
		assertThat(LinkedInItems.commentUrn("urn:li:comment:(activity:7401,7402)"))
			.isEqualTo("urn:li:comment:(urn:li:activity:7401,7402)");
		assertThat(LinkedInItems.commentUrn("urn:li:comment:(urn:li:ugcPost:7401,7402)"))
			.isEqualTo("urn:li:comment:(urn:li:ugcPost:7401,7402)");
		assertThat(LinkedInItems.postUrl("urn:li:share:7401")).isEqualTo("https://www.linkedin.com/feed/update/urn:li:share:7401/");
		assertThat(LinkedInItems.postUrl("javascript:alert(1)")).isEmpty();
	}

	@Test
	void commentsAndMentionsOfThePageAreTakenAndTheRestPassedOver() throws IOException {
		var comment = JsonHttp.JSON.readTree(file("webhook_comment.json")).path("notifications");
		List<LinkedInItems.Item> items = LinkedInItems.notifications(comment, ORG, LinkedInConnector.IDENTITY);
		assertThat(items).as("the comment; the page's own comment is kept as own; the like is passed over").hasSize(2);
		assertThat(items.get(0).own()).isFalse();
		assertThat(items.get(0).message().externalId())
			.isEqualTo("urn:li:comment:(urn:li:activity:7401000000000000101,7401000000000000401)");
		assertThat(items.get(0).message().threadKey()).isEqualTo("urn:li:share:7401000000000000001");
		assertThat(items.get(0).topUrn()).isEqualTo(items.get(0).message().externalId());
		assertThat(items.get(1).own()).isTrue();
		assertThat(LinkedInItems.notifications(comment, "urn:li:organization:1", LinkedInConnector.IDENTITY))
			.as("another page's notifications").isEmpty();

		var mention = JsonHttp.JSON.readTree(file("webhook_mention.json")).path("notifications");
		LinkedInItems.Item item = LinkedInItems.notifications(mention, ORG, LinkedInConnector.IDENTITY).getFirst();
		assertThat(item.message().externalId()).isEqualTo("urn:li:share:7401000000000000555");
		assertThat(item.topUrn()).as("answered with a comment on the post").isEmpty();
		assertThat(LinkedInItems.subject("<b>Danke</b> an die Kita\nzweite Zeile")).isEqualTo("LinkedIn: Danke an die Kita");
	}

	@Test
	void onlyADeliverySignedWithTheClientSecretIsTaken() {
		byte[] body = "{\"notifications\": []}".getBytes(StandardCharsets.UTF_8);
		String prefixed = HexFormat.of().formatHex(LinkedInConnector.hmac("secret",
				("hmacsha256=" + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
		assertThat(LinkedInConnector.signed(push(body, prefixed), "secret")).isTrue();
		assertThat(LinkedInConnector.signed(push(body, "hmacsha256=" + prefixed), "secret")).isTrue();
		assertThat(LinkedInConnector.signed(push(body, HexFormat.of().formatHex(LinkedInConnector.hmac("secret", body))),
				"secret")).as("the body alone, as the page can be read").isTrue();
		assertThat(LinkedInConnector.signed(push(body, prefixed), "other")).isFalse();
		assertThat(LinkedInConnector.signed(push(body, null), "secret")).isFalse();
		assertThat(LinkedInConnector.signed(push(body, prefixed), "")).as("no secret, nothing taken").isFalse();
	}

	@Test
	void aNextPageIsNamedByALinkOrTheTotalOrAFullPage() throws IOException {
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(file("comments_post2_page1.json")), 0, 50))
			.as("a link rel=next").isTrue();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(file("comments_post2_page2.json")), 50, 50))
			.as("only rel=prev, and the total reached").isFalse();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(file("comments_post1.json")), 0, 50)).isFalse();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(file("posts.json")), 0, 10))
			.as("no total, a page not full").isFalse();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(
				"{\"paging\": {\"start\": 0, \"count\": 2, \"total\": 5}, \"elements\": [{}, {}]}"), 0, 2))
			.as("the total beyond the page").isTrue();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree("{\"paging\": {}, \"elements\": [{}, {}]}"), 0, 2))
			.as("no total, a full page").isTrue();
		assertThat(LinkedInItems.more(JsonHttp.JSON.readTree(file("notifications_empty.json")), 0, 50)).isFalse();
	}

	@Test
	void aMentionReadBackIsTheSameMessageAsTheWebhooks() throws IOException {
		var post = JsonHttp.JSON.readTree(file("post_mention.json"));
		var mention = LinkedInItems.mention("urn:li:share:7401000000000000777", post, 1764672000000L, ORG,
				LinkedInConnector.IDENTITY).orElseThrow();
		assertThat(mention.message().externalId()).isEqualTo("urn:li:share:7401000000000000777");
		assertThat(mention.message().threadKey()).isEqualTo("urn:li:share:7401000000000000777");
		assertThat(mention.message().from().value()).isEqualTo("urn:li:person:tomWeber08");
		assertThat(mention.message().body()).isEqualTo(
				"Toller Elternabend bei der @Kita Sonnenschein – danke für die Einladung!");
		assertThat(mention.topUrn()).isEmpty();
		assertThat(mention.own()).isFalse();
		assertThat(LinkedInItems.mention("urn:li:share:1", JsonHttp.JSON.readTree("{}"), 0, ORG, LinkedInConnector.IDENTITY))
			.as("no author, nothing").isEmpty();
		assertThat(LinkedInItems.littleText("Hallo @[Kita](urn:li:organization:2414183) und @[Lena](urn:li:person:AbC1)"))
			.isEqualTo("Hallo @Kita und @Lena");
	}

	private static ChannelConnector.Push push(byte[] body, String signature) {
		Map<String, List<String>> headers = signature == null ? Map.of() : Map.of("X-LI-Signature", List.of(signature));
		return new ChannelConnector.Push("POST", HttpHeaders.of(headers, (a, b) -> true), Map.of(), body);
	}
}
