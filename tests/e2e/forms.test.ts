// Forms on a 360-px phone (issue 9 point 3): on the product, UMKM, MoU and PKS forms a submit with three
// invalid fields shows three messages at once, each inside its own field's container, and the first field
// in error has the focus. The product form's three come from the server (all issues of one request); the
// others are the form's own checks, "Wajib diisi." among them, made before the server is asked. The PKS
// form shows its shelf price column at 360 px, and says when the business already has a PKS in force.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, openPhone, PHONE, type Phone, SHOTS, scrollWidth, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

async function phone(email: string, lang: 'id' | 'en' = 'id'): Promise<Phone> {
  // A refused request is logged by the browser as a failed resource; that is the test's own doing.
  const p = await openPhone(e2e.browser, { tolerate: /Failed to load resource/ });
  await signIn(p.page, e2e.server.url, email);
  if (lang === 'en') await p.page.evaluate(() => localStorage.setItem('etalase.lang', 'en'));
  return p;
}

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `forms-${name}.png`), fullPage: true });
};

/** The messages shown, by the field whose container holds them (in page order). */
async function messages(page: Page) {
  return page
    .locator('[data-field] .field-error')
    .evaluateAll((els) =>
      els
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ field: (e.closest('[data-field]') as HTMLElement).dataset.field ?? '', text: e.textContent ?? '' })),
    );
}

/** Which field's container holds the focused element. */
const focused = (page: Page) =>
  page.evaluate(() => (document.activeElement?.closest('[data-field]') as HTMLElement | null)?.dataset.field ?? null);

/** Waits until `n` field messages are on screen. */
async function waitForMessages(page: Page, n: number) {
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('[data-field] .field-error')].filter((e) => (e as HTMLElement).offsetParent).length >= want,
    n,
    { timeout: 20_000 },
  );
  // The focus moves on the next frame.
  await page.waitForFunction(() => document.activeElement?.closest('[data-field]') !== null, undefined, { timeout: 5_000 });
}

