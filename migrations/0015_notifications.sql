-- Notifications (issue 11, point 5): an in-app inbox, one row per recipient user, and an outbox of
-- notification mail sent over SMTP by a loop of the server process (src/modules/notifications/mailer.ts).
-- Both are written inside the transaction of the event they tell of, so a notice exists exactly when the
-- event committed; a repeated event (same dedupe key) adds nothing.

CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES users(id),
  -- the organisation the notice was addressed to (the user's at the time)
  organization_id uuid NOT NULL REFERENCES organizations(id),
  kind            text NOT NULL CHECK (kind IN (
                    'statement_issued', 'statement_disputed', 'statement_accepted', 'statement_corrected',
                    'payment_due_soon', 'payment_overdue', 'statement_escalated', 'statement_not_issued',
                    'financing_offered', 'financing_offer_received', 'financing_accepted', 'statement_paid')),
  title_id        text NOT NULL CHECK (length(title_id) BETWEEN 1 AND 200),
  title_en        text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  body_id         text NOT NULL CHECK (length(body_id) <= 2000),
  body_en         text NOT NULL CHECK (length(body_en) <= 2000),
  -- a path of the web app (`/settlement/statements/<id>`), never another site
  link            text CHECK (link IS NULL OR (link LIKE '/%' AND link NOT LIKE '//%' AND position('\' IN link) = 0
                    AND length(link) <= 500)),
  -- the record the notice is about (a statement, a payment), as its owner names it
  entity_id       text CHECK (entity_id IS NULL OR length(entity_id) <= 100),
  -- the event, e.g. `statement:<id>:issued`: the same event never lands twice in one inbox
  dedupe_key      text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  read_at         timestamptz,
  UNIQUE (user_id, dedupe_key)
);
-- The inbox, newest first, and its unread count.
CREATE INDEX notifications_inbox_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE email_outbox (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the event and the recipient (`<notification key>:<user id>`): one mail per person per event
  dedupe_key      text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 300),
  notification_id uuid REFERENCES notifications(id),
  to_address      text NOT NULL CHECK (to_address ~ '^[^@[:space:]<>]+@[^@[:space:]<>]+$'),
  subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
  text            text NOT NULL,
  html            text,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  -- sends tried so far (counted when a sender claims the row)
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error      text,
  -- queued: not before this (a retry's back-off; NULL: at once). sending: the claim ends at lease_until,
  -- after which another sender may take the row (its sender died).
  next_attempt_at timestamptz,
  lease_until     timestamptz,
  -- the Message-ID header, derived from dedupe_key: a mail sent twice (a sender that died between the
  -- SMTP server's acceptance and recording it) carries the same id, so it can be recognised as one
  message_id      text NOT NULL UNIQUE,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  CHECK (status <> 'sending' OR lease_until IS NOT NULL)
);
-- What a sender looks at: the rows still to send.
CREATE INDEX email_outbox_pending_idx ON email_outbox (created_at, id) WHERE status IN ('queued', 'sending');
