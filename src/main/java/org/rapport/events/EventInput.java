package org.rapport.events;

import java.time.Instant;

/** What a person enters for an event; {@code null} fields of a change keep their current value. */
public record EventInput(String name, String kind, Instant startsAt, Instant endsAt, String place, String city,
		String website, String notes) {

	EventInput over(Event current) {
		return new EventInput(name != null ? name : current.name(), kind != null ? kind : current.kind(),
				startsAt != null ? startsAt : current.startsAt(), endsAt != null ? endsAt : current.endsAt(),
				place != null ? place : current.place(), city != null ? city : current.city(),
				website != null ? website : current.website(), notes != null ? notes : current.notes());
	}
}
