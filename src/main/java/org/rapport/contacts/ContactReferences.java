package org.rapport.contacts;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.rapport.platform.RecordId;

/**
 * Moves what another module stores about a contact from one contact to another when contacts are merged, and
 * moves exactly those rows back when the merge is undone. Other modules implement it (the inbox for its
 * conversations), so this module merges contacts without knowing them.
 *
 * <p>
 * Rows in tables that reference {@code contacts(id)} and that no implementation claims in {@link #tables()} are
 * moved generically by their foreign key column, so nothing is lost when a module forgets to implement this.
 */
public interface ContactReferences {

	/** A stable name for what this moves, stored with each merge, e.g. {@code conversations}. */
	String key();

	/** The tables whose references to contacts this implementation moves itself. */
	Set<String> tables();

	/**
	 * Moves every row of the workspace that belongs to contact {@code from} over to contact {@code to}. Runs in the
	 * merge's transaction.
	 *
	 * @return the ids of the rows it moved, to be given back to {@link #restore}
	 */
	List<RecordId> move(UUID workspaceId, ContactId from, ContactId to);

	/**
	 * Moves the given rows, which {@link #move} moved from {@code from} to {@code to}, back to {@code from}. Rows
	 * that were deleted meanwhile, or that no longer belong to {@code to}, stay where they are.
	 *
	 * @return how many rows went back
	 */
	int restore(UUID workspaceId, ContactId from, ContactId to, List<RecordId> moved);
}
