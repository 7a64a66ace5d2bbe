// Notifications: `notify` is what other modules call (settlement: statements, payments, financing) inside
// the transaction of the event — one inbox row per active user of each organisation addressed and, with
// mail configured, one queued mail per such user — and the inbox as its owner reads and clears it.
import type { Database } from '../../db/client.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { notificationScope } from '../../platform/auth/policy.ts';
import { type Bilingual, notFound } from '../../platform/errors.ts';
import { mailSettings } from './mailer.ts';
import { emailKey, isMailAddress, isWebPath, messageIdFor, renderEmail } from './notifications.rules.ts';
import type { InboxQuery } from './notifications.schemas.ts';
import * as store from './notifications.store.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications.vocabulary.ts';

export type { NotificationKind } from './notifications.vocabulary.ts';

export interface Notice {
  /** Recipients: every active (not disabled) user of these organisations. */
  organizationIds: string[];
  kind: NotificationKind;
  title: Bilingual;
  body: Bilingual;
  /** A path of the web app the notice opens (`/settlement/statements/<id>`), or null. */
  link: string | null;
  /** The record the notice is about (a statement's id), or null. */
  entityId: string | null;
  /** The event's dedupe key, e.g. `statement:<id>:issued`: notifying the same key again adds nothing. */
  key: string;
  /** When the event happened — pass `ctx.now`; the database's clock when absent. */
  at?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notice a caller built wrongly is a bug in that caller, not a request to answer: thrown as an Error
 *  (500), before anything is written. */
function check(n: Notice) {
  const problems: string[] = [];
  if (!NOTIFICATION_KINDS.includes(n.kind)) problems.push(`unknown kind ${String(n.kind)}`);
  if (!n.key || n.key.length > 200) problems.push('key must have 1 to 200 characters');
  if (n.link !== null && !isWebPath(n.link)) problems.push(`link ${JSON.stringify(n.link)} is not a path of the web app`);
  if (!n.title.id.trim() || !n.title.en.trim() || n.title.id.length > 200 || n.title.en.length > 200)
    problems.push('title must have 1 to 200 characters in both languages');
  if (n.body.id.length > 2000 || n.body.en.length > 2000) problems.push('body must have at most 2000 characters');
  if (n.entityId !== null && n.entityId.length > 100) problems.push('entityId must have at most 100 characters');
  for (const id of n.organizationIds) if (!UUID.test(id)) problems.push(`organisation id ${JSON.stringify(id)} is not a uuid`);
  if (problems.length) throw new Error(`notify: ${problems.join('; ')}`);
}

/**
 * Inside the caller's transaction (`db` is the request's or job's transaction): one inbox row per active
 * user of each organisation and — when mail is configured (ETALASE_SMTP_URL) — one queued mail per such
 * user. Idempotent per (user, key): a user who already has the event gets neither a second row nor a
 * second mail. Nothing is sent here; the sender loop sends what committed.
 */
export async function notify(db: Database, n: Notice): Promise<void> {
  check(n);
  const organizationIds = [...new Set(n.organizationIds.map((id) => id.toLowerCase()))];
  if (organizationIds.length === 0) return;
  const recipients = await store.insertForOrganizations(db, { ...n, organizationIds });
  const mail = mailSettings();
  if (!mail || recipients.length === 0) return;
  await store.enqueueMails(
    db,
    recipients
      .filter((r) => isMailAddress(r.email))
      .map((r) => {
        const dedupeKey = emailKey(n.key, r.userId);
        const m = renderEmail({ name: r.name, title: n.title, body: n.body, link: n.link, publicUrl: mail.publicUrl });
        return {
          dedupeKey,
          notificationId: r.notificationId,
          to: r.email,
          subject: m.subject,
          text: m.text,
          html: m.html,
          messageId: messageIdFor(dedupeKey, mail.domain),
        };
      }),
    n.at,
  );
}

// ---- the inbox ----

const NOTIFICATION: Bilingual = { id: 'Pemberitahuan', en: 'Notification' };

const present = (r: store.InboxRow) => ({
  id: r.id,
  kind: r.kind,
  title: { id: r.title_id, en: r.title_en },
  body: { id: r.body_id, en: r.body_en },
  link: r.link,
  entityId: r.entity_id,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
});

/** The actor's own inbox, newest first: a page, its total (of the filter) and the unread count. */
export async function listInbox(db: Database, ctx: Ctx, q: InboxQuery) {
  const { rows, total, unread } = await store.listInbox(db, notificationScope(ctx.actor), {
    unread: q.unread,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map(present), total, unread };
}

/** Marks one of the actor's notices read (again: no change); another user's is not found. Not written to
 *  the audit log: reading one's own inbox changes nothing anybody else relies on, and would drown it. */
export async function markRead(db: Database, ctx: Ctx, id: string) {
  const scope = notificationScope(ctx.actor);
  const row = await store.markRead(db, scope, id, ctx.now);
  if (!row) throw notFound(NOTIFICATION);
  return { ...present(row), unread: await store.unreadCount(db, scope) };
}

/** Marks every unread notice of the actor read. */
export async function markAllRead(db: Database, ctx: Ctx) {
  const marked = await store.markAllRead(db, notificationScope(ctx.actor), ctx.now);
  return { marked, unread: 0 };
}
