// Benchmark of settlement (issue 11, point 8): the statements of one month with 1,000,000 POS lines over
// 500,000 PKS × product × outlet groups (5,000 consignment PKS × 10 products × 10 outlets, 2 lines per
// group on different days), end to end as the service runs it — computeStatements for the period, the
// acceptance journals of every statement posted set-wise (postAccepted), the commit with its deferred
// checks — on PostgreSQL (DATABASE_URL) and PGlite (on-disk data directory). Target: ≤ 2 s on PostgreSQL.
// The data set is synthetic and clearly fake ("Bench …" organisations), made by set-based SQL; its loading
// time is printed apart and is not the measured figure. After each run (not timed) the figures are checked:
// the sum of the statements' nets = Σ over groups of qty × supplier price − the fees; the trial balance sums
// to zero; every journal balances. Then the period's statements and journals are removed (not timed) so
// that the next run computes the same month again.
// Usage: npm run bench:settlement [-- pks=5000 runs=3 only=pglite|postgres dir=/path/to/pglite db=name keep=1]
// (dir / db: a PGlite data directory / PostgreSQL database to load once and keep between invocations;
// keep=1: the last run's statements and journals are left in it)
// Each step is its own child process, so that its peak RSS is its own; PGlite's data directory is created
// and loaded by a process of its own (creating one costs ~1 GB of peak on its own).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureRegions } from '../src/modules/regions/regions.load.ts';
import { ensureMonthPartitions } from '../src/modules/sales/sales.store.ts';
import { computeStatements } from '../src/modules/settlement/settlement.compute.ts';
import { postAccepted, trialBalance } from '../src/modules/settlement/settlement.service.ts';
import { actingCtx } from '../src/platform/auth/actor.ts';
import { gtin13 } from '../src/platform/identifiers.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const PKS = Number(args.pks ?? 5000);
const PRODUCTS = 10; // per PKS (its UMKM's products)
const SLOTS = 10; // outlets per PKS
const LINES_PER_GROUP = 2;
const STORES = 1000;
const GROUPS = PKS * PRODUCTS * SLOTS;
const LINES = GROUPS * LINES_PER_GROUP;
const FROM = '2026-10-01';
const THROUGH = '2026-10-31';
const AT = new Date('2026-11-02T02:00:00Z');
const FEES = [{ name: 'Biaya administrasi (bench)', bp: 250 }];

