// Kysely table types of notifications: the in-app inbox and the mail outbox — beside
// migrations/0015_notifications.sql.
import type { ColumnType, Generated } from 'kysely';
import type { NotificationKind } from './notifications.vocabulary.ts';

type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  organization_id: string;
  kind: NotificationKind;
  title_id: string;
  title_en: string;
  body_id: string;
  body_en: string;
  link: string | null;
  entity_id: string | null;
  dedupe_key: string;
  created_at: Ts;
  read_at: NullableTs;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  dedupe_key: string;
  notification_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  status: ColumnType<EmailStatus, EmailStatus | undefined, EmailStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: NullableTs;
  lease_until: NullableTs;
  message_id: string;
  created_at: Ts;
  sent_at: NullableTs;
}

export interface NotificationTables {
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
}
