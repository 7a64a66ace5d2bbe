// notify() and the inbox routes on the demo database: one row per active user of each organisation (none
// for a disabled one), idempotent per (user, key), written only if the caller's transaction commits; each
// person reads and marks only their own notices.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, TEST_NOW, type TestApp, testApp } from '../../../tests/app.ts';
import type { Database } from '../../db/client.ts';
import { type Notice, notify } from './notifications.service.ts';

let t: TestApp;
let umkmOrg: string;
let chainOrg: string;
let colleague: string;
let disabled: string;

const notice = (key: string, over: Partial<Notice> = {}): Notice => ({
  organizationIds: [umkmOrg],
  kind: 'statement_issued',
  title: { id: 'Rekap tagihan November terbit', en: 'November statement issued' },
  body: { id: 'Periksa lalu setujui atau sanggah.', en: 'Check it, then accept or dispute it.' },
  link: '/operations/orders',
  entityId: null,
  key,
  at: TEST_NOW,
  ...over,
});

/** notify inside a transaction of its own, as a service would call it. */
const send = (n: Notice) => t.handle.db.transaction().execute((trx) => notify(trx, n));

const rowsOf = (db: Database, key: string) =>
  db.selectFrom('notifications').select(['user_id', 'organization_id']).where('dedupe_key', '=', key).orderBy('user_id').execute();

beforeAll(async () => {
  t = await testApp();
  const orgOf = async (email: string) =>
    (await t.handle.db.selectFrom('users').select('organization_id').where('email', '=', email).executeTakeFirstOrThrow())
      .organization_id as string;
  umkmOrg = await orgOf(demo('umkm'));
  chainOrg = await orgOf(demo('alfamart'));
  // A second person at the business, and a third whose account is disabled.
  const add = async (email: string, disabledAt: Date | null) =>
    (
      await t.handle.db
        .insertInto('users')
        .values({ email, name: email, role: 'umkm', organization_id: umkmOrg, password_hash: 'x', disabled_at: disabledAt })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  colleague = await add('rekan@uji.id', null);
  disabled = await add('nonaktif@uji.id', TEST_NOW);
});
afterAll(() => t.close());

describe('notify', () => {
  it('writes one inbox row per active user of each organisation, none for a disabled one, and no mail without SMTP', async () => {
    await send(notice('statement:n1:issued', { organizationIds: [umkmOrg, chainOrg, umkmOrg] }));
    const expected = await t.handle.db
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .where('organization_id', 'in', [umkmOrg, chainOrg])
      .where('disabled_at', 'is', null)
      .orderBy('id')
      .execute();
    expect(expected.length).toBeGreaterThanOrEqual(3);
    const got = await rowsOf(t.handle.db, 'statement:n1:issued');
    expect(got).toEqual(expected.map((u) => ({ user_id: u.id, organization_id: u.organization_id })));
    expect(got.map((r) => r.user_id)).toContain(colleague);
    expect(got.map((r) => r.user_id)).not.toContain(disabled);
    const mails = await t.handle.db.selectFrom('email_outbox').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number(mails.n)).toBe(0);
  });

  it('is idempotent per user and key: the same event again adds nothing, another event adds a row each', async () => {
    const before = (await rowsOf(t.handle.db, 'statement:n1:issued')).length;
    await send(notice('statement:n1:issued', { organizationIds: [umkmOrg, chainOrg] }));
    await send(notice('statement:n1:issued', { organizationIds: [chainOrg] }));
    expect((await rowsOf(t.handle.db, 'statement:n1:issued')).length).toBe(before);
    await send(notice('statement:n1:accepted', { kind: 'statement_accepted' }));
    expect((await rowsOf(t.handle.db, 'statement:n1:accepted')).map((r) => r.user_id).sort()).toEqual(
      (await t.handle.db.selectFrom('users').select('id').where('organization_id', '=', umkmOrg).where('disabled_at', 'is', null).execute())
        .map((u) => u.id)
        .sort(),
    );
  });

  it('exists only if the caller’s transaction commits', async () => {
    const failed = t.handle.db
      .transaction()
      .execute(async (trx) => {
        await notify(trx, notice('statement:rolled-back:issued'));
        throw new Error('the event failed');
      })
      .catch((e: Error) => e.message);
    expect(await failed).toBe('the event failed');
    expect(await rowsOf(t.handle.db, 'statement:rolled-back:issued')).toEqual([]);
  });

  it('refuses a notice built wrongly before writing anything', async () => {
    for (const bad of [
      notice('x:1', { link: 'https://elsewhere.example/' }),
      notice('x:2', { link: '//elsewhere.example' }),
      notice(''),
      notice('x:3', { organizationIds: ['not-a-uuid'] }),
      notice('x:4', { kind: 'statement_lost' as Notice['kind'] }),
      notice('x:5', { title: { id: '', en: 'x' } }),
    ]) {
      await expect(send(bad)).rejects.toThrow(/^notify: /);
    }
    const n = await t.handle.db.selectFrom('notifications').select('id').where('dedupe_key', 'like', 'x:%').execute();
    expect(n).toEqual([]);
  });
});

