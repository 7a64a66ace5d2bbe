// The web app against the real server and its demo data: every demo role signs in and sees its home;
// a UMKM owner on a 360-px phone adds a product, sees a wrong GTIN refused ON the GTIN field in
// Indonesian, corrects it and finds the product in its list; the phone pages never scroll sideways.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, PHONE, scrollWidth, shot, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await e2e.browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

describe('each demo role signs in and sees its home', () => {
  // [email, heading of its home, a link its navigation must offer, the time zone its home shows]
  const ROLES: [email: string, heading: string, navText: string, zone: string][] = [
    ['admin@demo.etalase.id', 'Administrasi Etalase', 'Organisasi', 'WIB'],
    ['pemda.bengkulu@demo.etalase.id', 'Program UMKM Daerah', 'UMKM', 'WIB'],
    ['pemda.serang@demo.etalase.id', 'Program UMKM Daerah', 'UMKM', 'WIB'],
    ['pemda.oki@demo.etalase.id', 'Program UMKM Daerah', 'UMKM', 'WIB'],
    ['pemda.ambon@demo.etalase.id', 'Program UMKM Daerah', 'UMKM', 'WIT'],
    ['pemda.sulbar@demo.etalase.id', 'Program UMKM Daerah', 'UMKM', 'WITA'],
    ['alfamart@demo.etalase.id', 'Kemitraan Ritel', 'Gerai', 'WIB'],
    ['alfamidi@demo.etalase.id', 'Kemitraan Ritel', 'Gerai', 'WIB'],
    ['indomaret@demo.etalase.id', 'Kemitraan Ritel', 'Gerai', 'WIB'],
    ['umkm@demo.etalase.id', 'Usaha Saya', 'Produk Saya', 'WIB'],
    ['mentor@demo.etalase.id', 'Pendampingan UMKM', 'UMKM', 'WIB'],
  ];
  it.each(ROLES)('%s → "%s"', async (email, heading, navText, zone) => {
    const { ctx, page, errors } = await newPage();
    try {
      await signIn(page, e2e.server.url, email);
      await expect.poll(() => page.getByTestId('home-title').textContent()).toBe(heading);
      await page.getByRole('navigation').getByRole('link', { name: navText, exact: true }).waitFor();
      // The counts come from the list endpoints' totals: a number, not the loading mark.
      await expect
        .poll(async () => (await page.locator('.stat-value').allTextContents()).every((v) => /^\d[\d.]*$/.test(v)), { timeout: 15_000 })
        .toBe(true);
      // Local time is shown in the zone of the user's region (Ambon WIT, Sulawesi Barat WITA).
      expect(await page.locator('.page-header').textContent()).toMatch(new RegExp(` ${zone}$`));
      await shot(page, `home-${email.split('@')[0]}`);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('a wrong password is refused with the server message, in Indonesian', async () => {
    const { ctx, page } = await newPage();
    try {
      await page.goto(`${e2e.server.url}/login`);
      await page.locator('#f-email').fill('mentor@demo.etalase.id');
      await page.locator('#f-password').fill('not-the-password');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('Email atau kata sandi salah');
    } finally {
      await ctx.close();
    }
  });
});

describe('UMKM owner on a 360-px phone', () => {
  it('home and product list have no horizontal scroll; the language choice is remembered', async () => {
    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await expect.poll(() => page.locator('.stat-value').first().textContent(), { timeout: 15_000 }).toMatch(/^\d/);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-umkm-home');

      await page.getByRole('navigation').getByRole('link', { name: 'Produk Saya' }).click();
      await page.getByTestId('products-title').waitFor();
      await page.locator('[data-testid=product-list], .empty').first().waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-umkm-products');

      await page.getByTestId('new-product').click();
      await page.getByTestId('product-form').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('product-form-title').textContent()).toBe('Add product');
      await page.reload();
      await expect.poll(() => page.getByTestId('product-form-title').textContent()).toBe('Add product');
      await page.getByTestId('lang-switch').click();
      await expect.poll(() => page.getByTestId('product-form-title').textContent()).toBe('Tambah produk');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('a wrong GTIN is shown on the GTIN field; corrected, the product is saved and listed', async () => {
    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await page.getByTestId('home-new-product').click();
      await page.getByTestId('product-form').waitFor();

      // A random Indonesian GTIN (prefix 899), so reruns never collide with an earlier product.
      const first12 = `899${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
      const check = gs1CheckDigit(first12);
      const good = `${first12}${check}`;
      const wrong = `${first12}${(check + 1) % 10}`;
      const name = `Terasi Udang Uji ${first12.slice(-5)}`;

      await page.locator('#f-name').fill(name);
      await page.locator('#f-category').selectOption('bumbu_sambal');
      await page.locator('#f-gtin').fill(wrong);
      await page.locator('#f-netContent').fill('250');
      await page.locator('#f-supplierPrice').fill('15000');
      await page.locator('#f-retailPrice').fill('21500');
      await page.locator('#f-shelfLifeDays').fill('180');
      // Rupiah shown the Indonesian way while typing; sent as integers.
      expect(await page.locator('#f-retailPrice').inputValue()).toBe('Rp21.500');
      await page.getByTestId('product-submit').click();

      const gtinError = page.locator('[data-field="gtin"] .field-error');
      await gtinError.waitFor();
      expect(await gtinError.textContent()).toContain('GTIN harus 13 digit');
      expect(await page.locator('#f-gtin').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.field-error').count()).toBe(1);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-umkm-gtin-error');

      await page.locator('#f-gtin').fill(good);
      expect(await gtinError.count()).toBe(0); // editing the field clears its error
      await page.getByTestId('product-submit').click();
      await page.waitForURL(/\/products\/[0-9a-f-]{36}\?saved=1$/);
      await expect.poll(() => page.getByTestId('product-title').textContent()).toBe(name);
      expect(await page.locator('main').textContent()).toContain(good);
      expect(await page.locator('main').textContent()).toContain('Rp21.500');
      await shot(page, 'phone-umkm-product-saved');

      await page.getByRole('navigation').getByRole('link', { name: 'Produk Saya' }).click();
      await page.locator('#list-search').fill(name);
      const item = page.getByTestId('product-list').getByRole('link', { name });
      await item.waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-umkm-product-listed');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('adds a permit (a wrong number is shown on its field) with a scan, and a photo, to a product', async () => {
    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await page.getByRole('navigation').getByRole('link', { name: 'Produk Saya' }).click();
      await page.getByTestId('product-list').getByRole('link').first().click();
      await page.getByTestId('product-title').waitFor();
      const permitsBefore = await page.locator('[data-testid=permit-list] > li').count();
      const png = await page.screenshot(); // any real PNG will do as a scan and as a photo

      await page.getByTestId('show-add-permit').click();
      const form = page.getByTestId('add-permit');
      await form.locator('#f-type').selectOption('pirt');
      await form.locator('#f-number').fill('12345');
      await form.locator('#f-issuedOn').fill('2024-01-15');
      await form.locator('#f-expiresOn').fill('2029-01-15');
      await form.locator('#f-scanSha256').setInputFiles({ name: 'pirt.png', mimeType: 'image/png', buffer: png });
      await form.getByText('✓ pirt.png').waitFor();
      await form.getByRole('button', { name: 'Simpan izin' }).click();
      const numberError = form.locator('[data-field="number"] .field-error');
      await numberError.waitFor();
      expect(await numberError.textContent()).toContain('Nomor izin tidak sesuai jenisnya');
      await shot(page, 'phone-umkm-permit-error');

      await form.locator('#f-number').fill('2061671010321 26');
      await form.getByRole('button', { name: 'Simpan izin' }).click();
      await expect.poll(() => page.locator('[data-testid=permit-list] > li').count()).toBe(permitsBefore + 1);
      expect(await page.getByTestId('permit-list').textContent()).toContain('206167101032126');

      const thumbs = page.locator('.thumbs img');
      const photosBefore = await thumbs.count();
      await page.locator('#f-sha256').setInputFiles({ name: 'kemasan.png', mimeType: 'image/png', buffer: png });
      await expect.poll(() => thumbs.count()).toBe(photosBefore + 1);
      await expect.poll(() => thumbs.last().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'phone-umkm-permit-photo');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
