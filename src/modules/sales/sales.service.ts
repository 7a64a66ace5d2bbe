// The POS sales import (issue 10, point 5): a file (or an API batch) is read as a stream into the staging
// table in chunks, each its own short statement; then, in ONE transaction, its rows are checked set-wise,
// the good ones stored in sales_lines (monthly partitions created first), the stock ledger told, and the
// import marked done with its summary. A crash before that commit leaves nothing of the file in
// sales_lines; its staging rows are swept by the next import.
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { z } from 'zod';
import { type CopyWriter, copyText, type Database, isEmbedded } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { enqueueJob, registerJobHandler } from '../../jobs/jobs.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { chainActedFor, inRegion, salesImportScope, salesScope } from '../../platform/auth/policy.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { applySalesToStock } from '../operations/operations.stock.ts';
import { type FileRows, fileSha256, NotPlain, openRows, plainCsvBody, UnreadableFile } from './sales.read.ts';
import {
  ERRORS_CAP,
  FIELD_HEADER,
  FIELD_ORDER,
  FILE_MESSAGE,
  type Field,
  type FileProblem,
  type HeaderMap,
  type ImportSummary,
  mapHeader,
  normaliseHeader,
  RAW_OF,
  type RawRow,
  ROW_MESSAGE,
  type RowCode,
  readCell,
  readRow,
} from './sales.rules.ts';
import type { zSalesBatch, zSummaryQuery } from './sales.schemas.ts';
import * as store from './sales.store.ts';

type SalesBatch = z.infer<typeof zSalesBatch>;
type SummaryQuery = z.infer<typeof zSummaryQuery>;

const CHUNK = 20_000;
/** Rows per statement of the final transaction's long steps on PGlite. */
const PGLITE_PIECE = 50_000;
/** Rows handed to COPY at a time. */
const COPY_BATCH = 2_000;

export interface ImportRequest {
  chainId: string;
  source: 'upload' | 'api' | 'cli';
  fileName: string | null;
  correction: boolean;
  createdBy: string | null;
}

export interface ImportResult {
  importId: string;
  status: 'done' | 'refused';
  summary: ImportSummary;
  /** How a CSV file's cells were read: by PostgreSQL's COPY (a plain file) or by csv-parse. */
  reader?: 'copy' | 'csv-parse';
}

