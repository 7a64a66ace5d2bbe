// The harness itself: every file's server starts on its own copy of the run's seeded demo, so what one
// file changes no other file sees; the template is never written to; stopping removes the copy.
import fs from 'node:fs';
import path from 'node:path';
import { request } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, startServer } from './harness.ts';
import { readTemplate, wibToday } from './template.ts';

/** Every file of a directory with its size and modification time. */
function snapshot(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return `${f} ${s.size} ${s.mtimeMs}`;
  });
}

async function signedIn(url: string, email: string) {
  const api = await request.newContext({ baseURL: url });
  const r = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(r.status()).toBe(200);
  return api;
}

describe('each test file gets a fresh copy of the seeded demo', () => {
  it('a change on one server is not on the next; the template stays as seeded; stop removes the copy', { timeout: 120_000 }, async () => {
    const template = readTemplate(inject('e2eTemplateFile'));
    const before = snapshot(template.dir);
    const first = await startServer();
    let second: Awaited<ReturnType<typeof startServer>> | null = null;
    try {
      expect(first.demoToday).toBe(readTemplate(inject('e2eTemplateFile')).today);
      // Seeded for today, WIB (or yesterday, when midnight passed since the server started).
      expect([wibToday(), first.demoToday]).toContain(first.demoToday);
      expect(first.dataDir).not.toBe(template.dir);
      const a = await signedIn(first.url, 'umkm@demo.etalase.id');
      const [product] = (await (await a.get('/api/products?limit=1')).json()).items as { id: string; name: string }[];
      expect(product).toBeDefined();
      if (!product) return;
      const renamed = `${product.name} (diubah e2e)`;
      expect((await a.patch(`/api/products/${product.id}`, { data: { name: renamed } })).status()).toBe(200);
      expect((await (await a.get(`/api/products/${product.id}`)).json()).name).toBe(renamed);
      await a.dispose();

      second = await startServer();
      const b = await signedIn(second.url, 'umkm@demo.etalase.id');
      expect((await (await b.get(`/api/products/${product.id}`)).json()).name).toBe(product.name);
      await b.dispose();
    } finally {
      await first.stop();
      await second?.stop();
    }
    expect(fs.existsSync(first.dataDir)).toBe(false);
    expect(second && fs.existsSync(second.dataDir)).toBe(false);
    // Unless the WIB day changed meanwhile (then a new template was seeded), the template is untouched.
    const now = readTemplate(inject('e2eTemplateFile'));
    if (now.dir === template.dir) expect(snapshot(template.dir)).toEqual(before);
  });
});
