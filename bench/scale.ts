// The design scale (BRIEF: 1M registered UMKM, 100k listed products, 45k outlets) on one PostgreSQL server,
// and the time of every list and search route on it, as each kind of reader: admin, a province's Dinas, a
// regency's Dinas, a chain's head office, a chain's branch and a UMKM — first page, a deep page (by offset
// and by cursor), search, and a filter at each region level.
//
// Usage: DATABASE_URL=postgres://user@host:port/any npx tsx bench/scale.ts [--reload] [--runs N]
// A database `etalase_scale` is created on that server (kept between runs: the load takes minutes; --reload
// drops it first). The demo is seeded into it, then the bulk is generated in set-based SQL from the real
// region codes (every village of the country). The server is started in this process; each case is
// N sequential requests (default 50) after 3 to warm up, and prints p50 / p99; the plans of the slowest
// statements follow.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { isSeeded, seedDemo } from '../src/demo/seed.ts';
import { localDate } from '../src/platform/clock.ts';
import { prepareDatabase, startServer } from '../src/server.ts';
import { freePort } from '../tests/process/server.ts';
import { signIn } from './signin.ts';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1] || 0) || 50;
const RELOAD = args.includes('--reload');
const SCALE = { umkm: 1_000_000, products: 100_000, outlets: 45_000 };
const DB_NAME = 'etalase_scale';

const log = (s: string) => process.stderr.write(`${s}\n`);
const base = process.env.DATABASE_URL;
if (!base) {
  log('bench:scale needs DATABASE_URL (a PostgreSQL server; a database etalase_scale is created on it)');
  process.exit(2);
}
const urlOf = (db: string) => {
  const u = new URL(base);
  u.pathname = `/${db}`;
  return u.toString();
};

// ---- the load ----

