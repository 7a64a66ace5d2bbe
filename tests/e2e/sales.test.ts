// "Penjualan POS" through the UI (issue 10): alfamart@demo uploads docs/POS.md's line-level example on a
// 360-px phone and reads the outcome in words, uploads it again (all duplicates), then a file with bad
// rows: the errors table and the rejects download; the history lists the imports. Screenshots at 360 px
// in both languages (and 1280 px) in /tmp/e2e-shots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ANCHOR } from '../../src/demo/calendar.ts';
import { addDays, daysBetween } from '../../src/platform/clock.ts';
import { ROOT, scrollWidth, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();
const SHOTS = '/tmp/e2e-shots';
/** docs/POS.md's line-level example, its days moved as the demo's story moves to the day the server seeded
 *  it (src/demo/calendar.ts; its app_settings say which day: a run may cross midnight WIB): its PKS
 *  are in force on those days whatever today is. */
function example(): string {
  const shift = daysBetween(DEMO_ANCHOR, e2e.server.demoToday);
  const text = fs
    .readFileSync(path.join(ROOT, 'docs/pos-examples/penjualan-struk.csv'), 'utf8')
    .replace(/(\d{2})\/(\d{2})\/(\d{4})/g, (_m, d, m, y) => {
      const [yy, mm, dd] = addDays(`${y}-${m}-${d}`, shift).split('-');
      return `${dd}/${mm}/${yy}`;
    });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pos-example-')), 'penjualan-struk.csv');
  fs.writeFileSync(file, text);
  return file;
}

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

async function open(lang: 'id' | 'en', width = 360) {
  const ctx = await e2e.browser.newContext({
    viewport: { width, height: 800 },
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
  });
  await ctx.addInitScript((l) => localStorage.setItem('etalase.lang', l), lang);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
  await page
    .getByRole('link', { name: lang === 'id' ? 'Penjualan POS' : 'POS sales' })
    .first()
    .click();
  await page.getByTestId('sales-title').waitFor();
  return { ctx, page, errors };
}

async function upload(page: Page, file: string) {
  await page.getByTestId('sales-file').setInputFiles(file);
  await page.getByTestId('sales-submit').click();
  await page.getByTestId('import-result').waitFor();
}

describe('Penjualan POS (alfamart@demo, 360 px)', () => {
  it('imports the example, then again as duplicates; bad rows listed with a download', async () => {
    const { ctx, page, errors } = await open('id');
    await page.getByTestId('sales-last-week').waitFor();
    await shot(page, 'sales-id-360-empty');
    const EXAMPLE = example();
    await upload(page, EXAMPLE);
    expect(await page.getByTestId('import-outcome').innerText()).toBe('5 baris diimpor, 0 duplikat, 0 ditolak.');
    await upload(page, EXAMPLE);
    await page.getByText('0 baris diimpor, 5 duplikat, 0 ditolak.').waitFor();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-e2e-'));
    const bad = path.join(dir, 'salah.csv');
    fs.writeFileSync(
      bad,
      'kode_toko;tanggal;barcode;jumlah;harga\nNOPE;20/11/2026;8991853100134;1;Rp25.000\nA9TW;31/02/2026;8991853100134;1;25000\n',
    );
    await upload(page, bad);
    await page.getByText('0 baris diimpor, 0 duplikat, 2 ditolak.').waitFor();
    const table = await page.getByTestId('import-errors').innerText();
    expect(table).toContain('Kode toko di kolom kode_toko tidak dikenal');
    expect(table).toContain('Toko tidak dikenal: 1');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rejects-download').click()]);
    const csv = fs.readFileSync(await dl.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe('kode_toko,tanggal,barcode,jumlah,harga,alasan');
    expect(await page.getByTestId('sales-history').innerText()).toContain('salah.csv');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'sales-id-360');
    expect(errors).toEqual([]);
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads in English at 360 px and at 1280 px', async () => {
    for (const width of [360, 1280]) {
      const { ctx, page, errors } = await open('en', width);
      // The example uploaded above (the demo's till batches are in the history too).
      const card = page.getByTestId('sales-history').locator('li', { hasText: 'penjualan-struk.csv' }).first();
      await card.getByRole('button').click();
      await page
        .getByTestId('import-result')
        .getByText(/rows imported, 5 duplicates/)
        .waitFor();
      await card.getByText('rows:').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await shot(page, `sales-en-${width}`);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });
});