const num = (v: unknown) => Number(v ?? 0);
const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** A government, a chain with 1,000 stores in Kota Bengkulu, PKS UMKM with 10 products each, an MoU and
 *  one signed consignment PKS per UMKM (monthly, 14 days' term, a 2.5 % fee), then the month's sales lines. */
async function setUp(db: Database): Promise<boolean> {
  const existing = await db.selectFrom('organizations').select('id').where('name', '=', 'Bench Settle Mart').executeTakeFirst();
  if (existing) return false;
  await ensureMonthPartitions(db, [FROM]);
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    const gov = await sql<{ id: string }>`INSERT INTO organizations (kind, name, region_code, province_code)
      VALUES ('government', 'Bench Settle Pemkot', '17.71', '17') RETURNING id`.execute(trx);
    const chain = await sql<{ id: string }>`INSERT INTO organizations (kind, name, chain_code)
      VALUES ('chain', 'Bench Settle Mart', 'alfamart') RETURNING id`.execute(trx);
    const g = gov.rows[0]?.id as string;
    const c = chain.rows[0]?.id as string;
    const districts = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '17.71.__' ORDER BY code`.execute(trx)
    ).rows.map((r) => r.code);
    const village = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '17.71.__.____' ORDER BY code LIMIT 1`.execute(trx)
    ).rows[0]?.code as string;
    await sql`INSERT INTO outlets (chain_id, store_code, name, address, district_code, province_code, lat, lon, local_slots)
      SELECT ${c}, 'S' || lpad(i::text, 4, '0'), 'Bench Store ' || i, 'Jl. Bench ' || i, (${districts}::text[])[1 + i % ${districts.length}], '17',
        -3.8, 102.3, 10 FROM generate_series(0, ${STORES - 1}) i`.execute(trx);
    await sql`INSERT INTO organizations (kind, name, region_code, province_code)
      SELECT 'umkm', 'Bench UMKM ' || lpad(i::text, 5, '0'), ${village.slice(0, 8)}, '17' FROM generate_series(0, ${PKS - 1}) i`.execute(
      trx,
    );
    await sql`CREATE TEMP TABLE bench_umkm ON COMMIT DROP AS
      SELECT id, (row_number() OVER (ORDER BY name) - 1)::int AS n FROM organizations WHERE kind = 'umkm' AND name LIKE 'Bench UMKM %'`.execute(
      trx,
    );
    await sql`INSERT INTO umkm_profiles (organization_id, owner_name, address, village_code, district_code, province_code, lat, lon, weekly_capacity)
      SELECT id, 'Pemilik Bench', 'Jl. Bench', ${village}, ${village.slice(0, 8)}, '17', -3.8, 102.3, 1000 FROM bench_umkm`.execute(trx);
    // Product k of UMKM n: GTIN 899 + 9 digits, supplier price Rp2.000–Rp6.750, shelf price 1.5×.
    const gtins = Array.from({ length: PKS * PRODUCTS }, (_, i) => gtin13(`899${String(100000000 + i).slice(-9)}`));
    await sql`CREATE TEMP TABLE bench_products ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, u.id AS umkm_id, u.n, k, (${gtins}::text[])[u.n * ${PRODUCTS} + k + 1] AS gtin,
        (2000 + ((u.n * ${PRODUCTS} + k) % 20) * 250)::bigint AS supplier_price
      FROM bench_umkm u CROSS JOIN generate_series(0, ${PRODUCTS - 1}) k`.execute(trx);
    await sql`INSERT INTO products (id, umkm_id, province_code, name, category, gtin, net_content, net_unit, supplier_price, retail_price, shelf_life_days, storage)
      SELECT id, umkm_id, '17', 'Bench product ' || n || '/' || k, 'makanan_ringan', gtin, 100, 'g', supplier_price, supplier_price * 3 / 2, 180, 'ambient'
      FROM bench_products ORDER BY n, k`.execute(trx);
    const mou = await sql<{ id: string }>`INSERT INTO agreements (kind, number, government_id, chain_id, region_code, province_code)
      VALUES ('mou', 'BENCH/MOU/1', ${g}, ${c}, '17.71', '17') RETURNING id`.execute(trx);
    const m = mou.rows[0]?.id as string;
    await sql`CREATE TEMP TABLE bench_pks ON COMMIT DROP AS
      SELECT gen_random_uuid() AS id, gen_random_uuid() AS version_id, u.id AS umkm_id, u.n FROM bench_umkm u`.execute(trx);
    await sql`INSERT INTO agreements (id, kind, number, government_id, chain_id, umkm_id, mou_id, region_code, province_code)
      SELECT id, 'pks', 'BENCH/PKS/' || lpad(n::text, 5, '0'), ${g}, ${c}, umkm_id, ${m}, '17.71', '17' FROM bench_pks ORDER BY n`.execute(
      trx,
    );
    await sql`INSERT INTO agreement_versions (id, agreement_id, version, status, starts_on, ends_on, trade_model, other_fees,
        payment_term_days, settlement_period, document_sha256, document_pdf, signed_at)
      SELECT version_id, id, 1, 'signed', '2026-01-01', '2027-12-31', 'konsinyasi', ${JSON.stringify(FEES)}::jsonb,
        14, 'monthly', repeat('a', 64), '\\x00'::bytea, '2025-12-20T03:00:00Z' FROM bench_pks ORDER BY n`.execute(trx);
    await sql`INSERT INTO agreement_products (version_id, product_id, supplier_price, shelf_price)
      SELECT p.version_id, pr.id, pr.supplier_price, pr.supplier_price * 3 / 2 FROM bench_pks p JOIN bench_products pr ON pr.n = p.n`.execute(
      trx,
    );
    await sql`CREATE TEMP TABLE bench_outlets ON COMMIT DROP AS
      SELECT id, district_code, (row_number() OVER (ORDER BY store_code) - 1)::int AS n FROM outlets WHERE chain_id = ${c}`.execute(trx);
    const imp = await sql<{ id: string }>`INSERT INTO sales_imports (chain_id, source, file_name, file_sha256, status, rows, imported,
        duplicates, conflicts, rejected, finished_at)
      VALUES (${c}, 'cli', 'bench-settlement.csv', repeat('b', 64), 'done', ${LINES}, ${LINES}, 0, 0, 0, now()) RETURNING id`.execute(trx);
    // Line i belongs to group i / 2: PKS group / 100, its product (group / 10) % 10, its outlet slot
    // group % 10 (outlet (PKS + slot × 100) mod 1,000: ten distinct outlets per PKS); the group's first line
    // is on a day of 1–14 October, its second on a day of 15–30 October. Stored day by day, outlet by
    // outlet, as daily imports store them.
    await sql`INSERT INTO sales_lines (sales_date, chain_id, outlet_id, receipt, line, gtin, product_id, umkm_id, agreement_id,
        province_code, district_code, qty, unit_price, discount, amount, import_id)
      SELECT x.day, ${c}::uuid, o.id, 'BS' || x.i, 1, pr.gtin, pr.id, p.umkm_id, p.id, '17', o.district_code,
        x.qty, pr.supplier_price * 3 / 2, 0, x.qty * (pr.supplier_price * 3 / 2), ${imp.rows[0]?.id}::uuid
      FROM (SELECT i, i / 2 AS grp, 1 + (i % 5)::int AS qty,
              CASE WHEN i % 2 = 0 THEN ${FROM}::date + ((i / 2) % 14)::int ELSE ${FROM}::date + 14 + ((i / 2) % 16)::int END AS day
            FROM generate_series(0, ${LINES - 1}) i) x
      JOIN bench_pks p ON p.n = x.grp / ${PRODUCTS * SLOTS}
      JOIN bench_products pr ON pr.n = p.n AND pr.k = (x.grp / ${SLOTS}) % ${PRODUCTS}
      JOIN bench_outlets o ON o.n = (p.n + (x.grp % ${SLOTS}) * 100) % ${STORES}
      ORDER BY x.day, o.id, x.i`.execute(trx);
  });
  // What autovacuum would have done on a server by the time the month closes (PGlite has no autovacuum).
  await sql`ANALYZE`.execute(db);
  return true;
}