describe('the inbox routes', () => {
  const umkm = demo('umkm');
  type Item = { id: string; kind: string; title: { id: string }; readAt: string | null; createdAt: string; link: string | null };
  const inbox = async (who: string, query = '') => {
    const res = await t.as(who, { method: 'GET', url: `/api/notifications${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; total: number; unread: number };
  };
  const ownIds = async (email: string) =>
    (
      await t.handle.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select('n.id')
        .where('u.email', '=', email)
        .execute()
    ).map((r) => r.id);

  it('each person sees exactly their own notices, newest first, with the unread count', async () => {
    await send(notice('statement:n2:paid', { kind: 'statement_paid', at: new Date(TEST_NOW.getTime() + 60_000) }));
    await send(notice('statement:n2:overdue', { kind: 'payment_overdue', at: new Date(TEST_NOW.getTime() - 365 * 86_400_000) }));
    const page = await inbox(umkm, '?limit=200');
    const mine = await ownIds(umkm);
    expect(page.items.map((i) => i.id).sort()).toEqual(mine.sort());
    expect(page.total).toBe(mine.length);
    expect(page.unread).toBe(mine.length);
    const times = page.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items[0]?.kind).toBe('statement_paid');
    expect(page.items.at(-1)?.kind).toBe('payment_overdue');
    // an administrator belongs to no organisation here: an empty inbox, not everybody's
    expect((await inbox(demo('admin'))).total).toBe(0);
    // paged
    const first = await inbox(umkm, '?limit=1');
    const second = await inbox(umkm, '?limit=1&offset=1');
    expect(first.items.length).toBe(1);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });

  it('marks one read (once: the first time stays); another user’s notice is not found', async () => {
    const [first] = (await inbox(umkm)).items;
    if (!first) throw new Error('no notice');
    const before = (await inbox(umkm)).unread;
    const read = await t.as(umkm, { method: 'POST', url: `/api/notifications/${first.id}/read`, payload: {} });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(TEST_NOW.toISOString());
    expect(read.json().unread).toBe(before - 1);
    const again = await t.as(umkm, { method: 'POST', url: `/api/notifications/${first.id}/read`, payload: {} });
    expect(again.json().readAt).toBe(TEST_NOW.toISOString());
    expect((await inbox(umkm, '?unread=true')).items.map((i) => i.id)).not.toContain(first.id);
    expect((await inbox(umkm, '?unread=true')).total).toBe(before - 1);

    const [othersId] = await ownIds('rekan@uji.id');
    const foreign = await t.as(umkm, { method: 'POST', url: `/api/notifications/${othersId}/read`, payload: {} });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message.id).toBe('Pemberitahuan tidak ditemukan.');
    const stillUnread = await t.handle.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', othersId as string)
      .executeTakeFirst();
    expect(stillUnread?.read_at).toBeNull();
    expect((await t.as(umkm, { method: 'POST', url: `/api/notifications/${crypto.randomUUID()}/read`, payload: {} })).statusCode).toBe(404);
    expect((await t.as(umkm, { method: 'POST', url: '/api/notifications/bukan-id/read', payload: {} })).statusCode).toBe(400);
  });

  it('marks all of one’s own read, and nobody else’s', async () => {
    const unread = (await inbox(umkm)).unread;
    expect(unread).toBeGreaterThan(0);
    const res = await t.as(umkm, { method: 'POST', url: '/api/notifications/read-all', payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: unread, unread: 0 });
    expect((await inbox(umkm)).unread).toBe(0);
    expect((await inbox(umkm, '?unread=true')).items).toEqual([]);
    const others = await t.handle.db
      .selectFrom('notifications')
      .select(sql<string>`count(*)`.as('n'))
      .where('user_id', '=', colleague)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(others.n)).toBeGreaterThan(0);
  });

  it('refuses the signed-out and unknown query fields', async () => {
    expect((await t.as(null, { method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    const bad = await t.as(umkm, { method: 'GET', url: '/api/notifications?unread=maybe&color=red' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message.id).toBeTruthy();
    expect(bad.json().error.message.en).toBeTruthy();
  });
});
