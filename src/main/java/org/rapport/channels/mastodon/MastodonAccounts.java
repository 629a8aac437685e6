package org.rapport.channels.mastodon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import org.rapport.channels.network.AccountState;
import org.rapport.channels.network.AccountStates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What Rapport keeps per connected Mastodon account (table {@code mastodon_accounts}). */
@Component
class MastodonAccounts extends AccountStates {

	private final JdbcClient jdbc;

	MastodonAccounts(JdbcClient jdbc) {
		super(jdbc, "mastodon_accounts");
		this.jdbc = jdbc;
	}

	/**
	 * @param accountId the account's id on its instance
	 * @param acct its handle as the instance writes it ({@code name} locally, {@code name@host} elsewhere)
	 * @param lastNotificationId the cursor: the newest notification taken in
	 */
	record Account(UUID channelId, String accountId, String acct, String lastNotificationId, AccountState state) {
	}

	Optional<Account> of(UUID channelId) {
		return jdbc.sql("select * from mastodon_accounts where channel_id = ?").param(channelId)
			.query((rs, n) -> map(rs)).optional();
	}

	/** Records who the channel's account is; a reconnect to another account starts reading its notifications anew. */
	Account remember(UUID channelId, String accountId, String acct) {
		jdbc.sql("""
				insert into mastodon_accounts(channel_id, account_id, acct) values (?, ?, ?)
				on conflict (channel_id) do update set acct = excluded.acct, account_id = excluded.account_id,
				  connected = true, last_error = '',
				  last_notification_id = case when mastodon_accounts.account_id = excluded.account_id
				    then mastodon_accounts.last_notification_id end""")
			.params(channelId, accountId, acct)
			.update();
		return of(channelId).orElseThrow();
	}

	/** Moves the cursor after a page was taken in. */
	void advance(UUID channelId, String lastNotificationId, boolean received) {
		jdbc.sql("""
				update mastodon_accounts set last_notification_id = ?,
				  last_received_at = case when ? then now() else last_received_at end where channel_id = ?""")
			.params(lastNotificationId, received, channelId)
			.update();
	}

	/**
	 * Reads from the first notification on: for an account that had none when it was first read, so that a first
	 * burst larger than a page is read whole ({@code min_id=0}) instead of only its newest page. A cursor the stream
	 * set meanwhile stays.
	 */
	void startFromTheBeginning(UUID channelId) {
		jdbc.sql("update mastodon_accounts set last_notification_id = '0' where channel_id = ? and last_notification_id is null")
			.param(channelId)
			.update();
	}

	/** Keeps what a failed call says about the account: a pause asked for, or the access refused. */
	void failed(UUID channelId, MastodonClient.Failure e) {
		failed(channelId, e, e.tokenRejected());
	}

	private static Account map(ResultSet rs) throws SQLException {
		return new Account(rs.getObject("channel_id", UUID.class), rs.getString("account_id"), rs.getString("acct"),
				rs.getString("last_notification_id"), AccountState.of(rs));
	}
}