describe('three invalid fields, three messages at their fields, the first focused (360 px)', () => {
  it('product: the server answers all three at once (GTIN, shelf life, permit number)', async () => {
    const { ctx, page, errors } = await phone('umkm@demo.etalase.id');
    try {
      await page.goto(`${e2e.server.url}/products/new`);
      await page.getByTestId('product-form').waitFor();

      // First an empty submit: the app's own "Wajib diisi." at every required field, not the browser's bubble.
      await page.getByTestId('product-submit').click();
      await waitForMessages(page, 3);
      const empty = await messages(page);
      expect(empty.map((m) => m.field)).toEqual(['name', 'category', 'netContent', 'supplierPrice', 'retailPrice', 'shelfLifeDays']);
      for (const m of empty) expect(m.text).toBe('Wajib diisi.');
      expect(await focused(page)).toBe('name');

      const wrongCheck = (gs1CheckDigit('899777123456') + 1) % 10;
      await page.locator('#f-name').fill('Terasi Udang Bakar');
      await page.locator('#f-category').selectOption('bumbu_sambal');
      await page.locator('#f-gtin').fill(`899777123456${wrongCheck}`);
      await page.locator('#f-netContent').fill('100');
      await page.locator('#f-supplierPrice').fill('9000');
      await page.locator('#f-retailPrice').fill('12000');
      await page.locator('#f-shelfLifeDays').fill('5000');
      await page.getByTestId('add-permit-row').click();
      await page.locator('#f-permits-0-number').fill('123');
      await page.locator('#f-permits-0-issuedOn').fill('2026-01-10');
      // Focus away, so the test sees the form move it.
      await page.locator('#f-name').focus();
      await page.getByTestId('product-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-field="gtin"] .field-error') !== null, undefined, { timeout: 20_000 });
      await waitForMessages(page, 3);
      const shown = await messages(page);
      expect(shown.map((m) => m.field)).toEqual(['gtin', 'shelfLifeDays', 'permits.0.number']);
      expect(shown[0]?.text).toContain('GTIN');
      expect(shown[1]?.text).toBe('Masa simpan terlalu besar (paling banyak 3.650).');
      expect(shown[2]?.text).toContain('Nomor izin');
      expect(await focused(page)).toBe('gtin');
      expect(await page.getByTestId('form-error').count()).toBe(0); // nothing left over above the form
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'product-360');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('UMKM: three required fields emptied say "Wajib diisi." at each, before the server is asked', async () => {
    const { ctx, page, errors } = await phone('umkm@demo.etalase.id');
    try {
      const orgId = await page.evaluate(async () => (await (await fetch('/api/me')).json()).organizationId as string);
      await page.goto(`${e2e.server.url}/umkm/${orgId}/edit`);
      await page.getByTestId('umkm-form').waitFor();
      await page.locator('#f-name').waitFor();
      let asked = 0;
      page.on('request', (r) => {
        if (r.method() === 'PATCH') asked++;
      });
      for (const id of ['#f-name', '#f-ownerName', '#f-address']) await page.locator(id).fill('');
      await page.locator('#f-address').focus();
      await page.getByRole('button', { name: 'Simpan' }).click();
      await waitForMessages(page, 3);
      expect(await messages(page)).toEqual([
        { field: 'name', text: 'Wajib diisi.' },
        { field: 'ownerName', text: 'Wajib diisi.' },
        { field: 'address', text: 'Wajib diisi.' },
      ]);
      expect(await focused(page)).toBe('name');
      expect(asked).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'umkm-360');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('MoU: the messages sit at their fields (not only at the top), in English too', async () => {
    const { ctx, page, errors } = await phone('pemda.bengkulu@demo.etalase.id', 'en');
    try {
      await page.goto(`${e2e.server.url}/agreements/mou/new`);
      await page.getByTestId('mou-form').waitFor();
      await page.locator('#f-chainCode').selectOption('alfamidi');
      await page.locator('#f-govTitle').fill('Kepala Dinas');
      await page.locator('#f-outletsWithCorner').fill('-1');
      await page.getByTestId('mou-submit').click();
      await waitForMessages(page, 3);
      expect(await messages(page)).toEqual([
        { field: 'startsOn', text: 'Required.' },
        { field: 'endsOn', text: 'Required.' },
        { field: 'outletsWithCorner', text: 'Must be a whole number, 0 or more.' },
      ]);
      expect(await focused(page)).toBe('startsOn');
      // The first message is in view on the phone, not above it.
      const box = await page.locator('[data-field="startsOn"] .field-error').boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= PHONE.height).toBe(true);

      // A period wholly past is the server's to refuse too: its answer lands on "endsOn".
      // Next calendar year, whatever the clock says (the suite also runs at 2030-06-15).
      const next = new Date().getUTCFullYear() + 1;
      await page.locator('#f-startsOn').fill(`${next}-01-01`);
      await page.locator('#f-endsOn').fill(`${next}-12-31`);
      await page.locator('#f-outletsWithCorner').fill('10');
      await page.locator('#f-chainName').fill('Dewi Lestari');
      await page.locator('#f-chainTitle').fill('x'.repeat(161));
      await page.getByTestId('mou-submit').click();
      await page.waitForFunction(() => document.querySelector('[data-field="chainTitle"] .field-error') !== null, undefined, {
        timeout: 20_000,
      });
      expect(await messages(page)).toEqual([{ field: 'chainTitle', text: 'Title of signatory 2 is too long (at most 160 characters).' }]);
      expect(await focused(page)).toBe('chainTitle');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'mou-360-en');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('PKS: start, payment term and a shelf price below the supplier price; every price column on screen', async () => {
    const { ctx, page, errors } = await phone('alfamart@demo.etalase.id');
    try {
      await page.goto(`${e2e.server.url}/agreements/pks/new`);
      await page.locator('#f-mouId').waitFor({ timeout: 20_000 });
      const oki = await page
        .locator('#f-mouId option')
        .evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']).find(([, t]) => t?.includes('16.02')));
      expect(oki).toBeTruthy();
      await page.locator('#f-mouId').selectOption(oki?.[0] as string);
      await page.locator('#f-umkmQuery').fill('Bu Rusmini');
      await page.getByRole('button', { name: 'Terasi Udang Tulung Selapan Bu Rusmini · Rusmini Hasan' }).click();
      await page.getByTestId('pks-form').waitFor({ timeout: 20_000 });
      // The business already has a PKS in force with Alfamart: said before a second one is drafted.
      expect(await page.getByTestId('pks-in-force').textContent()).toContain('sudah memiliki PKS yang berlaku dengan');

      // At 360 px the shelf price of each product is on screen (cards, not a clipped table).
      const shelf = page.locator('[data-field="products.0.shelfPrice"]');
      await shelf.scrollIntoViewIfNeeded();
      expect(await shelf.locator('label').textContent()).toBe('Harga rak');
      const sb = await shelf.boundingBox();
      expect(sb && sb.x >= 0 && sb.x + sb.width <= PHONE.width).toBe(true);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'pks-360');

      await page.locator('#f-startsOn').fill('');
      await page.locator('#f-paymentTermDays').fill('400');
      await page.locator('#f-products-0-shelfPrice').fill('1');
      await page.getByTestId('pks-submit').click();
      await waitForMessages(page, 3);
      expect(await messages(page)).toEqual([
        { field: 'startsOn', text: 'Wajib diisi.' },
        { field: 'paymentTermDays', text: 'Harus bilangan bulat dari 0 sampai 365 hari.' },
        { field: 'products.0.shelfPrice', text: 'Harga rak tidak boleh di bawah harga pemasok.' },
      ]);
      expect(await focused(page)).toBe('startsOn');
      await shot(page, 'pks-360-errors');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
