package org.rapport.inbox;

import java.util.List;
import java.util.UUID;

/**
 * Triages inbound messages as they enter the inbox: kind, sentiment and language. The inbox declares it and calls
 * it once per batch ({@link Inbox#receive}) with the texts of the messages people sent, as it calls the
 * {@link SpamScreen}; another module implements it as a bean. With no implementation messages are stored untriaged.
 * It learns from the team's corrections through {@link TriageCorrected}.
 */
public interface TriageScreen {

	/** The triage of each text, in the order given (as many as texts). */
	List<Triage> triage(UUID workspaceId, List<String> texts);
}
