// Curation through the UI (issue 3, acceptance): pemda.sulbar@demo.etalase.id sees the bottleneck table
// and chart for Sulawesi Barat and exports them as CSV and XLSX; umkm@demo.etalase.id reads its gap list
// in Indonesian on a 360-px phone without sideways scrolling; alfamart@demo.etalase.id cannot open an
// Indomaret requirement draft or curation round by its address.
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, scrollWidth, signIn, withServerAndBrowser } from './harness.ts';

const PHONE = { width: 360, height: 740 };
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

/** An API session signed in as a demo account (cookies kept by the request context). */
async function apiAs(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: e2e.server.url });
  const r = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(r.status()).toBe(200);
  return api;
}

/** Clicks a link that answers with an attachment and returns the downloaded file's bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

describe('curation (issue 3)', () => {
  it('the Dinas of Sulawesi Barat sees the bottleneck table and chart and exports CSV and XLSX', async () => {
    const { ctx, page, errors } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'pemda.sulbar@demo.etalase.id');
      await page.getByRole('navigation').getByRole('link', { name: 'Hambatan', exact: true }).click();
      const table = page.getByTestId('bottleneck-table');
      await table.waitFor({ timeout: 20_000 });
      expect(await page.locator('.page-header').textContent()).toContain('Sulawesi Barat');

      // Table: one row per criterion with the number of products and of UMKM failing it.
      const rows = table.getByTestId('criterion-row');
      expect(await rows.count()).toBeGreaterThan(3);
      const first = (await rows.first().locator('td').allTextContents()).map((s) => s.trim());
      expect(first[0]).not.toBe('');
      expect(Number(first[1])).toBeGreaterThan(0); // products failing
      expect(Number(first[2])).toBeGreaterThan(0); // UMKM failing
      expect(await table.locator('thead').textContent()).toContain('Tidak lolos');

      // Chart: an SVG with one red bar per failing criterion, the longest for the first row's criterion.
      const chart = page.getByTestId('bottleneck-chart');
      await chart.waitFor();
      const bars = chart.getByTestId('bar');
      expect(await bars.count()).toBeGreaterThan(3);
      const widths = await bars.evaluateAll((els) => els.map((e) => (e as SVGRectElement).getBBox().width));
      expect(Math.max(...widths)).toBeGreaterThan(100);
      expect(await chart.locator('title').first().textContent()).toBe(first[0]);
      await shot(page, 'curation-bottlenecks');

      const csv = await download(page, 'export-csv');
      expect(csv.name).toMatch(/\.csv$/);
      const lines = csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter(Boolean);
      expect(lines[0]).toContain('Kriteria');
      expect(lines[0]).toContain('Produk tidak lolos');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.some((l) => l.includes(first[0] as string))).toBe(true);

      const xlsx = await download(page, 'export-xlsx');
      expect(xlsx.name).toMatch(/\.xlsx$/);
      expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(xlsx.bytes.length).toBeGreaterThan(1000);

      // The same page on a phone: the table scrolls inside its frame, never the page.
      await page.setViewportSize(PHONE);
      await table.waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'curation-bottlenecks-phone');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('the UMKM owner reads its gap list in Indonesian on a 360-px phone', async () => {
    const { ctx, page, errors } = await newPage(PHONE);
    try {
      await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
      await page.getByRole('navigation').getByRole('link', { name: 'Hasil Kurasi', exact: true }).click();
      const cards = page.getByTestId('gap-card');
      await cards.first().waitFor({ timeout: 20_000 });
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Hasil kurasi saya');
      // A status per product, and for a product not yet passing what is missing and what to do next.
      expect(text).toMatch(/Belum lolos|Lolos/);
      const failing = cards.filter({ hasText: 'Belum lolos' }).first();
      await failing.waitFor();
      const gap = (await failing.locator('ol.gaps > li').first().textContent()) ?? '';
      expect(gap).toContain('Langkah berikutnya:');
      // Whatever the gap is, its remedy is plain Indonesian.
      expect(gap).toMatch(/\b(dan|untuk|yang|atau|dari|pada|bila|dengan)\b/);
      expect(text).not.toContain('Next step');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'curation-gaps-phone');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("Alfamart cannot open Indomaret's requirement draft or curation round by its address", async () => {
    const admin = await apiAs('admin@demo.etalase.id');
    const sets = (await (await admin.get('/api/curation/requirement-sets?limit=200')).json()) as {
      items: { id: string; chainCode: string; status: string; name: string }[];
    };
    const draft = sets.items.find((s) => s.chainCode === 'indomaret' && s.status === 'draft');
    const own = sets.items.find((s) => s.chainCode === 'alfamart' && s.status === 'draft');
    const rounds = (await (await admin.get('/api/curation/rounds?limit=200')).json()) as {
      items: { id: string; chainCode: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.chainCode === 'indomaret');
    await admin.dispose();
    expect(draft).toBeDefined();
    expect(own).toBeDefined();
    expect(round).toBeDefined();

    const { ctx, page } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
      // The list holds the published sets of every chain but no other chain's draft ...
      await page.goto(`${e2e.server.url}/curation/requirements`);
      await page.getByTestId('requirement-set').first().waitFor();
      expect(await page.locator('main').textContent()).not.toContain(draft?.name);
      // ... its own draft opens by its address ...
      await page.goto(`${e2e.server.url}/curation/requirements/${own?.id}`);
      await page.getByTestId('requirement-set').waitFor();
      expect(await page.locator('.page-header').textContent()).toContain(own?.name);
      // ... and Indomaret's draft does not.
      await page.goto(`${e2e.server.url}/curation/requirements/${draft?.id}`);
      await expect.poll(() => page.locator('.alert-error').first().textContent()).toContain('tidak ditemukan');
      expect(await page.getByTestId('requirement-set').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain(draft?.name);
      await shot(page, 'curation-alfamart-indomaret-draft');

      await page.goto(`${e2e.server.url}/curation/rounds/${round?.id}`);
      await expect.poll(() => page.locator('.alert-error').first().textContent()).toContain('tidak ditemukan');
      expect(await page.getByTestId('entry-table').count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain(round?.name);
    } finally {
      await ctx.close();
    }
  });
});
