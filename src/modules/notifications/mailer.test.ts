// Notification mail against a real SMTP server on this machine (smtp-server): one notice, one message with
// its subject and recipient; a refused send stays queued with one more attempt and goes out once the server
// accepts; a database closed before the send (a restart) sends the mail exactly once after it reopens, and
// so does one closed while a sender held the mail; the loop of the server process sends on its own.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { persistentTestDb } from '../../../tests/db.ts';
import { startSmtp, type TestSmtp } from '../../../tests/smtp.ts';
import { type Config, loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { configureMail, drainOutbox, startMailer } from './mailer.ts';
import { emailKey, LEASE_MS, MAX_ATTEMPTS, messageIdFor } from './notifications.rules.ts';
import { type Notice, notify } from './notifications.service.ts';
import * as store from './notifications.store.ts';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

/** A clock the test moves by hand (the back-off and the lease are measured on it). */
function manualClock(start = TEST_NOW): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & { advance(ms: number): void };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

const TITLE = { id: 'Rekap tagihan November terbit', en: 'November statement issued' };
const notice = (organizationId: string, key: string): Notice => ({
  organizationIds: [organizationId],
  kind: 'statement_issued',
  title: TITLE,
  body: { id: 'Periksa lalu setujui atau sanggah.', en: 'Check it, then accept or dispute it.' },
  link: '/operations/orders',
  entityId: null,
  key,
  at: TEST_NOW,
});

const orgOf = async (db: Database, email: string) =>
  (await db.selectFrom('users').select(['id', 'organization_id']).where('email', '=', email).executeTakeFirstOrThrow()) as {
    id: string;
    organization_id: string;
  };
const outbox = (db: Database, key: string) => db.selectFrom('email_outbox').selectAll().where('dedupe_key', 'like', `${key}:%`).execute();
const receivedFor = (key: string, userId: string) =>
  smtp.received.filter((m) => m.messageId === messageIdFor(emailKey(key, userId), 'etalase.id'));

describe('through the app, with ETALASE_SMTP_URL set', () => {
  let t: TestApp;
  let umkm: { id: string; organization_id: string };
  beforeAll(async () => {
    t = await testApp({ smtpUrl: smtp.url });
    umkm = await orgOf(t.handle.db, demo('umkm'));
  });
  afterAll(() => t.close());
  const config = (clock: Clock): Config => ({ ...t.config, clock });

  it('queues one mail per recipient and sends it once: the right subject, recipient and sender', async () => {
    const key = 'statement:m1:issued';
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    const users = await t.handle.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('organization_id', '=', umkm.organization_id)
      .where('disabled_at', 'is', null)
      .execute();
    const queued = await outbox(t.handle.db, key);
    expect(queued.map((m) => m.to_address).sort()).toEqual(users.map((u) => u.email).sort());
    expect(queued.every((m) => m.status === 'queued' && m.attempts === 0)).toBe(true);

    const clock = manualClock();
    expect(await drainOutbox(t.handle.db, config(clock))).toEqual({ sent: users.length, retried: 0, failed: 0 });
    const mine = receivedFor(key, umkm.id);
    expect(mine.length).toBe(1);
    expect(mine[0]?.to).toEqual([demo('umkm')]);
    expect(mine[0]?.from).toBe('noreply@etalase.id');
    expect(mine[0]?.subject).toBe('Rekap tagihan November terbit / November statement issued');
    expect(mine[0]?.raw).toContain('Auto-Submitted: auto-generated');
    const sent = await outbox(t.handle.db, key);
    expect(sent.every((m) => m.status === 'sent' && m.attempts === 1 && m.sent_at?.getTime() === TEST_NOW.getTime())).toBe(true);

    // Draining again, and notifying the same event again, send nothing more.
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    expect(await drainOutbox(t.handle.db, config(clock))).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(receivedFor(key, umkm.id).length).toBe(1);
    expect((await outbox(t.handle.db, key)).length).toBe(users.length);
  });

  it('a refused send stays queued with one more attempt, waits its back-off, then goes out once accepted', async () => {
    const key = 'statement:m2:issued';
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    const clock = manualClock();
    smtp.refuse = true;
    try {
      const r = await drainOutbox(t.handle.db, config(clock));
      expect(r.sent).toBe(0);
      expect(r.retried).toBeGreaterThan(0);
      const [row] = (await outbox(t.handle.db, key)).filter((m) => m.to_address === demo('umkm'));
      expect(row?.status).toBe('queued');
      expect(row?.attempts).toBe(1);
      expect(row?.last_error).toMatch(/451|try again later/);
      expect(row?.next_attempt_at?.getTime()).toBe(TEST_NOW.getTime() + 60_000);
      expect(row?.lease_until).toBeNull();
    } finally {
      smtp.refuse = false;
    }
    // Not due yet: the server accepts again, but the back-off has not passed.
    expect((await drainOutbox(t.handle.db, config(clock))).sent).toBe(0);
    expect(receivedFor(key, umkm.id).length).toBe(0);
    clock.advance(60_000);
    expect((await drainOutbox(t.handle.db, config(clock))).sent).toBeGreaterThan(0);
    expect(receivedFor(key, umkm.id).length).toBe(1);
    const [row] = (await outbox(t.handle.db, key)).filter((m) => m.to_address === demo('umkm'));
    expect(row?.status).toBe('sent');
    expect(row?.attempts).toBe(2);
    expect(row?.last_error).toBeNull();
  });

  it('gives up after a bounded number of tries; an unreachable server is a failure like a refusal', async () => {
    const key = 'statement:m3:issued';
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    const clock = manualClock();
    // Nothing listens on port 9 of this machine: every try fails to connect.
    const down = { ...config(clock), smtpUrl: 'smtp://127.0.0.1:9' };
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await drainOutbox(t.handle.db, down);
      expect(r.sent).toBe(0);
      const [row] = (await outbox(t.handle.db, key)).filter((m) => m.to_address === demo('umkm'));
      expect(row?.attempts).toBe(i);
      expect(row?.status).toBe(i < MAX_ATTEMPTS ? 'queued' : 'failed');
      clock.advance(3 * 60 * 60_000);
    }
    expect((await drainOutbox(t.handle.db, config(clock))).sent).toBe(0);
    expect(receivedFor(key, umkm.id).length).toBe(0);
  });

  it('two senders at once send each mail once (on a server: two connections, SKIP LOCKED)', async () => {
    const key = 'statement:m5:issued';
    const staff = await t.handle.db
      .insertInto('users')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          email: `staf${i}@uji.id`,
          name: `Staf ${i}`,
          role: 'umkm' as const,
          organization_id: umkm.organization_id,
          password_hash: 'x',
        })),
      )
      .returning('id')
      .execute();
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    const clock = manualClock();
    const [a, b] = await Promise.all([drainOutbox(t.handle.db, config(clock)), drainOutbox(t.handle.db, config(clock))]);
    const rows = await outbox(t.handle.db, key);
    expect(rows.length).toBeGreaterThanOrEqual(31);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(rows.length);
    for (const s of staff) expect(receivedFor(key, s.id).length).toBe(1);
    const ids = smtp.received.filter((m) => rows.some((r) => r.message_id === m.messageId)).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(rows.length);
    expect(ids.length).toBe(rows.length);
    await t.handle.db.updateTable('users').set({ disabled_at: TEST_NOW }).where('email', 'like', 'staf%@uji.id').execute();
  });

  it('the loop of the server process sends on its own and stops cleanly', async () => {
    const key = 'statement:m4:issued';
    await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
    const logged: string[] = [];
    const mailer = startMailer(t.handle, config(manualClock()), (m) => logged.push(m), 50);
    if (!mailer) throw new Error('no mailer with SMTP configured');
    try {
      const deadline = Date.now() + 20_000;
      while (receivedFor(key, umkm.id).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(receivedFor(key, umkm.id).length).toBe(1);
    } finally {
      await mailer.stop();
    }
    expect(logged).toEqual([]);
    expect(startMailer(t.handle, { ...config(manualClock()), smtpUrl: undefined })).toBeNull();
  });
});

