// Benchmark of the POS sales import (issue 10, point 10): a generated line-level CSV — parse, stage, check,
// store — on PGlite (on-disk data directory) and on PostgreSQL (DATABASE_URL), then the same file again
// (all duplicates): rows/s and peak RSS per run; and a national day (2,000,000 lines) on PostgreSQL.
// The set-up (a chain, 1,000 stores, 20 UMKM, 100 products under PKS in force) is set-based SQL.
// Usage: npm run bench:pos [-- lines=1000000] [national=2000000] [only=pglite|postgres] [reader=csv-parse]
// (reader=csv-parse: the file read by csv-parse although it is plain — the reader before COPY read plain files)
// Each run is its own child process, so that its peak RSS is its own.
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
import { importFile } from '../src/modules/sales/sales.service.ts';
import { gtin13 } from '../src/platform/identifiers.ts';

const STORES = 1000;
const PRODUCTS = 100;
const UMKM = 20;
const DAY = '2026-11-20';
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));

const gtinOf = (i: number) => gtin13(`899${String(900000000 + i).slice(-9)}`);
const storeOf = (i: number) => `B${String(i).padStart(4, '0')}`;

/** A line-level CSV: receipts of 1–8 lines at every store, `;`-separated, DD/MM/YYYY, Rp prices. */
export async function generateCsv(file: string, lines: number, day = DAY) {
  const out = fs.createWriteStream(file);
  const [y, m, d] = day.split('-');
  const date = `${d}/${m}/${y}`;
  out.write('kode_toko;tanggal;no_struk;baris;barcode;jumlah;harga;diskon\r\n');
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  let buf = '';
  let receipt = 0;
  let line = 0;
  let size = 0;
  let store = 0;
  for (let i = 0; i < lines; i++) {
    if (line === size) {
      receipt++;
      line = 0;
      size = 1 + (rnd() % 8);
      store = rnd() % STORES;
    }
    line++;
    const p = rnd() % PRODUCTS;
    const price = 5000 + (p % 40) * 500;
    buf += `${storeOf(store)};${date};S${receipt};${line};${gtinOf(p)};${1 + (rnd() % 3)};Rp${price.toLocaleString('id-ID')};\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(r));
}

/** A chain with stores in Kota Bengkulu, UMKM there with products, an MoU and one PKS per UMKM in force. */
async function setUp(db: Database): Promise<string> {
  const existing = await db.selectFrom('organizations').select('id').where('name', '=', 'Bench Mart').executeTakeFirst();
  if (existing) return existing.id;
  return db.transaction().execute(async (trx) => {
    const gov = await sql<{ id: string }>`INSERT INTO organizations (kind, name, region_code, province_code)
      VALUES ('government', 'Bench Pemkot', '17.71', '17') RETURNING id`.execute(trx);
    const chain = await sql<{ id: string }>`INSERT INTO organizations (kind, name, chain_code)
      VALUES ('chain', 'Bench Mart', 'alfamart') RETURNING id`.execute(trx);
    const g = gov.rows[0]?.id as string;
    const c = chain.rows[0]?.id as string;
    const districts = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '17.71.__' ORDER BY code`.execute(trx)
    ).rows.map((r) => r.code);
    const villages = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE code LIKE '17.71.__.____' ORDER BY code LIMIT 1`.execute(trx)
    ).rows;
    const village = villages[0]?.code as string;
    await sql`INSERT INTO outlets (chain_id, store_code, name, address, district_code, province_code, lat, lon, local_slots)
      SELECT ${c}, 'B' || lpad(i::text, 4, '0'), 'Bench ' || i, 'Jl. Bench ' || i, (${districts}::text[])[1 + i % ${districts.length}], '17',
        -3.8, 102.3, 10 FROM generate_series(0, ${STORES - 1}) i`.execute(trx);
    await sql`INSERT INTO organizations (kind, name, region_code, province_code)
      SELECT 'umkm', 'Bench UMKM ' || i, ${village.slice(0, 8)}, '17' FROM generate_series(1, ${UMKM}) i`.execute(trx);
    await sql`INSERT INTO umkm_profiles (organization_id, owner_name, address, village_code, district_code, province_code, lat, lon, weekly_capacity)
      SELECT id, 'Pemilik', 'Jl.', ${village}, ${village.slice(0, 8)}, '17', -3.8, 102.3, 1000 FROM organizations WHERE name LIKE 'Bench UMKM %'`.execute(
      trx,
    );
    const gtins = Array.from({ length: PRODUCTS }, (_, i) => gtinOf(i));
    await sql`INSERT INTO products (umkm_id, province_code, name, category, gtin, net_content, net_unit, supplier_price, retail_price, shelf_life_days, storage)
      SELECT u.id, '17', 'Bench product ' || i, 'makanan_ringan', (${gtins}::text[])[i + 1], 100, 'g', 4000, 6000, 180, 'ambient'
      FROM generate_series(0, ${PRODUCTS - 1}) i
      JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM organizations WHERE name LIKE 'Bench UMKM %') u ON u.k = i % ${UMKM}`.execute(
      trx,
    );
    const mou = await sql<{ id: string }>`INSERT INTO agreements (kind, number, government_id, chain_id, region_code, province_code)
      VALUES ('mou', 'BENCH/MOU/1', ${g}, ${c}, '17.71', '17') RETURNING id`.execute(trx);
    const m = mou.rows[0]?.id as string;
    await sql`INSERT INTO agreements (kind, number, government_id, chain_id, umkm_id, mou_id, region_code, province_code)
      SELECT 'pks', 'BENCH/PKS/' || name, ${g}, ${c}, id, ${m}, '17.71', '17' FROM organizations WHERE name LIKE 'Bench UMKM %'`.execute(
      trx,
    );
    await sql`INSERT INTO agreement_versions (agreement_id, version, status, starts_on, ends_on, trade_model, document_sha256, document_pdf)
      SELECT id, 1, 'signed', '2026-01-01', '2027-12-31', 'konsinyasi', repeat('a', 64), '\\x00'::bytea FROM agreements WHERE number LIKE 'BENCH/%'`.execute(
      trx,
    );
    await sql`INSERT INTO agreement_products (version_id, product_id, supplier_price, shelf_price)
      SELECT v.id, p.id, 4000, 6000 FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id AND a.kind = 'pks'
      JOIN products p ON p.umkm_id = a.umkm_id WHERE a.number LIKE 'BENCH/PKS/%'`.execute(trx);
    return c;
  });
}

/** One run in this process: import the file (twice unless once=1); prints one JSON line per import. */
async function child() {
  const file = args.file as string;
  const handle = await openDatabase({ databaseUrl: args.url || undefined, dataDir: args.dataDir ?? '' });
  try {
    await migrate(handle.db);
    await ensureRegions(handle.db);
    const chainId = await setUp(handle.db);
    const runs = Number(args.runs ?? 2);
    if (runs === 0) {
      process.stdout.write(`${JSON.stringify({ setUp: true, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    }
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await importFile(
        handle.db,
        { chainId, source: 'cli', fileName: path.basename(file), correction: false, createdBy: null },
        file,
        { plain: args.reader !== 'csv-parse' },
      );
      const s = (performance.now() - t0) / 1000;
      const { rows, imported, duplicates, rejected } = r.summary;
      process.stdout.write(
        `${JSON.stringify({ run: i === 0 ? 'first' : 'again', rows, imported, duplicates, rejected, seconds: s, rowsPerSecond: Math.round(rows / s), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
      );
    }
  } finally {
    await handle.close();
  }
}

function run(label: string, extra: string[]) {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child=1', ...extra], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of r.stdout.trim().split('\n')) {
    if (!line.startsWith('{')) continue;
    const j = JSON.parse(line);
    if (j.setUp) {
      console.log(`${label.padEnd(28)} data directory created, migrated, set up: peak RSS ${j.peakRssMb} MB`);
      continue;
    }
    console.log(
      `${label.padEnd(28)} ${j.run.padEnd(6)} ${String(j.rows).padStart(9)} rows  imported ${String(j.imported).padStart(9)}  dup ${String(j.duplicates).padStart(9)}  ${j.seconds.toFixed(2).padStart(6)} s  ${String(j.rowsPerSecond).padStart(8)} rows/s  peak RSS ${j.peakRssMb} MB`,
    );
  }
  if (r.status !== 0) console.log(`${label}: exit ${r.status}`);
}

async function main() {
  if (args.child) return child();
  const lines = Number(args.lines ?? 1_000_000);
  const national = Number(args.national ?? 2_000_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pos-'));
  try {
    console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model}), ${new Date().toISOString()}`);
    const file = path.join(tmp, 'sales.csv');
    let t0 = performance.now();
    await generateCsv(file, lines);
    console.log(
      `generated ${lines} lines (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    if (args.only !== 'postgres') {
      const dataDir = path.join(tmp, 'pglite');
      fs.mkdirSync(dataDir);
      // The data directory is created (initdb, migrations, set-up) by a process of its own first: creating
      // one takes ~900 MB of the process's peak on its own, which is the first start's, not the import's.
      run('PGlite set-up', [`file=${file}`, `dataDir=${dataDir}`, 'runs=0']);
      run('PGlite (on-disk)', [`file=${file}`, `dataDir=${dataDir}`, `reader=${args.reader ?? ''}`]);
    }
    const url = process.env.DATABASE_URL;
    if (url && args.only !== 'pglite') {
      const name = `etalase_bench_pos_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      try {
        run('PostgreSQL', [`file=${file}`, `url=${u}`, `reader=${args.reader ?? ''}`]);
        if (national > 0) {
          const big = path.join(tmp, 'national.csv');
          t0 = performance.now();
          await generateCsv(big, national, '2026-11-21');
          console.log(
            `generated ${national} lines (${(fs.statSync(big).size / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          );
          run('PostgreSQL national day', [`file=${big}`, `url=${u}`, 'runs=1', `reader=${args.reader ?? ''}`]);
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    } else if (!url) console.log('DATABASE_URL not set: PostgreSQL runs skipped');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
