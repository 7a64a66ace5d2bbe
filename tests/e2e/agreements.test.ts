// Agreements through the UI (issue 4, acceptance): umkm@demo.etalase.id reads its PKS with Alfamart on a
// 360-px phone — the key numbers first, in plain Indonesian, and the PP 29/2021 Pasal 95 violation — and
// downloads its PDF; Alfamart amends that PKS, corrects the payment term (the 30 days break Pasal 95, so the
// amendment cannot be sent as it is) and sends it for signatures, and the UMKM signs it in the UI
// (the signing record shows who and when); indomaret@demo.etalase.id cannot open Alfamart's agreements.
import fs from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, PHONE, scrollWidth, signIn, withServerAndBrowser } from './harness.ts';

const SHOTS = '/tmp/e2e-shots';

const e2e = withServerAndBrowser();

async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await e2e.browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta', acceptDownloads: true });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** Opens the UMKM's only PKS from its agreement list, as a phone user would. */
async function openMyPks(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Perjanjian', exact: true }).click();
  const link = page.getByTestId('agreement-list').getByRole('link', { name: /^PKS · .* — Alfamart$/ });
  await link.waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('agreement-list').getByRole('link').count()).toBe(1); // only its own
  await link.click();
  await page.getByTestId('key-numbers').waitFor({ timeout: 20_000 });
}

