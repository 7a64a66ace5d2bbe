// SQL of notifications: the inbox rows of a notice's recipients, the mail outbox, and the inbox as its owner
// reads it (always within notificationScope: a foreign id is simply not there).
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { notificationScope } from '../../platform/auth/policy.ts';
import type { Bilingual } from '../../platform/errors.ts';
import type { NotificationKind } from './notifications.vocabulary.ts';

type Scope = ReturnType<typeof notificationScope>;

export interface NewNotification {
  organizationIds: string[];
  kind: NotificationKind;
  title: Bilingual;
  body: Bilingual;
  link: string | null;
  entityId: string | null;
  key: string;
  /** When it happened; the database's clock when absent. */
  at?: Date;
}

export interface Recipient {
  notificationId: string;
  userId: string;
  email: string;
  name: string;
}

/** One inbox row per active user of the organisations, unless that user already has this event (same
 *  key): answers the recipients whose row is new. */
export async function insertForOrganizations(db: Database, n: NewNotification): Promise<Recipient[]> {
  const at = n.at ?? sql<Date>`now()`;
  const inserted = await db
    .insertInto('notifications')
    .columns([
      'user_id',
      'organization_id',
      'kind',
      'title_id',
      'title_en',
      'body_id',
      'body_en',
      'link',
      'entity_id',
      'dedupe_key',
      'created_at',
    ])
    .expression(
      db
        .selectFrom('users as u')
        .select([
          'u.id',
          sql<string>`u.organization_id`.as('organization_id'),
          sql<NotificationKind>`${n.kind}::text`.as('kind'),
          sql<string>`${n.title.id}::text`.as('title_id'),
          sql<string>`${n.title.en}::text`.as('title_en'),
          sql<string>`${n.body.id}::text`.as('body_id'),
          sql<string>`${n.body.en}::text`.as('body_en'),
          sql<string | null>`${n.link}::text`.as('link'),
          sql<string | null>`${n.entityId}::text`.as('entity_id'),
          sql<string>`${n.key}::text`.as('dedupe_key'),
          sql<Date>`${at}::timestamptz`.as('created_at'),
        ])
        .where(sql<boolean>`u.organization_id = ANY(${n.organizationIds}::uuid[])`)
        .where('u.disabled_at', 'is', null)
        .orderBy('u.id'),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning(['id', 'user_id'])
    .execute();
  if (inserted.length === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where(
      'id',
      'in',
      inserted.map((r) => r.user_id),
    )
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  return inserted.map((r) => {
    const u = byId.get(r.user_id);
    return { notificationId: r.id, userId: r.user_id, email: u?.email ?? '', name: u?.name ?? '' };
  });
}

export interface QueuedMail {
  dedupeKey: string;
  notificationId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
}

/** Queues mails; one already queued under the same key is left as it is. */
export async function enqueueMails(db: Database, mails: QueuedMail[], at?: Date): Promise<number> {
  if (mails.length === 0) return 0;
  const r = await db
    .insertInto('email_outbox')
    .values(
      mails.map((m) => ({
        dedupe_key: m.dedupeKey,
        notification_id: m.notificationId,
        to_address: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        message_id: m.messageId,
        ...(at ? { created_at: at } : {}),
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

// ---- the inbox ----

const COLUMNS = [
  'n.id',
  'n.kind',
  'n.title_id',
  'n.title_en',
  'n.body_id',
  'n.body_en',
  'n.link',
  'n.entity_id',
  'n.created_at',
  'n.read_at',
] as const;

export async function listInbox(db: Database, scope: Scope, f: { unread: boolean; limit: number; offset: number }) {
  const base = db.selectFrom('notifications as n').where(scope);
  const filtered = f.unread ? base.where('n.read_at', 'is', null) : base;
  const rows = await filtered
    .select(COLUMNS)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const counts = await base
    .select([
      sql<string>`count(*) FILTER (WHERE ${f.unread ? sql`n.read_at IS NULL` : sql`true`})`.as('total'),
      sql<string>`count(*) FILTER (WHERE n.read_at IS NULL)`.as('unread'),
    ])
    .executeTakeFirstOrThrow();
  return { rows, total: Number(counts.total), unread: Number(counts.unread) };
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** Marks one notice read (a notice already read keeps the time it was first read); undefined when the
 *  notice is not in the scope. */
export async function markRead(db: Database, scope: Scope, id: string, now: Date): Promise<InboxRow | undefined> {
  return db
    .updateTable('notifications as n')
    .set({ read_at: sql<Date>`coalesce(n.read_at, ${now}::timestamptz)` })
    .where('n.id', '=', id)
    .where(scope)
    .returning(COLUMNS)
    .executeTakeFirst();
}

/** Marks every unread notice in the scope read; answers how many. */
export async function markAllRead(db: Database, scope: Scope, now: Date): Promise<number> {
  const r = await db.updateTable('notifications as n').set({ read_at: now }).where('n.read_at', 'is', null).where(scope).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function unreadCount(db: Database, scope: Scope): Promise<number> {
  const r = await db
    .selectFrom('notifications as n')
    .select(sql<string>`count(*)`.as('n'))
    .where('n.read_at', 'is', null)
    .where(scope)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- the outbox, as a sender works it ----

export interface ClaimedMail {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  message_id: string;
  attempts: number;
  lease_until: Date;
}

/**
 * Claims up to `limit` mails due at `now`: queued ones whose back-off has passed, and ones a sender claimed
 * but whose lease ran out (that sender died mid-send). Each is marked `sending` until `leaseUntil` and
 * counted as one more attempt, in one short transaction; SKIP LOCKED lets several server processes work
 * one outbox without taking the same mail. A claimed mail past its last attempt is given up instead.
 */
export async function claimDue(db: Database, now: Date, leaseUntil: Date, limit: number, maxAttempts: number): Promise<ClaimedMail[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('email_outbox')
      .select(['id', 'attempts'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)])]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const spent = due.filter((d) => d.attempts >= maxAttempts).map((d) => d.id);
    if (spent.length) {
      await trx
        .updateTable('email_outbox')
        .set({ status: 'failed', lease_until: null, next_attempt_at: null, last_error: sql`coalesce(last_error, 'too many attempts')` })
        .where('id', 'in', spent)
        .execute();
    }
    const take = due.filter((d) => d.attempts < maxAttempts).map((d) => d.id);
    if (take.length === 0) return [];
    return trx
      .updateTable('email_outbox')
      .set({ status: 'sending', attempts: sql`attempts + 1`, lease_until: leaseUntil })
      .where('id', 'in', take)
      .returning(['id', 'to_address', 'subject', 'text', 'html', 'message_id', 'attempts', 'lease_until'])
      .execute() as Promise<ClaimedMail[]>;
  });
}

/** Records a mail as sent, if this sender's claim still holds it (the lease it took). */
export async function markSent(db: Database, m: ClaimedMail, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set({ status: 'sent', sent_at: now, lease_until: null, next_attempt_at: null, last_error: null })
    .where('id', '=', m.id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', m.lease_until)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A failed send: queued again for `nextAt`, or given up (`failed`) when `nextAt` is null. */
export async function markFailed(db: Database, m: ClaimedMail, error: string, nextAt: Date | null): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set({ status: nextAt ? 'queued' : 'failed', last_error: error, lease_until: null, next_attempt_at: nextAt })
    .where('id', '=', m.id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', m.lease_until)
    .execute();
}

/** Embedded database only (one process owns the data directory): mails a dead process was sending are due
 *  again at once rather than when their lease ends. Answers how many. */
export async function releaseInterrupted(db: Database): Promise<number> {
  const r = await db
    .updateTable('email_outbox')
    .set({ status: 'queued', lease_until: null, next_attempt_at: null })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
