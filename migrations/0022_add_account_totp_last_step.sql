-- The time step of the last accepted TOTP code: a code is accepted once (ASVS 2.8.4), even within its 30 s.
ALTER TABLE account ADD COLUMN totp_last_step bigint;
