package org.rapport.platform.internal;

import org.rapport.platform.Members;
import org.rapport.platform.RapportProperties;
import org.rapport.platform.Role;
import org.rapport.platform.Workspace;
import org.rapport.platform.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with no users, {@code RAPPORT_ADMIN_EMAIL} and {@code RAPPORT_ADMIN_PASSWORD} create the first
 * workspace and its owner. Without them, the one-time page {@code /setup} does it.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final RapportProperties properties;
	private final Members members;
	private final Workspaces workspaces;
	private final TransactionTemplate tx;

	FirstStart(RapportProperties properties, Members members, Workspaces workspaces, TransactionTemplate tx) {
		this.properties = properties;
		this.members = members;
		this.workspaces = workspaces;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (members.anyUser()) {
			return;
		}
		if (properties.adminEmail() == null || properties.adminEmail().isBlank()) {
			log.info("No users yet: open {} to create the first workspace and its owner.", properties.link("/setup"));
			return;
		}
		tx.executeWithoutResult(s -> {
			Workspace workspace = workspaces.create("Rapport", "main");
			members.add(workspace.id(), properties.adminEmail(), null, properties.adminPassword(), Role.OWNER);
		});
		log.info("Created workspace 'main' with owner {}", properties.adminEmail());
	}
}