/** The import row, created before the file is read (a job creates it when it is queued). */
export async function createImport(db: Database, r: ImportRequest, sha256: string, status: 'queued' | 'running' = 'running') {
  const row = await db
    .insertInto('sales_imports')
    .values({
      chain_id: r.chainId,
      source: r.source,
      file_name: r.fileName,
      file_sha256: sha256,
      correction: r.correction,
      status,
      created_by: r.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The column a problem is reported in: the header as uploaded, or the format's name when it was absent. */
const columnName = (map: HeaderMap, f: Field | null) =>
  f === null ? null : map.index[f] !== undefined ? (map.names[map.index[f] as number] as string) : FIELD_HEADER[f];

function refusedSummary(sha: string, p: FileProblem): ImportSummary {
  return {
    fileSha256: sha,
    rows: 0,
    imported: 0,
    duplicates: 0,
    conflicts: 0,
    rejected: 0,
    errors: [{ row: 0, column: p.column ?? null, code: p.code, message: FILE_MESSAGE[p.code](p.column) }],
    counts: { [p.code]: 1 },
  };
}

async function finishRefused(db: Database, importId: string, summary: ImportSummary): Promise<ImportResult> {
  await store.clearStaging(db, importId);
  await db
    .updateTable('sales_imports')
    .set({
      status: 'refused',
      rows: 0,
      imported: 0,
      duplicates: 0,
      conflicts: 0,
      rejected: 0,
      summary: JSON.stringify(summary),
      finished_at: sql`now()`,
    })
    .where('id', '=', importId)
    .execute();
  return { importId, status: 'refused', summary };
}

/** Rows as cell arrays, header first — from a file, or from an API batch. */
export type RowSource = AsyncIterable<string[]>;

export interface RunOptions {
  /** Progress 0–100 while reading (the job runner stores it). */
  progress?: (percent: number) => Promise<void>;
  /** Rows expected (an estimate for progress); none: progress moves by chunks. */
  expectedRows?: number;
  /** Rows per statement of the long steps of the final transaction; default: 50,000 on PGlite (each
   *  statement holds the thread; between them the server answers), none on PostgreSQL. */
  piece?: number;
  /** Whether a plain CSV file is read by the database's COPY (runPlainCsv). Default: on a PostgreSQL server
   *  only — on PGlite it is no faster than csv-parse (both run on this thread; measured in
   *  docs/BENCHMARKS.md) and its one-scan statements would hold the thread for seconds. */
  plain?: boolean;
  /** Told when the rows are all staged and the one transaction starts ('store'), and when it committed. */
  phase?: (name: 'store' | 'committed') => void;
}

/** Reads, stages, checks and stores one import whose row exists (status queued or running). */
export async function runImport(
  db: Database,
  importId: string,
  sha: string,
  rows: RowSource,
  opts: RunOptions = {},
): Promise<ImportResult> {
  const imp = await begin(db, importId);
  if ('importId' in imp) return imp;

  const t0 = performance.now();
  let stagingMs = 0;
  let map: HeaderMap | null = null;
  // COPY into the staging table where the handle allows it (a file import); an API batch inside its
  // request's transaction stages by multi-row INSERTs of up to CHUNK rows.
  let copy: CopyWriter | null = null;
  let chunk = store.emptyChunk();
  let batch = '';
  let n = 0;
  const flush = async () => {
    const ts = performance.now();
    if (copy) {
      if (batch) await copy.write(batch);
      batch = '';
    } else {
      await store.stage(db, importId, chunk);
      chunk = store.emptyChunk();
    }
    stagingMs += performance.now() - ts;
  };
  try {
    for await (const cells of rows) {
      if (!map) {
        const m = mapHeader(cells);
        if ('code' in m) return await finishRefused(db, importId, refusedSummary(sha, m));
        map = m;
        copy = await store.openStagingCopy(db, importId);
        continue;
      }
      n++;
      const ix = map.index;
      const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
      const raw: RawRow = {
        store: cell(ix.store).trim(),
        day: cell(ix.date),
        receipt: cell(ix.receipt).trim(),
        line: cell(ix.line),
        gtin: cell(ix.gtin).trim(),
        qty: cell(ix.qty),
        price: cell(ix.price),
        discount: cell(ix.discount),
      };
      const r = readRow(raw, map.shape);
      if (copy) {
        // The cells as read, then their values, in COPY's text format.
        batch += `${[n, raw.store, raw.day, raw.receipt, raw.line, raw.gtin, raw.qty, raw.price, raw.discount, r.date, r.qty, r.price, r.discount, r.line, r.err, r.errField].map(copyText).join('\t')}\n`;
        if (n % COPY_BATCH === 0) await flush();
      } else {
        chunk.row.push(n);
        chunk.store.push(raw.store);
        chunk.day.push(raw.day);
        chunk.receipt.push(raw.receipt);
        chunk.line.push(raw.line);
        chunk.gtin.push(raw.gtin);
        chunk.qty.push(raw.qty);
        chunk.price.push(raw.price);
        chunk.discount.push(raw.discount);
        chunk.salesDate.push(r.date);
        chunk.qtyN.push(r.qty);
        chunk.priceN.push(r.price);
        chunk.discountN.push(r.discount);
        chunk.lineN.push(r.line);
        chunk.err.push(r.err);
        chunk.errCol.push(r.errField);
        if (chunk.row.length >= CHUNK) await flush();
      }
      if (n % CHUNK === 0 && opts.progress) {
        await opts.progress(opts.expectedRows ? Math.min(90, (90 * n) / opts.expectedRows) : Math.min(90, n / 20_000));
      }
    }
    await flush();
    const ts = performance.now();
    await copy?.end();
    stagingMs += performance.now() - ts;
    copy = null;
  } catch (e) {
    await copy?.abort(e instanceof Error ? e : new Error(String(e)));
    if (e instanceof UnreadableFile) return finishRefused(db, importId, refusedSummary(sha, { code: 'unreadable' }));
    throw e;
  }
  if (!map) return finishRefused(db, importId, refusedSummary(sha, { code: 'empty' }));
  if (n === 0) return finishRefused(db, importId, refusedSummary(sha, { code: 'empty' }));
  if (process.env.POS_TIMING === '1') {
    process.stderr.write(
      `  read+stage: ${(performance.now() - t0).toFixed(0)} ms (of which waiting for staging ${stagingMs.toFixed(0)} ms)\n`,
    );
  }
  return finish(db, imp, sha, map, opts);
}

/** Marks the import running, with a fresh staging table; an import that already finished: its result. */
async function begin(db: Database, importId: string) {
  const imp = await db.selectFrom('sales_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
  if ((imp.status === 'done' || imp.status === 'refused') && imp.summary) {
    return { importId, status: imp.status, summary: imp.summary as ImportSummary } satisfies ImportResult;
  }
  await db.updateTable('sales_imports').set({ status: 'running' }).where('id', '=', importId).execute();
  // Rows a previous attempt of this import staged before its process died, and every finished import's.
  await store.sweepStaging(db);
  await store.createStaging(db, importId);
  return imp;
}

/** Checks and stores the staged rows in one transaction; the import's summary. */
async function finish(
  db: Database,
  imp: { id: string; chain_id: string; correction: boolean },
  sha: string,
  headerMap: HeaderMap,
  opts: RunOptions,
): Promise<ImportResult> {
  const importId = imp.id;
  await store.ensurePartitions(db, importId);
  const rawHeaders: Partial<Record<string, string>> = {};
  for (const [f, i] of Object.entries(headerMap.index)) rawHeaders[RAW_OF[f as Field]] = headerMap.names[i as number];

  // The one transaction (an API batch already runs inside its request's transaction).
  const oneTransaction = <T>(fn: (trx: Database) => Promise<T>) => (db.isTransaction ? fn(db) : db.transaction().execute(fn));
  const embedded = isEmbedded(db);
  opts.phase?.('store');
  const summary = await oneTransaction(async (trx) => {
    const out = await store.checkAndStore(trx, {
      importId,
      chainId: imp.chain_id,
      shape: headerMap.shape,
      correction: imp.correction,
      rawHeaders,
      piece: opts.piece ?? (embedded ? PGLITE_PIECE : undefined),
    });
    const ts = performance.now();
    await applySalesToStock(trx, importId, { table: 'pos_net' });
    if (process.env.POS_TIMING === '1') process.stderr.write(`  stock draw: ${(performance.now() - ts).toFixed(0)} ms\n`);
    await store.breathe();
    const errs = await store.errorsOf(trx, importId, ERRORS_CAP);
    const s: ImportSummary = {
      fileSha256: sha,
      rows: out.rows,
      imported: out.imported,
      duplicates: out.duplicates,
      conflicts: out.conflicts,
      rejected: out.rejected,
      errors: errs.list.map((e) => {
        const column = columnName(headerMap, e.col as Field | null);
        return { row: e.row, column, code: e.code, message: ROW_MESSAGE[e.code as RowCode](column ?? '') };
      }),
      counts: errs.counts,
    };
    await trx
      .updateTable('sales_imports')
      .set({
        status: 'done',
        progress: 100,
        rows: s.rows,
        imported: s.imported,
        duplicates: s.duplicates,
        conflicts: s.conflicts,
        rejected: s.rejected,
        summary: JSON.stringify(s),
        headers: JSON.stringify({ names: headerMap.names, fields: rawHeaders }),
        finished_at: sql`now()`,
      })
      .where('id', '=', importId)
      .execute();
    return s;
  });
  opts.phase?.('committed');
  return { importId, status: 'done', summary };
}

/** Imports a file on disk (CLI, upload, bench): CSV or XLSX, format v1. */
export async function importFile(db: Database, r: ImportRequest, file: string, opts: RunOptions = {}): Promise<ImportResult> {
  const sha = await fileSha256(file);
  const importId = await createImport(db, r, sha);
  return importFileAs(db, importId, sha, file, opts);
}

/** Runs an import whose row exists, from a file (the job handler's entry too). */
export async function importFileAs(db: Database, importId: string, sha: string, file: string, opts: RunOptions = {}) {
  let opened: FileRows;
  try {
    opened = openRows(file);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    const code = e.message === 'empty' ? 'empty' : 'unreadable';
    return finishRefused(db, importId, refusedSummary(sha, { code }));
  }
  if (opened.kind === 'csv' && opened.delimiter && !db.isTransaction && (opts.plain ?? !isEmbedded(db))) {
    const done = await runPlainCsv(db, importId, sha, file, opened.rows, opened.delimiter, opts);
    if (done) return { ...done, reader: 'copy' as const };
    opened = openRows(file);
  }
  const done = await runImport(db, importId, sha, opened.rows, opts);
  return opened.kind === 'csv' ? { ...done, reader: 'csv-parse' as const } : done;
}

/** A COPY error about the data (class 22: a row of another length, an unclosed quote, a bad byte …). */
const isDataError = (e: unknown) => typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('22');

/**
 * A plain CSV file (no quote, no backslash: sales.read.ts plainCsvBody) read by PostgreSQL's own COPY into
 * the raw staging table, its cells then read once per distinct text by the format's rules — the same rows,
 * values and problems as csv-parse gives, several times faster. Null when the file is not plain or COPY
 * refuses its shape: the caller then reads it with csv-parse (which also refuses what must be refused).
 */
async function runPlainCsv(
  db: Database,
  importId: string,
  sha: string,
  file: string,
  rows: RowSource,
  delimiter: ',' | ';' | '\t',
  opts: RunOptions,
): Promise<ImportResult | null> {
  let header: string[] | undefined;
  try {
    for await (const cells of rows) {
      header = cells;
      break;
    }
  } catch (e) {
    if (e instanceof UnreadableFile) return null;
    throw e;
  }
  const map = header ? mapHeader(header) : null;
  if (!header || !map || 'code' in map) return null;
  const imp = await begin(db, importId);
  if ('importId' in imp) return imp;
  const t0 = performance.now();
  await store.createRawStaging(db, importId, header.length);
  const copy = await store.openRawCopy(db, importId, header.length, delimiter);
  if (!copy) return null;
  const size = fs.statSync(file).size;
  let read = 0;
  let shown = 0;
  const giveUp = async (e: unknown) => {
    if (!(e instanceof NotPlain) && !isDataError(e)) throw e;
    await store.clearStaging(db, importId);
    return null;
  };
  try {
    for await (const piece of plainCsvBody(file, (n) => {
      read = n;
    })) {
      await copy.write(piece);
      const p = Math.min(80, (80 * read) / size);
      if (opts.progress && p - shown >= 5) {
        shown = p;
        await opts.progress(p);
      }
    }
  } catch (e) {
    await copy.abort(e instanceof Error ? e : new Error(String(e)));
    return giveUp(e);
  }
  try {
    await copy.end();
  } catch (e) {
    return giveUp(e);
  }
  if (process.env.POS_TIMING === '1') process.stderr.write(`  COPY csv: ${(performance.now() - t0).toFixed(0)} ms\n`);
  if ((await store.rawRowCount(db, importId)) === 0) {
    await store.clearStaging(db, importId);
    return null;
  }
  await store.stageFromRaw(db, importId, {
    index: map.index,
    order: FIELD_ORDER,
    read: (field, text) => readCell(field, text, map.shape),
    piece: opts.piece ?? (isEmbedded(db) ? PGLITE_PIECE : undefined),
  });
  await opts.progress?.(90);
  if (process.env.POS_TIMING === '1') process.stderr.write(`  read+stage (COPY csv): ${(performance.now() - t0).toFixed(0)} ms\n`);
  return finish(db, imp, sha, map, opts);
}

// ---- the API's side: chain, uploads (inline or as a job), batches, history, rejects, summary ----

const CHAIN_LABEL = { id: 'Jaringan ritel', en: 'Retail chain' };

/** The chain an import is for: a chain's staff always their own (naming another: 404, as if unknown); an
 *  admin names one. */
export async function chainFor(db: Database, ctx: Ctx, named: ChainCode | undefined) {
  const acted = chainActedFor(ctx.actor, named);
  if (acted === 'foreign') throw notFound(CHAIN_LABEL, 'chain');
  if (acted === 'missing') throw badRequest('chain_required', { id: 'Jaringan ritel wajib diisi.', en: 'The chain is required.' }, 'chain');
  const row = await db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'chain')
    .where('chain_code', '=', acted.chainCode)
    .executeTakeFirst();
  if (!row) throw notFound(CHAIN_LABEL, 'chain');
  return row;
}

/** Files above this size are imported by a job (answer 202); smaller ones inside the request. */
export const JOB_THRESHOLD_BYTES = 1024 * 1024;
export const JOB_KIND = 'sales.import';

export async function startUpload(
  db: Database,
  r: ImportRequest,
  upload: { file: string; size: number },
  threshold = JOB_THRESHOLD_BYTES,
): Promise<ImportResult | { importId: string; status: 'queued' }> {
  const sha = await fileSha256(upload.file);
  if (upload.size <= threshold) {
    try {
      const importId = await createImport(db, r, sha);
      return await importFileAs(db, importId, sha, upload.file);
    } finally {
      fs.rmSync(upload.file, { force: true });
    }
  }
  const importId = await db.transaction().execute(async (trx) => {
    const id = await createImport(trx, r, sha, 'queued');
    const jobId = await enqueueJob(trx, JOB_KIND, { importId: id, sha256: sha, file: upload.file });
    await trx.updateTable('sales_imports').set({ job_id: jobId }).where('id', '=', id).execute();
    return id;
  });
  return { importId, status: 'queued' };
}

registerJobHandler(JOB_KIND, async (job) => {
  const { importId, sha256, file } = job.payload as { importId: string; sha256: string; file: string };
  const expectedRows = fs.existsSync(file) ? Math.max(1, fs.statSync(file).size / 48) : undefined;
  try {
    if (!fs.existsSync(file)) throw new Error('the uploaded file is gone');
    await importFileAs(job.db, importId, sha256, file, {
      expectedRows,
      progress: async (p) => {
        await job.progress(p);
        await job.db
          .updateTable('sales_imports')
          .set({ progress: Math.round(p) })
          .where('id', '=', importId)
          .execute();
      },
    });
    fs.rmSync(file, { force: true });
  } catch (e) {
    await job.db
      .updateTable('sales_imports')
      .set({ status: 'failed', finished_at: sql`now()` })
      .where('id', '=', importId)
      .where('status', 'in', ['queued', 'running'])
      .execute();
    throw e;
  }
});

/** A JSON batch from a chain's own system: the same rows, rules and answer as a file. */
export async function importBatch(db: Database, ctx: Ctx, body: SalesBatch): Promise<ImportResult> {
  const chain = await chainFor(db, ctx, body.chain);
  const lines = body.lines.some((l) => l.receipt !== undefined || l.line !== undefined);
  const header = lines
    ? ['store_code', 'date', 'receipt', 'line', 'gtin', 'qty', 'unit_price', 'discount']
    : ['store_code', 'date', 'gtin', 'qty', 'unit_price', 'discount'];
  const text = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const rows = body.lines.map((l) =>
    lines
      ? [l.storeCode, l.date, text(l.receipt), text(l.line), l.gtin, text(l.qty), text(l.unitPrice), text(l.discount)]
      : [l.storeCode, l.date, l.gtin, text(l.qty), text(l.unitPrice), text(l.discount)],
  );
  const sha = crypto.createHash('sha256').update(JSON.stringify(body.lines)).digest('hex');
  const importId = await createImport(
    db,
    { chainId: chain.id, source: 'api', fileName: null, correction: body.correction ?? false, createdBy: ctx.actor.userId },
    sha,
  );
  return runImport(
    db,
    importId,
    sha,
    (async function* () {
      yield header;
      yield* rows;
    })(),
  );
}

const importColumns = (db: Database) =>
  db
    .selectFrom('sales_imports as si')
    .innerJoin('organizations as c', 'c.id', 'si.chain_id')
    .leftJoin('users as u', 'u.id', 'si.created_by')
    .select([
      'si.id',
      'c.name as chain_name',
      'si.source',
      'si.file_name',
      'si.file_sha256',
      'si.correction',
      'si.status',
      'si.progress',
      'si.rows',
      'si.imported',
      'si.duplicates',
      'si.conflicts',
      'si.rejected',
      'u.name as created_by_name',
      'si.created_at',
      'si.finished_at',
      'si.summary',
    ]);

type ImportRowOut = Awaited<ReturnType<ReturnType<typeof importColumns>['executeTakeFirstOrThrow']>>;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const toItem = (r: ImportRowOut) => ({
  id: r.id,
  chainName: r.chain_name,
  source: r.source,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  correction: r.correction,
  status: r.status,
  progress: r.progress,
  rows: r.rows,
  imported: r.imported,
  duplicates: r.duplicates,
  conflicts: r.conflicts,
  rejected: r.rejected,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at),
  finishedAt: r.finished_at ? iso(r.finished_at) : null,
});

export async function listImports(db: Database, ctx: Ctx, q: { limit: number; offset: number; chain?: ChainCode }) {
  const base = db
    .selectFrom('sales_imports as si')
    .innerJoin('organizations as c', 'c.id', 'si.chain_id')
    .where(salesImportScope(ctx.actor, 'si'))
    .$if(Boolean(q.chain), (b) => b.where('c.chain_code', '=', q.chain as ChainCode));
  const total = await base.select(sql<string>`count(*)::text`.as('n')).executeTakeFirstOrThrow();
  const rows = await importColumns(db)
    .where(salesImportScope(ctx.actor, 'si'))
    .$if(Boolean(q.chain), (b) => b.where('c.chain_code', '=', q.chain as ChainCode))
    .orderBy('si.created_at', 'desc')
    .orderBy('si.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { items: rows.map(toItem), total: Number(total.n) };
}

const IMPORT_LABEL = { id: 'Impor penjualan', en: 'Sales import' };

export async function getImport(db: Database, ctx: Ctx, id: string) {
  const r = await importColumns(db).where('si.id', '=', id).where(salesImportScope(ctx.actor, 'si')).executeTakeFirst();
  if (!r) throw notFound(IMPORT_LABEL);
  return { ...toItem(r), summary: (r.summary as ImportSummary | null) ?? null };
}

/** The rejected rows as CSV: the columns as uploaded plus the reason (`alasan` in an Indonesian file,
 *  `reason` in an English one), read in pages so that a large import's rejects never sit in memory whole. */
export async function rejectsCsv(db: Database, outer: Database, ctx: Ctx, id: string) {
  const imp = await db
    .selectFrom('sales_imports as si')
    .select(['si.id', 'si.headers', 'si.file_name'])
    .where('si.id', '=', id)
    .where(salesImportScope(ctx.actor, 'si'))
    .executeTakeFirst();
  if (!imp) throw notFound(IMPORT_LABEL);
  const headers = (imp.headers as { names: string[]; fields: Record<string, string> } | null) ?? { names: [], fields: {} };
  const mapped = new Set(Object.values(headers.fields));
  const columns = headers.names.filter((n) => mapped.has(n));
  const english = headers.fields.store !== undefined && normaliseHeader(headers.fields.store) === 'storecode';
  const reason = english ? 'reason' : 'alasan';
  const colOf = new Map(Object.entries(headers.fields).map(([k, v]) => [k, v]));
  const out = stringify({ header: true, columns: [...columns, reason] });
  (async () => {
    let after = 0;
    for (;;) {
      const page = await outer
        .selectFrom('sales_import_rejects')
        .select(['row', 'col', 'code', 'raw'])
        .where('import_id', '=', id)
        .where('row', '>', after)
        .orderBy('row')
        .limit(5000)
        .execute();
      for (const r of page) {
        const staged = r.col === 'date' ? 'day' : (r.col ?? '');
        const column = colOf.get(staged) ?? (r.col ? FIELD_HEADER[r.col as Field] : '');
        const m = ROW_MESSAGE[r.code as RowCode]?.(column ?? '') ?? { id: r.code, en: r.code };
        const raw = r.raw as Record<string, string>;
        if (!out.write([...columns.map((c) => raw[c] ?? ''), english ? m.en : m.id])) await once(out, 'drain');
      }
      if (page.length < 5000) break;
      after = page[page.length - 1]?.row ?? after;
    }
    out.end();
  })().catch((e) => out.destroy(e));
  return { stream: out, fileName: `${(imp.file_name ?? 'penjualan').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_')}-ditolak.csv` };
}

export async function salesSummary(db: Database, ctx: Ctx, q: SummaryQuery) {
  const r = await db
    .selectFrom('sales_lines as sl')
    .select([
      sql<string>`(count(*) FILTER (WHERE sl.entry = 'sale') - count(*) FILTER (WHERE sl.entry = 'reversal'))::text`.as('lines'),
      sql<string>`coalesce(sum(sl.qty), 0)::text`.as('units'),
      sql<string>`coalesce(sum(sl.amount), 0)::text`.as('revenue'),
    ])
    .where(salesScope(ctx.actor, 'sl'))
    .$if(Boolean(q.from), (b) => b.where('sl.sales_date', '>=', q.from as string))
    .$if(Boolean(q.to), (b) => b.where('sl.sales_date', '<=', q.to as string))
    .$if(Boolean(q.regionCode), (b) => b.where(inRegion('sl.district_code', q.regionCode as string)))
    .$if(Boolean(q.chain), (b) =>
      b.where('sl.chain_id', '=', (s) =>
        s
          .selectFrom('organizations')
          .select('id')
          .where('kind', '=', 'chain')
          .where('chain_code', '=', q.chain as ChainCode),
      ),
    )
    .$if(Boolean(q.umkmId), (b) => b.where('sl.umkm_id', '=', q.umkmId as string))
    .$if(Boolean(q.productId), (b) => b.where('sl.product_id', '=', q.productId as string))
    .$if(Boolean(q.outletId), (b) => b.where('sl.outlet_id', '=', q.outletId as string))
    .executeTakeFirstOrThrow();
  return { lines: Number(r.lines), units: Number(r.units), revenue: BigInt(r.revenue) };
}
