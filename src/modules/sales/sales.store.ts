// SQL of the POS import: staging (COPY, or for an API batch multi-row INSERT … SELECT FROM unnest),
// the set-wise checks (store of the chain, GTIN, PKS in force on the sales day), the idempotent keys and
// corrections, the monthly partitions, the summary queries.
import { sql } from 'kysely';
import { type Database, openCopy } from '../../db/client.ts';
import { inForceSql, pksBindsOutletSql } from '../agreements/agreements.queries.ts';
import { type Field, RAW_OF, type RowCode } from './sales.rules.ts';

export interface StagingChunk {
  row: number[];
  store: string[];
  day: string[];
  receipt: string[];
  line: string[];
  gtin: string[];
  qty: string[];
  price: string[];
  discount: string[];
  salesDate: (string | null)[];
  qtyN: (number | null)[];
  priceN: (number | null)[];
  discountN: (number | null)[];
  lineN: (number | null)[];
  err: (string | null)[];
  errCol: (string | null)[];
}

export const emptyChunk = (): StagingChunk => ({
  row: [],
  store: [],
  day: [],
  receipt: [],
  line: [],
  gtin: [],
  qty: [],
  price: [],
  discount: [],
  salesDate: [],
  qtyN: [],
  priceN: [],
  discountN: [],
  lineN: [],
  err: [],
  errCol: [],
});

/** Each import stages into its own unlogged table (no index, dropped with the import's final transaction):
 *  nothing to vacuum, no index to maintain while a million rows stream in. */
export const stagingTable = (importId: string) => `sales_stage_${importId.replaceAll('-', '')}`;
const st = (importId: string) => sql.id(stagingTable(importId));

export async function createStaging(db: Database, importId: string) {
  await sql`DROP TABLE IF EXISTS ${st(importId)}`.execute(db);
  await sql`CREATE UNLOGGED TABLE ${st(importId)} (
    row integer NOT NULL, store text NOT NULL, day text NOT NULL, receipt text NOT NULL, line text NOT NULL, gtin text NOT NULL,
    qty text NOT NULL, price text NOT NULL, discount text NOT NULL, sales_date date, qty_n integer, price_n bigint,
    discount_n bigint, line_n integer, err text, err_col text)`.execute(db);
}

const STAGING_COLUMNS = [
  'row',
  'store',
  'day',
  'receipt',
  'line',
  'gtin',
  'qty',
  'price',
  'discount',
  'sales_date',
  'qty_n',
  'price_n',
  'discount_n',
  'line_n',
  'err',
  'err_col',
];

/** A COPY into the import's staging table, columns in STAGING_COLUMNS order; null where COPY cannot be used. */
export const openStagingCopy = (db: Database, importId: string) => openCopy(db, stagingTable(importId), STAGING_COLUMNS);

export async function stage(db: Database, importId: string, c: StagingChunk) {
  if (c.row.length === 0) return;
  await sql`INSERT INTO ${st(importId)}
    SELECT * FROM unnest(${c.row}::int[], ${c.store}::text[], ${c.day}::text[], ${c.receipt}::text[],
      ${c.line}::text[], ${c.gtin}::text[], ${c.qty}::text[], ${c.price}::text[], ${c.discount}::text[], ${c.salesDate}::date[],
      ${c.qtyN}::int[], ${c.priceN}::int8[], ${c.discountN}::int8[], ${c.lineN}::int[], ${c.err}::text[], ${c.errCol}::text[])`.execute(db);
}

/** Staging tables of imports that are no longer running (finished, refused, or failed after a crash). */
export async function sweepStaging(db: Database) {
  // An import run in a process that died (not as a job: a job is re-queued by the runner) stays 'running':
  // after an hour it is marked failed, and its staging table goes with the others.
  await sql`UPDATE sales_imports SET status = 'failed', finished_at = now()
    WHERE status = 'running' AND job_id IS NULL AND created_at < now() - interval '1 hour'`.execute(db);
  const orphans = await sql<{ name: string }>`SELECT t.tablename AS name FROM pg_tables t
    WHERE t.schemaname = current_schema() AND t.tablename LIKE 'sales\_stage\_%'
      AND NOT EXISTS (SELECT 1 FROM sales_imports i WHERE replace(i.id::text, '-', '') = substr(t.tablename, 13, 32)
        AND i.status IN ('queued', 'running'))`.execute(db);
  for (const { name } of orphans.rows) await sql`DROP TABLE IF EXISTS ${sql.id(name)}`.execute(db);
}