async function ensureDatabase() {
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  try {
    if (RELOAD) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
}

const WORDS = {
  prefix: ['UD', 'CV', 'Dapur', 'Rumah', 'Usaha', 'Griya', 'Kedai', 'Sentra', 'Omah', 'Industri Rumahan'],
  product: [
    'Kerupuk',
    'Terasi',
    'Keripik',
    'Sambal',
    'Kopi',
    'Dodol',
    'Abon',
    'Rendang',
    'Bawang Goreng',
    'Madu',
    'Gula Aren',
    'Emping',
    'Rengginang',
    'Pempek',
    'Bakpia',
    'Kue Kering',
    'Teh',
    'Jahe Merah',
    'Sirup',
    'Manisan',
    'Ikan Asin',
    'Kacang',
    'Lempok',
    'Serundeng',
    'Opak',
  ],
  person: [
    'Sari',
    'Wati',
    'Yanti',
    'Rina',
    'Dewi',
    'Siti',
    'Nur',
    'Asih',
    'Made',
    'Ketut',
    'Ahmad',
    'Budi',
    'Joko',
    'Rudi',
    'Hasan',
    'Andi',
    'Daeng',
    'Ucok',
    'Butet',
    'Mawar',
    'Melati',
    'Lestari',
    'Fitri',
    'Yusuf',
    'Rahmat',
    'Iwan',
    'Eka',
    'Dwi',
    'Tri',
    'Agus',
  ],
  honorific: ['Bu', 'Pak', 'Mak', 'Mbok', 'Uni', 'Teh', 'Kak', 'Bang', 'Ibu', 'Haji'],
};
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
// A word of a list picked by a hash of the row number, so that the data is the same on every load.
const pick = (list: string[], g: string, salt: number) => `(${arr(list)})[1 + abs(hashint4(${g} * ${salt + 7}) % ${list.length})]`;

async function load(c: pg.Client) {
  const t0 = performance.now();
  const step = async (what: string, text: string) => {
    const t = performance.now();
    const r = await c.query(text);
    log(`  ${what}: ${r.rowCount ?? ''} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  log(
    `loading ${SCALE.umkm.toLocaleString('en')} UMKM, ${SCALE.products.toLocaleString('en')} products, ${SCALE.outlets.toLocaleString('en')} outlets …`,
  );
  await c.query('SET synchronous_commit = off');
  await c.query('BEGIN');
  await step(
    'villages',
    `CREATE TEMP TABLE bulk_villages ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY code) AS n, code, parent_code AS district_code, province_code
       FROM regions WHERE level = 'village'`,
  );
  await step(
    'districts',
    `CREATE TEMP TABLE bulk_districts ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY code) AS n, code, province_code FROM regions WHERE level = 'district'`,
  );
  // Where the people are: a village drawn by a hash, so every province has its share of villages' weight.
  await step(
    'UMKM (staging)',
    `CREATE TEMP TABLE bulk_umkm ON COMMIT DROP AS
       SELECT g, gen_random_uuid() AS id,
         ${pick(WORDS.prefix, 'g', 1)} || ' ' || ${pick(WORDS.product, 'g', 2)} || ' ' || ${pick(WORDS.honorific, 'g', 3)} || ' ' || ${pick(WORDS.person, 'g', 4)} AS name,
         ${pick(WORDS.person, 'g', 5)} || ' ' || ${pick(WORDS.person, 'g', 6)} AS owner_name,
         v.code AS village_code, v.district_code, v.province_code
       FROM generate_series(1, ${SCALE.umkm}) g
       JOIN bulk_villages v ON v.n = 1 + abs(hashint4(g) % (SELECT count(*) FROM bulk_villages))`,
  );
  await step(
    'organizations (UMKM)',
    `INSERT INTO organizations (id, kind, name, region_code, province_code, created_at, updated_at, archived_at)
       SELECT id, 'umkm', name, village_code, province_code, now(), now(),
         CASE WHEN g % 50 = 0 THEN now() END
       FROM bulk_umkm`,
  );
  await step(
    'umkm_profiles',
    `INSERT INTO umkm_profiles (organization_id, nib, owner_name, phone, address, village_code, district_code, province_code, lat, lon, weekly_capacity)
       SELECT id, '8' || lpad(g::text, 12, '0'), owner_name, '0812' || lpad(g::text, 8, '0'),
         'Jl. ' || ${pick(WORDS.person, 'g', 8)} || ' No. ' || (1 + g % 200), village_code, district_code, province_code,
         -10 + (abs(hashint4(g * 11)) % 1500) / 100.0, 95 + (abs(hashint4(g * 13)) % 4600) / 100.0, 50 + g % 950
       FROM bulk_umkm`,
  );
  const categories = (await c.query<{ c: string }>('SELECT DISTINCT category AS c FROM products ORDER BY 1')).rows.map((r) => r.c);
  await step(
    'products',
    `INSERT INTO products (umkm_id, province_code, name, category, gtin, net_content, net_unit, supplier_price, retail_price,
         shelf_life_days, storage, perishable)
       SELECT u.id, u.province_code,
         ${pick(WORDS.product, 'u.g', 9)} || ' ' || ${pick(WORDS.person, 'u.g', 10)} || ' ' || (50 * (1 + u.g % 10)) || ' g',
         ${pick(categories.length ? categories : ['makanan_ringan'], 'u.g', 11)},
         CASE WHEN u.g % 3 = 0 THEN '2' || lpad(u.g::text, 12, '0') END,
         50 * (1 + u.g % 10), 'g', 5000 + (u.g % 40) * 500, 7000 + (u.g % 40) * 700, 90 + u.g % 270, 'ambient', false
       FROM bulk_umkm u WHERE u.g % ${SCALE.umkm / SCALE.products} = 0`,
  );
  await step(
    'product_permits',
    `INSERT INTO product_permits (product_id, type, number, issued_on, expires_on)
       SELECT p.id, 'pirt', '2' || lpad((row_number() OVER ())::text, 14, '0'), DATE '2024-01-15', DATE '2029-01-15'
       FROM products p JOIN bulk_umkm u ON u.id = p.umkm_id`,
  );
  await step(
    'outlets',
    `INSERT INTO outlets (chain_id, branch_id, store_code, name, address, district_code, province_code, lat, lon, local_slots, accepts_perishable)
       SELECT ch.id, NULL, 'B' || lpad(g::text, 6, '0'),
         initcap(ch.chain_code) || ' ' || ${pick(WORDS.person, 'g', 12)} || ' ' || g,
         'Jl. ' || ${pick(WORDS.person, 'g', 14)} || ' Raya No. ' || (1 + g % 300), d.code, d.province_code,
         -10 + (abs(hashint4(g * 17)) % 1500) / 100.0, 95 + (abs(hashint4(g * 19)) % 4600) / 100.0, 2 + g % 10, g % 4 = 0
       FROM generate_series(1, ${SCALE.outlets}) g
       JOIN bulk_districts d ON d.n = 1 + abs(hashint4(g * 23) % (SELECT count(*) FROM bulk_districts))
       JOIN LATERAL (SELECT id, chain_code FROM organizations WHERE kind = 'chain'
         ORDER BY (CASE chain_code WHEN 'alfamart' THEN 0 WHEN 'indomaret' THEN 1 ELSE 2 END)
         OFFSET (CASE WHEN g % 20 < 9 THEN 0 WHEN g % 20 < 18 THEN 1 ELSE 2 END) LIMIT 1) ch ON true`,
  );
  await c.query('COMMIT');
  await step('ANALYZE', 'ANALYZE');
  log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

// ---- the timing ----

/** The statements each request sent, with their duration: the slowest is explained at the end. */
interface Statement {
  text: string;
  values: unknown[];
  ms: number;
}
let recording: Statement[] | null = null;
// biome-ignore lint/suspicious/noExplicitAny: wraps pg's overloads, to time what the server sends
const clientQuery = pg.Client.prototype.query as any;
// biome-ignore lint/suspicious/noExplicitAny: as above
(pg.Client.prototype as any).query = function (this: pg.Client, config: any, values?: any, cb?: any) {
  const rec = recording;
  const text = typeof config === 'string' ? config : config?.text;
  if (!rec || typeof text !== 'string' || typeof cb === 'function') return clientQuery.call(this, config, values, cb);
  const t = performance.now();
  const res = clientQuery.call(this, config, values) as Promise<unknown>;
  const vals = (Array.isArray(values) ? values : config?.values) ?? [];
  return res.then((r) => {
    rec.push({ text, values: vals, ms: performance.now() - t });
    return r;
  });
};

interface Result {
  who: string;
  what: string;
  p50: number;
  p99: number;
  total: string;
  slowest: Statement | null;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

async function time(url: string, cookie: string, who: string, what: string, path: string | (() => Promise<string>)): Promise<Result> {
  const get = async () => {
    const p = typeof path === 'string' ? path : await path();
    const res = await fetch(`${url}${p}`, { headers: { cookie } });
    const body = (await res.json()) as { total?: number; totalEstimated?: boolean };
    if (res.status !== 200) throw new Error(`${who} ${p}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  for (let i = 0; i < 3; i++) await get();
  const ms: number[] = [];
  let slowest: Statement | null = null;
  let last: { total?: number; totalEstimated?: boolean } = {};
  for (let i = 0; i < RUNS; i++) {
    recording = [];
    const t = performance.now();
    last = await get();
    ms.push(performance.now() - t);
    for (const s of recording) if (!slowest || s.ms > slowest.ms) slowest = s;
    recording = null;
  }
  ms.sort((a, b) => a - b);
  const total = last.total === undefined ? '' : `${last.totalEstimated ? '~' : ''}${last.total}`;
  const r = { who, what, p50: pct(ms, 50), p99: pct(ms, 99), total, slowest };
  log(
    `  ${who.padEnd(16)} ${what.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  total ${total}`,
  );
  return r;
}

async function main() {
  await ensureDatabase();
  const config = {
    ...loadConfig({
      ...process.env,
      PORT: String(await freePort()),
      DATABASE_URL: urlOf(DB_NAME),
      ETALASE_RATE_LIMIT_IP: '100000000',
      ETALASE_RATE_LIMIT_SESSION: '100000000',
    }),
    logLevel: 'warn',
  };
  const handle = await prepareDatabase(config, log);
  if (!(await isSeeded(handle.db))) {
    log('seeding the demo …');
    await seedDemo(handle.db, { log: () => {}, today: localDate('31', config.clock()) });
  }
  const c = new pg.Client({ connectionString: urlOf(DB_NAME) });
  await c.connect();
  const have = Number((await c.query(`SELECT count(*) AS n FROM organizations WHERE kind = 'umkm'`)).rows[0].n);
  if (have < SCALE.umkm) await load(c);
  const sizes = (
    await c.query(`SELECT (SELECT count(*) FROM organizations WHERE kind = 'umkm') AS umkm, (SELECT count(*) FROM products) AS products,
      (SELECT count(*) FROM outlets) AS outlets, (SELECT count(*) FROM product_permits) AS permits,
      pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];
  log(`data: ${JSON.stringify(sizes)}`);

  const app = await startServer(config, handle);
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const who = {
    admin: 'admin@demo.etalase.id',
    'Dinas provinsi': 'pemda.sulsel@demo.etalase.id',
    'Dinas kota': 'pemda.bengkulu@demo.etalase.id',
    'chain (HQ)': 'alfamart@demo.etalase.id',
    'chain (branch)': 'alfamart.bengkulu@demo.etalase.id',
    UMKM: 'umkm@demo.etalase.id',
  };
  const results: Result[] = [];
  // Region filters at each level, inside Sulawesi Selatan (73) and Kota Makassar (73.71).
  const regions = (
    await c.query<{ level: string; code: string }>(
      `SELECT DISTINCT ON (level) level, code FROM regions WHERE code LIKE '73.71%' OR code = '73' ORDER BY level, code`,
    )
  ).rows;
  for (const [name, email] of Object.entries(who)) {
    log(`${name}:`);
    const cookie = await signIn(url, email);
    for (const list of ['umkm', 'products', 'outlets']) {
      const r = (what: string, path: string | (() => Promise<string>)) => time(url, cookie, name, `${list} ${what}`, path);
      const first = `/api/${list}?limit=20`;
      results.push(await r('first page', first));
      results.push(await r('search "kerupuk"', `${first}&q=kerupuk`));
      for (const reg of regions) results.push(await r(`region (${reg.level})`, `${first}&regionCode=${reg.code}`));
      results.push(await r('offset 100000', `${first}&offset=100000`));
      // A deep page by cursor: the cursor after 100,000 rows, found once by walking pages of 500.
      let cursor: string | null | undefined;
      let walked = 0;
      const deep = await (async () => {
        while (walked < 100_000) {
          const res = await fetch(`${url}/api/${list}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
            headers: { cookie },
          });
          const body = (await res.json()) as { items: unknown[]; nextCursor?: string | null };
          if (res.status !== 200 || body.nextCursor === undefined) return null;
          walked += body.items.length;
          if (!body.nextCursor) break;
          cursor = body.nextCursor;
        }
        return cursor ?? null;
      })();
      if (deep) results.push(await r(`cursor after ${walked.toLocaleString('en')}`, `${first}&cursor=${encodeURIComponent(deep)}`));
    }
  }
  await app.close();

  log('\nslowest cases, their slowest statement:');
  const slow = [...results].sort((a, b) => b.p99 - a.p99).slice(0, 5);
  for (const r of slow) {
    if (!r.slowest) continue;
    log(`\n== ${r.who}: ${r.what} (p99 ${r.p99.toFixed(1)} ms; statement ${r.slowest.ms.toFixed(1)} ms)`);
    const plan = await c.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${r.slowest.text}`, values: r.slowest.values as unknown[] });
    log(plan.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  await c.end();
  await handle.close();

  // The bounds of issue 14: 100 ms at p99 for a first page, a filtered page and a deep page by cursor, 150 ms for a
  // search. A deep page by offset is shown for comparison, not bound (it walks every row before it).
  const over = results.filter((r) => !r.what.includes('offset') && r.p99 >= (r.what.includes('search') ? 150 : 100));
  console.log('\n| who | case | p50 ms | p99 ms | total |\n|---|---|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.who} | ${r.what} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.total} |`);
  const bound = results.filter((r) => !r.what.includes('offset')).length;
  console.log(`\n${over.length} of ${bound} bound cases over their bound (100 ms; search 150 ms):`);
  for (const r of over) console.log(`- ${r.who}: ${r.what} p99 ${r.p99.toFixed(0)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
