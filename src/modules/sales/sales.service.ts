// The POS sales import (issue 10, point 5): a file (or an API batch) is read as a stream into the staging
// table in chunks, each its own short statement; then, in ONE transaction, its rows are checked set-wise,
// the good ones stored in sales_lines (monthly partitions created first), the stock ledger told, and the
// import marked done with its summary. A crash before that commit leaves nothing of the file in
// sales_lines; its staging rows are swept by the next import.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import { applySalesToStock } from '../operations/operations.stock.ts';
import { fileSha256, openRows, UnreadableFile } from './sales.read.ts';
import {
  ERRORS_CAP,
  FIELD_HEADER,
  FILE_MESSAGE,
  type Field,
  type FileProblem,
  type HeaderMap,
  type ImportSummary,
  mapHeader,
  type RawRow,
  ROW_MESSAGE,
  type RowCode,
  readRow,
} from './sales.rules.ts';
import * as store from './sales.store.ts';

const CHUNK = 20_000;

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

const STAGED_FIELD: Record<Field, keyof RawRow> = {
  store: 'store',
  date: 'day',
  receipt: 'receipt',
  line: 'line',
  gtin: 'gtin',
  qty: 'qty',
  price: 'price',
  discount: 'discount',
};

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
}

/** Reads, stages, checks and stores one import whose row exists (status queued or running). */
export async function runImport(
  db: Database,
  importId: string,
  sha: string,
  rows: RowSource,
  opts: RunOptions = {},
): Promise<ImportResult> {
  const imp = await db.selectFrom('sales_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
  if ((imp.status === 'done' || imp.status === 'refused') && imp.summary) {
    return { importId, status: imp.status, summary: imp.summary as ImportSummary };
  }
  await db.updateTable('sales_imports').set({ status: 'running' }).where('id', '=', importId).execute();
  // Rows a previous attempt of this import staged before its process died, and every finished import's.
  await store.clearStaging(db, importId);
  await store.sweepStaging(db);

  let map: HeaderMap | null = null;
  let chunk = store.emptyChunk();
  let n = 0;
  try {
    for await (const cells of rows) {
      if (!map) {
        const m = mapHeader(cells);
        if ('code' in m) return await finishRefused(db, importId, refusedSummary(sha, m));
        map = m;
        continue;
      }
      n++;
      const cell = (f: Field) => {
        const i = map?.index[f];
        return i === undefined ? '' : (cells[i] ?? '');
      };
      const raw: RawRow = {
        store: cell('store'),
        day: cell('date'),
        receipt: cell('receipt'),
        line: cell('line'),
        gtin: cell('gtin'),
        qty: cell('qty'),
        price: cell('price'),
        discount: cell('discount'),
      };
      const r = readRow(raw, map.shape);
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
      if (chunk.row.length >= CHUNK) {
        await store.stage(db, importId, chunk);
        chunk = store.emptyChunk();
        if (opts.progress) await opts.progress(opts.expectedRows ? Math.min(90, (90 * n) / opts.expectedRows) : Math.min(90, n / 20_000));
      }
    }
  } catch (e) {
    if (e instanceof UnreadableFile) return finishRefused(db, importId, refusedSummary(sha, { code: 'unreadable' }));
    throw e;
  }
  if (!map) return finishRefused(db, importId, refusedSummary(sha, { code: 'empty' }));
  if (n === 0) return finishRefused(db, importId, refusedSummary(sha, { code: 'empty' }));
  await store.stage(db, importId, chunk);
  const headerMap = map;

  await store.ensurePartitions(db, importId);
  const rawHeaders: Partial<Record<string, string>> = {};
  for (const [f, i] of Object.entries(headerMap.index)) rawHeaders[STAGED_FIELD[f as Field]] = headerMap.names[i as number];

  const summary = await db.transaction().execute(async (trx) => {
    const out = await store.checkAndStore(trx, {
      importId,
      chainId: imp.chain_id,
      shape: headerMap.shape,
      correction: imp.correction,
      rawHeaders,
    });
    await applySalesToStock(trx, importId);
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
  let rows: RowSource;
  try {
    rows = openRows(file).rows;
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    const code = e.message === 'empty' ? 'empty' : 'unreadable';
    return finishRefused(db, importId, refusedSummary(sha, { code }));
  }
  return runImport(db, importId, sha, rows, opts);
}
