// Operations through the UI on a 360-px phone (issue 10, acceptance): Alfamart orders from umkm@demo (through
// the API: the pre-order the demo seeds is the same shape); the maker sees it waiting on her home, confirms it
// in part after a confirmation naming the count, issues a delivery note with the batch code typed in (the
// expiry filled from the shelf life), and gets its number and PDF; Alfamart's head office records the
// receipt through its receiving screen with one unit short; the maker sees the receipt with the difference
// in words on the note and on her home, and yesterday's sales on the Sales page (the figure the API gives).
// Screenshots of every operations page at 360 px in both languages (and 1280 px) go to /tmp/e2e-shots.
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/clock.ts';
import { formatDate } from '../../src/platform/format.ts';
import { DEMO_PASSWORD, mainText, PHONE, scrollWidth, settle, signIn, trackRequests, withServerAndBrowser } from './harness.ts';

const WIDE = { width: 1280, height: 900 };
const SHOTS = '/tmp/e2e-shots';
const UMKM = 'umkm@demo.etalase.id';
const ALFA = 'alfamart@demo.etalase.id';
const DINAS = 'pemda.oki@demo.etalase.id';

const e2e = withServerAndBrowser();

type Session = Awaited<ReturnType<APIRequestContext['storageState']>>;

/** A phone (or wide screen) in one language; signed in already when given a session's cookies. */
async function newPageIn(lang: 'id' | 'en', viewport = PHONE, session?: Session) {
  const ctx = await e2e.browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta', storageState: session });
  await ctx.addInitScript((l) => localStorage.setItem('etalase.lang', l), lang);
  const page = trackRequests(await ctx.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The sign-in page asks /api/me before anybody is signed in (401); a 503 is the server shedding load, asked
    // again by the client (src/web/api.ts).
    if (m.type() === 'error' && !/status of (401|503)/.test(m.text())) errors.push(m.text());
  });
  return { ctx, page, errors };
}

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: e2e.server.url });
  const r = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(r.status()).toBe(200);
  return api;
}

/** No code on screen: snake_case tokens and ISO dates never shown. */
function expectWords(text: string, where: string) {
  expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? [], where).toEqual([]);
  expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], where).toEqual([]);
}

/** Opens a path in the app, waits for a test id, checks words and width, and takes the screenshot. */
async function visit(page: Page, url: string, testId: string, name: string, width = PHONE.width) {
  await page.goto(`${e2e.server.url}${url}`);
  // Settled first (every request answered, nothing loading): the element is then there at Playwright's first
  // look, not at its next poll (which comes 500 ms apart once a wait has lasted a while).
  await settle(page);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  expectWords(await mainText(page), name);
  expect(await scrollWidth(page), name).toBeLessThanOrEqual(width);
  await shot(page, name);
}

