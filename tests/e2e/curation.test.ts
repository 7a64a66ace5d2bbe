// Curation through the UI (issues 3 and 9, acceptance): pemda.sulbar@demo.etalase.id sees the bottleneck
// table and chart for Sulawesi Barat and exports them as CSV and XLSX; umkm@demo.etalase.id reads its gap
// list in Indonesian on a 360-px phone without sideways scrolling; alfamart@demo.etalase.id cannot open an
// Indomaret requirement draft or curation round by its address. Issue 9: the Dinas of OKI opens a round
// for Alfamart and adds products, Alfamart's curator works through the queue and closes the round, the
// UMKM reads its gap list; the 949-product Serang round is paged to its last product, the total agreeing
// with the API's; screenshots of every curation page at 360 px in both languages.
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type BrowserContext, type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, mainText, PHONE, scrollWidth, settle, signIn, trackRequests, withServerAndBrowser } from './harness.ts';

const SHOTS = '/tmp/e2e-shots';

const e2e = withServerAndBrowser();

type Session = Awaited<ReturnType<APIRequestContext['storageState']>>;

/** A browser page; signed in already when given a session's cookies. */
async function newPage(
  viewport = { width: 1280, height: 900 },
  session?: Session,
): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await e2e.browser.newContext({
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
    storageState: session,
  });
  const page = trackRequests(await ctx.newPage());
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

/** A page with the language chosen before the app starts (the app reads it from localStorage). */
async function newPageIn(lang: 'id' | 'en', viewport = PHONE, session?: Session) {
  const p = await newPage(viewport, session);
  await p.ctx.addInitScript((l) => localStorage.setItem('etalase.lang', l), lang);
  return p;
}

/** Visible text of the main area. */

/** No code on screen: snake_case tokens and ISO dates never shown. */
function expectWords(text: string, where: string) {
  expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? [], where).toEqual([]);
  expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], where).toEqual([]);
}