/** Removes the period's statements and journals (not timed) so that the next run computes the month
 *  again. The ledger is append-only; its guards are user triggers, which replica mode does not fire. */
async function clean(db: Database) {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`TRUNCATE settlement_disputes, settlement_payments, settlement_lines, ledger_entries, ledger_journals, settlement_statements`.execute(
      trx,
    );
    await sql`DELETE FROM operation_counters WHERE prefix LIKE 'RKP/%'`.execute(trx);
  });
}

/** The checks after a run: counts, the nets against the groups' goods and fees, the ledger. */
async function verify(db: Database) {
  const r = (
    await sql<Record<string, string>>`
    WITH grp AS (
      SELECT agreement_id, product_id, outlet_id, sum(qty) AS qty FROM sales_lines
      WHERE sales_date BETWEEN ${FROM}::date AND ${THROUGH}::date GROUP BY agreement_id, product_id, outlet_id),
    goods AS (
      SELECT g.agreement_id, v.id AS version_id, count(*) AS groups, count(DISTINCT g.outlet_id) AS outlets, sum(g.qty * ap.supplier_price)::bigint AS goods
      FROM grp g JOIN agreement_versions v ON v.agreement_id = g.agreement_id AND v.status = 'signed'
      JOIN agreement_products ap ON ap.version_id = v.id AND ap.product_id = g.product_id
      GROUP BY g.agreement_id, v.id),
    expected AS (
      SELECT g.*, coalesce((SELECT sum((g.goods * (f->>'bp')::bigint + 5000) / 10000) FROM jsonb_array_elements(v.other_fees) f), 0) AS fees
      FROM goods g JOIN agreement_versions v ON v.id = g.version_id)
    SELECT (SELECT count(*) FROM sales_lines WHERE sales_date BETWEEN ${FROM}::date AND ${THROUGH}::date) AS lines,
      (SELECT sum(groups) FROM expected) AS groups,
      (SELECT count(*) FROM expected) AS expected_statements,
      (SELECT sum(goods - fees) FROM expected) AS expected_net,
      (SELECT sum(outlets) FROM expected) AS expected_fee_lines,
      (SELECT count(*) FROM settlement_statements) AS statements,
      (SELECT coalesce(sum(net), 0) FROM settlement_statements) AS net,
      (SELECT count(*) FROM expected e FULL JOIN settlement_statements st ON st.agreement_id = e.agreement_id
        WHERE st.net IS DISTINCT FROM e.goods - e.fees OR st.fees IS DISTINCT FROM e.fees OR st.goods IS DISTINCT FROM e.goods) AS mismatched,
      (SELECT count(*) FROM settlement_lines) AS statement_lines,
      (SELECT count(*) FROM settlement_lines WHERE kind = 'fee') AS fee_lines,
      (SELECT count(*) FROM (SELECT st.id FROM settlement_statements st LEFT JOIN settlement_lines l ON l.statement_id = st.id
        GROUP BY st.id, st.net HAVING coalesce(sum(l.amount), 0) <> st.net) x) AS lines_off,
      (SELECT count(*) FROM ledger_journals) AS journals,
      (SELECT count(*) FROM ledger_entries) AS entries,
      (SELECT count(*) FROM (SELECT j.id FROM ledger_journals j LEFT JOIN ledger_entries e ON e.journal_id = j.id
        GROUP BY j.id HAVING count(e.id) < 2 OR coalesce(sum(e.amount), 0) <> 0) x) AS unbalanced,
      (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE account = 'payable') AS payable`.execute(db)
  ).rows[0] as Record<string, string>;
  const tb = await trialBalance(db, actingCtx({}, AT));
  const failures: string[] = [];
  if (num(r.statements) !== num(r.expected_statements)) failures.push(`statements ${r.statements} ≠ ${r.expected_statements}`);
  if (BigInt(r.net ?? 0) !== BigInt(r.expected_net ?? 0)) failures.push(`Σ net ${r.net} ≠ Σ groups' goods − fees ${r.expected_net}`);
  if (num(r.mismatched)) failures.push(`${r.mismatched} statements differ from their groups`);
  if (num(r.statement_lines) !== num(r.groups) + num(r.expected_fee_lines))
    failures.push(`statement lines ${r.statement_lines} ≠ groups + fee lines ${num(r.groups) + num(r.expected_fee_lines)}`);
  if (num(r.lines_off)) failures.push(`${r.lines_off} statements whose lines do not sum to the net`);
  if (num(r.journals) !== num(r.statements)) failures.push(`journals ${r.journals} ≠ statements ${r.statements}`);
  if (num(r.unbalanced)) failures.push(`${r.unbalanced} journals do not balance`);
  if (tb.debit !== tb.credit) failures.push(`trial balance: debit ${tb.debit} ≠ credit ${tb.credit}`);
  if (BigInt(r.payable ?? 0) !== -BigInt(r.net ?? 0)) failures.push(`chain's payable ${r.payable} ≠ −Σ net`);
  return {
    lines: num(r.lines),
    groups: num(r.groups),
    statements: num(r.statements),
    statementLines: num(r.statement_lines),
    feeLines: num(r.fee_lines),
    journals: num(r.journals),
    entries: num(r.entries),
    net: String(r.net),
    trialBalance: { debit: String(tb.debit), credit: String(tb.credit) },
    failures,
  };
}

