package org.rapport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Rapport: one inbox for every channel, relationships instead of bought fans.
 * <p>
 * Background work runs on db-scheduler ({@code platform/internal/BackgroundWork}); scheduling stays enabled only for
 * work that belongs to each node itself: keeping this node's IMAP IDLE connections in step with the mailboxes.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RapportApplication {

	public static void main(String[] args) {
		SpringApplication.run(RapportApplication.class, args);
	}
}
