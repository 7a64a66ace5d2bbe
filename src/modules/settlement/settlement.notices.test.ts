// The settlement clock's notices: a statement billed 16 days ago and unpaid is escalated by the sweep to
// the Dinas of the UMKM's regency (and the chain), once; with mail set up, the Dinas's staff get exactly one
// email — also when the process stops between queuing the mail and sending it. Lifecycle events reach the
// other party's inbox.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import { persistentTestDb } from '../../../tests/db.ts';
import { startSmtp, type TestSmtp } from '../../../tests/smtp.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { actingCtx } from '../../platform/auth/actor.ts';
import { fixedClock } from '../../platform/clock.ts';
import { configureMail, drainOutbox } from '../notifications/mailer.ts';
import { sweepReminders } from './settlement.notices.ts';
import * as svc from './settlement.service.ts';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());

const then = new Date(TEST_NOW.getTime() - 16 * 86_400_000);

/** An issued statement of an OKI business other than umkm@demo, accepted and billed 16 days before TEST_NOW. */
async function billedSixteenDaysAgo(db: Database) {
  const s = (
    await sql<{ id: string; umkm_id: string; chain_id: string }>`SELECT st.id, st.umkm_id, st.chain_id FROM settlement_statements st
      WHERE st.status = 'issued' AND st.umkm_district_code LIKE '16.02.%'
        AND st.umkm_id <> (SELECT organization_id FROM users WHERE email = ${demo('umkm')})
      ORDER BY st.number LIMIT 1`.execute(db)
  ).rows[0];
  if (!s) throw new Error('no issued OKI statement in the demo');
  await db.transaction().execute(async (tx) => {
    const umkm = actingCtx({ role: 'umkm', organizationId: s.umkm_id }, then);
    await svc.accept(tx, umkm, s.id);
    await svc.bill(tx, umkm, s.id, { invoiceNumber: 'INV/NOTICE/1' });
  });
  return s;
}

const dinasUsers = async (db: Database, email: string) =>
  (await db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirstOrThrow()) as {
    id: string;
    email: string;
  };

describe('the sweep', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('escalates once, to the Dinas of the UMKM’s regency and the chain, and to no other Dinas', async () => {
    const db = t.handle.db;
    const s = await billedSixteenDaysAgo(db);
    await db.transaction().execute((tx) => sweepReminders(tx, TEST_NOW));
    await db.transaction().execute((tx) => sweepReminders(tx, TEST_NOW));
    const key = `statement:${s.id}:escalated`;
    const rows = (
      await sql<{ email: string; n: string }>`SELECT u.email, count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.dedupe_key = ${key} GROUP BY u.email`.execute(db)
    ).rows;
    const who = rows.map((r) => r.email);
    expect(who).toContain(demo('pemda.oki'));
    expect(who).toContain(demo('alfamart'));
    expect(who).not.toContain(demo('pemda.serang'));
    expect(who).not.toContain(demo('pemda.bengkulu'));
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    // The Dinas reads it in its inbox, in both languages.
    const inbox = await t.as(demo('pemda.oki'), { method: 'GET', url: '/api/notifications?limit=50' });
    const items = JSON.parse(inbox.body).items as { title: { id: string; en: string }; link: string }[];
    const mine = items.find((i) => i.link === `/settlement/${s.id}`);
    expect(mine?.title.id).toMatch(/lewat batas 15 hari/);
    expect(mine?.title.en).toMatch(/past the 15-day limit/);
  });

  it('tells the UMKM when her statement is issued, and the chain when she accepts', async () => {
    const db = t.handle.db;
    const draft = (
      await sql<{ id: string; umkm_id: string; chain_id: string }>`SELECT id, umkm_id, chain_id FROM settlement_statements
      WHERE status = 'computed' ORDER BY number LIMIT 1`.execute(db)
    ).rows[0]!;
    await db.transaction().execute(async (tx) => {
      await svc.issue(tx, actingCtx({ role: 'retailer', chainId: draft.chain_id, organizationId: draft.chain_id }, TEST_NOW), draft.id);
      await svc.accept(tx, actingCtx({ role: 'umkm', organizationId: draft.umkm_id }, TEST_NOW), draft.id);
    });
    const kinds = (
      await sql<{
        kind: string;
        organization_id: string;
      }>`SELECT DISTINCT kind, organization_id FROM notifications WHERE entity_id = ${draft.id}`.execute(db)
    ).rows;
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: 'statement_issued', organization_id: draft.umkm_id },
        { kind: 'statement_accepted', organization_id: draft.chain_id },
      ]),
    );
  });
});

describe('the escalation email, across a restart', () => {
  it('is sent exactly once to the Dinas, though the process stopped between queuing and sending', async () => {
    const copy = await persistentTestDb();
    const config = loadConfig({}, { smtpUrl: smtp.url, clock: fixedClock(TEST_NOW.toISOString()) });
    try {
      configureMail(config);
      let handle = await copy.open();
      const s = await billedSixteenDaysAgo(handle.db);
      await handle.db.transaction().execute((tx) => sweepReminders(tx, TEST_NOW));
      const dinas = await dinasUsers(handle.db, demo('pemda.oki'));
      const queued = await handle.db
        .selectFrom('email_outbox')
        .select(['status', 'to_address'])
        .where('dedupe_key', '=', `statement:${s.id}:escalated:${dinas.id}`)
        .execute();
      expect(queued).toEqual([{ status: 'queued', to_address: dinas.email }]);
      await handle.close(); // the process ends before any send

      handle = await copy.open();
      try {
        await drainOutbox(handle.db, config);
        await handle.db.transaction().execute((tx) => sweepReminders(tx, TEST_NOW));
        await drainOutbox(handle.db, config);
      } finally {
        await handle.close();
      }
      const toDinas = smtp.received.filter((m) => m.to.includes(dinas.email) && /lewat batas 15 hari/.test(m.subject));
      expect(toDinas.length).toBe(1);
      expect(toDinas[0]?.subject).toMatch(/past the 15-day limit/);
    } finally {
      configureMail({ mailFrom: 'Etalase <noreply@etalase.id>' });
      await copy.dispose();
    }
  });
});
