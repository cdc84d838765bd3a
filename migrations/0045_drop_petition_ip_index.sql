-- The per-address limit counts in petition_address_minute (migration 0049) and nothing else reads cases by
-- their address hash: the (ip_hash, received_at) index only cost every submission an index insert. The column
-- stays (an HMAC of the address, for investigating abuse).
DROP INDEX petition_ip_idx;
