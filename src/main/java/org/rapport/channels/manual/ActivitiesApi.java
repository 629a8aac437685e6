package org.rapport.channels.manual;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Activities", description = "Offline contacts: calls, visits, letters, events, field-staff notes")
class ActivitiesApi {

	private final Activities activities;

	ActivitiesApi(Activities activities) {
		this.activities = activities;
	}

	record From(String handle, String name) {
	}

	record ActivityRequest(From from, UUID contactId, String kind, String direction, String summary, Instant occurredAt) {
	}

	@PostMapping("/api/v1/activities")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Log an offline contact", description = "Give either contactId or from.handle (email, phone or handle).")
	Activities.Logged log(@AuthenticationPrincipal CurrentUser user, @RequestBody ActivityRequest request) {
		return activities.log(user, request.contactId(), request.from() == null ? null : request.from().handle(),
				request.from() == null ? null : request.from().name(), request.kind(),
				request.direction() == null ? "in" : request.direction(), request.summary(), request.occurredAt());
	}
}
