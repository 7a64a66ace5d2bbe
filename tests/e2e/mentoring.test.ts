// Mentoring run from the screen on a 360-px phone (issue 9, point 2): the Dinas of OKI creates a programme
// (topic and criteria by their labels, mentor by name), invites the demo UMKM from the participants
// suggested by its curation gaps (after a question naming the count); the UMKM accepts on its phone; the
// mentor records a session with attendance (a date outside the period is refused at the field); the Dinas
// re-curates (after a question naming the product count) and sees the before/after in words. Screenshots of
// every page in both languages go to /tmp/e2e-shots. Today comes from the server, so the test passes on any day
// and at any hour (also under `faketime '2030-06-15 08:00:00'`, and across midnight WIB).
import fs from 'node:fs';
import path from 'node:path';
import { type Page, request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/clock.ts';
import { formatDate } from '../../src/platform/format.ts';
import { DEMO_PASSWORD, openPhone, PHONE, scrollWidth, settle, signIn, withServerAndBrowser } from './harness.ts';

const SHOTS = '/tmp/e2e-shots';
const e2e = withServerAndBrowser();

// A refused request the test provokes (the 400 of a session out of period) is not a page error.
const phone = () => openPhone(e2e.browser, { tolerate: /Failed to load resource/ });

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

/** Screenshots in Indonesian and English; no sideways scrolling, no code or ISO date on screen. */
async function lookAt(page: Page, name: string) {
  await settle(page);
  expect(await scrollWidth(page), name).toBeLessThanOrEqual(PHONE.width);
  const text = (await page.locator('main').innerText()) ?? '';
  expect(text, name).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  await shot(page, `${name}-id`);
  await page.getByTestId('lang-switch').click();
  await settle(page);
  expect(await scrollWidth(page), name).toBeLessThanOrEqual(PHONE.width);
  await shot(page, `${name}-en`);
  await page.getByTestId('lang-switch').click();
}

describe('mentoring from the screen (issue 9)', () => {
  it('a programme is created, a UMKM enrolled from the suggestions, a session recorded with attendance, re-curation shows before/after', async () => {
    const api = await request.newContext({ baseURL: e2e.server.url });
    expect((await api.post('/api/auth/login', { data: { email: 'umkm@demo.etalase.id', password: DEMO_PASSWORD } })).status()).toBe(200);
    const umkmName = (await (await api.get('/api/me')).json()).organizationName as string;
    // The programme starts today in OKI (WIB) as the server counts it (its reminders' day for the OKI maker),
    // not as this process's or the browser's clock says: the two may fall either side of midnight WIB. A
    // session held that day stays within the period if midnight passes during the test.
    const today = (await (await api.get('/api/operations/reminders')).json()).today as string;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await api.dispose();
    const name = 'Pendampingan Label Kedaluwarsa OKI (uji)';

    // --- the Dinas creates a programme
    const dinas = await phone();
    const page = dinas.page;
    await signIn(page, e2e.server.url, 'pemda.oki@demo.etalase.id');
    dinas.errors.length = 0; // the sign-in page's own 401 from /api/me
    await page.getByRole('navigation').getByRole('link', { name: 'Pendampingan', exact: true }).click();
    await page.getByTestId('program').first().waitFor();
    expect(await page.getByTestId('pager-info').textContent()).toMatch(/dari 2$/);
    await lookAt(page, 'mentoring-list-dinas');
    await page.getByTestId('program-new').click();
    await page.getByTestId('program-form').waitFor();
    // An empty submit says what is missing at each field, all at once, in the app's words.
    await page.locator('#f-startsOn').fill('');
    await page.getByTestId('program-save').click();
    for (const f of ['name', 'topic', 'startsOn', 'endsOn'])
      expect(await page.locator(`[data-field="${f}"] .field-error`).textContent(), f).toBe('Wajib diisi.');
    expect(await page.locator('[data-field="criterionCodes"] .field-error').textContent()).toContain('Pilih paling sedikit satu');
    await lookAt(page, 'mentoring-form-errors');

    await page.locator('#f-name').fill(name);
    await page.locator('#f-topic').selectOption({ label: 'Kemasan & label' });
    // The topic ticks its criteria, chosen by their labels.
    const ticked = page.locator('[data-field="criterionCodes"] label', { has: page.locator('input:checked') });
    expect(await ticked.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Kemasan'), expect.stringContaining('Kode produksi dan kedaluwarsa')]),
    );
    await page.locator('#f-startsOn').fill(today);
    await page.locator('#f-endsOn').fill(addDays(today, 90));
    await page.locator('#f-mentorUserId').selectOption({ label: 'Pendamping UMKM OKI (demo)' });
    await page.locator('#f-chainCode').selectOption({ label: 'Alfamart' });
    await page.locator('#f-capacity').fill('10');
    await lookAt(page, 'mentoring-form');
    await page.getByTestId('program-save').click();
    await page.getByTestId('program-title').waitFor();
    expect(await page.getByTestId('program-title').textContent()).toBe(name);
    const programUrl = page.url();
    expect(await page.getByTestId('program-period').textContent()).toContain(
      `${formatDate(today, 'id')} – ${formatDate(addDays(today, 90), 'id')}`,
    );

    // --- suggested from gaps, with why; invited after a question naming the count
    const card = page.getByTestId('suggestion').filter({ hasText: umkmName });
    for (let i = 0; i < 20 && (await card.count()) === 0; i++) {
      await page.getByTestId('suggestion').first().waitFor();
      if ((await card.count()) > 0) break;
      await page
        .getByTestId('suggestions')
        .getByRole('button', { name: /Berikutnya/ })
        .click();
    }
    await card.waitFor();
    expect(await card.textContent()).toContain('belum memenuhi Kode produksi dan kedaluwarsa');
    await card.locator('input[type="checkbox"]').check();
    await page.getByTestId('invite-chosen').click();
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Undang 1 UMKM?');
    await shot(page, 'mentoring-invite-confirm-id');
    await page.getByTestId('confirm-yes').click();
    const participant = page.getByTestId('participant').filter({ hasText: umkmName });
    await participant.waitFor();
    expect(await participant.textContent()).toContain('Diundang');
    expect(dinas.errors).toEqual([]);

    // --- the UMKM accepts on its phone
    const umkm = await phone();
    await signIn(umkm.page, e2e.server.url, 'umkm@demo.etalase.id');
    umkm.errors.length = 0;
    const invitations = umkm.page.getByTestId('mentoring-invitations');
    await invitations.waitFor();
    await lookAt(umkm.page, 'mentoring-umkm-home');
    await invitations.getByRole('link', { name }).click();
    await umkm.page.getByTestId('invitation').waitFor();
    await lookAt(umkm.page, 'mentoring-umkm-invitation');
    await umkm.page.getByTestId('invitation-accept').click();
    await expect.poll(() => umkm.page.getByTestId('participant').textContent()).toContain('Peserta');
    expect(await umkm.page.getByTestId('invitation').count()).toBe(0);
    expect(umkm.errors).toEqual([]);
    await umkm.ctx.close();

    // --- the mentor records a session with attendance; a date outside the period is refused at the field
    const mentor = await phone();
    await signIn(mentor.page, e2e.server.url, 'mentor@demo.etalase.id');
    mentor.errors.length = 0;
    await mentor.page.goto(programUrl);
    await mentor.page.getByTestId('session-form').waitFor();
    await mentor.page.locator('#f-heldOn').fill(addDays(today, -1));
    await mentor.page.locator('#f-topic').fill('Menulis kode produksi dan tanggal kedaluwarsa');
    await mentor.page.locator('#f-notes').fill('Contoh cap tanggal dibagikan.');
    expect(await mentor.page.getByTestId('attendance').count()).toBe(1);
    await mentor.page.getByTestId('session-save').click();
    const heldOnError = mentor.page.locator('[data-field="heldOn"] .field-error');
    await heldOnError.waitFor();
    expect(await heldOnError.textContent()).toContain('Tanggal sesi harus dalam masa program');
    expect(await mentor.page.evaluate(() => document.activeElement?.id)).toBe('f-heldOn');
    await mentor.page.locator('#f-heldOn').fill(today);
    await mentor.page.getByTestId('session-save').click();
    const session = mentor.page.getByTestId('session');
    await session.waitFor();
    expect(await session.textContent()).toContain(`${formatDate(today, 'id')} · Menulis kode produksi`);
    expect(await session.textContent()).toContain('Hadir 1 dari 1');
    expect(await mentor.page.getByTestId('participant').textContent()).toContain('Hadir 1 dari 1 sesi');
    await lookAt(mentor.page, 'mentoring-program-mentor');
    expect(mentor.errors).toEqual([]);
    await mentor.ctx.close();

    // --- the Dinas re-curates after a question naming how many products, and sees the before/after
    await page.reload();
    const re = page.getByTestId('recuration');
    await re.waitFor();
    const count = Number(/(\d+) produk dari 1 peserta/.exec((await re.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await page.getByTestId('recurate').click();
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe(`Kurasi ulang ${count} produk?`);
    await page.getByTestId('confirm-yes').click();
    const summary = page.getByTestId('outcome-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.textContent()).toMatch(new RegExp(`^Dari ${count} produk, yang lolos kurasi \\d+ sebelum dan \\d+ sesudah`));
    expect(await page.getByTestId('outcome-item').count()).toBe(count);
    expect(await page.getByTestId('outcome-item').first().textContent()).toMatch(/Sebelum: (Lolos|Belum lolos) → Sesudah: /);
    await expect.poll(() => participant.textContent()).toContain('Selesai');
    await lookAt(page, 'mentoring-program-dinas');
    // The same page on a desktop screen.
    await page.setViewportSize({ width: 1280, height: 900 });
    await shot(page, 'mentoring-program-dinas-1280-id');
    expect(dinas.errors).toEqual([]);
    await dinas.ctx.close();
  }, 240_000);
});
