package org.rapport.insights.web;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.rapport.insights.Outcome;
import org.rapport.insights.Outcomes;
import org.rapport.platform.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What the contact page shows in its outcomes panel ({@code @outcomesPanel} in the templates). */
@Component("outcomesPanel")
public class OutcomesPanel {

	public record View(UUID contactId, List<Outcome> outcomes, List<String> kinds) {
	}

	private final Outcomes outcomes;
	private final MessageSource messages;

	OutcomesPanel(Outcomes outcomes, MessageSource messages) {
		this.outcomes = outcomes;
		this.messages = messages;
	}

	public View of(CurrentUser me, UUID contactId) {
		return new View(contactId, outcomes.of(me.workspaceId(), contactId), outcomes.kinds(me.workspaceId()));
	}

	/** A kind in the reader's language: the built-in ones translated, a workspace's own as it is written. */
	public String kind(String kind, Locale locale) {
		return messages.getMessage("outcome.kind." + kind, null, kind, locale);
	}

	/** A value in the reader's format, as "25,50 €" or "€25.50"; empty without one. */
	public String value(Outcome outcome, Locale locale) {
		if (outcome.value() == null) {
			return "";
		}
		NumberFormat format = NumberFormat.getCurrencyInstance(locale);
		format.setCurrency(Currency.getInstance(outcome.currency()));
		return format.format(outcome.value());
	}
}
