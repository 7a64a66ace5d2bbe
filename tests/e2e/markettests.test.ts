// Market tests on a 360-px phone (issue 12): umkm@demo opens her product's test and reads the criteria agreed
// before it started and today's standing, week by week, in both languages; Alfamart starts a test through
// the form (a product under its PKS, two outlets, the criteria) and records the decision on the demo's test
// whose eight weeks are over — the maker then reads "lolos" and the chain's note; the OKI terasi's and a
// Sulawesi Barat product's expansion proposals are accepted by the other region's Dinas and the branch.
// Everything checked is read on screen.
import { describe, expect, it } from 'vitest';
import { looksRight, openPhone, settle, shot, signIn, withServerAndBrowser } from './harness.ts';

const UMKM = 'umkm@demo.etalase.id';
const ALFA = 'alfamart@demo.etalase.id';
const e2e = withServerAndBrowser();

const phone = (lang: 'id' | 'en' = 'id') => openPhone(e2e.browser, { lang });

const BLOK = 'Terasi Blok Super 500 g';

describe('market tests on a phone', () => {
  for (const lang of ['id', 'en'] as const) {
    it(`the maker reads her product's test, its criteria and today's standing (${lang})`, async () => {
      const { ctx, page, errors } = await phone(lang);
      await signIn(page, e2e.server.url, UMKM);
      await page
        .getByRole('link', { name: lang === 'id' ? 'Uji pasar' : 'Market tests' })
        .first()
        .click();
      await settle(page);
      expect(await page.getByTestId('market-tests-title').innerText()).toBe(lang === 'id' ? 'Uji pasar' : 'Market tests');
      const cards = page.getByTestId('market-test');
      expect(await cards.count()).toBe(2);
      await page.getByRole('link', { name: BLOK }).click();
      await settle(page);
      expect(await page.getByTestId('market-test-title').innerText()).toBe(BLOK);
      const criteria = page.getByTestId('criterion');
      expect(await criteria.count()).toBe(4);
      const first = await criteria.first().innerText();
      expect(first).toMatch(
        lang === 'id'
          ? /Penjualan per toko per minggu[\s\S]*Syarat: paling sedikit 2 unit/
          : /Units per store per week[\s\S]*Criterion: at least 2 units/,
      );
      expect(first).toMatch(lang === 'id' ? /Memenuhi/ : /Met/);
      const summary = await page.getByTestId('standing-summary').innerText();
      expect(summary).toMatch(lang === 'id' ? /Minggu ke-8 dari 8: semua syarat terpenuhi/ : /Week 8 of 8: every criterion is met/);
      expect(summary).toMatch(lang === 'id' ? /Dihitung dari penjualan \d+ \w+ \d{4} sampai/ : /Counted from sales/);
      expect(await page.getByTestId('weeks').locator('tbody tr').count()).toBe(8);
      // she reads; the chain decides
      expect(await page.getByTestId('decision-form').count()).toBe(0);
      await looksRight(page, `umkm test ${lang}`);
      await shot(page, `markettest-umkm-${lang}`);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }

  it('the chain starts a test through the form', async () => {
    const { ctx, page, errors } = await phone();
    await signIn(page, e2e.server.url, ALFA);
    await page.goto(`${e2e.server.url}/market-tests`);
    await settle(page);
    await page.getByTestId('new-market-test').click();
    await settle(page);
    // nothing chosen: the form says so, field by field
    await page.getByTestId('start-test').click();
    expect(await page.locator('[data-field="productId"] .field-error').innerText()).toBe('Pilih produk.');
    const options = page.locator('#f-productId option');
    expect(await options.count()).toBeGreaterThan(3);
    // a Bengkulu product: Alfamart has room on its Bengkulu shelves
    const values = await options.evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent ?? '']));
    let picked = false;
    for (const [value] of values.filter(([v]) => v)) {
      await page.locator('#f-productId').selectOption(value as string);
      await settle(page);
      const boxes = page.getByTestId('outlet-picks').locator('input[type=checkbox]:not([disabled])');
      if ((await boxes.count()) >= 2) {
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        picked = true;
        break;
      }
    }
    expect(picked).toBe(true);
    await page.locator('#f-units').fill('1,5');
    await shot(page, 'markettest-chain-new');
    await looksRight(page, 'new test form');
    await page.getByTestId('start-test').click();
    await page.getByTestId('market-test-title').waitFor();
    await settle(page);
    expect(await page.getByTestId('standing-summary').innerText()).toMatch(/Uji pasar mulai/);
    expect(await page.getByTestId('criterion').first().innerText()).toMatch(/paling sedikit 1,5 unit[\s\S]*Belum terukur/);
    await looksRight(page, 'started test');
    await shot(page, 'markettest-chain-started');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the chain records the decision on a finished test; the maker reads it', async () => {
    const { ctx, page, errors } = await phone();
    await signIn(page, e2e.server.url, ALFA);
    await page.goto(`${e2e.server.url}/market-tests?status=running`);
    await settle(page);
    await page.getByRole('link', { name: BLOK }).click();
    await settle(page);
    expect(await page.getByTestId('recommendation').innerText()).toMatch(/Saran dari data: Lolos/);
    await page.locator('#f-decision').selectOption('pass');
    await page.locator('#f-note').fill('Lanjut terpajang di tiga gerai, siap diperluas.');
    await shot(page, 'markettest-chain-decide');
    await page.getByTestId('decide').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Catat keputusan' }).click();
    await expect.poll(async () => page.getByTestId('decisions').innerText()).toMatch(/Lolos/);
    expect(await page.getByText('Lolos uji pasar — terpajang').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('decision-form').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();

    const her = await phone();
    await signIn(her.page, e2e.server.url, UMKM);
    await her.page.goto(`${e2e.server.url}/market-tests?status=passed`);
    await settle(her.page);
    await her.page.getByRole('link', { name: BLOK }).click();
    await settle(her.page);
    expect(await her.page.getByTestId('decision-note').innerText()).toBe('Lanjut terpajang di tiga gerai, siap diperluas.');
    await looksRight(her.page, 'decided test');
    await shot(her.page, 'markettest-umkm-decided');
    expect(her.errors).toEqual([]);
    await her.ctx.close();
  });

  it('the chain sees where a passed product could go; the other region’s Dinas and the branch accept', async () => {
    const chain = await phone();
    await signIn(chain.page, e2e.server.url, ALFA);
    await chain.page.goto(`${e2e.server.url}/market-tests?status=passed`);
    await settle(chain.page);
    await chain.page.getByRole('link', { name: 'Terasi Udang Bakar Siap Pakai 100 g' }).click();
    await settle(chain.page);
    expect(await chain.page.getByTestId('expansion-candidate').count()).toBeGreaterThan(0);
    expect(await chain.page.getByTestId('expansion-candidate').first().innerText()).toMatch(/Wilayah uji/);
    await looksRight(chain.page, 'expansion candidates');
    await shot(chain.page, 'expansion-candidates');
    expect(chain.errors).toEqual([]);
    await chain.ctx.close();

    for (const [who, after] of [
      ['pemda.bengkulu@demo.etalase.id', /Diusulkan, menunggu persetujuan/],
      ['alfamart.bengkulu@demo.etalase.id', /Disetujui — terpajang di gerai baru/],
    ] as const) {
      const { ctx, page, errors } = await phone();
      await signIn(page, e2e.server.url, who);
      await page.goto(`${e2e.server.url}/expansion`);
      await settle(page);
      const card = page.getByTestId('proposal').filter({ hasText: 'Kota Bengkulu' });
      expect(await card.count()).toBe(1);
      await card.getByRole('link').click();
      await settle(page);
      await page.getByTestId('accept-proposal').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Setujui' }).click();
      await expect.poll(async () => page.getByTestId('proposal-title').locator('..').locator('..').innerText()).toMatch(after);
      await looksRight(page, `proposal ${who}`);
      await shot(page, `expansion-${who.split('@')[0]}`);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });

  it('a Sulbar product into Makassar: the Sulsel Dinas and Alfamidi’s Makassar branch see it and accept (en)', async () => {
    for (const [who, after] of [
      ['pemda.sulsel@demo.etalase.id', /Proposed, awaiting acceptance/],
      ['alfamidi.makassar@demo.etalase.id', /Accepted — listed at the new outlets/],
    ] as const) {
      const { ctx, page, errors } = await phone('en');
      await signIn(page, e2e.server.url, who);
      await page.goto(`${e2e.server.url}/expansion`);
      await settle(page);
      // Each sees the Makassar proposal only: not the OKI terasi's into Kota Bengkulu.
      expect(await page.getByTestId('proposal').count()).toBe(1);
      const card = page.getByTestId('proposal').filter({ hasText: 'Makassar' });
      expect(await card.count()).toBe(1);
      await card.getByRole('link').click();
      await settle(page);
      const detail = await page.locator('main').innerText();
      expect(detail).toMatch(/Through the branch’s distribution centre/);
      expect(detail).toMatch(/Alfamidi Cabang Makassar/);
      await page.getByTestId('accept-proposal').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
      await expect.poll(async () => page.getByTestId('proposal-title').locator('..').locator('..').innerText()).toMatch(after);
      await looksRight(page, `proposal ${who}`);
      await shot(page, `expansion-${who.split('@')[0]}-en`);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });
});
