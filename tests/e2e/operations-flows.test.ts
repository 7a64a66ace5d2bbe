// Operations the other way round, on a 360-px phone (issue 10): the maker declines a pre-order with a reason
// and Alfamart reads it declined with that reason; Alfamart cancels an order (after a confirmation naming the
// maker) and the maker reads it cancelled; Alfamart counts an outlet's stock (stock opname) one batch short of
// the ledger and the stock card shows the counted figure and the difference in the batch's history; Alfamart
// writes off the expired batch from the stock page (the preview names the units and who bears them as the PKS
// says) and the stock card no longer holds it. The orders and the goods at the outlet are set up through the
// API (as the demo seeds them); everything the test checks is read on screen, in Bahasa Indonesia.
// Dates come from the server (its reminders' "today"), never from this process's or the browser's clock, and
// a check that depends on the day is read again when midnight WIB fell between (the test passes at any hour).
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/clock.ts';
import { formatDate } from '../../src/platform/format.ts';
import { DEMO_PASSWORD, looksRight, openPhone, settle, signIn, withServerAndBrowser } from './harness.ts';

const SHOTS = '/tmp/e2e-shots';
const UMKM = 'umkm@demo.etalase.id';
const ALFA = 'alfamart@demo.etalase.id';

const e2e = withServerAndBrowser();

type Session = Awaited<ReturnType<APIRequestContext['storageState']>>;

async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: e2e.server.url });
  const r = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(r.status()).toBe(200);
  return api;
}

/** A phone in Indonesian, signed in already when given a session's cookies. */
const phone = (session?: Session) => openPhone(e2e.browser, { lang: 'id', session });

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** No code on screen: snake_case tokens and ISO dates never shown; nothing wider than the phone. */
async function open(page: Page, url: string, testId: string) {
  await page.goto(`${e2e.server.url}${url}`);
  await settle(page);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
}

let alfa: APIRequestContext;
let mine: APIRequestContext;
const sessions = new Map<string, Session>();
let umkmId = '';
let products: { id: string; name: string }[] = [];
let outlets: { id: string; name: string }[] = [];

/** The server's today in the maker's zone (WIB, as at the OKI outlets), from its own answer. */
const serverToday = async (): Promise<string> => (await (await mine.get('/api/operations/reminders')).json()).today;

/** Reads what depends on the day within one server day: read again when midnight WIB fell between. */
async function onOneDay<T>(read: (today: string) => Promise<T>): Promise<{ today: string; value: T }> {
  for (;;) {
    const today = await serverToday();
    const value = await read(today);
    if ((await serverToday()) === today) return { today, value };
  }
}

type Order = { id: string; number: string; agreementId: string; lines: { id: string; qtyOrdered: number }[] };

/** Alfamart orders from the maker for the first OKI outlet the PKS covers (optionally one holding none of
 *  her stock yet), as the demo's pre-orders are made. */
async function order(lines: (outletId: string) => { outletId: string; productId: string; qty: number }[], emptyOutlet = false) {
  const today = await serverToday();
  for (const o of outlets) {
    if (emptyOutlet) {
      const stock = await (await alfa.get(`/api/operations/stock?outletId=${o.id}&umkmId=${umkmId}&limit=1`)).json();
      if (stock.total > 0) continue;
    }
    const r = await alfa.post('/api/operations/orders', {
      data: { umkmId, deliverTo: 'outlet', outletId: o.id, deliverBy: addDays(today, 3), lines: lines(o.id) },
    });
    if (r.status() === 201) return { order: (await r.json()) as Order, outlet: o };
  }
  throw new Error('no Alfamart outlet in OKI under the PKS');
}

beforeAll(async () => {
  alfa = await apiAs(ALFA);
  mine = await apiAs(UMKM);
  for (const [who, api] of [
    [ALFA, alfa],
    [UMKM, mine],
  ] as const)
    sessions.set(who, await api.storageState());
  umkmId = (await (await mine.get('/api/me')).json()).organizationId;
  products = (await (await mine.get('/api/products?limit=10')).json()).items;
  expect(products.length).toBeGreaterThan(0);
  outlets = (await (await alfa.get('/api/outlets?regionCode=16.02&limit=100')).json()).items;
  expect(outlets.length).toBeGreaterThan(0);
});

afterAll(async () => {
  await alfa?.dispose();
  await mine?.dispose();
});

