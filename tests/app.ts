// Test harness: the real app (buildApp) on a throwaway database, with sign-in helpers for demo accounts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';
import type { DbHandle } from '../src/db/client.ts';
import { DEMO_ANCHOR } from '../src/demo/calendar.ts';
import { DEMO_PASSWORD } from '../src/demo/seed.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { testDb } from './db.ts';

/** The instant every API test runs at (10.00 WIB on the day the test database's demo was seeded for), so
 *  the suite passes whatever the machine's date. */
export const TEST_NOW = new Date(`${DEMO_ANCHOR}T03:00:00Z`);

export interface TestApp {
  app: FastifyInstance;
  handle: DbHandle;
  config: Config;
  /** Session cookie header for a demo account (signed in once, cached). */
  cookie(email: string): Promise<string>;
  /** app.inject as the given demo account (or anonymous when `as` is null). */
  as(email: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const handle = await testDb();
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-files-'));
  const config = loadConfig({}, { demo: true, filesDir, clock: fixedClock(TEST_NOW.toISOString()), ...overrides });
  const app = await buildApp({ handle, config });
  await app.ready();
  const cookies = new Map<string, string>();
  const cookie = async (email: string) => {
    const cached = cookies.get(email);
    if (cached) return cached;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'etalase_session');
    if (!c) throw new Error('no session cookie');
    const header = `${c.name}=${c.value}`;
    cookies.set(email, header);
    return header;
  };
  return {
    app,
    handle,
    config,
    cookie,
    async as(email, opts) {
      const headers = { ...(opts.headers ?? {}), ...(email ? { cookie: await cookie(email) } : {}) };
      return app.inject({ ...opts, headers });
    },
    async close() {
      await app.close();
      await handle.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export const demo = (who: string) => `${who}@demo.etalase.id`;
