package org.rapport.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.ContactId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The public profiles of identities ({@link PublicProfile}), kept as the connectors last read them, with the moment
 * they were read. A part a new
 * read does not know keeps its old value; an unchanged profile read again within the hour is not written again, so
 * a burst of messages from one account costs one write.
 */
@Component
final class PublicProfiles {

	private final JdbcClient jdbc;

	PublicProfiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores the profiles the claims carry, for the identities of the workspace that exist (an identity on the
	 * erasure block list has none, so its profile is not kept either). Claims must be normalised.
	 */
	void record(UUID workspaceId, Collection<IdentityClaim> claims, Instant observedAt) {
		Map<String, IdentityClaim> latest = new LinkedHashMap<>();
		for (IdentityClaim claim : claims) {
			if (claim.profile() != null && !claim.profile().isEmpty()) {
				latest.put(claim.kind() + ":" + claim.value(), claim);
			}
		}
		if (latest.isEmpty()) {
			return;
		}
		int n = latest.size();
		String[] kinds = new String[n], values = new String[n], handles = new String[n], names = new String[n],
				avatars = new String[n], bios = new String[n], urls = new String[n], created = new String[n];
		Long[] followers = new Long[n], following = new Long[n], posts = new Long[n];
		Boolean[] bots = new Boolean[n];
		int i = 0;
		for (IdentityClaim claim : latest.values()) {
			PublicProfile p = claim.profile();
			kinds[i] = claim.kind();
			values[i] = claim.value();
			handles[i] = p.handle();
			names[i] = p.name();
			avatars[i] = p.avatarUrl();
			bios[i] = p.bio();
			urls[i] = p.url();
			followers[i] = p.followers();
			following[i] = p.following();
			posts[i] = p.posts();
			created[i] = p.createdAt() == null ? null : p.createdAt().toString();
			bots[i] = p.bot();
			i++;
		}
		jdbc.sql("""
				insert into identity_profiles(identity_id, workspace_id, handle, name, avatar_url, bio, url, followers,
				  following, posts, account_created_at, bot, observed_at)
				select i.id, i.workspace_id, p.handle, p.name, p.avatar_url, p.bio, p.url, p.followers, p.following,
				  p.posts, p.created::timestamptz, p.bot, ?
				from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
				  ?::bigint[], ?::bigint[], ?::text[], ?::boolean[])
				  as p(kind, value, handle, name, avatar_url, bio, url, followers, following, posts, created, bot)
				join identities i on i.workspace_id = ? and i.kind = p.kind and i.value = p.value
				on conflict (identity_id) do update set
				  handle = coalesce(excluded.handle, identity_profiles.handle),
				  name = coalesce(excluded.name, identity_profiles.name),
				  avatar_url = coalesce(excluded.avatar_url, identity_profiles.avatar_url),
				  bio = coalesce(excluded.bio, identity_profiles.bio),
				  url = coalesce(excluded.url, identity_profiles.url),
				  followers = coalesce(excluded.followers, identity_profiles.followers),
				  following = coalesce(excluded.following, identity_profiles.following),
				  posts = coalesce(excluded.posts, identity_profiles.posts),
				  account_created_at = coalesce(excluded.account_created_at, identity_profiles.account_created_at),
				  bot = coalesce(excluded.bot, identity_profiles.bot),
				  observed_at = greatest(excluded.observed_at, identity_profiles.observed_at)
				where identity_profiles.observed_at < excluded.observed_at - interval '1 hour'
				  or (identity_profiles.handle, identity_profiles.name, identity_profiles.avatar_url, identity_profiles.bio,
				      identity_profiles.url, identity_profiles.followers, identity_profiles.following, identity_profiles.posts,
				      identity_profiles.account_created_at, identity_profiles.bot)
				    is distinct from
				     (coalesce(excluded.handle, identity_profiles.handle), coalesce(excluded.name, identity_profiles.name),
				      coalesce(excluded.avatar_url, identity_profiles.avatar_url), coalesce(excluded.bio, identity_profiles.bio),
				      coalesce(excluded.url, identity_profiles.url), coalesce(excluded.followers, identity_profiles.followers),
				      coalesce(excluded.following, identity_profiles.following), coalesce(excluded.posts, identity_profiles.posts),
				      coalesce(excluded.account_created_at, identity_profiles.account_created_at),
				      coalesce(excluded.bot, identity_profiles.bot))""")
			.params(Timestamp.from(observedAt), kinds, values, handles, names, avatars, bios, urls, followers, following,
					posts, created, bots, workspaceId)
			.update();
	}

	/** The profiles of a contact's identities, by identity id. */
	Map<UUID, PublicProfile> ofIdentities(UUID contactId) {
		Map<UUID, PublicProfile> found = new HashMap<>();
		jdbc.sql("""
				select p.identity_id, p.handle, p.name, p.avatar_url, p.bio, p.url, p.followers, p.following, p.posts,
				  p.account_created_at, p.bot, p.observed_at
				from identity_profiles p join identities i on i.id = p.identity_id
				where i.contact_id = ?""")
			.param(contactId)
			.query(rs -> {
				found.put(rs.getObject(1, UUID.class), observed(rs));
			});
		return found;
	}

	/**
	 * When the contacts' network accounts were created, as their profiles say: per contact the youngest of its
	 * identities' accounts; contacts whose profiles tell no date are left out.
	 */
	Map<ContactId, Instant> accountsCreated(UUID workspaceId, Collection<UUID> contactIds) {
		Map<ContactId, Instant> found = new HashMap<>();
		if (contactIds.isEmpty()) {
			return found;
		}
		jdbc.sql("""
				select i.contact_id, max(p.account_created_at) from identity_profiles p join identities i on i.id = p.identity_id
				where p.workspace_id = ? and i.contact_id = any(?::uuid[]) and p.account_created_at is not null
				group by i.contact_id""")
			.params(workspaceId, contactIds.toArray(UUID[]::new))
			.query(rs -> {
				found.put(new ContactId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
			});
		return found;
	}

	private static PublicProfile observed(ResultSet rs) throws SQLException {
		Timestamp created = rs.getTimestamp(10);
		return new PublicProfile(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getObject(9, Long.class),
				created == null ? null : created.toInstant(), rs.getObject(11, Boolean.class),
				rs.getTimestamp(12).toInstant());
	}
}