describe('agreements (issue 4)', () => {
  let pksUrl = '';

  it('the UMKM reads its PKS on a phone: key numbers first, the Pasal 95 violation, the PDF', async () => {
    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await openMyPks(page);
      pksUrl = page.url();
      expect(pksUrl).toMatch(/\/agreements\/[0-9a-f-]{36}$/);

      const key = page.getByTestId('key-numbers');
      const k = (await key.textContent()) ?? '';
      expect(k).toContain('Angka penting');
      expect(k).toMatch(/Harga dari Anda: Rp[\d.]+/); // supplier price ...
      expect(k).toMatch(/Harga di rak: Rp[\d.]+/); // ... beside the shelf price
      expect(k).toMatch(/Margin jaringan ritel: \d+(,\d+)?%/);
      expect(k).toContain('Kapan saya dibayar?');
      expect(k).toMatch(/dibayar paling lambat \d+ hari/);
      expect(k).toContain('Barang tidak laku?');
      expect(k).toMatch(/dikembalikan kepada Anda|tanggungan jaringan ritel/);
      // The key numbers come before everything else on the page.
      const above = await key.evaluate((el) => {
        const w = document.querySelector('[data-testid=warnings]');
        return w ? Boolean(el.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING) : false;
      });
      expect(above).toBe(true);

      const warn = (await page.getByTestId('warnings').textContent()) ?? '';
      expect(warn).toContain('Melanggar aturan');
      expect(warn).toContain('PP 29/2021 Pasal 95 ayat (1) huruf b');
      expect(warn).toContain('15 hari');
      expect(warn).not.toContain('Rp10.000.000');

      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'agreements-umkm-pks-phone');

      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf').click()]);
      expect(dl.suggestedFilename()).toMatch(/\.pdf$/);
      const bytes = fs.readFileSync(await dl.path());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('Alfamart amends the PKS and sends it; the UMKM signs it and the signing record is shown', async () => {
    expect(pksUrl).not.toBe('');
    const chain = await newPage();
    try {
      await signIn(chain.page, e2e.server.url, 'alfamart@demo.etalase.id');
      await chain.page.goto(pksUrl);
      await chain.page.getByTestId('actions').waitFor({ timeout: 20_000 });
      await chain.page.locator('#agreement-note').fill('Adendum uji: harga pemasok disesuaikan');
      await chain.page.getByRole('button', { name: 'Buat adendum' }).click();
      // The copied 30-day term breaks Pasal 95: sending is refused with the article until it is corrected.
      await chain.page.getByTestId('submit').click();
      await expect.poll(async () => (await chain.page.getByTestId('actions').textContent()) ?? '').toContain('PP 29/2021 Pasal 95');
      await chain.page.locator('#pay-days').fill('14');
      await chain.page.getByTestId('save-payment').click();
      await expect.poll(() => chain.page.getByTestId('warnings').count()).toBe(0);
      await chain.page.getByTestId('submit').click();
      await expect.poll(() => chain.page.getByTestId('signature-umkm').getAttribute('data-signed')).toBe('no');
      await expect.poll(() => chain.page.getByTestId('submit').count()).toBe(0);
      expect(await chain.page.locator('main').textContent()).toContain('Versi 2');
      expect(chain.errors).toEqual([]);
    } finally {
      await chain.ctx.close();
    }

    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      // The home page reminds the UMKM that a PKS waits for its signature.
      await expect
        .poll(async () => (await page.getByTestId('agreement-reminders').textContent()) ?? '', { timeout: 15_000 })
        .toContain('menunggu tanda tangan Anda');
      await openMyPks(page);
      const sign = page.getByTestId('sign');
      await sign.waitFor();
      expect(await sign.isDisabled()).toBe(true); // only after confirming the document was read
      await page.getByTestId('read-check').check();
      const before = Date.now();
      await sign.click();
      const record = page.getByTestId('signature-umkm');
      await expect.poll(() => record.getAttribute('data-signed')).toBe('yes');
      const after = Date.now();
      const text = (await record.textContent()) ?? '';
      expect(text).toContain('Rusmini Hasan');
      // The time shown is the signing day written out (the day in Jakarta at the click, or at the answer when
      // midnight WIB fell between them), with the time in Jakarta's zone.
      const day = (at: number) =>
        new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(at));
      expect(
        [day(before), day(after)].some((d) => text.includes(d)),
        `${text} names ${day(before)}`,
      ).toBe(true);
      expect(text).toMatch(/\d{2}\.\d{2} WIB/);
      expect(await page.getByTestId('sign').count()).toBe(0);
      expect(await page.getByTestId('signature-chain').getAttribute('data-signed')).toBe('no');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'agreements-umkm-signed-phone');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("Indomaret cannot open Alfamart's PKS or MoU by its address", async () => {
    const admin = await request.newContext({ baseURL: e2e.server.url });
    expect((await admin.post('/api/auth/login', { data: { email: 'admin@demo.etalase.id', password: DEMO_PASSWORD } })).status()).toBe(200);
    const list = (await (await admin.get('/api/agreements?limit=200')).json()) as {
      items: { id: string; kind: string; number: string; chain: { code: string } }[];
    };
    await admin.dispose();
    const pks = list.items.find((a) => a.kind === 'pks' && a.chain.code === 'alfamart');
    const mou = list.items.find((a) => a.kind === 'mou' && a.chain.code === 'alfamart');
    expect(pks && mou).toBeTruthy();

    const { ctx, page } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'indomaret@demo.etalase.id');
      for (const a of [pks, mou]) {
        await page.goto(`${e2e.server.url}/agreements/${a?.id}`);
        await expect.poll(() => page.locator('.alert-error').first().textContent()).toContain('tidak ditemukan');
        expect(await page.getByTestId('key-numbers').count()).toBe(0);
        expect(await page.getByTestId('agreement-title').count()).toBe(0);
        expect(await page.locator('main').textContent()).not.toContain(a?.number);
      }
      await shot(page, 'agreements-indomaret-not-found');
    } finally {
      await ctx.close();
    }
  });

  it('the UMKM ends its PKS only after confirming what it means, and Alfamart is told', async () => {
    expect(pksUrl).not.toBe('');
    const { ctx, page, errors } = await newPage(PHONE);
    let number = '';
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await page.goto(pksUrl);
      await page.getByTestId('actions').waitFor({ timeout: 20_000 });
      number =
        ((await page.getByTestId('agreement-title').locator('xpath=following-sibling::p').textContent()) ?? '').split(' · ')[0] ?? '';
      await page.locator('#agreement-note').fill('Produksi berhenti sementara karena renovasi dapur');
      await page.getByTestId('terminate').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      const asked = (await dialog.textContent()) ?? '';
      expect(asked).toContain('tidak dapat dibatalkan');
      expect(asked).toContain('Alfamart');
      // Cancelling changes nothing.
      await page.getByTestId('confirm-cancel').click();
      await page.reload();
      await page.getByTestId('actions').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('terminate').count()).toBe(1);
      await page.locator('#agreement-note').fill('Produksi berhenti sementara karena renovasi dapur');
      await page.getByTestId('terminate').click();
      await page.getByTestId('confirm-yes').click();
      await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 15_000 }).toContain('Diakhiri');
      expect(await page.getByTestId('terminate').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }

    const chain = await newPage();
    try {
      await signIn(chain.page, e2e.server.url, 'alfamart@demo.etalase.id');
      const told = chain.page.getByTestId('reminder-terminated').filter({ hasText: number });
      await told.waitFor({ timeout: 15_000 });
      const text = (await told.textContent()) ?? '';
      expect(text).toContain('Diakhiri');
      expect(text).toContain('renovasi dapur');
      expect(chain.errors).toEqual([]);
    } finally {
      await chain.ctx.close();
    }
  });
});
