package org.rapport.blog;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Publishes scheduled posts when their time has come, checking every half minute. */
@Component
class ScheduledPublishing {

	private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

	private final Posts posts;

	ScheduledPublishing(Posts posts) {
		this.posts = posts;
	}

	@Scheduled(fixedDelayString = "${rapport.blog.publish-interval:30s}", initialDelayString = "${rapport.blog.publish-interval:30s}")
	void publishDue() {
		for (PostPublished published : posts.publishDue(Instant.now())) {
			log.info("Scheduled post {} published at {}", published.postId(), published.url());
		}
	}
}
