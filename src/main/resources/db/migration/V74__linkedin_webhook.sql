-- The hook address the page's notifications were last subscribed to (LinkedIn's Event Subscription API), so that
-- the subscription is made once, and again when the address changes.
alter table linkedin_accounts add column webhook_url text;