/** One step in this process: set-up=1 prepares and loads the database; otherwise `runs` measured runs. */
async function child() {
  const handle = await openDatabase({ databaseUrl: args.url || undefined, dataDir: args.dataDir ?? '' });
  const db = handle.db;
  try {
    if (args.setup) {
      const t0 = performance.now();
      await migrate(db);
      await ensureRegions(db);
      const t1 = performance.now();
      const loaded = await setUp(db);
      const t2 = performance.now();
      const lines = num((await sql<{ n: string }>`SELECT count(*) AS n FROM sales_lines`.execute(db)).rows[0]?.n);
      process.stdout.write(
        `${JSON.stringify({ setUp: true, loaded, lines, migrateSeconds: (t1 - t0) / 1000, loadSeconds: (t2 - t1) / 1000, peakRssMb: rss() })}\n`,
      );
      return;
    }
    const runs = Number(args.runs ?? 3);
    await clean(db);
    for (let i = 0; i < runs; i++) {
      let ids: string[] = [];
      let t1 = 0;
      let t2 = 0;
      const t0 = performance.now();
      await db.transaction().execute(async (trx) => {
        ids = await computeStatements(trx, { agreementIds: null, from: FROM, through: THROUGH, at: AT, userId: null });
        t1 = performance.now();
        await postAccepted(trx, ids);
        t2 = performance.now();
      });
      const t3 = performance.now();
      const v = await verify(db);
      process.stdout.write(
        `${JSON.stringify({
          run: i + 1,
          written: ids.length,
          ...v,
          computeSeconds: (t1 - t0) / 1000,
          postSeconds: (t2 - t1) / 1000,
          commitSeconds: (t3 - t2) / 1000,
          totalSeconds: (t3 - t0) / 1000,
          peakRssMb: rss(),
          load: os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' '),
        })}\n`,
      );
      // keep=1: the last run's statements stay, to look at.
      if (!(args.keep && i === runs - 1)) await clean(db);
    }
  } finally {
    await handle.close();
  }
}

