package org.rapport.blog;

import java.time.Duration;
import java.time.Instant;

import org.rapport.platform.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** Publishes scheduled posts when their time has come, checking every half minute. */
@Component
class ScheduledPublishing {

	private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

	private final Posts posts;

	ScheduledPublishing(Posts posts) {
		this.posts = posts;
	}

	/** Runs {@link #publishDue} as recurring background work, on one node at a time. */
	@Bean
	RecurringWork publishDueRecurring(@Value("${rapport.blog.publish-interval:30s}") Duration interval) {
		return RecurringWork.every("blog-publish-due", interval, this::publishDue);
	}

	void publishDue() {
		for (PostPublished published : posts.publishDue(Instant.now())) {
			log.info("Scheduled post {} published at {}", published.postId(), published.url());
		}
	}
}
