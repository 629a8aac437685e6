-- The 16 band hashes of a message's fingerprint move into the fingerprint's own row, in band order: near-duplicates
-- are found by joining a period's bands in memory, and taking a message in writes one row instead of seventeen.
alter table authenticity_fingerprints add column bands integer[];
update authenticity_fingerprints f set bands = coalesce(
    (select array_agg(b.hash order by b.band) from authenticity_fingerprint_bands b where b.message_id = f.message_id),
    '{}');
alter table authenticity_fingerprints alter column bands set not null;
drop table authenticity_fingerprint_bands;
