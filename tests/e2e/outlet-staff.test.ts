// Outlet staff on a 360-px phone (issue 10): toko@demo.etalase.id signs in, sees its store's home and
// stock — every row at its own store — records a stock count, and cannot open another store. Screenshots
// of its home and of the administrator's account form with a store chosen, in both languages.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPhone, PHONE, SHOTS, scrollWidth, settle, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

// Another store's page answers 404 (the test opens one on purpose).
const phone = (lang: 'id' | 'en' = 'id') => openPhone(e2e.browser, { lang, tolerate: /status of (401|404|503)/ });

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

describe('outlet staff at 360 px', () => {
  it('toko@demo sees its store, counts its stock, and does not see another store', async () => {
    const { ctx, page, errors } = await phone('id');
    await signIn(page, e2e.server.url, 'toko@demo.etalase.id');
    await settle(page);
    const me = await (await page.request.get(`${e2e.server.url}/api/me`)).json();
    const store = me.outlet as { id: string; name: string };
    expect(await page.getByTestId('home-title').innerText()).toContain(`Toko ${store.name}`);
    // Its counts load (its store's only): batches on the shelf.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="stat-stock"]')?.textContent ?? ''));
    expect(Number(await page.getByTestId('stat-stock').innerText())).toBeGreaterThan(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'outlet-staff-home-360-id');

    await page.goto(`${e2e.server.url}/operations/stock`);
    await page.getByTestId('stock-row').first().waitFor();
    await settle(page);
    const rows = await page.getByTestId('stock-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain(store.name);
    // The store chooser offers its own store only.
    const options = await page.getByTestId('outlet-select').locator('option').allInnerTexts();
    expect(options.filter((o) => o !== 'Semua gerai')).toEqual([store.name]);

    await page.getByTestId('start-count').click();
    await page.getByTestId('count-form').waitFor();
    await page.getByTestId('save-count').click();
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/operations/stock-counts') && r.request().method() === 'POST'),
      page.getByTestId('confirm-yes').click(),
    ]);
    expect(saved.status()).toBeLessThan(300);
    expect((await saved.json()).outletId).toBe(store.id);
    await page.getByTestId('stock-row').first().waitFor();
    await settle(page);

    // Another store of the same chain: not found, in words.
    const other = await (
      await page.request.get(`${e2e.server.url}/api/outlets?limit=1`, { headers: { accept: 'application/json' } })
    ).json();
    expect(other.total).toBe(1);
    await page.goto(`${e2e.server.url}/outlets/${crypto.randomUUID()}`);
    await settle(page);
    expect(await page.locator('body').innerText()).not.toContain(store.id);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);

  it('screenshots: toko@demo’s home in English; the admin’s user form with a store chosen, both languages', async () => {
    {
      const { ctx, page } = await phone('en');
      await signIn(page, e2e.server.url, 'toko@demo.etalase.id');
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="stat-stock"]')?.textContent ?? ''));
      await settle(page);
      expect(await page.getByTestId('home-title').innerText()).toContain('Store ');
      await shot(page, 'outlet-staff-home-360-en');
      await ctx.close();
    }
    for (const lang of ['id', 'en'] as const) {
      const { ctx, page, errors } = await phone(lang);
      await signIn(page, e2e.server.url, 'admin@demo.etalase.id');
      await page.goto(`${e2e.server.url}/users`);
      await settle(page);
      await page.getByTestId('add-user').click();
      await page.locator('#f-role').selectOption('retailer');
      await page.locator('#f-organizationId-kind').selectOption('branch');
      await settle(page);
      await page.locator('#f-organizationId').selectOption({ index: 1 });
      await settle(page);
      await page.locator('#f-outletId').selectOption({ index: 1 });
      await settle(page);
      const chosen = await page.locator('#f-outletId option:checked').innerText();
      expect(chosen).toMatch(/\(.+\) · \D/);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.getByTestId('new-user').screenshot({ path: path.join(SHOTS, `admin-user-store-360-${lang}.png`) });
      // The users list names a store account's store.
      await page.goto(`${e2e.server.url}/users?q=toko`);
      await page.getByTestId('user-store').first().waitFor();
      expect(await page.getByTestId('user-store').first().innerText()).toMatch(lang === 'id' ? /^Toko: / : /^Store: /);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  }, 120_000);
});
