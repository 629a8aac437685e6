package org.rapport.inbox;

import java.util.List;
import java.util.UUID;

/**
 * Screens inbound messages for spam as they enter the inbox. The inbox declares it and calls it once per batch
 * ({@link Inbox#receive}) with the texts of the messages people sent (not outbound, not automated ones); another
 * module implements it as a bean. With no implementation the inbox stores everything as before.
 */
public interface SpamScreen {

	/** From this probability on, a message is spam. */
	double THRESHOLD = 0.5;

	/**
	 * The probability that each text is spam, in the order given (as many as texts). Texts too short to judge
	 * ("Danke!", "👍") must answer a probability below {@link #THRESHOLD}.
	 */
	double[] spamProbabilities(UUID workspaceId, List<String> texts);
}
