// The access matrix, written out by hand: which audiences may call each API route, from the product's
// point of view (BRIEF roles), not read from POLICY. The test fails when POLICY (and the running app)
// disagree with this table, and when a route exists that the table does not name — a new route must be
// placed here deliberately. Branch staff are their own audience (alfamart.bengkulu).
//
// Then every list answer ({items,total}) is compared with an SQL oracle of the caller's scope, written
// here in plain SQL independently of the policy module: for every demo account, no foreign row in any
// list, no row missing, and the total matches. Outlet staff (toko@demo: a retailer account bound to one
// Alfamart store in Kota Bengkulu) are their own audience too: each route below names them or not.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { notify } from '../src/modules/notifications/notifications.service.ts';
import { type Audience, POLICY } from '../src/platform/auth/policy.ts';
import { addDays, localDate } from '../src/platform/clock.ts';
import { registerErrorHandler, registerRequestFrame } from '../src/platform/http.ts';
import { demo, TEST_NOW, type TestApp, testApp } from './app.ts';

type Who = 'public' | 'admin' | 'pemda' | 'chain' | 'branch' | 'outlet' | 'umkm' | 'mentor' | 'bank';
const ACCOUNTS: Record<Who, string | null> = {
  public: null,
  admin: demo('admin'),
  pemda: demo('pemda.serang'),
  chain: demo('alfamart'),
  branch: demo('alfamart.bengkulu'),
  outlet: demo('toko'),
  umkm: demo('umkm'),
  mentor: demo('mentor'),
  bank: demo('bank'),
};
const ROLE_OF: Record<Who, Audience> = {
  public: 'public',
  admin: 'admin',
  pemda: 'pemda',
  chain: 'retailer',
  branch: 'retailer',
  outlet: 'outlet',
  umkm: 'umkm',
  mentor: 'mentor',
  bank: 'bank',
};

const EVERYONE: Who[] = ['public', 'admin', 'pemda', 'chain', 'branch', 'outlet', 'umkm', 'mentor', 'bank'];
const SIGNED_IN: Who[] = ['admin', 'pemda', 'chain', 'branch', 'outlet', 'umkm', 'mentor', 'bank'];
/** Head office and branch staff (outlet staff are named route by route: 'outlet'). */
const RETAIL: Who[] = ['chain', 'branch'];
/** A store's own work: head office, branch and the outlet's staff. */
const STORE: Who[] = [...RETAIL, 'outlet'];
/** Everyone signed in but outlet staff (curation is no business of a store's staff) and banks (a bank sees
 *  only the statements offered to it). */
const NOT_STORE: Who[] = SIGNED_IN.filter((w) => w !== 'outlet' && w !== 'bank');
const ADMIN: Who[] = ['admin'];
/** Everyone working with businesses' records: the Dinas, chains, the business itself and its mentor. */
const WORKERS: Who[] = ['admin', 'pemda', ...RETAIL, 'umkm', 'mentor'];
const DINAS: Who[] = ['admin', 'pemda'];
const DINAS_AND_CHAINS: Who[] = ['admin', 'pemda', ...RETAIL];
const PARTIES: Who[] = ['admin', 'pemda', ...RETAIL, 'umkm'];

