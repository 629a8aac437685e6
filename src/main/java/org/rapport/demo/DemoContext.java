package org.rapport.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Workspace;

/**
 * What the parts of the demo share while it is being filled: the workspace, its owner acting as the one who writes,
 * the contacts by their key in {@code demo-workspace.json}, the members by e-mail address, and the moment it started.
 * Times in the file are relative to that moment, so the demo looks fresh whenever it is created.
 */
record DemoContext(Workspace workspace, CurrentUser owner, Map<String, UUID> contacts, Map<String, UUID> members,
		Instant now) {

	UUID workspaceId() {
		return workspace.id();
	}

	UUID contact(String key) {
		UUID id = contacts.get(key);
		if (id == null) {
			throw new IllegalStateException("demo-workspace.json names an unknown contact '" + key + "'.");
		}
		return id;
	}

	UUID member(String email) {
		UUID id = members.get(email);
		if (id == null) {
			throw new IllegalStateException("demo-workspace.json names an unknown member '" + email + "'.");
		}
		return id;
	}

	/** The instant at the given local time (HH:mm), {@code days} after (or before, when negative) today. */
	Instant at(long days, String time) {
		LocalDate day = LocalDate.ofInstant(now, workspace.timeZone()).plusDays(days);
		return ZonedDateTime.of(day, LocalTime.parse(time), workspace.timeZone()).toInstant();
	}
}
