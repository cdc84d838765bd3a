-- Submissions per client address (an HMAC of it), counted per minute. The per-address limit reads at most the
-- last 61 rows of one address instead of counting its stored cases: behind a carrier's NAT thousands of
-- citizens share an address, so a deployment raises that limit and the count must not grow with it. Rows older
-- than an hour are purged now and then by the submissions themselves.
CREATE TABLE petition_address_minute (
  ip_hash bytea NOT NULL,
  minute timestamptz NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (ip_hash, minute)
);