describe('curation run from the screen (issue 9)', () => {
  it('a Dinas opens a round and adds products, the curator scores the queue and closes it, the UMKM reads its gaps', async () => {
    const roundName = `Kurasi Kayuagung ${Date.now()}`;
    // 1. Dinas OKI, on a phone: opens a round for Alfamart in the district of the demo UMKM.
    const dinas = await newPageIn('id');
    let roundUrl = '';
    try {
      const { page, errors } = dinas;
      await signIn(page, e2e.server.url, 'pemda.oki@demo.etalase.id');
      await page.getByRole('navigation').getByRole('link', { name: 'Kurasi', exact: true }).click();
      await page.getByTestId('new-round').click();
      const form = page.getByTestId('round-form');
      await form.waitFor();
      // An empty submit: the app's own messages at the fields.
      await page.getByTestId('round-submit').click();
      await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThanOrEqual(2);
      expect(await form.locator('.field-error').first().textContent()).toBe('Wajib diisi.');
      await page.locator('#f-name').fill(roundName);
      await page.locator('#f-chainCode').selectOption('alfamart');
      expect(await page.locator('#f-chainCode option').allTextContents()).toContain('Alfamart');
      await expect.poll(() => page.locator('#f-requirementSetId option').count()).toBeGreaterThan(1);
      const setOption = page.locator('#f-requirementSetId option').nth(1);
      expect(await setOption.textContent()).toMatch(/versi \d+/);
      await page.locator('#f-requirementSetId').selectOption({ index: 1 });
      // The region picker starts at the Dinas's regency; the district is chosen by name.
      const district = page.locator('#f-regionCode-district');
      await expect.poll(() => district.locator('option').count()).toBeGreaterThan(2);
      const kayuagung = await district
        .locator('option', { hasText: /./ })
        .evaluateAll((os) => (os as HTMLOptionElement[]).filter((o) => o.value === '16.02.11').map((o) => o.textContent));
      expect(kayuagung[0]).not.toMatch(/\d/);
      await district.selectOption('16.02.11');
      // The curation date defaults to today and is written out beside the picker.
      expect(await page.locator('#f-curationDate').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await page.locator('[data-field="curationDate"] .hint').textContent()).toMatch(
        /(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
      );
      await shot(page, 'curation-new-round-id-phone');
      await page.getByTestId('round-submit').click();
      await page.getByTestId('round-counts').waitFor({ timeout: 20_000 });
      roundUrl = page.url();
      expect(await page.locator('.page-header').textContent()).toContain(roundName);
      expect(await page.locator('.page-header').textContent()).toContain('Alfamart');

      // Adds the products: every eligible one, after a confirmation naming the count.
      await page.getByTestId('toggle-add').click();
      const panel = page.getByTestId('add-products');
      await panel.getByTestId('candidates').waitFor();
      const eligible = await panel.getByTestId('add-one').count();
      expect(eligible).toBeGreaterThan(0);
      await panel.getByTestId('add-all').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(`${eligible} produk`);
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.getByTestId('entry').count(), { timeout: 20_000 }).toBe(eligible);
      expect(await page.getByTestId('entry-total').textContent()).toContain(String(eligible));
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expectWords(await mainText(page), 'round detail');
      await shot(page, 'curation-round-new-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await dinas.ctx.close();
    }

    // 2. Alfamart's curator, on a phone: the work queue, each entry assessed, "Berikutnya" to the next.
    const curator = await newPageIn('id');
    let umkmProduct = '';
    try {
      const { page, errors } = curator;
      await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
      await page.goto(roundUrl);
      await page.getByTestId('queue-link').click();
      await page.getByTestId('entry').first().waitFor();
      await page.getByTestId('entry').first().locator('a.item-title').click();
      let assessed = 0;
      for (;;) {
        await page.getByTestId('criteria').waitFor();
        // The product and its permits beside the criteria.
        expect(await page.locator('.facts').textContent()).toMatch(/Rp\d/);
        if (assessed === 0) {
          umkmProduct = (await page.locator('h1').textContent()) ?? '';
          await shot(page, 'curation-entry-id-phone');
        }
        const attest = page.getByTestId('attest');
        for (let i = 0; i < (await attest.count()); i++) {
          // The first check of the first product is not met; everything else is.
          const no = assessed === 0 && i === 0;
          const button = attest.nth(i).getByRole('button', { name: no ? 'Tidak' : 'Ya, terpenuhi' });
          await button.click();
          await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
        }
        const score = page.getByTestId('score');
        for (let i = 0; i < (await score.count()); i++) {
          expect(await score.nth(i).locator('legend').textContent()).toMatch(/batas lolos \d/);
          const button = score.nth(i).getByRole('button', { name: '4', exact: true });
          await button.click();
          await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
        }
        const text = await mainText(page);
        expect(text).not.toMatch(/\b(pass|fail|na|pending)\b/);
        expect(text).toMatch(/Terpenuhi|Belum terpenuhi|Tidak berlaku/);
        expectWords(text, 'entry');
        assessed++;
        if ((await page.getByTestId('next-entry').count()) === 0) break;
        await page.getByTestId('next-entry').click();
        await expect.poll(() => page.locator('h1').textContent()).not.toBe(umkmProduct);
      }
      await page.getByTestId('queue-done').waitFor();
      expect(assessed).toBeGreaterThan(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

      // Closes the round behind a confirmation naming the consequence.
      await page.goto(roundUrl);
      await page.getByTestId('close-round').click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toMatch(/final/);
      await page.getByTestId('confirm-yes').click();
      await expect.poll(() => page.locator('.page-header').textContent(), { timeout: 20_000 }).toContain('Ditutup');
      expect(await page.getByTestId('close-round').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await curator.ctx.close();
    }

    // 3. The UMKM reads the gap list of the new round: the criterion by its label and the remedy.
    for (const lang of ['id', 'en'] as const) {
      const owner = await newPageIn(lang);
      try {
        const { page, errors } = owner;
        await signIn(page, e2e.server.url, 'umkm@demo.etalase.id');
        await page.goto(`${e2e.server.url}/curation/gaps`);
        const card = page.getByTestId('gap-card').filter({ hasText: roundName }).first();
        await card.waitFor({ timeout: 20_000 });
        const text = (await card.innerText()) ?? '';
        expect(text).toContain('Alfamart');
        expect(text).toContain(lang === 'id' ? 'Langkah berikutnya:' : 'Next step:');
        expect(text).toContain(lang === 'id' ? 'Belum lolos' : 'Not passed yet');
        expectWords(text, `gap card ${lang}`);
        if (lang === 'en') expect(text).not.toContain('Langkah berikutnya');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
        await shot(page, `curation-gaps-${lang}-phone`);
        expect(errors).toEqual([]);
      } finally {
        await owner.ctx.close();
      }
    }
    expect(umkmProduct).not.toBe('');
  }, 300_000);

  it('the 949-product Serang round pages to its last product, its total the API’s', async () => {
    const api = await apiAs('indomaret@demo.etalase.id');
    const rounds = (await (await api.get('/api/curation/rounds?regionCode=36.04&limit=50')).json()) as {
      items: { id: string; products: number }[];
    };
    const round = rounds.items.find((r) => r.products > 900);
    expect(round).toBeDefined();
    const all = (await (await api.get(`/api/curation/rounds/${round?.id}/entries?limit=20&offset=940`)).json()) as {
      total: number;
      items: { productName: string }[];
    };
    await api.dispose();
    expect(all.total).toBe(949);
    const { ctx, page, errors } = await newPageIn('id');
    try {
      await signIn(page, e2e.server.url, 'indomaret@demo.etalase.id');
      await page.goto(`${e2e.server.url}/curation/rounds/${round?.id}`);
      await page.getByTestId('entry').first().waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('entry-total').textContent()).toContain('949');
      expect(await page.getByTestId('pager-info').textContent()).toBe('1–20 dari 949');
      // Three pages forward with the pager, then to the last page by its address.
      for (let p = 2; p <= 3; p++) {
        await page.getByRole('button', { name: /Berikutnya/ }).click();
        await expect.poll(() => page.getByTestId('pager-info').textContent()).toBe(`${(p - 1) * 20 + 1}–${p * 20} dari 949`);
      }
      await page.goto(`${e2e.server.url}/curation/rounds/${round?.id}?page=48`);
      await expect.poll(() => page.getByTestId('pager-info').textContent(), { timeout: 20_000 }).toBe('941–949 dari 949');
      expect(await page.getByTestId('entry').count()).toBe(9);
      expect(await page.getByRole('button', { name: /Berikutnya/ }).isDisabled()).toBe(true);
      const names = await page.getByTestId('entry').locator('a.item-title').allTextContents();
      expect(names).toEqual(all.items.map((i) => i.productName));
      // A phone-sized page: cards, no sideways scrolling, a sane height for 20 products.
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await page.goto(`${e2e.server.url}/curation/rounds/${round?.id}`);
      await page.getByTestId('entry').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(9000);
      // Filtered by a failed criterion: the count the filter says is the count shown.
      const criterion = page.locator('#f-criterion');
      await expect.poll(() => criterion.locator('option').count()).toBeGreaterThan(1);
      const option = (await criterion.locator('option').nth(1).textContent()) ?? '';
      const count = option.match(/\(([\d.]+)\)$/)?.[1]?.replace(/\./g, '');
      await criterion.selectOption({ index: 1 });
      await expect.poll(() => page.getByTestId('entry-total').textContent()).toContain(`${Number(count).toLocaleString('id-ID')} produk`);
      expectWords(await mainText(page), 'serang round');
      await shot(page, 'curation-round-serang-id-phone');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('every curation page, at 360 px in both languages: words not codes, no sideways scrolling', async () => {
    const admin = await apiAs('admin@demo.etalase.id');
    const sets = (await (await admin.get('/api/curation/requirement-sets?limit=100')).json()) as {
      items: { id: string; chainCode: string; status: string; version: number; category: string | null }[];
    };
    await admin.dispose();
    const draft = sets.items.find((s) => s.chainCode === 'alfamart' && s.status === 'draft');
    const pages: [string, string, string][] = [
      ['alfamart@demo.etalase.id', '/curation/rounds', 'rounds'],
      ['alfamart@demo.etalase.id', '/curation/requirements', 'requirements'],
      ['alfamart@demo.etalase.id', `/curation/requirements/${draft?.id}`, 'requirement-draft'],
      ['pemda.sulbar@demo.etalase.id', '/curation/bottlenecks', 'bottlenecks'],
      ['pemda.serang@demo.etalase.id', '/curation/bottlenecks', 'bottlenecks-serang'],
      ['umkm@demo.etalase.id', '/curation/gaps', 'gaps'],
    ];
    // Each account signed in once (through the API; the form is the other tests' business), its session reused.
    const sessions = new Map<string, Session>();
    for (const [who] of pages) {
      if (sessions.has(who)) continue;
      const api = await apiAs(who);
      sessions.set(who, await api.storageState());
      await api.dispose();
    }
    for (const lang of ['id', 'en'] as const) {
      for (const [who, url, name] of pages) {
        const { ctx, page, errors } = await newPageIn(lang, PHONE, sessions.get(who));
        try {
          await page.goto(`${e2e.server.url}${url}`);
          await settle(page);
          await page.locator('main .card:visible, main .empty:visible').first().waitFor({ timeout: 20_000 });
          const text = await mainText(page);
          expectWords(text, `${name} ${lang}`);
          if (lang === 'en') expect(text, name).not.toMatch(/\b(Belum|Langkah|produk|Wilayah|Berikutnya)\b/);
          expect(await scrollWidth(page), name).toBeLessThanOrEqual(PHONE.width);
          await shot(page, `curation-${name}-${lang}-phone`);
          expect(errors, name).toEqual([]);
        } finally {
          await ctx.close();
        }
      }
    }
  }, 300_000);

  it('the Dinas of Serang opens the bottlenecks on the chain with data there, with a legend; the funnel adds up', async () => {
    const { ctx, page, errors } = await newPageIn('id');
    try {
      await signIn(page, e2e.server.url, 'pemda.serang@demo.etalase.id');
      await page.goto(`${e2e.server.url}/curation/bottlenecks`);
      await page.getByTestId('bottleneck-table').waitFor({ timeout: 20_000 });
      expect(await page.locator('.page-header').textContent()).toContain('Indomaret');
      expect(await page.locator('#f-chain').inputValue()).toBe('indomaret');
      expect(await page.getByTestId('chart-legend').textContent()).toContain('dilonggarkan');
      // All five columns reachable inside the table's own scroll box.
      const box = page.getByTestId('bottleneck-scroll');
      expect(await box.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
      expect(await page.getByTestId('bottleneck-table').locator('tbody tr').first().locator('td').count()).toBe(5);
      // The funnel is its own request: wait for it (evaluateAll does not wait) before reading its stages.
      await page.getByTestId('funnel-total').waitFor();
      const stages = await page.getByTestId('funnel-stage').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-products'))));
      const total = Number(await page.getByTestId('funnel-total').getAttribute('data-products'));
      expect(stages.reduce((s, x) => s + x, 0)).toBe(total);
      expect(total).toBeGreaterThan(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

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
