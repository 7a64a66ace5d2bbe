// Administration through the UI on a 360-px phone (issue 9 point 6): the administrator creates an account
// (the form's own required-field messages first, then a generated password shown once), disables it after
// confirming, and finds both changes in the audit log filtered by the kind of record — written as
// sentences with a table of the changed fields, in both languages, without sideways scrolling.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, scrollWidth, signIn, withServerAndBrowser } from './harness.ts';

const SHOTS = '/tmp/e2e-shots';
const e2e = withServerAndBrowser();

const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

const NAME = 'Staf Uji Bengkulu';
const EMAIL = 'staf.uji@uji.etalase.id';

describe('administration (issue 9)', () => {
  it('the admin creates a user, disables them after confirming, and finds both in the audit log', async () => {
    const ctx = await e2e.browser.newContext({ viewport: PHONE, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, e2e.server.url, 'admin@demo.etalase.id');
      // From here on (the signed-out page's own 401 for /api/me is expected), no console error but the
      // browser's note of the one refusal this test provokes (409, an email already registered) and of a 503
      // (the server shedding load on a busy machine; the client asks again after Retry-After, src/web/api.ts).
      page.on('console', (m) => {
        if (m.type() === 'error' && !/status of (409|503)/.test(m.text())) errors.push(m.text());
      });
      // The home's promise is a real link.
      await page.getByTestId('home-users').click();
      await page.getByRole('heading', { name: 'Pengguna', exact: true }).waitFor();
      await page.getByTestId('users').waitFor();
      expect(await page.getByTestId('pager-info').textContent()).toMatch(/dari \d+/);

      // Create: an empty submit shows the app's own message at each required field, the first focused.
      await page.getByTestId('add-user').click();
      const form = page.getByTestId('new-user');
      await form.getByRole('button', { name: 'Buat akun' }).click();
      await expect.poll(() => form.locator('.field-error').count()).toBe(3);
      expect(await form.locator('[data-field="name"] .field-error').textContent()).toBe('Wajib diisi.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');

      await page.locator('#f-name').fill(NAME);
      await page.locator('#f-email').fill(EMAIL);
      await page.locator('#f-role').selectOption('pemda');
      await page.locator('#f-organizationId-search').fill('Bengkulu');
      const org = page.locator('#f-organizationId option', { hasText: 'Bengkulu' }).first();
      await org.waitFor({ state: 'attached' });
      await page.locator('#f-organizationId').selectOption((await org.getAttribute('value')) as string);
      await page.locator('#f-title').fill('Kepala Bidang UKM');
      await form.getByRole('button', { name: 'Buat akun' }).click();
      const once = page.getByTestId('password-once');
      await once.waitFor();
      const password = ((await once.locator('.secret').textContent()) ?? '').trim();
      expect(password).toMatch(/^.{5}-.{5}-.{5}$/);
      expect(await once.textContent()).toContain('sekali');
      await shot(page, 'admin-users-created-360-id');

      // The new account signs in with it.
      const login = await fetch(`${e2e.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password }),
      });
      expect(login.status).toBe(200);

      // The server's refusal lands at its field: the same email again.
      await page.getByTestId('add-user').click();
      await page.locator('#f-name').fill('Orang Lain');
      await page.locator('#f-email').fill(EMAIL);
      await page.locator('#f-role').selectOption('admin');
      await form.getByRole('button', { name: 'Buat akun' }).click();
      await form.locator('[data-field="email"] .field-error', { hasText: 'Email sudah terdaftar.' }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-email');
      await page.getByTestId('add-user').click(); // closes the form

      // Find the card, disable after the question.
      await page.locator('#list-search').fill('staf.uji');
      const card = page.locator(`[data-testid="user-card"][data-email="${EMAIL}"]`);
      await card.waitFor();
      await expect.poll(() => page.getByTestId('user-card').count()).toBe(1);
      expect(await card.textContent()).toContain('Pemerintah daerah (Dinas)');
      expect(await card.textContent()).toContain('Bengkulu');
      expect(await card.textContent()).toContain('Kepala Bidang UKM');
      await card.getByRole('button', { name: 'Nonaktifkan' }).click();
      const dialog = page.getByTestId('confirm');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(NAME);
      expect(await dialog.textContent()).toContain('semua sesinya');
      await shot(page, 'admin-users-confirm-360-id');
      // Cancelling changes nothing.
      await page.getByTestId('confirm-cancel').click();
      expect(await card.textContent()).toContain('Aktif');
      await card.getByRole('button', { name: 'Nonaktifkan' }).click();
      await page.getByTestId('confirm-yes').click();
      await card.locator('.badge-bad', { hasText: 'Nonaktif' }).waitFor();
      await card.getByRole('button', { name: 'Aktifkan kembali' }).waitFor();
      const refused = await fetch(`${e2e.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password }),
      });
      expect(refused.status).toBe(401);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'admin-users-360-id');

      // The audit log, filtered by the kind of record: both changes, as sentences and tables.
      await page.getByRole('navigation').getByRole('link', { name: 'Log audit', exact: true }).click();
      await page.getByTestId('audit-entries').waitFor();
      await page.locator('#f-entity').selectOption('user');
      const disabled = page.getByTestId('audit-entry').filter({ hasText: `Menonaktifkan pengguna “${NAME}”` });
      await disabled.waitFor();
      const created = page.getByTestId('audit-entry').filter({ hasText: `Membuat pengguna “${NAME}”` });
      await created.waitFor();
      await expect
        .poll(async () => await page.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity'))))
        .toEqual(expect.arrayContaining(['user']));
      expect(new Set(await page.getByTestId('audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity'))))).toEqual(
        new Set(['user']),
      );
      expect(await page.getByTestId('pager-info').textContent()).toMatch(/dari 2$/);
      const row = disabled.locator('tbody tr', { hasText: 'Nonaktif' });
      expect((await row.locator('td').allTextContents()).map((s) => s.trim())).toEqual(['Tidak', 'Ya']);
      expect(await disabled.textContent()).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WIB/);
      expect(await disabled.textContent()).toContain('Admin Etalase (demo)');
      expect(await created.textContent()).toContain('Pemerintah daerah (Dinas)');
      expect(await created.textContent()).toContain('Kepala Bidang UKM');
      const visible = (await page.locator('main').innerText()) ?? '';
      expect(visible).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(visible).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      expect(visible).not.toMatch(/[{}"]/);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'admin-audit-360-id');

      // English: the same page speaks English, the server's sentences too.
      await page.getByTestId('lang-switch').click();
      await page
        .getByTestId('audit-entry')
        .filter({ hasText: `Disabled user “${NAME}”` })
        .waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/Menonaktifkan|Sebelum|Sesudah|Pengguna/);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'admin-audit-360-en');
      await page.getByRole('navigation').getByRole('link', { name: 'Users', exact: true }).click();
      await page.getByTestId('users').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await shot(page, 'admin-users-360-en');
      await page.getByTestId('lang-switch').click();

      // Wide screens too.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${e2e.server.url}/audit?entity=user`);
      await page.getByTestId('audit-entry').first().waitFor();
      await shot(page, 'admin-audit-1280-id');
      await page.goto(`${e2e.server.url}/users`);
      await page.getByTestId('users').waitFor();
      await shot(page, 'admin-users-1280-id');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