describe('operations from the screen: declined, cancelled, counted, written off (issue 10)', () => {
  it('the maker declines a pre-order with a reason; Alfamart sees it declined with that reason', async () => {
    const { order: o } = await order((outletId) => products.map((p) => ({ outletId, productId: p.id, qty: 6 })));
    const reason = 'Udang rebon sedang kosong di pasar Tulung Selapan';

    const u = await phone();
    try {
      const { page, errors } = u;
      await signIn(page, e2e.server.url, UMKM);
      await page.getByRole('navigation').getByRole('link', { name: 'Pesanan', exact: true }).click();
      await page.getByTestId('order-list').waitFor();
      await page.getByRole('link', { name: o.number }).click();
      await page.getByTestId('respond').waitFor();
      expect(await page.getByTestId('order-status').textContent()).toBe('Menunggu jawaban UMKM');
      await page.getByTestId('decline').click();
      const form = page.getByTestId('decline-form');
      await form.waitFor();
      // No reason: the app's own message at the field, focused; nothing is sent.
      await page.getByTestId('send-decline').click();
      await expect.poll(() => form.locator('.field-error').count()).toBe(1);
      expect(await form.locator('[data-field="reason"] .field-error').textContent()).toBe('Wajib diisi.');
      expect(await page.getByTestId('confirm').isVisible()).toBe(false);
      await page.locator('#f-reason').fill(reason);
      await shot(page, 'ops-flows-decline-form-id-phone');
      await page.getByTestId('send-decline').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      const asked = (await dialog.textContent()) ?? '';
      expect(asked).toContain(`Tolak pesanan ${o.number}?`);
      expect(asked).toContain('Alfamart akan diberi tahu beserta alasannya');
      await shot(page, 'ops-flows-decline-confirm-id-phone');
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('Ditolak');
      expect(await page.getByTestId('respond').count()).toBe(0);
      expect(await page.locator('main q').textContent()).toBe(reason);
      await looksRight(page, 'declined, maker');
      await shot(page, 'ops-flows-declined-umkm-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await u.ctx.close();
    }

    const c = await phone(sessions.get(ALFA));
    try {
      const { page, errors } = c;
      await open(page, '/operations/orders', 'order-list');
      const item = page.getByTestId('order').filter({ hasText: o.number });
      expect(await item.textContent()).toContain('Ditolak');
      await item.getByRole('link', { name: o.number }).click();
      await page.getByTestId('order-title').waitFor();
      await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('Ditolak');
      expect(await page.locator('.facts div').filter({ hasText: 'Alasan' }).locator('dd').textContent()).toBe(reason);
      // Declined: nothing to cancel, nothing to ship.
      expect(await page.getByTestId('cancel-order').count()).toBe(0);
      expect(await page.getByTestId('delivery-form').count()).toBe(0);
      await looksRight(page, 'declined, chain');
      await shot(page, 'ops-flows-declined-chain-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await c.ctx.close();
    }
  });

  it('Alfamart cancels an order after a confirmation; the maker sees it cancelled with the reason', async () => {
    const { order: o } = await order((outletId) => [{ outletId, productId: products[0]!.id, qty: 4 }]);
    const reason = 'Gerai direnovasi sampai akhir bulan';

    const c = await phone(sessions.get(ALFA));
    try {
      const { page, errors } = c;
      await open(page, `/operations/orders/${o.id}`, 'order-title');
      expect(await page.getByTestId('order-status').first().textContent()).toBe('Menunggu jawaban UMKM');
      await page.getByTestId('cancel-order').click();
      const form = page.getByTestId('cancel-form');
      await form.waitFor();
      await page.getByTestId('send-cancel').click();
      await expect.poll(() => form.locator('.field-error').count()).toBe(1);
      expect(await form.locator('[data-field="cancelReason"] .field-error').textContent()).toBe('Wajib diisi.');
      await page.locator('#f-cancelReason').fill(reason);
      await page.getByTestId('send-cancel').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      const asked = (await dialog.textContent()) ?? '';
      expect(asked).toContain(`Batalkan pesanan ${o.number}?`);
      expect(asked).toContain('Terasi Udang Tulung Selapan Bu Rusmini akan diberi tahu beserta alasannya');
      await shot(page, 'ops-flows-cancel-confirm-id-phone');
      // "Kembali" first: nothing happens.
      await page.getByTestId('confirm-cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await page.getByTestId('order-status').first().textContent()).toBe('Menunggu jawaban UMKM');
      await page.getByTestId('send-cancel').click();
      await dialog.waitFor();
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('Dibatalkan');
      expect(await page.getByTestId('cancel-order').count()).toBe(0);
      await looksRight(page, 'cancelled, chain');
      await shot(page, 'ops-flows-cancelled-chain-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await c.ctx.close();
    }

    const u = await phone(sessions.get(UMKM));
    try {
      const { page, errors } = u;
      await open(page, '/operations/orders', 'order-list');
      const item = page.getByTestId('order').filter({ hasText: o.number });
      expect(await item.textContent()).toContain('Dibatalkan');
      await item.getByRole('link', { name: o.number }).click();
      await page.getByTestId('order-title').waitFor();
      await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('Dibatalkan');
      expect(await page.locator('main q').textContent()).toBe(reason);
      // Nothing left for her to answer or ship.
      expect(await page.getByTestId('respond').count()).toBe(0);
      expect(await page.getByTestId('delivery-form').count()).toBe(0);
      await looksRight(page, 'cancelled, maker');
      await shot(page, 'ops-flows-cancelled-umkm-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await u.ctx.close();
    }
  });

  it('a stock count that differs from the ledger, and an expired batch written off, as the stock card shows them', async () => {
    // Goods at an outlet holding none of her stock yet: one batch that expired two days ago (4 units) and one
    // that expires tomorrow (6 units), shipped three days ago and received two days ago.
    const product = products[0]!;
    const { order: o, outlet } = await order((outletId) => [{ outletId, productId: product.id, qty: 10 }], true);
    expect((await mine.post(`/api/operations/orders/${o.id}/respond`, { data: { decision: 'confirm' } })).status()).toBe(200);
    const today = await serverToday();
    const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
    const OLD = `E2E-LAMA-${tag}`;
    const NEW = `E2E-BARU-${tag}`;
    const noteRes = await mine.post(`/api/operations/orders/${o.id}/delivery-notes`, {
      data: {
        shipOn: addDays(today, -3),
        lines: [
          { orderLineId: o.lines[0]!.id, qty: 4, batchCode: OLD, producedOn: addDays(today, -9), expiresOn: addDays(today, -2) },
          { orderLineId: o.lines[0]!.id, qty: 6, batchCode: NEW, producedOn: addDays(today, -3), expiresOn: addDays(today, 1) },
        ],
      },
    });
    expect(noteRes.status(), await noteRes.text()).toBe(201);
    const note = (await noteRes.json()) as { id: string; lines: { id: string; qty: number }[] };
    const received = await alfa.post(`/api/operations/delivery-notes/${note.id}/receipt`, {
      data: { receivedOn: addDays(today, -2), lines: note.lines.map((l) => ({ deliveryLineId: l.id, accepted: l.qty })) },
    });
    expect(received.status(), await received.text()).toBe(201);
    // Who bears expired goods, as the PKS in force says.
    const pks = await (await alfa.get(`/api/agreements/${o.agreementId}`)).json();
    const bearer: 'umkm' | 'chain' = pks.current.pks.expiredGoodsBorneBy;
    expect(['umkm', 'chain']).toContain(bearer);

    const c = await phone(sessions.get(ALFA));
    try {
      const { page, errors } = c;
      const stockUrl = `/operations/stock?outlet=${outlet.id}&umkm=${umkmId}`;
      const rowOf = (batch: string) => page.getByTestId('stock-row').filter({ hasText: batch });
      // On hand per batch, with its expiry in words (read again if midnight WIB fell between).
      const seen = await onOneDay(async () => {
        await open(page, stockUrl, 'stock-list');
        return { old: (await rowOf(OLD).textContent()) ?? '', fresh: (await rowOf(NEW).textContent()) ?? '' };
      });
      expect(await page.getByTestId('stock-row').count()).toBe(2);
      expect(seen.value.old).toContain(`Batch ${OLD} · 4 unit · Milik UMKM (konsinyasi)`);
      expect(seen.value.old).toContain(`Kedaluwarsa ${formatDate(addDays(today, -2), 'id')}`);
      const tomorrow = addDays(today, 1);
      expect(seen.value.fresh).toContain(`Batch ${NEW} · 6 unit`);
      expect(seen.value.fresh).toContain(
        seen.today === today
          ? `Kedaluwarsa besok, ${formatDate(tomorrow, 'id')}`
          : seen.today === tomorrow
            ? 'Kedaluwarsa hari ini'
            : `Kedaluwarsa ${formatDate(tomorrow, 'id')}`,
      );
      await looksRight(page, 'stock');
      await shot(page, 'ops-flows-stock-id-phone');

      // 1. Stock opname: two units of the fresh batch are missing.
      await page.getByTestId('start-count').click();
      const count = page.getByTestId('count-form');
      await count.waitFor();
      const freshField = count.locator('[data-field]').filter({ hasText: NEW });
      expect(await freshField.locator('.hint').textContent()).toBe('Menurut buku: 6');
      expect(await freshField.locator('input').inputValue()).toBe('6');
      // An empty count is the app's own message.
      await freshField.locator('input').fill('');
      await page.getByTestId('save-count').click();
      await expect.poll(() => freshField.locator('.field-error').count()).toBe(1);
      expect(await freshField.locator('.field-error').textContent()).toBe('Wajib diisi.');
      await freshField.locator('input').fill('4');
      await looksRight(page, 'count form');
      await shot(page, 'ops-flows-count-form-id-phone');
      await page.getByTestId('save-count').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Simpan stock opname 2 baris?');
      expect(await dialog.textContent()).toContain('1 baris berbeda dari buku stok');
      await page.getByTestId('confirm-yes').click();
      await page.getByTestId('stock-list').waitFor({ timeout: 20_000 });
      await settle(page);
      await expect.poll(() => rowOf(NEW).textContent()).toContain(`Batch ${NEW} · 4 unit`);
      expect(await rowOf(OLD).textContent()).toContain(`Batch ${OLD} · 4 unit`);
      // The batch's history: received six, then the count's difference of two, flagged.
      await rowOf(NEW).getByTestId('stock-history').locator('summary').click();
      const ledger = rowOf(NEW).locator('.op-ledger li');
      await ledger.first().waitFor();
      const history = await ledger.allInnerTexts();
      expect(history).toHaveLength(2);
      // Counted today (or tomorrow, when midnight WIB fell since the goods were set up).
      expect([today, addDays(today, 1)].map((d) => `${formatDate(d, 'id')} · Selisih stock opname · −2`)).toContain(history[0]);
      expect(history[1]).toBe(`${formatDate(addDays(today, -2), 'id')} · Diterima · +6`);
      await looksRight(page, 'stock after count');
      await shot(page, 'ops-flows-count-history-id-phone');

      // 2. The expired batch written off from the preview: four units, borne as the PKS says.
      const writeOff = page.getByTestId('write-off');
      await expect.poll(() => writeOff.textContent()).toBe('Hapus stok kedaluwarsa (4)');
      await writeOff.click();
      await dialog.waitFor();
      const asked = (await dialog.textContent()) ?? '';
      expect(asked).toContain('Hapus buku 4 unit kedaluwarsa?');
      expect(asked).toContain(
        bearer === 'umkm'
          ? '4 unit ditanggung UMKM, 0 unit ditanggung ritel, sesuai PKS'
          : '0 unit ditanggung UMKM, 4 unit ditanggung ritel, sesuai PKS',
      );
      await shot(page, 'ops-flows-write-off-confirm-id-phone');
      await page.getByTestId('confirm-yes').click();
      const done = page.getByTestId('write-off-done');
      await done.waitFor({ timeout: 20_000 });
      expect((await done.innerText()).replace(/\n+/g, '\n')).toBe(
        `4 unit dihapusbukukan.\n${product.name} · batch ${OLD}: 4 unit · ${bearer === 'umkm' ? 'Ditanggung UMKM' : 'Ditanggung ritel'}`,
      );
      await settle(page);
      await expect.poll(() => rowOf(OLD).count()).toBe(0);
      expect(await page.getByTestId('stock-row').count()).toBe(1);
      expect(await rowOf(NEW).textContent()).toContain(`Batch ${NEW} · 4 unit`);
      await expect.poll(() => writeOff.textContent()).toBe('Hapus stok kedaluwarsa (0)');
      expect(await writeOff.isDisabled()).toBe(true);
      await looksRight(page, 'stock after write-off');
      await shot(page, 'ops-flows-written-off-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await c.ctx.close();
    }

    // The maker reads the same stock card: the count's difference in the batch's history, the expired batch gone.
    const u = await phone(sessions.get(UMKM));
    try {
      const { page, errors } = u;
      await open(page, `/operations/stock?outlet=${outlet.id}`, 'stock-list');
      const rows = page.getByTestId('stock-row');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(`Batch ${NEW} · 4 unit · Milik UMKM (konsinyasi)`);
      expect(await page.getByTestId('write-off').count()).toBe(0);
      await rows.first().getByTestId('stock-history').locator('summary').click();
      await rows.first().locator('.op-ledger li').first().waitFor();
      expect(await rows.first().locator('.op-ledger li').first().innerText()).toContain('Selisih stock opname · −2');
      await looksRight(page, 'stock, maker');
      await shot(page, 'ops-flows-stock-umkm-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await u.ctx.close();
    }
  });
});
