// Placement planning through the UI (issue 5, acceptance): alfamart@demo.etalase.id plans Kota Bengkulu
// (17.71) from the demo data, approves the plan and sees its outlets filled; indomaret@demo.etalase.id
// never sees that plan (not in its list, not found by its address) nor its placements.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

async function newPage(): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { ctx, page, errors };
}

describe('placement plan for Kota Bengkulu', () => {
  let planUrl = '';

  it('Alfamart plans Kota Bengkulu, approves it and sees its outlets filled', async () => {
    const { ctx, page, errors } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
      await page.getByTestId('home-placement').click();
      await expect.poll(() => page.getByTestId('placement-title').textContent()).toBe('Rencana penempatan');
      // The demo already has half of the Bengkulu PKS products on Alfamart's shelves (the operations story).
      await page.locator('#f-regionCode').selectOption('17');
      await page.locator('#f-regionCode-regency').selectOption('17.71');
      await page.getByTestId('plan-start').click();
      // The solver runs in a worker thread; on a loaded 2-core machine a plan can take a while.
      await page.getByTestId('plan-result').waitFor({ timeout: 75_000 });
      planUrl = page.url();
      expect(planUrl).toMatch(/[?&]plan=[0-9a-f-]{36}/);
      const outletRows = await page.getByTestId('plan-outlets').locator('details').count();
      expect(outletRows).toBeGreaterThan(5);
      await page.getByTestId('tab-diff').click();
      expect(await page.getByTestId('plan-diff').textContent()).toContain('Baru');
      await page.locator('.leaflet-container').waitFor();
      await shot(page, 'placement-plan');

      // The diff is grouped by outlet, each with its own approval; approving all asks first, with the count.
      expect(await page.getByTestId('diff-outlet').count()).toBe(outletRows);
      const all = Number((await page.getByTestId('approve-all').textContent())?.match(/\((\d+)\)/)?.[1]);
      expect(all).toBeGreaterThan(outletRows);
      await page.getByTestId('approve-all').click();
      expect(await page.getByTestId('confirm').textContent()).toContain(`Setujui semua ${all} perubahan?`);
      await page.getByTestId('confirm-cancel').click();
      expect(await page.getByTestId('plan-result').getAttribute('data-status')).toBe('done');
      await page.getByTestId('approve-all').click();
      await page.getByTestId('confirm-yes').click();
      await page.getByTestId('approve-done').waitFor();
      await expect.poll(() => page.getByTestId('plan-result').getAttribute('data-status')).toBe('approved');
      await expect.poll(() => page.getByTestId('current-outlet').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(outletRows);
      expect(Number(await page.getByTestId('current-placements').getAttribute('data-count'))).toBeGreaterThan(outletRows);
      await shot(page, 'placement-approved');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 150_000);

  it('Indomaret never sees that plan or its placements', async () => {
    expect(planUrl).not.toBe('');
    const { ctx, page } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'indomaret@demo.etalase.id');
      await page.goto(`${e2e.server.url}/placement?region=17.71`);
      await page.getByTestId('plans-empty').waitFor();
      await page.getByTestId('current-empty').waitFor();
      await page.goto(`${e2e.server.url}/placement?region=17.71&plan=${new URL(planUrl).searchParams.get('plan')}`);
      await expect.poll(() => page.locator('.alert-error').first().textContent()).toContain('tidak ditemukan');
      expect(await page.getByTestId('plan-result').count()).toBe(0);
      await page.getByTestId('current-empty').waitFor();
    } finally {
      await ctx.close();
    }
  });
});