/** Route → who may call it at all (row scope and per-record decisions come on top). */
const MATRIX: Record<string, Who[]> = {
  'GET /api/health': EVERYONE,
  'GET /api/config': EVERYONE,
  'GET /api/openapi.json': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': EVERYONE,
  'GET /api/me': SIGNED_IN,
  'GET /api/regions': EVERYONE,
  'GET /api/regions/:code': EVERYONE,
  // the public catalogue (C11): anyone, signed in or not, reads what makers published and outlets carry;
  // only a maker decides what of hers is public
  'GET /api/public/products': EVERYONE,
  'GET /api/public/products/:id': EVERYONE,
  'GET /api/public/makers/:id': EVERYONE,
  'GET /api/public/regions/:code': EVERYONE,
  'GET /api/public/photos/:sha256/:size': EVERYONE,
  'GET /api/public/feeds/:code/:file': EVERYONE,
  'GET /api/catalogue/mine': ['umkm'],
  'PUT /api/catalogue/mine/profile': ['umkm'],
  'PUT /api/catalogue/mine/products/:id': ['umkm'],
  // registry (C1): names of organisations are known to all users; only an admin creates them
  'GET /api/organizations': SIGNED_IN,
  'GET /api/organizations/:id': SIGNED_IN,
  'POST /api/organizations': ADMIN,
  'PATCH /api/organizations/:id': ADMIN,
  'POST /api/organizations/:id/archive': ADMIN,
  // outlets: a chain runs its own; a Dinas and a UMKM (where could I sell?) read them; mentors do not
  // outlet staff read their own store (and do not edit it: the branch does)
  'GET /api/outlets': [...PARTIES, 'outlet'],
  'GET /api/outlets/:id': [...PARTIES, 'outlet'],
  'POST /api/outlets': ['admin', ...RETAIL],
  'PATCH /api/outlets/:id': ['admin', ...RETAIL],
  'POST /api/outlets/:id/archive': ['admin', ...RETAIL],
  // UMKM and products: the Dinas registers, the business keeps its own up to date, chains read
  'GET /api/umkm': WORKERS,
  'GET /api/umkm/:id': WORKERS,
  'POST /api/umkm': DINAS,
  'PATCH /api/umkm/:id': [...DINAS, 'umkm'],
  'POST /api/umkm/:id/archive': DINAS,
  'GET /api/products': WORKERS,
  'GET /api/products/:id': WORKERS,
  'POST /api/products': [...DINAS, 'umkm'],
  'PATCH /api/products/:id': [...DINAS, 'umkm'],
  'POST /api/products/:id/archive': [...DINAS, 'umkm'],
  'POST /api/products/:id/permits': [...DINAS, 'umkm'],
  'POST /api/products/:id/permits/:permitId/archive': [...DINAS, 'umkm'],
  'POST /api/products/:id/photos': [...DINAS, 'umkm'],
  'POST /api/files': SIGNED_IN,
  'GET /api/files/:sha256': SIGNED_IN,
  // administration
  // user administration: the installation's administrators only (a Dinas does not manage accounts)
  'GET /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/disable': ADMIN,
  'POST /api/users/:id/enable': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'GET /api/audit': ADMIN,
  // the security log (failed sign-ins, refused requests): the operator only
  'GET /api/security-events': ADMIN,
  // curation (C2): chains set requirements; rounds are run by chains and Dinas; results reach the business
  'GET /api/curation/requirement-sets': NOT_STORE,
  'GET /api/curation/requirement-sets/:id': NOT_STORE,
  'POST /api/curation/requirement-sets': ['admin', ...RETAIL],
  'PATCH /api/curation/requirement-sets/:id': ['admin', ...RETAIL],
  'POST /api/curation/requirement-sets/:id/publish': ['admin', ...RETAIL],
  'GET /api/curation/rounds': WORKERS,
  'GET /api/curation/rounds/:id': WORKERS,
  'GET /api/curation/rounds/:id/entries': WORKERS,
  'GET /api/curation/rounds/:id/facets': WORKERS,
  // A list inside one round (like its entries): checked against an SQL oracle in curation.rounds.test.ts.
  'GET /api/curation/rounds/:id/candidates': DINAS_AND_CHAINS,
  'GET /api/curation/entries/:id': WORKERS,
  'GET /api/curation/gap-lists': WORKERS,
  'POST /api/curation/rounds': DINAS_AND_CHAINS,
  'POST /api/curation/rounds/:id/products': DINAS_AND_CHAINS,
  'POST /api/curation/rounds/:id/evaluate': DINAS_AND_CHAINS,
  'POST /api/curation/rounds/:id/close': DINAS_AND_CHAINS,
  'PATCH /api/curation/entries/:id': DINAS_AND_CHAINS,
  'GET /api/curation/relaxations': DINAS_AND_CHAINS,
  'POST /api/curation/relaxations': DINAS,
  'POST /api/curation/relaxations/:id/archive': DINAS,
  'GET /api/curation/bottlenecks': DINAS_AND_CHAINS,
  'GET /api/curation/bottlenecks/export': DINAS_AND_CHAINS,
  'GET /api/curation/funnel': WORKERS,
  'GET /api/curation/products/:id/status': WORKERS,
  // mentoring (C3): a Dinas programme; chains are not told who is being mentored
  'GET /api/mentoring/programs': [...DINAS, 'umkm', 'mentor'],
  'GET /api/mentoring/programs/:id': [...DINAS, 'umkm', 'mentor'],
  'GET /api/mentoring/programs/:id/outcome': [...DINAS, 'umkm', 'mentor'],
  'GET /api/mentoring/programs/:id/suggestions': DINAS,
  // the mentors a programme may be given: whoever creates programmes
  'GET /api/mentoring/mentors': DINAS,
  'POST /api/mentoring/programs': DINAS,
  'POST /api/mentoring/programs/:id/enrolments': DINAS,
  'POST /api/mentoring/programs/:id/recurate': DINAS,
  'POST /api/mentoring/programs/:id/sessions': [...DINAS, 'mentor'],
  'POST /api/mentoring/programs/:id/respond': ['umkm'],
  // agreements (C4): MoU between Dinas and chain, PKS between chain and business
  // outlet staff read the PKS of the makers whose goods are on their shelf (to order, receive, return)
  'GET /api/agreements': [...PARTIES, 'outlet'],
  // the rules of trade in force, as the parties' screens cite them
  'GET /api/agreements/rules': [...PARTIES, 'outlet'],
  'GET /api/agreements/:id': [...PARTIES, 'outlet'],
  'GET /api/agreements/:id/versions/:version': [...PARTIES, 'outlet'],
  'GET /api/agreements/:id/versions/:version/document.pdf': [...PARTIES, 'outlet'],
  'GET /api/agreements/terms': [...PARTIES, 'outlet'],
  'GET /api/agreements/reminders': PARTIES,
  'GET /api/agreements/eligible-products': DINAS_AND_CHAINS,
  'POST /api/agreements/mou': DINAS,
  'PATCH /api/agreements/mou/:id': DINAS,
  'GET /api/agreements/pks-template': ['admin', ...RETAIL],
  'POST /api/agreements/pks': ['admin', ...RETAIL],
  'PATCH /api/agreements/pks/:id': ['admin', ...RETAIL],
  'POST /api/agreements/:id/sign': ['pemda', ...RETAIL, 'umkm'],
  'POST /api/agreements/:id/submit': PARTIES,
  'POST /api/agreements/:id/return': PARTIES,
  'POST /api/agreements/:id/withdraw': PARTIES,
  'POST /api/agreements/:id/amend': PARTIES,
  'POST /api/agreements/:id/terminate': PARTIES,
  // placement (C5): a chain's plan; the Dinas follows it; the business sees where its products stand
  'GET /api/placement/plans': DINAS_AND_CHAINS,
  'GET /api/placement/plans/:id': DINAS_AND_CHAINS,
  'POST /api/placement/plans': DINAS_AND_CHAINS,
  'POST /api/placement/plans/:id/approve': RETAIL,
  // what is on the shelf: outlet staff, their store's
  'GET /api/placements': [...PARTIES, 'outlet'],
  'POST /api/placements/:id/lock': RETAIL,
  // operations (C7): the chain orders, receives and handles its shelf; the maker answers, ships and
  // follows her goods; the Dinas follows its region; a mentor and the public see nothing of it
  // outlet staff do the same for their one store: its orders (never a distribution centre's), receipts,
  // stock, counts, write-offs, returns and sales; they neither answer nor ship orders
  'GET /api/operations/suggestions': STORE,
  'POST /api/operations/orders': STORE,
  'GET /api/operations/orders': [...PARTIES, 'outlet'],
  'GET /api/operations/orders/:id': [...PARTIES, 'outlet'],
  'POST /api/operations/orders/:id/respond': ['umkm'],
  'POST /api/operations/orders/:id/cancel': STORE,
  'POST /api/operations/orders/:id/delivery-notes': ['umkm'],
  'GET /api/operations/delivery-notes': [...PARTIES, 'outlet'],
  'GET /api/operations/delivery-notes/:id': [...PARTIES, 'outlet'],
  'GET /api/operations/delivery-notes/:id/pdf': [...PARTIES, 'outlet'],
  'POST /api/operations/delivery-notes/:id/receipt': STORE,
  'GET /api/operations/receipts': [...PARTIES, 'outlet'],
  'GET /api/operations/service-level': [...PARTIES, 'outlet'],
  'GET /api/operations/stock': [...PARTIES, 'outlet'],
  'GET /api/operations/stock/movements': [...PARTIES, 'outlet'],
  'POST /api/operations/stock-counts': STORE,
  'GET /api/operations/expiries': STORE,
  'POST /api/operations/expiries': STORE,
  'POST /api/operations/returns': STORE,
  'GET /api/operations/returns': [...PARTIES, 'outlet'],
  'GET /api/operations/returns/:id': [...PARTIES, 'outlet'],
  'POST /api/operations/returns/:id/pickup': [...STORE, 'umkm'],
  'GET /api/operations/reminders': [...PARTIES, 'outlet'],
  'GET /api/operations/sell-out': [...PARTIES, 'outlet'],
  'GET /api/operations/reconciliation': [...PARTIES, 'outlet'],
  // POS sales (C7): a chain imports its own tills' sales (an admin for any chain) and keeps the history;
  // the summary is read by every party within its scope — a mentor has no business with sales figures;
  // outlet staff do not import (the chain's system sends every store's sales) but read their store's
  'POST /api/sales/imports': ['admin', ...RETAIL],
  'POST /api/sales/lines': ['admin', ...RETAIL],
  'GET /api/sales/imports': ['admin', ...RETAIL],
  'GET /api/sales/imports/:id': ['admin', ...RETAIL],
  'GET /api/sales/imports/:id/rejects.csv': ['admin', ...RETAIL],
  'GET /api/sales/summary': [...PARTIES, 'outlet'],
  // settlement (C8): the chain settles (head office or branch; a store's staff have no part in money), the
  // UMKM answers and bills, a Dinas watches the payments to its region's businesses; the trial balance is
  // the admin's and a Dinas's (its region's journals); a statement of account is a party's own
  // a bank reads the statements offered to it (and nothing else of any party: no PKS, sale or outlet)
  'GET /api/settlement/statements': [...PARTIES, 'bank'],
  'GET /api/settlement/summary': [...PARTIES, 'bank'],
  'GET /api/settlement/statements/:id': [...PARTIES, 'bank'],
  'GET /api/settlement/statements/:id/lines/:line/days': [...PARTIES, 'bank'],
  'POST /api/settlement/statements/compute': ['admin', ...RETAIL],
  'POST /api/settlement/statements/:id/issue': RETAIL,
  'POST /api/settlement/statements/:id/correct': RETAIL,
  'POST /api/settlement/statements/:id/payments': RETAIL,
  'POST /api/settlement/statements/:id/accept': ['umkm'],
  'POST /api/settlement/statements/:id/dispute': ['umkm'],
  'POST /api/settlement/statements/:id/invoice': ['umkm'],
  'GET /api/settlement/trial-balance': DINAS,
  'GET /api/settlement/account': ['admin', ...RETAIL, 'umkm'],
  'GET /api/settlement/delays': DINAS,
  // early payment: the UMKM offers and accepts, a bank offers; each sees its own requests
  'GET /api/settlement/banks': ['admin', 'umkm', 'bank'],
  'POST /api/settlement/statements/:id/financing': ['umkm'],
  'GET /api/settlement/financing': ['admin', 'umkm', 'bank'],
  'GET /api/settlement/financing/:id': ['admin', 'umkm', 'bank'],
  'GET /api/settlement/financing/:id/evidence.pdf': ['admin', 'umkm', 'bank'],
  'POST /api/settlement/financing/:id/offers': ['bank'],
  'POST /api/settlement/financing/offers/:id/accept': ['umkm'],
  // a statement's documents: whoever sees the statement (its visibility: the detail route's; a bank, those
  // offered to it, for its evidence)
  'GET /api/settlement/statements/:id/pdf': [...PARTIES, 'bank'],
  'GET /api/settlement/statements/:id/xlsx': [...PARTIES, 'bank'],
  // notifications (issue 11): every signed-in person has an inbox, their own only (the oracle below);
  // marking read is part of reading it
  'GET /api/notifications': SIGNED_IN,
  'POST /api/notifications/:id/read': SIGNED_IN,
  'POST /api/notifications/read-all': SIGNED_IN,
  // market tests (C6): the chain's head office or branch runs them; a store's staff read those at their store;
  // the maker reads her products' tests and their criteria; a Dinas watches; mentors and banks have no part
  'GET /api/market-tests': [...PARTIES, 'outlet'],
  'GET /api/market-tests/:id': [...PARTIES, 'outlet'],
  'GET /api/market-tests/options': RETAIL,
  'POST /api/market-tests': RETAIL,
  'POST /api/market-tests/:id/decisions': RETAIL,
  // expansion: candidates are read with the test; the chain proposes; the chain (its branch) and, across a
  // province border, the other region's Dinas accept or decline; the maker and her Dinas watch
  'GET /api/market-tests/:id/expansion': [...PARTIES, 'outlet'],
  'POST /api/market-tests/:id/expansion': RETAIL,
  'GET /api/expansion': PARTIES,
  'GET /api/expansion/:id': PARTIES,
  'POST /api/expansion/:id/accept': ['pemda', ...RETAIL],
  'POST /api/expansion/:id/decline': ['pemda', ...RETAIL],
  // promotion campaigns (C9): the chain (head office or branch) runs them; a Dinas watches its region's; a
  // maker reads those featuring her products; outlet staff their store's (the materials list), not results
  'GET /api/promotions': [...PARTIES, 'outlet'],
  'GET /api/promotions/options': RETAIL,
  'POST /api/promotions': RETAIL,
  'GET /api/promotions/:id': [...PARTIES, 'outlet'],
  'POST /api/promotions/:id/cancel': RETAIL,
  'GET /api/promotions/:id/results': PARTIES,
  'GET /api/promotions/:id/materials': [...PARTIES, 'outlet'],
};