export async function clearStaging(db: Database, importId: string) {
  await sql`DROP TABLE IF EXISTS ${st(importId)}`.execute(db);
  await sql`DROP TABLE IF EXISTS ${raw(importId)}`.execute(db);
}

// ---- a plain CSV file read by PostgreSQL's COPY (sales.read.ts plainCsvBody) ----

/** The file's cells as COPY read them (c0, c1, … in header order), numbered in file order. */
const rawTable = (importId: string) => `${stagingTable(importId)}_raw`;
const raw = (importId: string) => sql.id(rawTable(importId));
const rawCols = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);

export async function createRawStaging(db: Database, importId: string, columns: number) {
  await sql`DROP TABLE IF EXISTS ${raw(importId)}`.execute(db);
  await sql`CREATE UNLOGGED TABLE ${raw(importId)} (row integer GENERATED ALWAYS AS IDENTITY,
    ${sql.join(rawCols(columns).map((c) => sql`${sql.id(c)} text NOT NULL`))})`.execute(db);
}

/** A COPY of the file's data lines in COPY's CSV format (an empty cell is '', never NULL). */
export function openRawCopy(db: Database, importId: string, columns: number, delimiter: ',' | ';' | '\t') {
  const cols = rawCols(columns);
  const d = delimiter === '\t' ? "E'\\t'" : `'${delimiter}'`;
  return openCopy(db, rawTable(importId), cols, `(FORMAT csv, DELIMITER ${d}, FORCE_NOT_NULL (${cols.join(', ')}))`);
}

