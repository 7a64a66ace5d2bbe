// Every page reachable from the navigation, for every kind of demo account, in both languages, on a 360-px
// phone: no code (`belum_lolos`, `izin_edar`), no ISO date or raw timestamp, no text of the other language
// (names aside: the app marks them translate="no"), no sideways scroll, no console error. The first record
// of each list is opened too, since a detail page is one tap from the navigation.
// WALK_ROLES=umkm,mentor narrows the walk while fixing pages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, settle, trackRequests, withServerAndBrowser } from './harness.ts';

const e2e = withServerAndBrowser();

const ROLES = [
  'admin',
  'pemda.bengkulu',
  'pemda.serang',
  'pemda.sulbar',
  'pemda.oki',
  'alfamart',
  'alfamart.bengkulu',
  'indomaret',
  'umkm',
  'mentor',
  'bank',
].filter((r) => !process.env.WALK_ROLES || process.env.WALK_ROLES.split(',').includes(r));

/** Words only the other language uses in running text (function words; product or place names do not
 *  consist of them). Checked on visible text outside translate="no". */
const INDONESIAN =
  /\b(yang|dan|untuk|dengan|belum|tidak|dari|pada|sudah|atau|akan|ini|itu|Anda|oleh|dalam|sebelum|sesudah|setelah|semua|hari|bulan|tahun)\b/;
const ENGLISH = /\b(the|and|with|not|of|your|from|this|will|is|are|has|have|for|by|all|days|months|years)\b/i;
const SNAKE = /\b[a-z]+(?:_[a-z0-9]+)+\b/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const RAW_TIME = /\b\d{1,2}\/\d{1,2}\/\d{4}\b|T\d{2}:\d{2}|\d{2}[.:]\d{2}[.:]\d{2}/;
/** Codes that are ordinary English words: on an Indonesian screen they can only be leaked codes. */
const RAW_ENUM =
  /\b(pass|fail|na|open|closed|draft|signed|pending|completed|published|active|approved|queued|running|done|failed|retailer|pemda)\b/;
const CHAIN_LOWER = /\b(alfamart|alfamidi|indomaret)\b(?!\.|@)/;

interface Finding {
  role: string;
  lang: string;
  path: string;
  what: string;
}

/** Visible text of the page outside elements marked translate="no". */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style, noscript, svg, .leaflet-control-attribution')) continue;
      if (!el.checkVisibility()) continue;
      const s = n.textContent?.trim();
      if (s) out.push(s);
    }
    // Options of a closed select are not "visible" but are read when it opens.
    for (const o of document.querySelectorAll('option')) if (!o.closest('[translate="no"]')) out.push(o.textContent ?? '');
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });

function check(lines: string[], lang: 'id' | 'en'): string[] {
  const problems: string[] = [];
  const add = (what: string, line: string) => problems.push(`${what}: "${line.slice(0, 120)}"`);
  for (const line of lines) {
    let m = SNAKE.exec(line);
    if (m) add(`code ${m[0]}`, line);
    if (ISO_DATE.test(line)) add('ISO date', line);
    if (RAW_TIME.test(line)) add('raw time', line);
    m = CHAIN_LOWER.exec(line);
    if (m) add(`chain code ${m[0]}`, line);
    if (lang === 'id') {
      m = RAW_ENUM.exec(line) ?? ENGLISH.exec(line);
      if (m) add(`English "${m[0]}" in Indonesian`, line);
    } else {
      m = INDONESIAN.exec(line);
      if (m) add(`Indonesian "${m[0]}" in English`, line);
    }
  }
  return problems;
}

async function walk(role: string, lang: 'id' | 'en'): Promise<Finding[]> {
  const findings: Finding[] = [];
  const ctx = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await ctx.addInitScript((l) => localStorage.setItem('etalase.lang', l), lang);
  const page = await ctx.newPage();
  trackRequests(page);
  let current = '/';
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A 503 is the server shedding load; the client asks again after Retry-After (src/web/api.ts), so the
    // browser's own network line for it is not an error of the page.
    if (m.type() === 'error' && !/status of 503/.test(m.text())) errors.push(m.text());
  });
  try {
    const login = await page.request.post(`${e2e.server.url}/api/auth/login`, {
      data: { email: `${role}@demo.etalase.id`, password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${e2e.server.url}/`);
    await page.getByTestId('home-title').waitFor();
    const nav = await page.locator('nav.nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '/'));
    const visited = new Set<string>();
    const visit = async (path: string) => {
      if (visited.has(path)) return;
      visited.add(path);
      current = path;
      errors.length = 0;
      await page.goto(`${e2e.server.url}${path}`);
      await settle(page);
      for (const what of check(await visibleText(page), lang)) findings.push({ role, lang, path, what });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 361) findings.push({ role, lang, path, what: `page is ${width} px wide at 360 px` });
      for (const e of errors) findings.push({ role, lang, path, what: `console error: ${e.slice(0, 160)}` });
    };
    for (const path of nav) {
      await visit(path);
      // One tap deeper: the first record of a list (the page has settled: a list is there or there is none).
      const records = page.locator('main a.item-title, main [data-testid$="-list"] a');
      const first = (await records.count()) > 0 ? await records.first().getAttribute('href') : null;
      if (first?.startsWith('/')) await visit(first);
    }
  } catch (e) {
    findings.push({ role, lang, path: current, what: `walk failed: ${(e as Error).message.slice(0, 200)}` });
  } finally {
    await ctx.close();
  }
  return findings;
}

describe('every page from the navigation speaks to people', () => {
  for (const lang of ['id', 'en'] as const) {
    it.each(ROLES)(`%s, ${lang}`, { timeout: 300_000 }, async (role) => {
      const findings = await walk(role, lang);
      expect(findings.map((f) => `${f.path} — ${f.what}`)).toEqual([]);
    });
  }
});
