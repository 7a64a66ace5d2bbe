// Notification mail: the outbox (email_outbox) is filled by `notify` inside the transaction of the event,
// and emptied by a sender — `drainOutbox`, run by a loop in the server process (`startMailer`) — that claims
// due mails with a lease, sends each over SMTP with nodemailer and records the outcome.
//
// Why nothing is lost and nothing is sent twice in the ordinary course:
// - a mail exists only if its event committed (same transaction), and stays `queued` until a sender claims
//   it, so a process that dies between the event and the send leaves it queued: the next start sends it;
// - a claim is a short transaction of its own (`sending` + a lease, SKIP LOCKED), so two senders never take
//   the same mail while its lease runs, and a sender that dies holding one only delays it until the lease
//   ends (on the embedded database, until the next start: one process owns the data directory);
// - `sent` is recorded only by the sender whose lease still holds the row, and a sent mail is never claimed.
// The one window left is a sender dying after the SMTP server accepted a mail and before `sent` was
// written: that mail goes out again, with the same Message-ID (derived from its key), so it can be
// recognised as the same message. No SMTP client can close that window; it is as narrow as one UPDATE.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import { mailboxDomain } from '../../config.ts';
import type { Database, DbHandle } from '../../db/client.ts';
import { errorLine, LEASE_MS, MAX_ATTEMPTS, retryDelayMs } from './notifications.rules.ts';
import * as store from './notifications.store.ts';

/** What `notify` needs to queue mail: set from the configuration when the app is built (`configureMail`). */
export interface MailSettings {
  from: string;
  /** The domain of Message-IDs: the sender's. */
  domain: string;
  publicUrl?: string;
}

let settings: MailSettings | null = null;

/** Called with the app's configuration when the app is built: with ETALASE_SMTP_URL set, `notify` queues
 *  mail; without it, notifications reach the inbox only and no mail is queued. Module state, because
 *  `notify(db, …)` is called from inside other modules' transactions, which carry no configuration. */
export function configureMail(config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>) {
  settings = config.smtpUrl
    ? { from: config.mailFrom, domain: mailboxDomain(config.mailFrom) ?? 'etalase.id', publicUrl: config.publicUrl }
    : null;
}

/** The settings `notify` queues mail with, or null when mail is not configured. */
export const mailSettings = (): MailSettings | null => settings;

/** The transport's own bounds: one send always ends (in failure at worst) well inside LEASE_MS. */
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };
/** Mails claimed at once: a small batch, so a crash leaves few mails waiting for their lease. */
const BATCH = 10;

export interface DrainResult {
  sent: number;
  /** Failed sends queued again for later. */
  retried: number;
  /** Mails given up (their last attempt failed). */
  failed: number;
}

function transportOf(config: Pick<Config, 'smtpUrl'>): Transporter {
  return nodemailer.createTransport({ url: config.smtpUrl, ...TIMEOUTS } as Parameters<typeof nodemailer.createTransport>[0]);
}

/**
 * Sends every mail that is due now (by `config.clock()`): claims a batch, sends it, records each outcome,
 * and again until none is due. A failed send is queued again after a back-off (1, 2, 4 … minutes) and given
 * up after MAX_ATTEMPTS. `db` is the outer handle (never a transaction): each claim and each outcome is its
 * own short transaction, and no transaction is open while the SMTP server is talked to. Without
 * ETALASE_SMTP_URL there is nothing to do.
 */
export async function drainOutbox(db: Database, config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'clock'>): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
  if (!config.smtpUrl) return result;
  if (db.isTransaction) throw new Error('drainOutbox needs the outer database handle, not a transaction');
  const transport = transportOf(config);
  try {
    for (;;) {
      const now = config.clock();
      const claimed = await store.claimDue(db, now, new Date(now.getTime() + LEASE_MS), BATCH, MAX_ATTEMPTS);
      if (claimed.length === 0) break;
      for (const m of claimed) {
        try {
          await transport.sendMail({
            from: config.mailFrom,
            to: m.to_address,
            subject: m.subject,
            text: m.text,
            ...(m.html ? { html: m.html } : {}),
            messageId: m.message_id,
            date: config.clock(),
            headers: { 'Auto-Submitted': 'auto-generated' },
          });
        } catch (e) {
          const last = m.attempts >= MAX_ATTEMPTS;
          const next = last ? null : new Date(config.clock().getTime() + retryDelayMs(m.attempts));
          await store.markFailed(db, m, errorLine(e), next);
          if (last) result.failed++;
          else result.retried++;
          continue;
        }
        await store.markSent(db, m, config.clock());
        result.sent++;
      }
    }
  } finally {
    transport.close();
  }
  return result;
}

export interface Mailer {
  /** Looks at the outbox now (and again after the current round if one is running). */
  kick(): void;
  /** Resolves when no round is running. */
  idle(): Promise<void>;
  /** No round starts after this; the one running finishes. */
  stop(): Promise<void>;
}

/**
 * The sender loop of a server process: a round of `drainOutbox` every `intervalMs` (and on `kick`), one at
 * a time. On the embedded database it first makes due again what a dead process was sending (one process
 * owns the data directory, so nobody else can be sending it). Null without ETALASE_SMTP_URL.
 */
export function startMailer(
  handle: Pick<DbHandle, 'db' | 'kind'>,
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'clock'>,
  log: (msg: string, err?: unknown) => void = () => {},
  intervalMs = 15_000,
): Mailer | null {
  if (!config.smtpUrl) return null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const started = handle.kind === 'pglite' ? store.releaseInterrupted(handle.db).then(() => {}) : Promise.resolve();

  const round = async () => {
    await started;
    do {
      again = false;
      if (stopped) return;
      const r = await drainOutbox(handle.db, config);
      if (r.retried || r.failed) log(`mail: ${r.sent} sent, ${r.retried} to retry, ${r.failed} given up`);
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((e) => log('mail: sending failed', e))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(kick, intervalMs);
  timer.unref();
  kick();
  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
