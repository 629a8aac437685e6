package org.rapport.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rapport.platform.ForbiddenException;
import org.rapport.platform.Role;
import org.rapport.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Author profiles: the box under each post, the author's page, and the author in feeds, Open Graph and JSON-LD. */
class BlogAuthorsIntegrationTests extends BlogTestSupport {

	@Autowired
	Authors authors;

	@Test
	void theAuthorBoxLinksTheAuthorsPageWhichListsTheirPosts() throws Exception {
		authors.save(owner, owner.userId(), new Authors.Input("Olga Owner", "Ich schreibe über das Ehrenamt.", "",
				"olga.example", "@olga@Social.Example"));
		JsonNode post = publish("Ehrenamt heute", "Viele helfen.");
		String authorPath = "/blog/" + workspace.slug() + "/author/olga-owner";
		

		Document page = Jsoup.parse(read(path(post)).body());
		assertThat(page.select(".author-box .author-name a").attr("href")).isEqualTo(authorPath);
		assertThat(page.select(".author-box .author-bio").text()).isEqualTo("Ich schreibe über das Ehrenamt.");
		assertThat(page.select(".author-box .author-links a").eachAttr("href"))
			.containsExactly("https://olga.example", "https://social.example/@olga");
		assertThat(page.select(".byline a.author").attr("href")).isEqualTo(authorPath);
		assertThat(page.select("meta[property=article:author]").attr("content")).endsWith(authorPath).startsWith("http");
		JsonNode ld = Api.JSON.readTree(page.select("script[type=application/ld+json]").html());
		assertThat(ld.get("@type").asString()).isEqualTo("BlogPosting");
		assertThat(ld.get("headline").asString()).isEqualTo("Ehrenamt heute");
		assertThat(ld.get("author").get("name").asString()).isEqualTo("Olga Owner");
		assertThat(ld.get("author").get("url").asString()).endsWith(authorPath).startsWith("http");

		Document authorPage = Jsoup.parse(read(authorPath).body());
		assertThat(authorPage.select("h1").text()).isEqualTo("Olga Owner");
		assertThat(authorPage.select(".post-card h2 a").eachText()).containsExactly("Ehrenamt heute");
		assertThat(Api.JSON.readTree(authorPage.select("script[type=application/ld+json]").html()).get("sameAs"))
			.hasSize(2);
		assertThat(read("/blog/" + workspace.slug() + "/author/niemand").status()).isEqualTo(404);

		JsonNode feed = read("/blog/" + workspace.slug() + "/feed.json").json();
		assertThat(feed.get("items").get(0).get("authors").get(0).get("url").asString()).endsWith(authorPath).startsWith("http");
		SyndFeed atom = new SyndFeedInput().build(new StringReader(read("/blog/" + workspace.slug() + "/atom.xml").body()));
		assertThat(atom.getEntries().get(0).getAuthors().get(0).getUri()).endsWith(authorPath).startsWith("http");
	}

	@Test
	void aMemberWithoutProfileHasAnAuthorPageByName() {
		JsonNode post = publish("Ohne Profil", "Text.");
		Document page = Jsoup.parse(read(path(post)).body());
		assertThat(page.select(".author-box .author-name").text()).isEqualTo("Olga Owner");
		assertThat(page.select(".author-box .avatar").text()).isEqualTo("O");
		assertThat(read("/blog/" + workspace.slug() + "/author/olga-owner").status()).isEqualTo(200);
	}

	@Test
	void profilesAreCheckedAndOnlyManagersEditOthers() {
		assertThatThrownBy(() -> authors.save(owner, owner.userId(), new Authors.Input("Olga", "", "https://elsewhere.example/a.png", "", "")))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uploaded to this blog");
		assertThatThrownBy(() -> authors.save(owner, owner.userId(), new Authors.Input("Olga", "", "", "javascript:alert(1)", "")))
			.isInstanceOf(IllegalArgumentException.class);
		var agent = members.add(workspace.id(), "agent-" + workspace.slug() + "@example.org", "Anna Agent", PASSWORD, Role.AGENT);
		var asAgent = new org.rapport.platform.CurrentUser(agent.userId(), "a@example.org", "Anna Agent", workspace.id(), Role.AGENT, null);
		assertThat(authors.save(asAgent, agent.userId(), new Authors.Input("Anna A.", "Hallo", "", "", "")).slug()).isEqualTo("anna-a");
		assertThatThrownBy(() -> authors.save(asAgent, owner.userId(), new Authors.Input("Fremd", "", "", "", "")))
			.isInstanceOf(ForbiddenException.class);
	}
}
