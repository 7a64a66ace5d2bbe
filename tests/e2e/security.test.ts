// The web app under its Content Security Policy, in Chromium against the real server: no page the admin or a
// chain opens (the map included) trips the CSP, and the administrator finds a failed sign-in in the
// security log page, in Indonesian.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../src/app.ts';
import { settle, shot, signIn, trackRequests, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

/** A page that records CSP violations (the browser's own event) and script errors. */
async function newPage(): Promise<{ ctx: BrowserContext; page: Page; problems: string[] }> {
  const ctx = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = trackRequests(await ctx.newPage());
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (s: string) => problems.push(s));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation: (s: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  return { ctx, page, problems };
}

describe('the web app under its CSP', () => {
  it('the administrator sees a failed sign-in in the security log, with no CSP violation', async () => {
    const { ctx, page, problems } = await newPage();
    try {
      await page.goto(`${e2e.server.url}/login`);
      await page.locator('#f-email').fill('pemda.oki@demo.etalase.id');
      await page.locator('#f-password').fill('bukan-kata-sandinya');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('salah');
      await signIn(page, e2e.server.url, 'admin@demo.etalase.id');
      await page.getByRole('link', { name: 'Log keamanan' }).click();
      const card = page.getByTestId('security-events').locator('li').first();
      await expect.poll(() => card.textContent()).toContain('Gagal masuk');
      expect(await card.textContent()).toContain('pemda.oki@demo.etalase.id');
      await shot(page, 'security-log');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  for (const who of ['pemda.oki@demo.etalase.id', 'umkm@demo.etalase.id', 'alfamart@demo.etalase.id']) {
    it(`every page in the navigation of ${who.split('@')[0]} loads with no CSP violation`, async () => {
      const { ctx, page, problems } = await newPage();
      try {
        await signIn(page, e2e.server.url, who);
        const hrefs = await page.locator('nav.nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(hrefs.length).toBeGreaterThan(2);
        for (const href of hrefs) {
          await page.goto(`${e2e.server.url}${href}`);
          await settle(page);
          expect(await page.locator('.alert-error').count(), href).toBe(0);
        }
        expect(problems).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it('a chain plans Kota Bengkulu and sees the map, with no CSP violation', async () => {
    const { ctx, page, problems } = await newPage();
    try {
      await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
      await page.goto(`${e2e.server.url}/placement`);
      await page.locator('#f-regionCode').selectOption('17');
      await page.locator('#f-regionCode-regency').selectOption('17.71');
      await page.getByTestId('plan-start').click();
      await page.getByTestId('plan-result').waitFor({ timeout: 30_000 });
      await page.locator('.leaflet-container').waitFor();
      await page.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane svg').first().waitFor();
      expect(problems).toEqual([]);
      // The watch above is live: an inline script, as an injected one would be, is blocked and reported.
      await page.evaluate(() => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.body.append(s);
      });
      await expect.poll(() => problems.some((p) => p.startsWith('script-src'))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    } finally {
      await ctx.close();
    }
  });
});

describe('the built page', () => {
  it('the built web app needs no inline script or style', () => {
    const html = fs.readFileSync(path.join(WEB_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });
});
