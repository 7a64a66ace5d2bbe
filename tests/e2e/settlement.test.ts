// Settlement on a 360-px phone, in Bahasa Indonesia (issue 11): umkm@demo opens "Kapan saya dibayar?" and
// reads what she is owed, the bill past the 15 days of PP 29/2021 Pasal 95 marked as reported to her Dinas,
// opens her newest statement, accepts it and sends her invoice — the page then shows both the PKS's due date
// and the legal deadline; she offers it to the demo bank for early payment, the bank reads the evidence and
// offers, she accepts; Alfamart then sees the bank as payee and records the payment; the OKI Dinas reads
// the escalated bill in its list. Everything checked is read on screen.
import { request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, looksRight, mainText, openPhone, settle, shot, signIn, withServerAndBrowser } from './harness.ts';

const UMKM = 'umkm@demo.etalase.id';
const ALFA = 'alfamart@demo.etalase.id';
const OKI = 'pemda.oki@demo.etalase.id';
const BANK = 'bank@demo.etalase.id';

const e2e = withServerAndBrowser();

const phone = (lang: 'id' | 'en' = 'id') => openPhone(e2e.browser, { lang });

describe('settlement on a phone', () => {
  let statementUrl = '';

  it('the maker sees what she is owed and when, and the bill past the legal limit', async () => {
    const { ctx, page, errors } = await phone();
    await signIn(page, e2e.server.url, UMKM);
    await page.goto(`${e2e.server.url}/settlement`);
    await settle(page);
    await expect.poll(() => page.getByTestId('settlement-title').innerText()).toBe('Kapan saya dibayar?');
    const summary = await page.getByTestId('owed-summary').innerText();
    expect(summary).toMatch(/Yang masih harus dibayar kepada Anda/);
    expect(await page.getByTestId('owed-total').innerText()).toMatch(/^Rp[\d.]+$/);
    // What the server says of her bills decides what the screen must show (the demo's story moves with
    // the calendar month it is seeded in: on some days nothing of hers is late yet).
    const summaryApi = (await page.evaluate(async () => (await fetch('/api/settlement/summary')).json())) as {
      overdueCount: number;
      escalatedCount: number;
    };
    if (summaryApi.overdueCount > 0) expect(await page.getByTestId('overdue-total').innerText()).toMatch(/tagihan terlambat/);
    else expect(await page.getByTestId('overdue-total').count()).toBe(0);
    await page.getByRole('link', { name: 'Belum dibayar' }).click();
    await settle(page);
    if (summaryApi.escalatedCount > 0) expect(await page.getByTestId('escalated').first().innerText()).toMatch(/dilaporkan ke Dinas/);
    else expect(await page.getByTestId('escalated').count()).toBe(0);
    await looksRight(page, 'owed');
    await shot(page, 'settlement-umkm-owed');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('she accepts her newest statement and sends her invoice: both deadlines show', async () => {
    // The demo's periods follow the calendar month, so on some seeding days her newest statement is still
    // Alfamart's to issue: Alfamart issues it first (through the API, as its staff would on their screen).
    const api = async (email: string) => {
      const c = await request.newContext({ baseURL: e2e.server.url });
      expect((await c.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } })).status()).toBe(200);
      return c;
    };
    const her = await api(UMKM);
    const me = (await (await her.get('/api/me')).json()) as { organizationId: string };
    const waiting = (await (await her.get('/api/settlement/statements?view=awaiting_umkm')).json()) as { items: { status: string }[] };
    if (!waiting.items.some((x) => x.status === 'issued')) {
      const alfa = await api(ALFA);
      const drafts = (await (await alfa.get(`/api/settlement/statements?view=to_issue&umkmId=${me.organizationId}`)).json()) as {
        items: { id: string }[];
      };
      expect(drafts.items.length).toBeGreaterThan(0);
      expect((await alfa.post(`/api/settlement/statements/${drafts.items[0]!.id}/issue`)).status()).toBe(200);
      await alfa.dispose();
    }
    await her.dispose();
    const { ctx, page, errors } = await phone();
    await signIn(page, e2e.server.url, UMKM);
    await page.goto(`${e2e.server.url}/settlement?view=awaiting_umkm`);
    await settle(page);
    await page.getByTestId('statement').filter({ hasText: 'Diterbitkan' }).first().getByRole('link').click();
    await settle(page);
    statementUrl = page.url();
    expect(await page.getByTestId('statement-line').count()).toBeGreaterThan(0);
    await looksRight(page, 'statement');
    await shot(page, 'settlement-umkm-statement');
    await page.getByTestId('accept').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Setujui' }).click();
    await settle(page);
    await page.getByLabel('Nomor faktur').fill('INV/TRS/2026/11');
    await page.getByTestId('send-invoice').click();
    await settle(page);
    await expect.poll(() => mainText(page)).toMatch(/Tagihan lengkap, menunggu pembayaran/);
    expect(await page.getByTestId('legal-due').innerText()).toMatch(/PP 29\/2021 Pasal 95/);
    expect(await mainText(page)).toMatch(/Jatuh tempo menurut PKS \(30 hari\)/);
    await looksRight(page, 'billed');
    await shot(page, 'settlement-umkm-billed');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('she offers it to the bank; the bank sees the evidence and offers; she accepts', async () => {
    const her = await phone();
    await signIn(her.page, e2e.server.url, UMKM);
    await her.page.goto(statementUrl);
    await settle(her.page);
    await her.page
      .getByTestId('financing-form')
      .getByLabel(/Bank Contoh Daerah/)
      .check();
    await her.page.getByTestId('send-financing').click();
    await settle(her.page);
    await expect.poll(() => her.page.getByTestId('financing-link').count()).toBe(1);

    const bank = await phone();
    await signIn(bank.page, e2e.server.url, BANK);
    await bank.page.goto(`${e2e.server.url}/settlement/financing`);
    await settle(bank.page);
    await bank.page.getByTestId('financing-request').filter({ hasText: 'Menunggu penawaran' }).first().getByRole('link').click();
    await settle(bank.page);
    expect(await bank.page.getByTestId('evidence-sellout-summary').innerText()).toMatch(/Penjualan kasir per hari \(\d+ baris\)/);
    await bank.page.getByTestId('evidence-sellout-summary').click();
    expect(await bank.page.getByTestId('evidence-sellout').innerText()).toMatch(/unit/);
    await bank.page.getByTestId('evidence-sellout-summary').click();
    await bank.page.getByLabel('Bunga per tahun (%)').fill('12');
    await bank.page.getByLabel('Jangka waktu (hari)').fill('14');
    await bank.page.getByTestId('send-offer').click();
    await settle(bank.page);
    await expect.poll(() => bank.page.getByTestId('offer').count()).toBe(1);
    await looksRight(bank.page, 'bank offer');
    await shot(bank.page, 'settlement-bank-offer');
    expect(bank.errors).toEqual([]);
    await bank.ctx.close();

    await her.page.getByTestId('financing-link').click();
    await settle(her.page);
    const advance = await her.page.getByTestId('offer-advance').innerText();
    expect(advance).toMatch(/^Rp[\d.]+$/);
    await her.page.getByTestId('accept-offer').click();
    await her.page.getByRole('dialog').getByRole('button', { name: 'Terima' }).click();
    await settle(her.page);
    await expect.poll(() => mainText(her.page)).toMatch(/Sudah dibiayai/);
    await looksRight(her.page, 'financed');
    await shot(her.page, 'settlement-umkm-financed');
    expect(her.errors).toEqual([]);
    await her.ctx.close();
  });

  it('Alfamart then sees the bank as payee and pays it', async () => {
    const { ctx, page, errors } = await phone();
    await signIn(page, e2e.server.url, ALFA);
    await page.goto(statementUrl);
    await settle(page);
    expect(await page.getByTestId('pay-to').innerText()).toMatch(/Bank Contoh Daerah/);
    expect(await page.getByTestId('payee').innerText()).toMatch(/Bank Contoh Daerah/);
    await page.getByLabel('Nomor referensi transfer').fill('TRF-E2E-1');
    await page.getByTestId('record-payment').click();
    await settle(page);
    await expect.poll(() => mainText(page)).toMatch(/Lunas/);
    expect(await page.getByTestId('payments').innerText()).toMatch(/TRF-E2E-1/);
    await looksRight(page, 'paid');
    await shot(page, 'settlement-chain-paid');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('the OKI Dinas reads the escalated bill and the delays per chain, in both languages', async () => {
    for (const lang of ['id', 'en'] as const) {
      const { ctx, page, errors } = await phone(lang);
      await signIn(page, e2e.server.url, OKI);
      await page.goto(`${e2e.server.url}/settlement`);
      await settle(page);
      const delays = (await page.evaluate(async () => (await fetch('/api/settlement/delays')).json())) as {
        chains: { escalatedCount: number }[];
      };
      expect(delays.chains.length).toBeGreaterThan(0);
      if (delays.chains.some((c) => c.escalatedCount > 0)) {
        expect(await page.getByTestId('delays').innerText()).toMatch(lang === 'id' ? /Lewat batas 15 hari/ : /Past the 15-day limit/);
        expect(await page.getByTestId('statement').count()).toBeGreaterThan(0);
      }
      await looksRight(page, `dinas ${lang}`);
      await shot(page, `settlement-dinas-${lang}`);
      expect(errors).toEqual([]);
      await ctx.close();
    }
  });
});