describe('across a restart', () => {
  const mailConfig = (clock: Clock) => loadConfig({}, { smtpUrl: smtp.url, clock });

  it('a mail queued before the database closed is sent exactly once after it reopens', async () => {
    const copy = await persistentTestDb();
    const key = 'statement:r1:issued';
    const clock = manualClock();
    try {
      configureMail(mailConfig(clock));
      let handle = await copy.open();
      const umkm = await orgOf(handle.db, demo('umkm'));
      await handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
      expect((await outbox(handle.db, key)).length).toBeGreaterThan(0);
      await handle.close(); // the process ends before any send

      handle = await copy.open();
      try {
        expect((await outbox(handle.db, key)).every((m) => m.status === 'queued')).toBe(true);
        await drainOutbox(handle.db, mailConfig(clock));
        expect(receivedFor(key, umkm.id).length).toBe(1);
        await drainOutbox(handle.db, mailConfig(clock));
        expect(receivedFor(key, umkm.id).length).toBe(1);
      } finally {
        await handle.close();
      }
      // And once more after another restart: a sent mail stays sent.
      handle = await copy.open();
      try {
        await drainOutbox(handle.db, mailConfig(clock));
        expect(receivedFor(key, umkm.id).length).toBe(1);
        expect((await outbox(handle.db, key)).every((m) => m.status === 'sent')).toBe(true);
      } finally {
        await handle.close();
      }
    } finally {
      configureMail({ mailFrom: 'Etalase <noreply@etalase.id>' });
      await copy.dispose();
    }
  });

  it('a mail a sender had claimed when its process died is sent once after the restart', async () => {
    const copy = await persistentTestDb();
    const key = 'statement:r2:issued';
    const clock = manualClock();
    try {
      configureMail(mailConfig(clock));
      let handle = await copy.open();
      const umkm = await orgOf(handle.db, demo('umkm'));
      await handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, key)));
      // A sender claims every due mail, then its process dies before sending any.
      const claimed = await store.claimDue(handle.db, clock(), new Date(clock().getTime() + LEASE_MS), 1000, MAX_ATTEMPTS);
      expect(claimed.some((m) => m.to_address === demo('umkm'))).toBe(true);
      await handle.close();

      handle = await copy.open();
      try {
        if (handle.kind === 'pglite') {
          // The embedded database has one process: its start makes the interrupted mail due at once.
          const mailer = startMailer(handle, mailConfig(clock), () => {}, 60_000);
          await mailer?.idle();
          await mailer?.stop();
        } else {
          // A server may hold several processes: the mail waits out its lease, then any of them sends it.
          await drainOutbox(handle.db, mailConfig(clock));
          expect(receivedFor(key, umkm.id).length).toBe(0);
          clock.advance(LEASE_MS + 1);
          await drainOutbox(handle.db, mailConfig(clock));
        }
        expect(receivedFor(key, umkm.id).length).toBe(1);
        await drainOutbox(handle.db, mailConfig(clock));
        expect(receivedFor(key, umkm.id).length).toBe(1);
        const rows = await outbox(handle.db, key);
        expect(rows.every((m) => m.status === 'sent' && m.attempts === 2)).toBe(true);
      } finally {
        await handle.close();
      }
    } finally {
      configureMail({ mailFrom: 'Etalase <noreply@etalase.id>' });
      await copy.dispose();
    }
  });
});

