import { describe, expect, it } from 'vitest';
import { shot, signIn, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

describe('a chain and a business it has no reason to know', () => {
  it('shows "tidak ditampilkan", never "null", on the detail and list pages', async () => {
    const ctx = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, e2e.server.url, 'alfamart@demo.etalase.id');
      const list = (await (await page.request.get(`${e2e.server.url}/api/umkm?limit=500`)).json()) as {
        items: { id: string; name: string; personalData: boolean }[];
      };
      const hidden = list.items.find((u) => !u.personalData);
      expect(hidden).toBeDefined();
      await page.goto(`${e2e.server.url}/umkm/${hidden?.id}`);
      await page.getByTestId('umkm-withheld').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(hidden?.name);
      expect(text.match(/tidak ditampilkan/g)?.length).toBeGreaterThanOrEqual(6);
      expect(text).not.toMatch(/null|undefined|NaN/);
      await shot(page, 'umkm-masked-alfamart');
      await page.goto(`${e2e.server.url}/umkm`);
      await page.getByTestId('umkm-list').waitFor();
      expect((await page.getByTestId('umkm-list').textContent()) ?? '').not.toMatch(/null|undefined/);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});

describe('branch staff', () => {
  it('alfamart.bengkulu signs in to the chain home and lists its 75 outlets', async () => {
    const ctx = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    try {
      await signIn(page, e2e.server.url, 'alfamart.bengkulu@demo.etalase.id');
      await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('Kemitraan Ritel');
      const outlets = (await (await page.request.get(`${e2e.server.url}/api/outlets?limit=1`)).json()) as { total: number };
      expect(outlets.total).toBe(75);
    } finally {
      await ctx.close();
    }
  });
});
