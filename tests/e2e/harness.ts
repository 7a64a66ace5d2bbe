// E2E harness: starts the real server (`tsx src/cli.ts demo`) on a fresh temporary data directory (a copy of
// the run's seeded demo: tests/e2e/template.ts) and a free port, waits for /api/health, and launches Debian's
// Chromium through playwright-core.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { copyTemplate, templateForToday, withoutDatabaseUrl } from './template.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(os.tmpdir(), 'etalase-e2e');
export const DEMO_PASSWORD = 'etalase-demo';

export function requireBuiltWeb() {
  const index = path.join(ROOT, 'dist/web/index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} is missing: run \`npm run build:web\` before \`npm run test:e2e\` (the server serves the built app).`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The WIB day its demo was seeded for (the demo's "today", which the story's dates move with): a test that
   *  must know the demo's day asks this, not the clock (a run may cross midnight WIB). */
  demoToday: string;
  /** Its own data directory, removed by stop(). */
  dataDir: string;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** Runs on the file's own copy of the demo before the server starts on it (the data directory is free
   *  then): e.g. notices written through `notify`, which no route creates. */
  prepare?: (dataDir: string) => Promise<void>;
}

/** The real server on a fresh copy of the run's demo (seeded again first when the WIB day has changed). */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const template = await templateForToday(inject('e2eTemplateFile'));
  const dataDir = copyTemplate(template);
  if (opts.prepare) {
    try {
      await opts.prepare(dataDir);
    } catch (e) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  const port = await freePort();
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const child: ChildProcess = spawn(tsx, ['src/cli.ts', 'demo'], {
    cwd: ROOT,
    // Its own process group, so stopping it also stops the node process tsx starts.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutDatabaseUrl({ ...process.env, ETALASE_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  let exited: number | null = null;
  let stopping = false;
  child.on('exit', (code, signal) => {
    exited = code ?? -1;
    // A server that ends while its tests run leaves them only "connection refused": say why it ended.
    if (!stopping) console.error(`e2e: the server on port ${port} ended during the tests (${code ?? signal}):\n${output.slice(-6000)}`);
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    stopping = true;
    if (exited === null && child.pid) {
      const gone = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 280_000;
  while (Date.now() < deadline) {
    if (exited !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true }); // its copy of the demo goes with it
      throw new Error(`the server exited (${exited}) before answering /api/health:\n${output.slice(-4000)}`);
    }
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return { url, demoToday: template.today, dataDir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the server did not answer /api/health in time:\n${output.slice(-4000)}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

interface RequestTracker {
  inFlight: Set<unknown>;
  /** performance.now() of the last request started or ended. */
  changedAt: number;
}
const trackers = new WeakMap<Page, RequestTracker>();

/** Counts a page's requests in flight from Playwright's events (a redirect's hops are one request each, each
 *  ending in 'requestfinished'; an aborted one in 'requestfailed'). Call it right after newPage(), before the
 *  first goto: settle() needs it. */
export function trackRequests(page: Page): Page {
  if (trackers.has(page)) return page;
  const t: RequestTracker = { inFlight: new Set(), changedAt: performance.now() };
  trackers.set(page, t);
  page.on('request', (r) => {
    t.inFlight.add(r);
    t.changedAt = performance.now();
  });
  const done = (r: unknown) => {
    t.inFlight.delete(r);
    t.changedAt = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return page;
}

/** The page has finished loading: no request in flight for `quietMs` (a fetch that a response's render
 *  starts comes within a frame or two) and nothing "loading" (every fetch ends in data, an empty text or an
 *  error with a retry), checked again when a request started meanwhile. What Playwright's 'networkidle'
 *  waits for, exactly, without its fixed 500 ms. Gives up quietly after `timeoutMs` (as the walk always did:
 *  what is still loading then is what the checks see). */
export async function settle(page: Page, { quietMs = 100, timeoutMs = 20_000 } = {}) {
  const t = trackers.get(page);
  if (!t) throw new Error('settle(page) needs trackRequests(page) right after the page was opened');
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    while (performance.now() < deadline && (t.inFlight.size > 0 || performance.now() - t.changedAt < quietMs)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const since = t.changedAt;
    await page
      .locator('.loading')
      .first()
      .waitFor({ state: 'detached', timeout: Math.max(1, deadline - performance.now()) })
      .catch(() => {});
    if (t.changedAt === since || performance.now() >= deadline) return;
  }
}

/** Signs in through the form and waits for the role's home page. */
export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#f-email').fill(email);
  await page.locator('#f-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor();
}

export const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

export const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The phone every screen is checked on (GUIDE: 360 px wide). */
export const PHONE = { width: 360, height: 740 };

export const mainText = async (page: Page) => (await page.locator('main').innerText()) ?? '';

/** What a person reading the page should never meet: codes (`belum_lolos`), ISO dates, sideways scrolling. */
export async function looksRight(page: Page, where: string) {
  const text = await mainText(page);
  expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? [], where).toEqual([]);
  expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [], where).toEqual([]);
  expect(await scrollWidth(page), where).toBeLessThanOrEqual(PHONE.width);
}

export interface Phone {
  ctx: BrowserContext;
  page: Page;
  /** The page's uncaught errors and console errors (but those `tolerate` matches). */
  errors: string[];
}

/** A 360-px phone in WIB with its requests tracked (for settle). `lang` is set before every page load;
 *  `tolerate`: console errors the test provokes itself — by default the sign-in page's 401 from /api/me and
 *  a 503 of shed load (the client asks again, src/web/api.ts). */
export async function openPhone(
  browser: Browser,
  opts: { lang?: 'id' | 'en'; session?: BrowserContextOptions['storageState']; tolerate?: RegExp } = {},
): Promise<Phone> {
  const ctx = await browser.newContext({
    viewport: PHONE,
    locale: opts.lang === 'en' ? 'en-GB' : 'id-ID',
    timezoneId: 'Asia/Jakarta',
    storageState: opts.session,
  });
  if (opts.lang) await ctx.addInitScript((l) => localStorage.setItem('etalase.lang', l), opts.lang);
  const page = trackRequests(await ctx.newPage());
  const errors: string[] = [];
  const tolerate = opts.tolerate ?? /status of (401|503)/;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !tolerate.test(m.text())) errors.push(m.text());
  });
  return { ctx, page, errors };
}

/** GTIN-13 check digit (GS1 mod 10), computed here independently of the server's rule. */
export function gs1CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The real server (fresh data directory, demo data) and a Chromium for one test file: started before its
 *  tests, stopped after them. Read `e2e.server` and `e2e.browser` inside tests and hooks. */
export function withServerAndBrowser(opts: ServerOptions = {}): { readonly server: RunningServer; readonly browser: Browser } {
  const started: { server?: RunningServer; browser?: Browser } = {};
  beforeAll(async () => {
    requireBuiltWeb();
    started.server = await startServer(opts);
    started.browser = await launchBrowser();
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.server?.stop();
  });
  return {
    get server() {
      if (!started.server) throw new Error('the server has not started');
      return started.server;
    },
    get browser() {
      if (!started.browser) throw new Error('the browser has not started');
      return started.browser;
    },
  };
}