const f2 = (s: number) => s.toFixed(2).padStart(6);
function run(label: string, extra: string[]) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child=1', `pks=${PKS}`, ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let ok = r.status === 0;
  for (const line of r.stdout.trim().split('\n')) {
    if (!line.startsWith('{')) continue;
    const j = JSON.parse(line);
    if (j.setUp) {
      console.log(
        j.loaded
          ? `${label.padEnd(12)} set-up: migrated + regions ${j.migrateSeconds.toFixed(1)} s; loaded ${j.lines} sales lines and their PKS in ${j.loadSeconds.toFixed(1)} s (not measured); peak RSS ${j.peakRssMb} MB`
          : `${label.padEnd(12)} set-up: already loaded (${j.lines} sales lines)`,
      );
      continue;
    }
    console.log(
      `${label.padEnd(12)} run ${j.run}: ${j.lines} lines, ${j.groups} groups → ${j.statements} statements, ${j.statementLines} statement lines (${j.feeLines} fee), ${j.journals} journals, ${j.entries} entries | compute ${f2(j.computeSeconds)} s  posting ${f2(j.postSeconds)} s  commit ${f2(j.commitSeconds)} s  total ${f2(j.totalSeconds)} s | peak RSS ${j.peakRssMb} MB | load ${j.load} | ${j.failures.length ? `CHECKS FAILED: ${j.failures.join('; ')}` : `checks ok (Σ net Rp${BigInt(j.net).toLocaleString('id-ID')}, trial balance ${j.trialBalance.debit} = ${j.trialBalance.credit})`}`,
    );
    if (j.failures.length) ok = false;
  }
  if (r.status !== 0) console.log(`${label}: exit ${r.status}`);
  return ok;
}

async function main() {
  if (args.child) return child();
  const runs = args.runs ?? '3';
  console.log(
    `node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${new Date().toISOString()}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${PKS} PKS × ${PRODUCTS} products × ${SLOTS} outlets = ${GROUPS} groups, ${LINES} lines in ${FROM} … ${THROUGH}`);
  let ok = true;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-settlement-'));
  try {
    if (args.only !== 'postgres') {
      const dataDir = args.dir ?? path.join(tmp, 'pglite');
      fs.mkdirSync(dataDir, { recursive: true });
      ok = run('PGlite', [`dataDir=${dataDir}`, 'setup=1']) && ok;
      ok = run('PGlite', [`dataDir=${dataDir}`, `runs=${runs}`, `keep=${args.keep ?? ''}`]) && ok;
    }
    const url = process.env.DATABASE_URL;
    if (url && args.only !== 'pglite') {
      const name = args.db ?? `etalase_bench_settlement_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      try {
        ok = run('PostgreSQL', [`url=${u}`, 'setup=1']) && ok;
        ok = run('PostgreSQL', [`url=${u}`, `runs=${runs}`, `keep=${args.keep ?? ''}`]) && ok;
      } finally {
        if (!args.db) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
        await admin.end();
      }
    } else if (!url) console.log('DATABASE_URL not set: PostgreSQL runs skipped');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!ok) process.exitCode = 1;
}

await main();