export async function rawRowCount(db: Database, importId: string) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${raw(importId)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Fields whose value is their trimmed text (usually no cell needs trimming: only those that might are read). */
const TEXT_FIELDS = new Set<Field>(['store', 'receipt', 'gtin']);
const VALUE_TYPE: Partial<Record<Field, string>> = { date: 'date', line: 'int', qty: 'int', price: 'int8', discount: 'int8' };
const STAGED_VALUE: Partial<Record<Field, string>> = {
  date: 'sales_date',
  line: 'line_n',
  qty: 'qty_n',
  price: 'price_n',
  discount: 'discount_n',
};

/**
 * Fills the staging table from the raw cells: each distinct text of a field is read once by the format's
 * own rules (`read`: sales.rules.ts readCell) and joined back, so a row gets the same values and the same
 * first problem as a row read by csv-parse. Runs in one transaction (the readings are temporary tables).
 */
export async function stageFromRaw(
  db: Database,
  importId: string,
  f: {
    index: Partial<Record<Field, number>>;
    order: readonly Field[];
    read: (field: Field, text: string) => { value: string | number | null; code: string | null };
    /** Rows per INSERT (PGlite: a turn of the event loop between them); none: one statement. */
    piece?: number;
  },
) {
  const timing = process.env.POS_TIMING === '1';
  let last = performance.now();
  const lap = (label: string) => {
    if (!timing) return;
    const now = performance.now();
    process.stderr.write(`    ${label}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '256MB'`.execute(trx);
    await sql`SET LOCAL statement_timeout = '30min'`.execute(trx);
    const text = new Map<Field, ReturnType<typeof sql>>();
    const value = new Map<Field, ReturnType<typeof sql>>();
    const code = new Map<Field, ReturnType<typeof sql>>();
    const joins: ReturnType<typeof sql>[] = [];
    // The texts to read, in one scan of the raw cells (a hashed grouping set per column): every distinct
    // text of a field, but of a text field only those that might change by trimming (empty, or a first or
    // last character other than visible ASCII) — usually none, and then its cells are taken as they are.
    const present = f.order.filter((field) => f.index[field] !== undefined);
    const sets = present.map((field) => {
      const c = sql.ref(`c${f.index[field]}`);
      return TEXT_FIELDS.has(field)
        ? sql`(CASE WHEN ascii(${c}) BETWEEN 33 AND 126 AND ascii(right(${c}, 1)) BETWEEN 33 AND 126 THEN NULL ELSE ${c} END)`
        : sql`${c}`;
    });
    const texts = new Map<Field, string[]>(present.map((field) => [field, []]));
    if (present.length) {
      const groups = await sql<Record<string, string | null>>`SELECT ${sql.join(
        present.map((field, k) => sql`${sets[k]} AS ${sql.id(field)}`),
      )}, GROUPING(${sql.join(sets)})::int AS g FROM ${raw(importId)} GROUP BY GROUPING SETS (${sql.join(sets.map((e) => sql`(${e})`))})`.execute(
        trx,
      );
      for (const r of groups.rows) {
        // GROUPING's bit for a column is 0 in the rows of its own set (the last column is the lowest bit).
        const k = present.findIndex((_, j) => ((Number(r.g) >> (present.length - 1 - j)) & 1) === 0);
        const field = present[k] as Field;
        const t = r[field];
        if (t === null || t === undefined) continue; // a text field's cells that need no reading
        texts.get(field)?.push(t);
      }
    }
    lap('distinct texts');
    for (const field of f.order) {
      const i = f.index[field];
      const type = sql.raw(VALUE_TYPE[field] ?? 'text');
      if (i === undefined) {
        // No such column in the file: every row's cell is ''.
        const c = f.read(field, '');
        text.set(field, sql`''`);
        value.set(field, sql`${c.value === null ? null : String(c.value)}::${type}`);
        code.set(field, sql`${c.code}::text`);
        continue;
      }
      const cell = sql.ref(`r.c${i}`);
      const ts = texts.get(field) ?? [];
      if (TEXT_FIELDS.has(field) && ts.length === 0) {
        text.set(field, cell);
        code.set(field, sql`NULL::text`);
        continue;
      }
      const m = sql.id(`pos_m_${field}`);
      await sql`CREATE TEMP TABLE ${m} (t text PRIMARY KEY, v text, code text) ON COMMIT DROP`.execute(trx);
      for (let k = 0; k < ts.length; k += 10_000) {
        const part = ts.slice(k, k + 10_000);
        const read = part.map((t) => f.read(field, t));
        await sql`INSERT INTO ${m} SELECT * FROM unnest(${part}::text[], ${read.map((c) => (c.value === null ? null : String(c.value)))}::text[],
          ${read.map((c) => c.code)}::text[])`.execute(trx);
      }
      await sql`ANALYZE ${m}`.execute(trx);
      const alias = sql.id(`m_${field}`);
      joins.push(sql`LEFT JOIN ${m} ${alias} ON ${alias}.t = ${cell}`);
      const mv = sql.ref(`m_${field}.v`);
      text.set(field, TEXT_FIELDS.has(field) ? sql`coalesce(${mv}, ${cell})` : cell);
      value.set(field, sql`${mv}::${type}`);
      code.set(field, sql.ref(`m_${field}.code`));
    }
    lap('readings');
    const cols: ReturnType<typeof sql>[] = [sql`row`];
    const exprs: ReturnType<typeof sql>[] = [sql`r.row`];
    for (const field of f.order) {
      cols.push(sql.id(RAW_OF[field]));
      exprs.push(text.get(field) as ReturnType<typeof sql>);
      const v = STAGED_VALUE[field];
      if (v) {
        cols.push(sql.id(v));
        exprs.push(value.get(field) as ReturnType<typeof sql>);
      }
    }
    // The row's first problem in the format's order, and its field.
    cols.push(sql`err`, sql`err_col`);
    exprs.push(
      sql`coalesce(${sql.join(f.order.map((field) => code.get(field) as ReturnType<typeof sql>))})`,
      sql`CASE ${sql.join(
        f.order.map((field) => sql`WHEN ${code.get(field) as ReturnType<typeof sql>} IS NOT NULL THEN ${field}::text`),
        sql` `,
      )} END`,
    );
    await sql`ANALYZE ${raw(importId)}`.execute(trx);
    lap('analyze raw');
    const ranges = await pieces(trx, rawTable(importId), f.piece);
    for (const range of ranges) {
      await sql`INSERT INTO ${st(importId)} (${sql.join(cols)}) SELECT ${sql.join(exprs)} FROM ${raw(importId)} r ${sql.join(joins, sql` `)}
        WHERE ${tidRange(sql`r`, range)}`.execute(trx);
      if (ranges.length > 1) await breathe();
    }
    lap('insert into staging');
    await sql`DROP TABLE ${raw(importId)}`.execute(trx);
  });
}

const monthName = (first: string) => `sales_lines_y${first.slice(0, 4)}m${first.slice(5, 7)}`;
const nextMonth = (first: string) => {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** The monthly partitions of sales_lines for the months in the import, created before any row is stored
 *  (so no row of such a month lands in the default partition). One creator at a time. */
export async function ensurePartitions(db: Database, importId: string) {
  const months = await sql<{ first: string }>`SELECT DISTINCT to_char(date_trunc('month', sales_date), 'YYYY-MM-DD') AS first
    FROM ${st(importId)} WHERE sales_date IS NOT NULL`.execute(db);
  await ensureMonthPartitions(
    db,
    months.rows.map((r) => r.first),
  );
}

/** Creates the partition of each month (first days, YYYY-MM-01) that has none. Rows of such a month already
 *  in the default partition (written by something that did not create the month first) are moved into the
 *  new partition in the same transaction, which is then attached — a plain CREATE … PARTITION OF would fail
 *  on them. */
export async function ensureMonthPartitions(db: Database, firsts: string[]) {
  const tx = <T>(fn: (trx: Database) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  if (firsts.length === 0) return;
  await tx(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('sales_lines partitions'))`.execute(trx);
    for (const first of firsts) {
      const name = monthName(first);
      const exists = await sql<{ t: string | null }>`SELECT to_regclass(${name})::text AS t`.execute(trx);
      if (exists.rows[0]?.t) continue;
      const next = nextMonth(first);
      const stray = await sql<{ n: boolean }>`SELECT EXISTS (SELECT 1 FROM sales_lines_default
        WHERE sales_date >= ${first}::date AND sales_date < ${next}::date) AS n`.execute(trx);
      if (!stray.rows[0]?.n) {
        await sql`CREATE TABLE ${sql.id(name)} PARTITION OF sales_lines FOR VALUES FROM (${sql.lit(first)}) TO (${sql.lit(next)})`.execute(
          trx,
        );
        continue;
      }
      await sql`CREATE TABLE ${sql.id(name)} (LIKE sales_lines INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`.execute(trx);
      await sql`WITH moved AS (DELETE FROM sales_lines_default WHERE sales_date >= ${first}::date AND sales_date < ${next}::date RETURNING *)
        INSERT INTO ${sql.id(name)} SELECT * FROM moved`.execute(trx);
      await sql`ALTER TABLE sales_lines ATTACH PARTITION ${sql.id(name)} FOR VALUES FROM (${sql.lit(first)}) TO (${sql.lit(next)})`.execute(
        trx,
      );
    }
  });
}

/** Page ranges [from, to) of a table that hold about `rows` rows each; one range (null: all) without. */
async function pieces(db: Database, table: string, rows: number | undefined): Promise<([number, number] | null)[]> {
  if (!rows) return [null];
  const r = await sql<{
    pages: number;
    tuples: number;
  }>`SELECT (pg_relation_size(${table}::regclass) / current_setting('block_size')::int)::int AS pages,
    greatest(1, (SELECT count(*) FROM ${sql.id(table)}))::int AS tuples`.execute(db);
  const { pages, tuples } = r.rows[0] ?? { pages: 0, tuples: 1 };
  if (pages === 0 || tuples <= rows) return [null];
  const step = Math.max(1, Math.floor((pages * rows) / tuples));
  const out: [number, number][] = [];
  for (let p = 0; p < pages; p += step) out.push([p, p + step]);
  // Rows appended past the measured size (none inside the transaction, but the last range is open).
  (out[out.length - 1] as [number, number])[1] = 2 ** 31;
  return out;
}

const tidRange = (alias: ReturnType<typeof sql>, range: [number, number] | null) =>
  range ? sql`${alias}.ctid >= ${`(${range[0]},0)`}::tid AND ${alias}.ctid < ${`(${range[1]},0)`}::tid` : sql`true`;

/** A turn of the event loop (timers, sockets) between two statements. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Outcome {
  imported: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  rows: number;
}

/** Checks the staged rows set-wise and stores the good ones; runs inside the import's one transaction. */
export async function checkAndStore(
  trx: Database,
  f: {
    importId: string;
    chainId: string;
    shape: 'lines' | 'daily';
    correction: boolean;
    rawHeaders: Partial<Record<string, string>>;
    /** Rows per statement of the two longest steps (verdicts, insert); none: each is one statement. On PGlite
     *  a statement holds the event loop's thread until it ends, so they go in pieces with a turn between. */
    piece?: number;
  },
): Promise<Outcome> {
  const lines = f.shape === 'lines';
  const timing = process.env.POS_TIMING === '1';
  let last = performance.now();
  // After each statement a turn of the event loop: on PGlite every statement runs on this thread, and a
  // chain of them would otherwise keep the server from answering anything until the import commits.
  const lap = async (label: string) => {
    if (timing) {
      const now = performance.now();
      process.stderr.write(`  ${label}: ${(now - last).toFixed(0)} ms\n`);
      last = now;
    }
    await breathe();
  };
  const stage = st(f.importId);
  // Fresh statistics of the staged rows: without them the planner joins a million rows by nested loops.
  await sql`ANALYZE ${stage}`.execute(trx);
  // Sorts and hashes over the file's rows in memory rather than in temporary files, and no 30-second
  // statement limit of the request pool: storing a national day is one statement (this transaction only).
  // (In pieces, on PGlite, less: its WASM heap keeps whatever it once grew to, and the pieces' hashes are small.)
  await sql`SET LOCAL work_mem = ${sql.lit(f.piece ? '64MB' : '256MB')}`.execute(trx);
  await sql`SET LOCAL statement_timeout = '30min'`.execute(trx);
  await lap('analyze');
  // 1. Each distinct (store, GTIN, day) of the file — far fewer than its rows — with its outlet (of THIS
  //    chain only: another chain's store is simply not found), its product, and the PKS in force that day.
  await sql`CREATE TEMP TABLE pos_t ON COMMIT DROP AS
    SELECT k.store, k.gtin, k.sales_date, o.id AS outlet_id, o.district_code, o.province_code, p.id AS product_id, p.umkm_id,
      CASE WHEN o.id IS NOT NULL AND p.id IS NOT NULL THEN (SELECT a.id FROM agreements a
        JOIN agreement_versions v ON v.agreement_id = a.id
        JOIN agreement_products ap ON ap.version_id = v.id
        WHERE a.kind = 'pks' AND ap.product_id = p.id AND ${pksBindsOutletSql('a', 'v', 'o')}
          AND ${inForceSql('v', sql<string>`k.sales_date`)}
        ORDER BY v.starts_on DESC, a.number LIMIT 1) END AS agreement_id
    FROM (SELECT DISTINCT store, gtin, sales_date FROM ${stage} WHERE err IS NULL) k
    LEFT JOIN outlets o ON o.chain_id = ${f.chainId} AND o.store_code = k.store
    LEFT JOIN products p ON p.gtin = k.gtin AND p.archived_at IS NULL`.execute(trx);
  await lap('stores, products and PKS per store × GTIN × day (pos_t)');
  // 2. Keys that occur more than once in the file (a hash aggregate; usually none), with the figures of
  //    their first row: that row counts, a later one is a duplicate when its figures are the same.
  const receiptK = lines ? sql`s.receipt` : sql`''`;
  const lineK = lines ? sql`coalesce(s.line_n, 0)` : sql`0`;
  const gtinK = lines ? sql`''` : sql`s.gtin`;
  // Within one chain a store code is one outlet, so the file's own cells are the key: no join needed.
  const keyCols = lines ? sql`s.store, s.sales_date, s.receipt, s.line_n` : sql`s.store, s.sales_date, s.gtin`;
  await sql`CREATE TEMP TABLE pos_r ON COMMIT DROP AS
    SELECT r.first_row, h.store, h.sales_date, h.receipt, h.line_n, h.gtin, h.qty_n, h.price_n, h.discount_n FROM (
      SELECT min(s.row) AS first_row FROM ${stage} s WHERE s.err IS NULL
        AND EXISTS (SELECT 1 FROM pos_t t WHERE t.store = s.store AND t.gtin = s.gtin AND t.sales_date = s.sales_date AND t.agreement_id IS NOT NULL)
      GROUP BY ${keyCols} HAVING count(*) > 1) r
    JOIN ${stage} h ON h.row = r.first_row`.execute(trx);
  await lap('repeats within the file (pos_r)');
  // 3. The verdict of each row: its first problem, or none; the key of its figure; whether it is the
  //    key's first row in the file, and if not, whether it repeats the first one's figures.
  // In pieces of the staging table's pages (a TID range scan each: the rows were staged in file order).
  const ranges = await pieces(trx, stagingTable(f.importId), f.piece);
  const verdicts = (range: ReturnType<typeof sql>) => sql`
    SELECT s.row, s.sales_date, s.qty_n, s.price_n, s.discount_n, s.gtin,
      ${receiptK}::text AS receipt_k, ${lineK}::int AS line_k, ${gtinK}::text AS key_gtin,
      t.outlet_id, t.district_code, t.province_code, t.product_id, t.umkm_id, t.agreement_id,
      CASE WHEN s.err IS NOT NULL THEN s.err WHEN t.outlet_id IS NULL THEN 'unknown_store'
        WHEN t.product_id IS NULL THEN 'unknown_gtin' WHEN t.agreement_id IS NULL THEN 'no_pks' END AS code,
      CASE WHEN s.err IS NOT NULL THEN s.err_col WHEN t.outlet_id IS NULL THEN 'store'
        WHEN t.product_id IS NULL THEN 'gtin' WHEN t.agreement_id IS NULL THEN 'gtin' END AS col,
      s.qty_n::bigint * s.price_n - s.discount_n AS amount,
      r.first_row IS NULL OR r.first_row = s.row AS first,
      r.first_row IS NULL OR (s.gtin, s.qty_n, s.price_n, s.discount_n) IS NOT DISTINCT FROM (r.gtin, r.qty_n, r.price_n, r.discount_n) AS same_as_first
    FROM ${stage} s
    LEFT JOIN pos_t t ON s.err IS NULL AND t.store = s.store AND t.gtin = s.gtin AND t.sales_date = s.sales_date
    LEFT JOIN pos_r r ON s.err IS NULL AND r.store = s.store AND r.sales_date = s.sales_date
      AND ${lines ? sql`r.receipt = s.receipt AND r.line_n = s.line_n` : sql`r.gtin = s.gtin`}
    WHERE ${range}`;
  await sql`CREATE TEMP TABLE pos_f ON COMMIT DROP AS ${verdicts(sql`false`)}`.execute(trx);
  for (const [i, range] of ranges.entries()) {
    await sql`INSERT INTO pos_f ${verdicts(tidRange(sql`s`, range))}`.execute(trx);
    if (i < ranges.length - 1) await breathe();
  }
  await sql`CREATE TEMP VIEW pos_g AS SELECT * FROM pos_f WHERE code IS NULL`.execute(trx);
  // Temporary tables get no statistics on their own: without them the re-import of a million keys was
  // planned as a million index probes into sales_lines (minutes on PGlite) instead of one hash join.
  await sql`ANALYZE pos_f`.execute(trx);
  await lap('verdicts (pos_f)');
  // 4. The figure in force for each new key: the sale at the key's highest revision.
  const range = await sql<{
    lo: string | null;
    hi: string | null;
  }>`SELECT min(sales_date)::text AS lo, max(sales_date)::text AS hi FROM pos_g`.execute(trx);
  await lap('date range');
  const { lo, hi } = range.rows[0] ?? { lo: null, hi: null };
  await sql`CREATE TEMP TABLE pos_e ON COMMIT DROP AS
    SELECT DISTINCT ON (g.row) g.row, e.revision, e.gtin, e.qty, e.unit_price, e.discount, e.amount, e.product_id, e.umkm_id,
      e.agreement_id, e.province_code, e.district_code,
      (e.gtin, e.qty, e.unit_price, e.discount) = (g.gtin, g.qty_n, g.price_n, g.discount_n) AS same
    FROM pos_g g JOIN sales_lines e ON e.chain_id = ${f.chainId} AND e.outlet_id = g.outlet_id AND e.sales_date = g.sales_date
      AND e.receipt = g.receipt_k AND e.line = g.line_k AND e.key_gtin = g.key_gtin AND e.entry = 'sale'
    WHERE g.first AND e.sales_date BETWEEN ${lo ?? '2000-01-01'}::date AND ${hi ?? '2000-01-01'}::date
    ORDER BY g.row, e.revision DESC`.execute(trx);
  await lap('figures in force (pos_e)');

  // 5. Store: new keys at revision 0; with a correction, a changed key gets the reversal of the figure in
  //    force and the new figure, both at the next revision. Never an overwrite.
  const common = sql`${f.chainId}::uuid, g.outlet_id, g.sales_date, g.receipt_k, g.line_k, g.key_gtin`;
  // The net per outlet × product × day of what is stored, for the stock step (sales_lines has no index by
  // import to find the lines again), computed from the INSERT's own RETURNING.
  await sql`DROP TABLE IF EXISTS pos_net`.execute(trx);
  await sql`CREATE TEMP TABLE pos_net (sales_date date, outlet_id uuid, product_id uuid, chain_id uuid, umkm_id uuid,
    province_code text, district_code text, net integer, sales integer) ON COMMIT DROP`.execute(trx);
  const stored = ranges.length > 1 ? await pieces(trx, 'pos_f', f.piece) : [null];
  for (const [i, range] of stored.entries()) {
    // The piece's rows of pos_f, and the figures in force of those rows only (a hash of the piece, not of
    // every key of the file once per piece).
    let inPiece = sql`true`;
    let known = sql`pos_e`;
    if (range) {
      const b = await sql<{ lo: number | null; hi: number | null }>`SELECT min(row) AS lo, max(row) AS hi FROM pos_f g
        WHERE ${tidRange(sql`g`, range)}`.execute(trx);
      const { lo, hi } = b.rows[0] ?? { lo: null, hi: null };
      if (lo === null || hi === null) continue;
      inPiece = tidRange(sql`g`, range);
      known = sql`(SELECT * FROM pos_e WHERE row BETWEEN ${lo} AND ${hi})`;
    }
    await sql`WITH ins AS (
    INSERT INTO sales_lines (chain_id, outlet_id, sales_date, receipt, line, key_gtin, revision, entry, gtin, product_id, umkm_id,
      agreement_id, province_code, district_code, qty, unit_price, discount, amount, import_id)
    -- In key order: the primary key's B-tree is then filled left to right instead of at random places.
    SELECT * FROM (
    SELECT ${common}, 0, 'sale', g.gtin, g.product_id, g.umkm_id, g.agreement_id, g.province_code, g.district_code,
        g.qty_n, g.price_n, g.discount_n, g.amount, ${f.importId}::uuid
      FROM pos_f g LEFT JOIN ${known} e ON e.row = g.row WHERE g.code IS NULL AND g.first AND e.row IS NULL AND ${inPiece}
    ${
      f.correction
        ? sql`UNION ALL
    SELECT ${common}, e.revision + 1, 'reversal', e.gtin, e.product_id, e.umkm_id, e.agreement_id, e.province_code, e.district_code,
        -e.qty, e.unit_price, e.discount, -e.amount, ${f.importId}::uuid
      FROM pos_f g JOIN ${known} e ON e.row = g.row WHERE g.code IS NULL AND NOT e.same AND ${inPiece}
    UNION ALL
    SELECT ${common}, e.revision + 1, 'sale', g.gtin, g.product_id, g.umkm_id, g.agreement_id, g.province_code, g.district_code,
        g.qty_n, g.price_n, g.discount_n, g.amount, ${f.importId}::uuid
      FROM pos_f g JOIN ${known} e ON e.row = g.row WHERE g.code IS NULL AND NOT e.same AND ${inPiece}`
        : sql``
    }
    ) x ORDER BY 2, 3, 4, 5, 6
    RETURNING sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code, qty, entry)
    INSERT INTO pos_net SELECT sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code,
      sum(qty)::int, count(*) FILTER (WHERE entry = 'sale')::int
    FROM ins GROUP BY sales_date, outlet_id, product_id, chain_id, umkm_id, province_code, district_code`.execute(trx);
    if (i < stored.length - 1) await breathe();
  }
  const inserted = await sql<{ n: string }>`SELECT coalesce(sum(sales), 0)::text AS n FROM pos_net`.execute(trx);
  await lap('insert into sales_lines');

  // 6. Rejected rows (and conflicts), kept whole with the headers as uploaded, for the download.
  const h = f.rawHeaders;
  const pairs = (['store', 'day', 'receipt', 'line', 'gtin', 'qty', 'price', 'discount'] as const)
    .filter((k) => h[k] !== undefined)
    .map((k) => sql`${h[k]}::text, s.${sql.ref(k)}`);
  await sql`INSERT INTO sales_import_rejects (import_id, row, col, code, raw)
    SELECT ${f.importId}::uuid, v.row, v.col, v.code, jsonb_build_object(${sql.join(pairs)})
    FROM (
      SELECT row, col, code FROM pos_f WHERE code IS NOT NULL
      UNION ALL
      SELECT g.row, NULL, 'duplicate_in_file' FROM pos_g g WHERE NOT g.first AND NOT g.same_as_first
      ${f.correction ? sql`` : sql`UNION ALL SELECT e.row, NULL, 'conflict' FROM pos_e e WHERE NOT e.same`}
    ) v JOIN ${stage} s ON s.row = v.row`.execute(trx);
  await lap('rejects');

  const counts = await sql<{ rows: string; rejected: string; conflicts: string }>`SELECT
      (SELECT count(*) FROM pos_f)::text AS rows,
      (SELECT count(*) FROM sales_import_rejects WHERE import_id = ${f.importId} AND code NOT IN ('conflict', 'duplicate_in_file'))::text AS rejected,
      (SELECT count(*) FROM sales_import_rejects WHERE import_id = ${f.importId} AND code IN ('conflict', 'duplicate_in_file'))::text AS conflicts`.execute(
    trx,
  );
  await lap('counts');
  const c = counts.rows[0] as { rows: string; rejected: string; conflicts: string };
  const rows = Number(c.rows);
  const imported = Number(inserted.rows[0]?.n ?? 0);
  const rejected = Number(c.rejected);
  const conflicts = Number(c.conflicts);
  await sql`DROP VIEW pos_g`.execute(trx);
  await clearStaging(trx, f.importId);
  return { rows, imported, rejected, conflicts, duplicates: rows - imported - rejected - conflicts };
}

export async function errorsOf(db: Database, importId: string, limit: number) {
  const list = await db
    .selectFrom('sales_import_rejects')
    .select(['row', 'col', 'code'])
    .where('import_id', '=', importId)
    .orderBy('row')
    .limit(limit)
    .execute();
  const counts = await db
    .selectFrom('sales_import_rejects')
    .select(['code', sql<string>`count(*)::text`.as('n')])
    .where('import_id', '=', importId)
    .groupBy('code')
    .execute();
  return {
    list: list as { row: number; col: string | null; code: RowCode }[],
    counts: Object.fromEntries(counts.map((r) => [r.code, Number(r.n)])),
  };
}
