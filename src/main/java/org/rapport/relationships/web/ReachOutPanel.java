package org.rapport.relationships.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rapport.platform.CurrentUser;
import org.rapport.platform.Member;
import org.rapport.platform.Members;
import org.rapport.relationships.Gift;
import org.rapport.relationships.GiftSuggestions;
import org.rapport.relationships.Gifts;
import org.rapport.relationships.Reminder;
import org.rapport.relationships.Reminders;
import org.springframework.stereotype.Component;

/**
 * What the contact page shows in its reach-out panel, and the due-reminder count of the navigation, for the
 * templates ({@code @reachOutPanel}), so that the contact page and the layout need only one include each.
 */
@Component("reachOutPanel")
public class ReachOutPanel {

	public record View(UUID contactId, List<Reminder> reminders, List<Gift> gifts, List<GiftSuggestions.Suggestion> suggestions,
			List<Member> members) {
	}

	private final Reminders reminders;
	private final Gifts gifts;
	private final GiftSuggestions suggestions;
	private final Members members;

	ReachOutPanel(Reminders reminders, Gifts gifts, GiftSuggestions suggestions, Members members) {
		this.reminders = reminders;
		this.gifts = gifts;
		this.suggestions = suggestions;
		this.members = members;
	}

	public View of(CurrentUser me, UUID contactId, Locale locale) {
		return new View(contactId, reminders.ofContact(me.workspaceId(), contactId), gifts.of(me.workspaceId(), contactId, 10),
				suggestions.suggest(me.workspaceId(), contactId, 5, locale), members.of(me.workspaceId()));
	}

	/** Reminders due now for the signed-in member, for the badge on the navigation link; 0 when nobody is signed in. */
	public int dueCount(CurrentUser me) {
		return me == null ? 0 : reminders.dueFor(me.workspaceId(), me.userId());
	}
}
