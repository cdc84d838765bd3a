-- The notification outbox: messages are written in the transaction of the change that causes them and
-- delivered afterwards by a worker, so a message is never sent for a change that rolled back nor lost for
-- one that committed. Recipients are personal data: never logged, readable only through the platform.
CREATE TABLE notification (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  template text NOT NULL,
  lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE INDEX notification_pending_idx ON notification (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_recipient_idx ON notification (recipient, created_at DESC);