describe('operations from the screen (issue 10)', () => {
  it('the maker confirms a pre-order, ships it with a batch, sees the receipt one short and yesterday’s sales', async () => {
    const alfa = await apiAs(ALFA);
    const mine = await apiAs(UMKM);
    const me = await (await mine.get('/api/me')).json();
    const umkmId: string = me.organizationId;
    const products: { id: string; name: string; gtin: string | null }[] = (await (await mine.get('/api/products?limit=10')).json()).items;
    expect(products.length).toBeGreaterThan(0);
    const outlets: { id: string; name: string; storeCode: string }[] = (
      await (await alfa.get('/api/outlets?regionCode=16.02&limit=20')).json()
    ).items;
    // The server's yesterday (the last day of the maker's Sales page) and so its today: asked, not computed
    // from this process's clock, so a run across midnight WIB agrees with what the page shows.
    const yesterday: string = (await (await mine.get('/api/operations/sell-out?limit=1')).json()).to;
    const today = addDays(yesterday, 1);
    // The first outlet of Alfamart in OKI the PKS covers.
    let order: { id: string; number: string; agreementId: string } | null = null;
    let outlet = outlets[0];
    for (const o of outlets) {
      const r = await alfa.post('/api/operations/orders', {
        data: {
          umkmId,
          deliverTo: 'outlet',
          outletId: o.id,
          deliverBy: addDays(today, 3),
          lines: products.map((p, i) => ({ outletId: o.id, productId: p.id, qty: 10 + i * 2, qtySuggested: 8 })),
        },
      });
      if (r.status() === 201) {
        order = await r.json();
        outlet = o;
        break;
      }
    }
    expect(order, 'an Alfamart outlet in OKI under the PKS').not.toBeNull();
    if (!order || !outlet) return;

    // 1. The maker, on her phone, in Indonesian: the order waits on her home.
    const u = await newPageIn('id');
    let noteUrl = '';
    let returnUrl = '';
    try {
      const { page, errors } = u;
      await signIn(page, e2e.server.url, UMKM);
      await page.getByTestId('operations-home').waitFor();
      await expect
        .poll(async () => Number((await page.getByTestId('stat-orders-waiting').textContent())?.replace(/\D/g, '') || 0))
        .toBeGreaterThan(0);
      await shot(page, 'ops-umkm-home-id-phone');
      await page.getByRole('navigation').getByRole('link', { name: 'Pesanan', exact: true }).click();
      await page.getByTestId('order-list').waitFor();
      await shot(page, 'ops-orders-id-phone');
      await page.getByRole('link', { name: order.number }).click();
      await page.getByTestId('respond').waitFor();
      expect(await page.getByTestId('order-status').textContent()).toBe('Menunggu jawaban UMKM');
      expectWords(await mainText(page), 'order');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'ops-order-sent-id-phone');

      // Confirms in part: the first line two fewer; the confirmation names the count.
      await page.getByTestId('confirm-part').click();
      const firstQty = page.getByTestId('order-line').first().locator('input');
      await firstQty.fill('8');
      await page.getByTestId('send-part').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      const total = products.reduce((s, _p, i) => s + 10 + i * 2, 0);
      expect(await dialog.textContent()).toContain(`Konfirmasi ${total - 2} dari ${total} unit?`);
      await shot(page, 'ops-order-confirm-part-id-phone');
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.getByTestId('order-status').first().textContent()).toBe('Dikonfirmasi sebagian');

      // The delivery note: an empty batch code is the app's own message; then typed in.
      const form = page.getByTestId('delivery-form');
      await form.waitFor();
      expect(await form.getByTestId('delivery-line').count()).toBe(products.length);
      await page.getByTestId('issue-note').click();
      await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThanOrEqual(1);
      expect(await form.locator('.field-error').first().textContent()).toBe('Wajib diisi.');
      // The expiry date is the production date plus the shelf life, written out.
      expect(await form.locator('[data-field$=".expiresOn"] .hint').first().textContent()).toMatch(/dari masa simpan \d+ hari/);
      const lines = form.getByTestId('delivery-line');
      for (let i = 0; i < products.length; i++) {
        await lines
          .nth(i)
          .locator('input[name$=".batchCode"]')
          .fill(`TRS-E2E-${i + 1}`);
      }
      await shot(page, 'ops-delivery-form-id-phone');
      await page.getByTestId('issue-note').click();
      await page.getByTestId('note-title').waitFor({ timeout: 20_000 });
      noteUrl = new URL(page.url()).pathname;
      const number = (await page.getByTestId('note-number').textContent()) ?? '';
      expect(number).toMatch(/^SJ\//);
      expect(await page.getByTestId('note-status').textContent()).toBe('Diterbitkan, belum diterima');
      const pdfHref = await page.getByTestId('note-pdf').getAttribute('href');
      const pdf = await mine.get(pdfHref ?? '');
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expectWords(await mainText(page), 'note');
      await shot(page, 'ops-note-issued-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await u.ctx.close();
    }

    // 2. Alfamart's head office, on a phone: receives the note through the receiving screen, one unit short.
    const c = await newPageIn('id');
    try {
      const { page, errors } = c;
      await signIn(page, e2e.server.url, ALFA);
      await page.getByRole('navigation').getByRole('link', { name: 'Penerimaan', exact: true }).click();
      await page.getByTestId('note-list').waitFor();
      await shot(page, 'ops-receiving-id-phone');
      await page.goto(`${e2e.server.url}${noteUrl}`);
      const form = page.getByTestId('receipt-form');
      await form.waitFor();
      const accepted = form.getByTestId('receipt-line').first().locator('input[name$=".accepted"]');
      const shipped = Number(await accepted.inputValue());
      await accepted.fill(String(shipped - 1));
      expect(await form.getByTestId('receipt-line-short').first().textContent()).toBe('Kurang 1');
      await shot(page, 'ops-receipt-form-id-phone');
      await page.getByTestId('record-receipt').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('1 unit');
      await page.getByTestId('confirm-yes').click();
      await page.getByTestId('receipt').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('receipt-difference').textContent()).toBe('1 kurang');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

      // The received goods are on the outlet's stock; one unit goes back to the maker (nota retur).
      await page.goto(`${e2e.server.url}/operations/stock?outlet=${outlet.id}&umkm=${umkmId}`);
      await page.getByTestId('stock-list').waitFor();
      expect(await page.getByTestId('stock-list').textContent()).toContain('Milik UMKM (konsinyasi)');
      await page.getByTestId('start-count').click();
      await page.getByTestId('count-form').waitFor();
      await shot(page, 'ops-stock-count-id-phone');
      await page.getByTestId('start-return').click();
      const rform = page.getByTestId('return-form');
      await rform.waitFor();
      await page.getByTestId('save-return').click();
      await expect.poll(() => rform.locator('.field-error').count()).toBeGreaterThanOrEqual(1);
      await page.locator('#f-reason').selectOption('unsold');
      await rform.locator('[data-field]').filter({ hasText: 'TRS-E2E-1' }).locator('input').fill('1');
      await shot(page, 'ops-return-form-id-phone');
      await page.getByTestId('save-return').click();
      await page.getByTestId('confirm').waitFor();
      expect(await page.getByTestId('confirm').textContent()).toContain('Retur 1 unit ke UMKM?');
      await page.getByTestId('confirm-yes').click();
      await page.getByTestId('return-title').waitFor({ timeout: 20_000 });
      returnUrl = new URL(page.url()).pathname;
      expectWords(await mainText(page), 'return');
      await shot(page, 'ops-return-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await c.ctx.close();
    }

    // Sales at that outlet yesterday and today, from the chain's own system (the demo seeds eight weeks of
    // them too): whichever day the Sales page calls yesterday when it is read (midnight WIB may fall in
    // between) holds some.
    const product = products.find((p) => p.gtin) ?? null;
    if (product?.gtin) {
      const gtin = product.gtin;
      const posted = await alfa.post('/api/sales/lines', {
        data: {
          lines: [yesterday, today].map((date, i) => ({
            storeCode: outlet.storeCode,
            date,
            receipt: `E2E-${order.number}-${i + 1}`,
            line: 1,
            gtin,
            qty: 3,
            unitPrice: 35000,
          })),
        },
      });
      expect(posted.status(), await posted.text()).toBeLessThan(300);
    }
    const unitsOn = async (day: string) =>
      ((await (await mine.get(`/api/sales/summary?from=${day}&to=${day}`)).json()) as { units: number }).units;
    const serverYesterday = async (): Promise<string> => (await (await mine.get('/api/operations/sell-out?limit=1')).json()).to;
    expect(await unitsOn(yesterday)).toBeGreaterThan(0);

    // 3. The maker sees the receipt with its difference, on the note and on her home, and yesterday's sales.
    const u2 = await newPageIn('id');
    try {
      const { page, errors } = u2;
      await signIn(page, e2e.server.url, UMKM);
      await page.getByTestId('home-receipt-difference').first().waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('home-receipt-difference').first().textContent()).toContain('1 kurang');
      await shot(page, 'ops-umkm-home-receipt-id-phone');
      await page.goto(`${e2e.server.url}${noteUrl}`);
      await page.getByTestId('receipt').waitFor();
      expect(await page.getByTestId('receipt-difference').textContent()).toBe('1 kurang');
      expect(await page.getByTestId('line-difference').first().textContent()).toBe('1 kurang');
      await shot(page, 'ops-note-received-id-phone');
      await page.getByRole('navigation').getByRole('link', { name: 'Penjualan', exact: true }).click();
      await page.getByTestId('yesterday').waitFor();
      // The page's yesterday is the server's when the page was read: read again when midnight WIB fell between.
      for (let first = true; ; first = false) {
        const day = await serverYesterday();
        if (!first) await page.reload();
        await settle(page);
        await page.getByTestId('yesterday').waitFor();
        const shown = {
          units: await page.getByTestId('yesterday-units').textContent(),
          text: await page.getByTestId('yesterday').textContent(),
        };
        if ((await serverYesterday()) !== day) continue;
        expect(shown.units).toBe(new Intl.NumberFormat('id-ID').format(await unitsOn(day)));
        expect(shown.units).not.toBe('0');
        expect(shown.text).toContain(`Terjual kemarin, ${formatDate(day, 'id')}`);
        break;
      }
      expectWords(await mainText(page), 'sales');
      await shot(page, 'ops-sales-id-phone');
      await page.getByRole('navigation').getByRole('link', { name: 'Retur', exact: true }).click();
      await page.getByTestId('return').first().waitFor();
      expect(await page.getByTestId('return-list').textContent()).toContain('Tidak laku');
      await shot(page, 'ops-returns-id-phone');
      // She records the pickup, after a confirmation.
      await page.goto(`${e2e.server.url}${returnUrl}`);
      await page.getByTestId('record-pickup').click();
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.getByTestId('record-pickup').count()).toBe(0);
      expect(await page.locator('.page-header').textContent()).toMatch(/Diambil \d{1,2} \p{L}+ \d{4} \d{2}\.\d{2} WI(B|TA|T)/u);
      await shot(page, 'ops-return-picked-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await u2.ctx.close();
    }

    // Screenshots of every operations page, both languages, phone (and the wide screen for the chain), each
    // account signed in once (through the API: the form was used above) and its session reused.
    const sessions = new Map<string, Session>();
    for (const who of [UMKM, ALFA, DINAS]) {
      const api = await apiAs(who);
      sessions.set(who, await api.storageState());
      await api.dispose();
    }
    for (const lang of ['id', 'en'] as const) {
      for (const [who, pages] of [
        [
          UMKM,
          [
            ['/', 'operations-home', 'home'],
            ['/operations/orders', 'order-list', 'orders'],
            [`/operations/orders/${order.id}`, 'order-lines', 'order'],
            [noteUrl, 'receipt', 'note'],
            ['/operations/sales', 'yesterday', 'sales'],
            ['/operations/returns', 'return-list', 'returns'],
          ],
        ],
        [
          ALFA,
          [
            ['/operations/orders', 'order-list', 'orders'],
            ['/operations/orders/new', 'order-form', 'new-order'],
            ['/operations/delivery-notes?status=all', 'note-list', 'receiving'],
            ['/operations/stock', 'stock-title', 'stock'],
            [`/operations/stock?outlet=${outlet.id}`, 'stock-list', 'stock-outlet'],
            ['/operations/returns', 'returns-title', 'returns'],
            ['/operations/reconciliation', 'recon-title', 'reconciliation'],
            [`/operations/reconciliation?pks=${order.agreementId}`, 'recon-table', 'reconciliation-pks'],
          ],
        ],
        [
          DINAS,
          [
            ['/operations/orders', 'order-list', 'orders'],
            [`/operations/orders/${order.id}`, 'order-lines', 'order'],
            ['/operations/delivery-notes', 'service-level', 'deliveries'],
            [`/operations/reconciliation?pks=${order.agreementId}`, 'recon-table', 'reconciliation-pks'],
          ],
        ],
      ] as const) {
        for (const viewport of who === ALFA && lang === 'id' ? [PHONE, WIDE] : [PHONE]) {
          const p = await newPageIn(lang, viewport, sessions.get(who));
          try {
            for (const [url, testId, name] of pages) {
              const tag = `${who.split('@')[0]}-${name}-${lang}-${viewport.width}`;
              await visit(p.page, url, testId, `ops-all-${tag}`, viewport.width);
            }
            expect(p.errors).toEqual([]);
          } finally {
            await p.ctx.close();
          }
        }
      }
    }
    await alfa.dispose();
    await mine.dispose();
  });

  it('the chain orders from the suggestions: the maker, the distribution centre, reasons in words, edited quantities', async () => {
    const p = await newPageIn('id');
    try {
      const { page, errors } = p;
      await signIn(page, e2e.server.url, ALFA);
      await page.goto(`${e2e.server.url}/operations/orders/new`);
      const form = page.getByTestId('order-form');
      await form.waitFor();
      // Nothing chosen: the app's own messages.
      await page.getByTestId('send-order').click();
      await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThanOrEqual(1);
      expect(await form.locator('.field-error').first().textContent()).toBe('Wajib diisi.');
      await expect.poll(() => page.locator('#f-umkmId option').count()).toBeGreaterThan(1);
      const value = await page
        .locator('#f-umkmId option')
        .evaluateAll(
          (os) => (os as HTMLOptionElement[]).find((o) => o.textContent === 'Terasi Udang Tulung Selapan Bu Rusmini')?.value ?? '',
        );
      expect(value).not.toBe('');
      await page.locator('#f-umkmId').selectOption(value);
      await page.locator('#f-deliverTo').selectOption('distribution_centre');
      await form.getByTestId('suggestion').first().waitFor({ timeout: 20_000 });
      const text = await form.innerText();
      expectWords(text, 'suggestions');
      expect(text).toMatch(/Laju \S+ unit\/hari/);
      await form.getByTestId('suggestion').first().locator('input').fill('5');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'ops-new-order-suggestions-id-phone');
      await page.getByTestId('send-order').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Terasi Udang Tulung Selapan Bu Rusmini');
      await page.getByTestId('confirm-yes').click();
      await page.getByTestId('order-title').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('order-status').textContent()).toBe('Menunggu jawaban UMKM');
      expect(await page.locator('main').innerText()).toContain('Ke pusat distribusi (DC)');
      await shot(page, 'ops-new-order-sent-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await p.ctx.close();
    }
  });
});
