// The public catalogue on a 360-px phone (issue 13): an anonymous shopper searches "kerupuk" in Kota
// Bengkulu, opens a product, and has the outlets carrying it sorted from her kecamatan (a plain form, so it
// works without JavaScript too) and from where she stands ("Gunakan lokasi saya", the page's one script);
// a maker hides a product from her screen and shoppers no longer find it, shows it again, and writes the
// story of her public page. Screenshots in both languages.
import { describe, expect, it } from 'vitest';
import { looksRight, mainText, openPhone, PHONE, scrollWidth, settle, shot, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();
const UMKM = 'umkm@demo.etalase.id';
// Simpang Lima, Kota Bengkulu.
const HERE = { latitude: -3.7956, longitude: 102.2592 };

describe('a shopper finds local kerupuk at the outlets nearby', () => {
  it('searches, opens a product, and sorts its outlets from her kecamatan (screenshots)', async () => {
    const { ctx, page, errors } = await openPhone(e2e.browser);
    await page.goto(`${e2e.server.url}/katalog`);
    expect(await page.getByTestId('catalogue-title').innerText()).toBe('Produk lokal di rak minimarket');
    await page.locator('#f-q').fill('kerupuk');
    await page.locator('#f-region').selectOption({ label: 'Kota Bengkulu' });
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(/q=kerupuk/);
    expect(await page.getByTestId('result-count').innerText()).toBe('3 produk ditemukan');
    const text = await mainText(page);
    expect(text).toContain('Kerupuk Ikan Tenggiri Bengkulu 250 g');
    expect(text).toContain('Kerupuk Ikan Cahaya');
    expect(text).not.toContain('Sri Wahyuni');
    await looksRight(page, 'search');
    await shot(page, 'catalogue-search-360-id');

    await page.getByRole('link', { name: /Kerupuk Udang 200 g.*Kerupuk Ikan Bu Yulia/ }).click();
    await page.getByTestId('product-name').waitFor();
    expect(await page.getByTestId('product-name').innerText()).toBe('Kerupuk Udang 200 g');
    expect(await page.getByTestId('product-price').innerText()).toMatch(/^Rp\d{1,3}(\.\d{3})*/);
    expect(await page.getByTestId('offer').count()).toBeGreaterThan(1);
    // Her photo (the demo's drawn pack) in one of its public sizes, decoded at its 4:3 frame.
    const photo = page.getByRole('img', { name: 'Kerupuk Udang 200 g' });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight)).toBeCloseTo(4 / 3, 2);
    expect(await photo.getAttribute('src')).toMatch(/^\/api\/public\/photos\/[0-9a-f]{64}\/w640\.webp$/);
    await page.locator('#f-district').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Urutkan dari sini' }).click();
    await page.getByTestId('offer-distance').first().waitFor();
    const km = (await page.getByTestId('offer-distance').allInnerTexts()).map((s) => Number(s.replace(/[^\d,]/g, '').replace(',', '.')));
    expect(km.length).toBeGreaterThan(1);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    await looksRight(page, 'product');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'catalogue-product-360-id');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);

  it('without JavaScript the search and the kecamatan still work', async () => {
    const ctx = await e2e.browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'id-ID' });
    const page = await ctx.newPage();
    await page.goto(`${e2e.server.url}/katalog?q=kerupuk&region=17.71`);
    expect(await page.getByTestId('result-count').innerText()).toBe('3 produk ditemukan');
    await page.getByRole('link', { name: /Kerupuk Ikan Tenggiri Bengkulu 250 g/ }).click();
    await page.locator('#f-district').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Urutkan dari sini' }).click();
    await page.getByTestId('offer-distance').first().waitFor();
    // The location button needs the script: hidden without it.
    expect(await page.locator('#use-location').isVisible()).toBe(false);
    await ctx.close();
  }, 60_000);

  it('“use my location” sorts from where she stands, in English (screenshot)', async () => {
    const ctx = await e2e.browser.newContext({
      viewport: PHONE,
      locale: 'en-GB',
      geolocation: HERE,
      permissions: ['geolocation'],
    });
    const page = await ctx.newPage();
    await page.goto(`${e2e.server.url}/katalog?q=kerupuk&region=17.71&lang=en`);
    expect(await page.getByTestId('result-count').innerText()).toBe('3 products found');
    await page.getByRole('link', { name: /Kerupuk Ikan Tenggiri Bengkulu 250 g/ }).click();
    await page.getByTestId('product-name').waitFor();
    await page.locator('#use-location').click();
    await page.waitForURL(/lat=/);
    await page.getByTestId('offer-distance').first().waitFor();
    const km = (await page.getByTestId('offer-distance').allInnerTexts()).map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(km).toEqual([...km].sort((a, b) => a - b));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await looksRight(page, 'product en');
    await shot(page, 'catalogue-product-360-en');
    await ctx.close();
  }, 60_000);
});

describe('a maker decides what shoppers see', () => {
  it('hides a product (gone from the catalogue), shows it again, and writes her story (screenshot)', async () => {
    const { ctx, page, errors } = await openPhone(e2e.browser, { lang: 'id' });
    await signIn(page, e2e.server.url, UMKM);
    await page.getByRole('navigation').getByRole('link', { name: 'Katalog publik', exact: true }).click();
    await page.getByTestId('my-catalogue-product').first().waitFor();
    await settle(page);
    expect(await page.getByTestId('my-catalogue-title').innerText()).toBe('Katalog publik');
    const row = page.getByTestId('my-catalogue-product').filter({ hasText: 'Tampil di katalog' }).first();
    const name = (await row.locator('.item-title').innerText()).trim();
    const href = await row.getByRole('link', { name: 'Lihat seperti pembeli' }).getAttribute('href');
    expect(href).toMatch(/^\/katalog\/produk\//);
    expect((await page.request.get(`${e2e.server.url}${href}`)).status()).toBe(200);
    await looksRight(page, 'my catalogue');
    await shot(page, 'my-catalogue-360-id');

    const mine = page.getByTestId('my-catalogue-product').filter({ hasText: name });
    await mine.getByTestId('publish-toggle').click();
    await mine.getByText('Disembunyikan').waitFor();
    expect((await page.request.get(`${e2e.server.url}${href}`)).status()).toBe(404);
    await mine.getByTestId('publish-toggle').click();
    await mine.getByText('Tampil di katalog').waitFor();
    expect((await page.request.get(`${e2e.server.url}${href}`)).status()).toBe(200);

    await page.locator('#f-story').fill('Terasi udang rebon Tulung Selapan, dibuat keluarga kami sejak 1998.');
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-saved').waitFor();
    const publicPage = await page.getByTestId('public-page-link').getAttribute('href');
    const html = await (await page.request.get(`${e2e.server.url}${publicPage}`)).text();
    expect(html).toContain('dibuat keluarga kami sejak 1998');
    // Markup is refused on the field itself, in her language.
    await page.locator('#f-story').fill('Terasi <b>asli</b>');
    await page.getByTestId('profile-save').click();
    await page.locator('[data-field="story"] .field-error').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'my-catalogue-story-360-id');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await ctx.close();
  }, 90_000);
});