describe('without ETALASE_SMTP_URL', () => {
  it('queues no mail and has nothing to send', async () => {
    const t = await testApp();
    try {
      const umkm = await orgOf(t.handle.db, demo('umkm'));
      await t.handle.db.transaction().execute((trx) => notify(trx, notice(umkm.organization_id, 'statement:x1:issued')));
      const n = await t.handle.db
        .selectFrom('notifications')
        .select(sql<string>`count(*)`.as('n'))
        .where('dedupe_key', '=', 'statement:x1:issued')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBeGreaterThan(0);
      expect(await outbox(t.handle.db, 'statement:x1:issued')).toEqual([]);
      expect(await drainOutbox(t.handle.db, t.config)).toEqual({ sent: 0, retried: 0, failed: 0 });
    } finally {
      await t.close();
    }
  });
});

describe('configuration', () => {
  it('reads the SMTP address, the sender and the public address, and refuses what is not one', () => {
    const c = loadConfig({ ETALASE_SMTP_URL: 'smtps://u:p@mail.example:465', ETALASE_PUBLIC_URL: 'https://etalase.example.go.id/' });
    expect(c.smtpUrl).toBe('smtps://u:p@mail.example:465');
    expect(c.mailFrom).toBe('Etalase <noreply@etalase.id>');
    expect(c.publicUrl).toBe('https://etalase.example.go.id');
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ ETALASE_SMTP_URL: 'http://mail.example' })).toThrow(/ETALASE_SMTP_URL/);
    expect(() => loadConfig({ ETALASE_MAIL_FROM: 'Etalase' })).toThrow(/ETALASE_MAIL_FROM/);
    expect(() => loadConfig({ ETALASE_PUBLIC_URL: 'ftp://x.example' })).toThrow(/ETALASE_PUBLIC_URL/);
    expect(loadConfig({ ETALASE_MAIL_FROM: 'kabar@dinas.example.go.id' }).mailFrom).toBe('kabar@dinas.example.go.id');
  });
});
