// A phone on a bad network (issue 9 point 5): a page whose code fails to download says so and recovers with
// "Coba lagi" without reloading the app; offline is said, and a list fails with a retry instead of loading
// for ever; a request the server never answers ends with a message and a retry.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '../../src/web/api.ts';
import { DEMO_PASSWORD, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

async function signedIn(email: string): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  expect((await page.request.post(`${e2e.server.url}/api/auth/login`, { data: { email, password: DEMO_PASSWORD } })).status()).toBe(200);
  await page.goto(`${e2e.server.url}/`);
  await page.getByTestId('home-title').waitFor();
  return { ctx, page, errors };
}

describe('on a bad network', () => {
  it('a page whose code fails to download offers a retry that works without reloading the app', async () => {
    const { ctx, page, errors } = await signedIn('pemda.bengkulu@demo.etalase.id');
    try {
      // A mark on the window: a reload would lose it.
      await page.evaluate(() => {
        (window as unknown as { stayed: boolean }).stayed = true;
      });
      let failNext = true;
      await page.route('**/assets/UmkmListPage-*.js', (route) => {
        if (failNext) {
          failNext = false;
          return route.abort('internetdisconnected');
        }
        return route.continue();
      });
      await page.getByRole('navigation').getByRole('link', { name: 'UMKM', exact: true }).click();
      const problem = page.getByTestId('chunk-error');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('Halaman ini belum dapat dimuat');
      // The rest of the app is still there: header and navigation.
      expect(await page.getByRole('navigation').isVisible()).toBe(true);
      await page.getByTestId('chunk-retry').click();
      await page.getByTestId('umkm-title').waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('offline is said, and a list fails at once with a retry that works once back online', async () => {
    const { ctx, page } = await signedIn('umkm@demo.etalase.id');
    try {
      await ctx.setOffline(true);
      await page.getByTestId('offline-banner').waitFor();
      expect(await page.getByTestId('offline-banner').textContent()).toContain('luring');
      await page.getByRole('navigation').getByRole('link', { name: 'Produk Saya', exact: true }).click();
      const problem = page.locator('main .alert-error');
      await problem.waitFor({ timeout: 10_000 });
      expect(await problem.textContent()).toContain('tidak tersambung');
      expect(await page.locator('.loading').count()).toBe(0);
      await ctx.setOffline(false);
      await expect.poll(() => page.getByTestId('offline-banner').count()).toBe(0);
      await problem.getByRole('button', { name: 'Coba lagi' }).click();
      await page.locator('main ul.cards li').first().waitFor({ timeout: 15_000 });
    } finally {
      await ctx.close();
    }
  });

  it('a request the server never answers ends with a message and a retry', async () => {
    const { ctx, page } = await signedIn('umkm@demo.etalase.id');
    try {
      // The page's clock is Playwright's: the app's 15-second limit (REQUEST_TIMEOUT_MS) passes at once when
      // the clock is moved on, instead of the test waiting it out.
      await page.clock.install();
      let hang = true;
      let asked: () => void = () => {};
      const hanging = new Promise<void>((resolve) => {
        asked = resolve;
      });
      await page.route('**/api/products?*', async (route) => {
        if (hang) return asked(); // never answered
        await route.continue();
      });
      await page.getByRole('navigation').getByRole('link', { name: 'Produk Saya', exact: true }).click();
      await hanging;
      const problem = page.locator('main .alert-error');
      // Not a moment before the limit: a second short of it, nothing is said yet.
      await page.clock.runFor(REQUEST_TIMEOUT_MS - 1_000);
      expect(await problem.count()).toBe(0);
      await page.clock.runFor(1_000);
      await problem.waitFor({ timeout: 10_000 });
      expect(await problem.textContent()).toContain('tidak menjawab dalam 15 detik');
      hang = false;
      await problem.getByRole('button', { name: 'Coba lagi' }).click();
      await page.locator('main ul.cards li').first().waitFor({ timeout: 15_000 });
    } finally {
      await ctx.close();
    }
  }, 90_000);
});