let t: TestApp;
let routes: { key: string; method: string; path: string; url: string }[];

beforeAll(async () => {
  t = await testApp();
  routes = [...t.app.routePolicies.keys()]
    .filter((k) => !k.startsWith('HEAD ') && !k.includes(' /api/docs'))
    .map((key) => {
      const [method, path] = key.split(' ') as [string, string];
      const url = path.replace(/:(\w+)/g, (_m, name: string) =>
        name === 'code' ? '17.71' : name === 'sha256' ? '0'.repeat(64) : name === 'version' ? '1' : crypto.randomUUID(),
      );
      return { key, method, path, url };
    });
});
afterAll(() => t.close());

describe('role × route, against a table written by hand', () => {
  it('the table names every API route, and only those', () => {
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('POLICY grants each route exactly the audiences of the table', () => {
    const wrong: string[] = [];
    for (const r of routes) {
      const action = t.app.routePolicies.get(r.key);
      if (!action) continue;
      const policy = POLICY[action] as readonly Audience[];
      for (const who of EVERYONE) {
        const table = (MATRIX[r.key] ?? []).includes(who);
        if (policy.includes(ROLE_OF[who]) !== table) wrong.push(`${r.key} (${action}): ${who} table ${table ? 'allows' : 'refuses'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  for (const who of EVERYONE) {
    it(`the running app answers ${who} as the table says, on every route (never a 500)`, async () => {
      const wrong: string[] = [];
      for (const r of routes) {
        if (r.key === 'POST /api/auth/logout') continue; // would end the cached session of this account
        const allowed = (MATRIX[r.key] ?? []).includes(who);
        const res = await t.as(ACCOUNTS[who], {
          method: r.method as 'GET',
          url: r.url,
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        const code = res.statusCode >= 400 ? res.json().error?.code : null;
        // A refusal for who the caller is, not for what it asked (validation, a missing row: 4xx otherwise).
        const refused = (res.statusCode === 401 && code === 'unauthenticated') || (res.statusCode === 403 && code === 'forbidden');
        const expected = allowed ? !refused : res.statusCode === (who === 'public' ? 401 : 403);
        if (res.statusCode >= 500 || !expected)
          wrong.push(`${r.key} → ${res.statusCode} ${code ?? ''} (${allowed ? 'allowed' : 'refused'})`);
        if (res.statusCode >= 400) {
          expect(res.json().error.message.id, r.key).toBeTruthy();
          expect(res.json().error.message.en, r.key).toBeTruthy();
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('refuses to start with an API route that declares no policy', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    registerRequestFrame(app, t.handle.db, () => new Date());
    expect(() => app.get('/api/unguarded', async () => ({ secret: true }))).toThrow(/declares no known policy/);
    await app.close();
    expect(loadConfig({}).demo).toBe(false);
  });
});

// Before the list oracles run, so the plans lists hold a branch plan and a head-office plan.
describe('branch staff (Alfamart Cabang Bengkulu)', () => {
  it('reads and changes only its branch’s outlets; the head office reads them all', async () => {
    const branch = ACCOUNTS.branch as string;
    const outside = await sql<{ id: string }>`
      SELECT o.id FROM outlets o JOIN organizations c ON c.id = o.chain_id
      WHERE c.chain_code = 'alfamart' AND o.branch_id IS DISTINCT FROM (SELECT organization_id FROM users WHERE email = ${branch})
      LIMIT 3`.execute(t.handle.db);
    expect(outside.rows.length).toBe(3);
    for (const { id } of outside.rows) {
      expect((await t.as(branch, { method: 'GET', url: `/api/outlets/${id}` })).statusCode).toBe(404);
      expect((await t.as(branch, { method: 'PATCH', url: `/api/outlets/${id}`, payload: { localSlots: 0 } })).statusCode).toBe(404);
      expect((await t.as(ACCOUNTS.chain, { method: 'GET', url: `/api/outlets/${id}` })).statusCode).toBe(200);
    }
  });

  it('its placement plans are its own: the head office sees them, another branch’s plans stay hidden', async () => {
    const branch = ACCOUNTS.branch as string;
    const plan = await t.as(branch, { method: 'POST', url: '/api/placement/plans', payload: { regionCode: '17.71' } });
    expect(plan.statusCode, plan.body).toBeLessThan(300);
    const id = plan.json().plan.id as string;
    expect((await t.as(branch, { method: 'GET', url: `/api/placement/plans/${id}` })).statusCode).toBe(200);
    expect((await t.as(ACCOUNTS.chain, { method: 'GET', url: `/api/placement/plans/${id}` })).statusCode).toBe(200);
    expect((await t.as(demo('indomaret'), { method: 'GET', url: `/api/placement/plans/${id}` })).statusCode).toBe(404);
    // A head-office plan (no branch) is not the branch's.
    const hq = await t.as(ACCOUNTS.chain, { method: 'POST', url: '/api/placement/plans', payload: { regionCode: '17.71' } });
    expect(hq.statusCode, hq.body).toBeLessThan(300);
    const hqId = hq.json().plan.id as string;
    expect((await t.as(branch, { method: 'GET', url: `/api/placement/plans/${hqId}` })).statusCode).toBe(404);
    const mine = await fetchAll(branch, '/api/placement/plans');
    expect(mine.ids).toEqual([id]);
    expect((await fetchAll(ACCOUNTS.chain, '/api/placement/plans')).ids.sort()).toEqual([id, hqId].sort());
  });
});

// Before the list oracles run, so the import history holds imports of two chains (one by branch staff).
describe('POS imports (C7)', () => {
  it('each chain keeps its own import history; branch staff import for their chain', async () => {
    const line = { storeCode: 'A9TW', date: '2026-11-19', gtin: '8991853100134', qty: 1, unitPrice: 25000 };
    const before = {
      chain: (await fetchAll(ACCOUNTS.chain, '/api/sales/imports')).total,
      indomaret: (await fetchAll(demo('indomaret'), '/api/sales/imports')).total,
    };
    for (const who of [ACCOUNTS.branch, ACCOUNTS.chain, demo('indomaret')]) {
      const res = await t.as(who, { method: 'POST', url: '/api/sales/lines', payload: { lines: [line] } });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await fetchAll(ACCOUNTS.chain, '/api/sales/imports')).total).toBe(before.chain + 2);
    expect((await fetchAll(ACCOUNTS.branch, '/api/sales/imports')).total).toBe(before.chain + 2);
    expect((await fetchAll(demo('indomaret'), '/api/sales/imports')).total).toBe(before.indomaret + 1);
  });
});

// Before the list oracles run, so inboxes hold notices: some addressed to several organisations at once.
describe('notifications (issue 11)', () => {
  it('each event reaches the active users of the organisations it names', async () => {
    const emails = Object.values(ACCOUNTS).filter((e): e is string => e !== null);
    const orgs = (
      await t.handle.db
        .selectFrom('users')
        .select('organization_id')
        .where('email', 'in', emails)
        .where('organization_id', 'is not', null)
        .execute()
    ).map((u) => u.organization_id as string);
    expect(orgs.length).toBeGreaterThan(4);
    for (const [i, group] of [orgs, orgs.slice(0, 2), orgs.slice(2)].entries()) {
      await t.handle.db.transaction().execute((trx) =>
        notify(trx, {
          organizationIds: group,
          kind: 'statement_issued',
          title: { id: `Pemberitahuan ${i}`, en: `Notice ${i}` },
          body: { id: 'Isi', en: 'Body' },
          link: '/',
          entityId: null,
          key: `matrix:${i}`,
          at: TEST_NOW,
        }),
      );
    }
  });
});

// ---- lists against an SQL oracle --------------------------------------------------------------------

interface Me {
  who: Who;
  userId: string;
  org: string | null;
  /** a Dinas's region; a UMKM's province */
  region: string | null;
  chain: string | null;
  branch: string | null;
  /** outlet staff: their store */
  outlet: string | null;
}

async function me(who: Who): Promise<Me> {
  const email = ACCOUNTS[who] as string;
  const r = await sql<{
    id: string;
    org: string | null;
    kind: string | null;
    region: string | null;
    parent: string | null;
    prov: string | null;
    outlet: string | null;
    outlet_chain: string | null;
    outlet_branch: string | null;
  }>`
    SELECT u.id, u.organization_id AS org, o.kind, o.region_code AS region, o.parent_id AS parent, p.province_code AS prov,
      u.outlet_id AS outlet, ou.chain_id AS outlet_chain, ou.branch_id AS outlet_branch
    FROM users u LEFT JOIN organizations o ON o.id = u.organization_id LEFT JOIN umkm_profiles p ON p.organization_id = o.id
      LEFT JOIN outlets ou ON ou.id = u.outlet_id
    WHERE u.email = ${email}`.execute(t.handle.db);
  const u = r.rows[0];
  if (!u) throw new Error(email);
  // Outlet staff: the chain and branch of their store, whichever of the two the account belongs to.
  if (u.outlet) {
    return { who, userId: u.id, org: u.org, region: null, chain: u.outlet_chain, branch: u.outlet_branch, outlet: u.outlet };
  }
  return {
    who,
    userId: u.id,
    org: u.org,
    region: u.kind === 'government' ? u.region : u.kind === 'umkm' ? u.prov : null,
    chain: u.kind === 'chain' ? u.org : u.kind === 'branch' ? u.parent : null,
    branch: u.kind === 'branch' ? u.org : null,
    outlet: null,
  };
}

/** `col` lies in region `code` (prefix match on the dotted code). */
const within = (col: string, code: string | null) => sql.raw(`(${col} = '${code}' OR ${col} LIKE '${code}.%')`);
/** `col` lies in `code` or covers it (a province-wide record concerns a regency). */
const overlaps = (col: string, code: string | null) =>
  sql.raw(`(${within(col, code).compile(t.handle.db).sql} OR '${code}' LIKE ${col} || '.%')`);

/** The UMKM ids the caller may see at all. */
function umkmIds(m: Me) {
  switch (m.who) {
    case 'admin':
    case 'chain':
    case 'branch':
    case 'outlet':
      return sql`SELECT organization_id FROM umkm_profiles`;
    case 'pemda':
      return sql`SELECT organization_id FROM umkm_profiles WHERE ${within('village_code', m.region)}`;
    case 'umkm':
      return sql`SELECT ${m.org}::uuid`;
    case 'mentor':
      return sql`SELECT umkm_id FROM mentor_assignments WHERE mentor_user_id = ${m.userId}`;
    default:
      return sql`SELECT NULL::uuid WHERE false`;
  }
}

const ORACLES: Record<string, (m: Me) => ReturnType<typeof sql> | null> = {
  '/api/organizations': (m) =>
    m.who === 'admin'
      ? sql`SELECT id FROM organizations WHERE archived_at IS NULL`
      : sql`SELECT id FROM organizations WHERE archived_at IS NULL AND (kind <> 'umkm' OR id IN (${umkmIds(m)}))`,
  '/api/outlets': (m) => {
    const base = sql`SELECT id FROM outlets WHERE archived_at IS NULL`;
    if (m.who === 'admin') return base;
    if (m.who === 'outlet') return sql`${base} AND id = ${m.outlet}`;
    if (m.who === 'branch') return sql`${base} AND branch_id = ${m.branch}`;
    if (m.who === 'chain') return sql`${base} AND chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`${base} AND ${within('district_code', m.region)}`;
    if (m.who === 'umkm') return sql`${base} AND province_code = ${m.region}`;
    return null;
  },
  '/api/umkm': (m) => sql`SELECT o.id FROM organizations o WHERE o.kind = 'umkm' AND o.archived_at IS NULL AND o.id IN (${umkmIds(m)})`,
  '/api/products': (m) => sql`SELECT id FROM products WHERE archived_at IS NULL AND umkm_id IN (${umkmIds(m)})`,
  '/api/users': () => sql`SELECT id FROM users`,
  // the same for everyone: published products of live makers placed today at a live outlet
  '/api/public/products': () => sql`SELECT DISTINCT p.id FROM products p
    JOIN organizations u ON u.id = p.umkm_id AND u.archived_at IS NULL
    JOIN placements pl ON pl.product_id = p.id AND pl.starts_on <= ${localDate('17', TEST_NOW)}::date AND (pl.ends_on IS NULL OR pl.ends_on > ${localDate('17', TEST_NOW)}::date)
    JOIN outlets o ON o.id = pl.outlet_id AND o.archived_at IS NULL
    WHERE p.published_at IS NOT NULL AND p.archived_at IS NULL`,
  '/api/curation/requirement-sets': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM requirement_sets`;
    if (m.chain) return sql`SELECT id FROM requirement_sets WHERE status <> 'draft' OR chain_id = ${m.chain}`;
    return sql`SELECT id FROM requirement_sets WHERE status <> 'draft'`;
  },
  '/api/curation/rounds': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM curation_rounds`;
    if (m.chain) return sql`SELECT id FROM curation_rounds WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`SELECT id FROM curation_rounds WHERE ${overlaps('region_code', m.region)}`;
    return sql`SELECT DISTINCT round_id FROM curation_entries WHERE umkm_id IN (${umkmIds(m)})`;
  },
  '/api/curation/relaxations': (m) => {
    const base = sql`SELECT id FROM curation_relaxations WHERE true`;
    if (m.who === 'admin') return base;
    if (m.chain) return sql`${base} AND chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`${base} AND ${overlaps('region_code', m.region)}`;
    return null;
  },
  // Active mentor accounts a Dinas may assign: independent ones (no organisation) and its own staff.
  '/api/mentoring/mentors': (m) =>
    m.who === 'admin'
      ? sql`SELECT id FROM users WHERE role = 'mentor' AND disabled_at IS NULL`
      : sql`SELECT id FROM users WHERE role = 'mentor' AND disabled_at IS NULL AND (organization_id IS NULL OR organization_id = ${m.org})`,
  '/api/mentoring/programs': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM mentoring_programs`;
    if (m.who === 'pemda') return sql`SELECT id FROM mentoring_programs WHERE ${overlaps('region_code', m.region)}`;
    if (m.who === 'mentor') return sql`SELECT id FROM mentoring_programs WHERE mentor_user_id = ${m.userId}`;
    if (m.who === 'umkm') return sql`SELECT program_id FROM mentoring_enrolments WHERE umkm_id = ${m.org}`;
    return null;
  },
  '/api/agreements': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM agreements`;
    // the PKS (chain-wide or the store's branch's) of makers with a product placed at the store
    if (m.who === 'outlet')
      return sql`SELECT id FROM agreements WHERE kind = 'pks' AND chain_id = ${m.chain} AND (branch_id IS NULL OR branch_id = ${m.branch})
        AND umkm_id IN (SELECT umkm_id FROM placements WHERE outlet_id = ${m.outlet})`;
    if (m.who === 'branch')
      return sql`SELECT id FROM agreements WHERE chain_id = ${m.chain} AND (branch_id IS NULL OR branch_id = ${m.branch})`;
    if (m.who === 'chain') return sql`SELECT id FROM agreements WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`SELECT id FROM agreements WHERE ${overlaps('region_code', m.region)} OR government_id = ${m.org}`;
    if (m.who === 'umkm') return sql`SELECT id FROM agreements WHERE kind = 'pks' AND umkm_id = ${m.org}`;
    return null;
  },
  '/api/placement/plans': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM placement_plans`;
    if (m.who === 'branch') return sql`SELECT id FROM placement_plans WHERE chain_id = ${m.chain} AND branch_id = ${m.branch}`;
    if (m.who === 'chain') return sql`SELECT id FROM placement_plans WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`SELECT id FROM placement_plans WHERE ${within('region_code', m.region)}`;
    return null;
  },
  '/api/sales/imports': (m) => {
    if (m.who === 'admin') return sql`SELECT id FROM sales_imports`;
    if (m.who === 'chain' || m.who === 'branch') return sql`SELECT id FROM sales_imports WHERE chain_id = ${m.chain}`;
    return null;
  },
  // each person's own inbox, whatever the role
  '/api/notifications': (m) => sql`SELECT id FROM notifications WHERE user_id = ${m.userId}`,
  // placements in force or to come (the list's default: not those ended by today)
  '/api/placements': (m) => {
    const live = sql`SELECT id FROM placements WHERE (ends_on IS NULL OR ends_on > ${localDate('31', TEST_NOW)}::date)`;
    if (m.who === 'admin') return live;
    if (m.who === 'outlet') return sql`${live} AND chain_id = ${m.chain} AND outlet_id = ${m.outlet}`;
    if (m.who === 'branch') return sql`${live} AND outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${m.branch})`;
    if (m.who === 'chain') return sql`${live} AND chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`${live} AND ${within('district_code', m.region)}`;
    if (m.who === 'umkm') return sql`${live} AND umkm_id = ${m.org}`;
    return null;
  },
};

/** Purchase orders (C7) the caller may see: a chain its own (a branch those it placed or that deliver to
 *  one of its outlets); a Dinas those under PKS of or covering its region; a UMKM those sent to it. */
function orderIds(m: Me) {
  if (m.who === 'admin') return sql`SELECT id FROM purchase_orders`;
  // outlet staff: orders delivered to their store (a distribution centre's are the branch's)
  if (m.who === 'outlet')
    return sql`SELECT id FROM purchase_orders WHERE chain_id = ${m.chain} AND deliver_to = 'outlet' AND outlet_id = ${m.outlet}`;
  if (m.who === 'branch')
    return sql`SELECT id FROM purchase_orders WHERE chain_id = ${m.chain} AND (branch_id = ${m.branch}
      OR id IN (SELECT order_id FROM purchase_order_lines WHERE outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${m.branch})))`;
  if (m.who === 'chain') return sql`SELECT id FROM purchase_orders WHERE chain_id = ${m.chain}`;
  if (m.who === 'pemda') return sql`SELECT id FROM purchase_orders WHERE ${overlaps('region_code', m.region)}`;
  if (m.who === 'umkm') return sql`SELECT id FROM purchase_orders WHERE umkm_id = ${m.org}`;
  return sql`SELECT NULL::uuid WHERE false`;
}

/** Records kept per outlet (stock movements, returns, sales lines) the caller may see, as a condition. */
function atOutlets(m: Me) {
  if (m.who === 'admin') return sql`true`;
  if (m.who === 'outlet') return sql`chain_id = ${m.chain} AND outlet_id = ${m.outlet}`;
  if (m.who === 'branch') return sql`chain_id = ${m.chain} AND outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${m.branch})`;
  if (m.who === 'chain') return sql`chain_id = ${m.chain}`;
  if (m.who === 'pemda') return within('district_code', m.region);
  if (m.who === 'umkm') return sql`umkm_id = ${m.org}`;
  return sql`false`;
}

Object.assign(ORACLES, {
  // Statements (not the superseded): a chain its own (a branch its branch's and the chain-wide), a Dinas
  // those of businesses in its region, a UMKM its own once issued.
  '/api/settlement/statements': (m: Me) => {
    const live = sql`SELECT id FROM settlement_statements WHERE status <> 'superseded'`;
    if (m.who === 'admin') return live;
    if (m.who === 'branch') return sql`${live} AND chain_id = ${m.chain} AND (branch_id IS NULL OR branch_id = ${m.branch})`;
    if (m.who === 'chain') return sql`${live} AND chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`${live} AND ${within('umkm_district_code', m.region)}`;
    if (m.who === 'umkm') return sql`${live} AND umkm_id = ${m.org} AND status <> 'computed'`;
    if (m.who === 'bank')
      return sql`${live} AND id IN (SELECT fr.statement_id FROM financing_requests fr JOIN financing_request_banks b ON b.request_id = fr.id
        WHERE b.bank_id = ${m.org})`;
    return null;
  },
  '/api/settlement/financing': (m: Me) => {
    if (m.who === 'admin') return sql`SELECT id FROM financing_requests`;
    if (m.who === 'umkm') return sql`SELECT id FROM financing_requests WHERE umkm_id = ${m.org}`;
    if (m.who === 'bank') return sql`SELECT request_id FROM financing_request_banks WHERE bank_id = ${m.org}`;
    return null;
  },
  // Market tests: a chain its own (a branch those it runs or at its outlets; a store's staff those at their
  // store); a Dinas those of makers of its region or at outlets in its region; the maker her own.
  '/api/market-tests': (m: Me) => {
    if (m.who === 'admin') return sql`SELECT id FROM market_tests`;
    if (m.who === 'outlet')
      return sql`SELECT test_id FROM market_test_outlets WHERE outlet_id = ${m.outlet}
        AND test_id IN (SELECT id FROM market_tests WHERE chain_id = ${m.chain})`;
    if (m.who === 'branch')
      return sql`SELECT id FROM market_tests WHERE chain_id = ${m.chain} AND (branch_id = ${m.branch}
        OR id IN (SELECT test_id FROM market_test_outlets WHERE outlet_id IN (SELECT id FROM outlets WHERE branch_id = ${m.branch})))`;
    if (m.who === 'chain') return sql`SELECT id FROM market_tests WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda')
      return sql`SELECT id FROM market_tests WHERE ${within('umkm_district_code', m.region)}
        OR id IN (SELECT test_id FROM market_test_outlets WHERE ${within('district_code', m.region)})`;
    if (m.who === 'umkm') return sql`SELECT id FROM market_tests WHERE umkm_id = ${m.org}`;
    return null;
  },
  // Expansion proposals: a chain its own (a branch those into outlets it runs or of tests it ran); a Dinas
  // those of its makers or into its region; the maker her own.
  '/api/expansion': (m: Me) => {
    if (m.who === 'admin') return sql`SELECT id FROM expansion_proposals`;
    if (m.who === 'branch')
      return sql`SELECT id FROM expansion_proposals WHERE chain_id = ${m.chain} AND (target_branch_id = ${m.branch}
        OR test_id IN (SELECT id FROM market_tests WHERE branch_id = ${m.branch}))`;
    if (m.who === 'chain') return sql`SELECT id FROM expansion_proposals WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda')
      return sql`SELECT id FROM expansion_proposals WHERE ${within('umkm_district_code', m.region)} OR ${overlaps('target_region_code', m.region)}`;
    if (m.who === 'umkm') return sql`SELECT id FROM expansion_proposals WHERE umkm_id = ${m.org}`;
    return null;
  },
  // Campaigns: a chain its own (a branch its branch's and those holding one of its outlets), outlet staff
  // those at their store, a Dinas those in or covering its region, a UMKM those featuring her products.
  '/api/promotions': (m: Me) => {
    if (m.who === 'admin') return sql`SELECT id FROM promotion_campaigns`;
    if (m.who === 'outlet')
      return sql`SELECT id FROM promotion_campaigns WHERE chain_id = ${m.chain}
        AND id IN (SELECT campaign_id FROM promotion_outlets WHERE outlet_id = ${m.outlet})`;
    if (m.who === 'branch')
      return sql`SELECT id FROM promotion_campaigns WHERE chain_id = ${m.chain} AND (branch_id = ${m.branch}
        OR id IN (SELECT po.campaign_id FROM promotion_outlets po JOIN outlets o ON o.id = po.outlet_id WHERE o.branch_id = ${m.branch}))`;
    if (m.who === 'chain') return sql`SELECT id FROM promotion_campaigns WHERE chain_id = ${m.chain}`;
    if (m.who === 'pemda') return sql`SELECT id FROM promotion_campaigns WHERE ${overlaps('region_code', m.region)}`;
    if (m.who === 'umkm') return sql`SELECT DISTINCT campaign_id FROM promotion_products WHERE umkm_id = ${m.org}`;
    return null;
  },
  '/api/operations/orders': (m: Me) => orderIds(m),
  '/api/operations/delivery-notes': (m: Me) => sql`SELECT id FROM delivery_notes WHERE order_id IN (${orderIds(m)})`,
  '/api/operations/receipts': (m: Me) =>
    sql`SELECT gr.id FROM goods_receipts gr JOIN delivery_notes dn ON dn.id = gr.delivery_note_id WHERE dn.order_id IN (${orderIds(m)})`,
  '/api/operations/stock': (m: Me) =>
    sql`SELECT outlet_id || '|' || product_id || '|' || batch_id FROM stock_movements WHERE batch_id IS NOT NULL AND ${atOutlets(m)}
      GROUP BY outlet_id, product_id, batch_id HAVING sum(qty) <> 0`,
  '/api/operations/stock/movements': (m: Me) => sql`SELECT id::text FROM stock_movements WHERE ${atOutlets(m)}`,
  '/api/operations/returns': (m: Me) => sql`SELECT id FROM return_notes WHERE ${atOutlets(m)}`,
  // The default period: the 28 days up to yesterday in the caller's region (Jakarta's for a head office).
  '/api/operations/sell-out': (m: Me) => {
    const to = addDays(localDate(m.region ?? '31', TEST_NOW), -1);
    return sql`SELECT DISTINCT product_id || '|' || outlet_id FROM sales_lines WHERE ${atOutlets(m)}
      AND sales_date BETWEEN ${addDays(to, -27)}::date AND ${to}::date`;
  },
});

/** Gap lists: one row per product and chain, from finished rounds, of entries the caller may see. */
function gapOracle(m: Me) {
  const rounds = ORACLES['/api/curation/rounds']?.(m);
  if (!rounds) return null;
  return sql`SELECT DISTINCT e.product_id || '|' || c.chain_code AS id FROM curation_entries e
    JOIN curation_rounds r ON r.id = e.round_id JOIN organizations c ON c.id = r.chain_id
    WHERE r.status = 'closed' AND r.id IN (${rounds}) AND e.umkm_id IN (${umkmIds(m)})
      AND ${m.who === 'pemda' ? within('e.village_code', m.region) : sql`true`}`;
}

async function fetchAll(email: string | null, url: string) {
  const ids: string[] = [];
  let total = -1;
  for (let offset = 0; ; offset += 200) {
    const res = await t.as(email, { method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}limit=200&offset=${offset}` });
    if (res.statusCode !== 200) return { status: res.statusCode, ids, total };
    const page = res.json() as { items: Record<string, unknown>[]; total: number };
    total = page.total;
    for (const item of page.items) ids.push(String(item.id ?? `${item.productId}|${item.chainCode}`));
    if (page.items.length < 200) return { status: 200, ids, total };
  }
}

describe('every list answer against an SQL oracle of the caller’s scope', () => {
  it('knows every list route of the API', async () => {
    // Every GET route without a path parameter that answers {items,total} to an admin has an oracle here.
    const lists: string[] = [];
    for (const r of routes) {
      if (r.method !== 'GET' || r.path.includes(':')) continue;
      const res = await t.as(ACCOUNTS.admin, { method: 'GET', url: r.path });
      if (res.statusCode === 200 && res.headers['content-type']?.toString().includes('json')) {
        const body = res.json();
        if (Array.isArray(body.items) && typeof body.total === 'number') lists.push(r.path);
      }
    }
    const known = [...Object.keys(ORACLES), '/api/curation/gap-lists', '/api/audit', '/api/security-events', '/api/regions'];
    expect(lists.filter((l) => !known.includes(l))).toEqual([]);
    expect(lists.length).toBeGreaterThanOrEqual(12);
  });

  for (const who of SIGNED_IN) {
    it(`${who}: each list holds exactly the rows of its scope`, async () => {
      const m = await me(who);
      const wrong: string[] = [];
      const lists = [...Object.entries(ORACLES), ['/api/curation/gap-lists', gapOracle] as const];
      for (const [url, oracle] of lists) {
        if (!MATRIX[`GET ${url}`]?.includes(who)) continue;
        const got = await fetchAll(ACCOUNTS[who], url);
        expect(got.status, `${who} ${url}`).toBe(200);
        const q = oracle(m);
        const expected = q ? (await q.execute(t.handle.db)).rows.map((r) => String(Object.values(r as object)[0])) : [];
        const want = new Set(expected);
        const foreign = got.ids.filter((id) => !want.has(id));
        const missing = expected.filter((id) => !got.ids.includes(id));
        if (foreign.length || missing.length || got.total !== want.size || got.ids.length !== got.total) {
          wrong.push(`${url}: ${foreign.length} foreign, ${missing.length} missing, total ${got.total} (oracle ${want.size})`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('the oracles are not vacuous: each account sees rows, and not all of them', async () => {
    const count = async (who: Who, url: string) => (await fetchAll(ACCOUNTS[who], url)).total;
    expect(await count('branch', '/api/outlets')).toBe(75);
    expect(await count('outlet', '/api/outlets')).toBe(1);
    for (const url of ['/api/operations/orders', '/api/operations/receipts', '/api/operations/stock', '/api/placements']) {
      expect(await count('outlet', url), url).toBeGreaterThan(0);
      expect(await count('outlet', url), url).toBeLessThan(await count('branch', url));
    }
    expect(await count('chain', '/api/outlets')).toBeGreaterThan(75);
    expect(await count('pemda', '/api/umkm')).toBeLessThan(await count('admin', '/api/umkm'));
    expect(await count('umkm', '/api/products')).toBe(2);
    expect(await count('mentor', '/api/umkm')).toBe(5);
    expect(await count('chain', '/api/agreements')).toBeGreaterThan(0);
    expect(await count('chain', '/api/agreements')).toBeLessThan(await count('admin', '/api/agreements'));
    expect(await count('branch', '/api/promotions')).toBeGreaterThan(0);
    expect(await count('pemda', '/api/promotions')).toBe(0); // Serang's Dinas: the demo's campaigns are in Kota Bengkulu
    const notices = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM notifications`.execute(t.handle.db)).rows[0]?.n);
    for (const who of ['umkm', 'chain', 'outlet', 'pemda'] as const) {
      expect(await count(who, '/api/notifications'), who).toBeGreaterThan(0);
      expect(await count(who, '/api/notifications'), who).toBeLessThan(notices);
    }
  });
});
