// The POS import pipeline on the test database (demo data: Alfamart PKS in force in Kota Bengkulu and OKI):
// docs/POS.md's examples, idempotency, overlap, corrections, every kind of bad row, refused files, tenancy.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/db.ts';
import type { DbHandle } from '../../db/client.ts';
import { importFile } from './sales.service.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../docs/pos-examples');
let handle: DbHandle;
let dir: string;
let alfamart: string;
let indomaret: string;

const write = (name: string, text: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};
const run = (chainId: string, file: string, correction = false, plain = true) =>
  importFile(handle.db, { chainId, source: 'cli', fileName: path.basename(file), correction, createdBy: null }, file, { plain });
const totals = async (chainId: string) => {
  const r = await sql<{ lines: string; units: string; revenue: string }>`SELECT count(*) FILTER (WHERE entry = 'sale')::text AS lines,
    coalesce(sum(qty), 0)::text AS units, coalesce(sum(amount), 0)::text AS revenue FROM sales_lines WHERE chain_id = ${chainId}`.execute(
    handle.db,
  );
  return r.rows[0];
};

beforeAll(async () => {
  handle = await testDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-test-'));
  const chains = await handle.db.selectFrom('organizations').select(['id', 'chain_code']).where('kind', '=', 'chain').execute();
  alfamart = chains.find((c) => c.chain_code === 'alfamart')?.id as string;
  indomaret = chains.find((c) => c.chain_code === 'indomaret')?.id as string;
});
afterAll(async () => {
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('docs/POS.md examples', () => {
  it('line level (; DD/MM/YYYY Rp12.500 BOM CRLF): all imported, then all duplicates', async () => {
    const file = path.join(EXAMPLES, 'penjualan-struk.csv');
    const start = await totals(alfamart); // the demo's own eight weeks of sales
    const first = await run(alfamart, file);
    expect(first.status).toBe('done');
    expect(first.summary).toMatchObject({ rows: 5, imported: 5, duplicates: 0, conflicts: 0, rejected: 0, errors: [] });
    const before = await totals(alfamart);
    const delta = (a: typeof before, b: typeof before) => ({
      lines: Number(a?.lines) - Number(b?.lines),
      units: Number(a?.units) - Number(b?.units),
      revenue: Number(a?.revenue) - Number(b?.revenue),
    });
    expect(delta(before, start)).toEqual({ lines: 5, units: 6, revenue: 2 * 20300 + 52000 - 2000 + 3 * 12500 + 19200 - 20300 });
    const again = await run(alfamart, file);
    expect(again.summary).toMatchObject({ rows: 5, imported: 0, duplicates: 5, conflicts: 0, rejected: 0 });
    expect(again.summary.fileSha256).toBe(first.summary.fileSha256);
    expect(await totals(alfamart)).toEqual(before);
  });

  it('daily totals (, YYYY-MM-DD English headers) and the XLSX', async () => {
    const daily = await run(alfamart, path.join(EXAMPLES, 'daily-totals.csv'));
    expect(daily.summary).toMatchObject({ rows: 3, imported: 3, rejected: 0 });
    const xlsx = await run(alfamart, path.join(EXAMPLES, 'penjualan.xlsx'));
    expect(xlsx.summary).toMatchObject({ rows: 3, imported: 3, rejected: 0, errors: [] });
    expect((await run(alfamart, path.join(EXAMPLES, 'penjualan.xlsx'))).summary).toMatchObject({ imported: 0, duplicates: 3 });
    // November has its own partition now: none of its rows (the demo's included) are left in the default one.
    const monthly = await sql<{ n: string }>`SELECT count(*)::text AS n FROM sales_lines_default
      WHERE sales_date >= '2026-11-01' AND sales_date < '2026-12-01'`.execute(handle.db);
    expect(monthly.rows[0]?.n).toBe('0');
    const part = await sql<{ n: string }>`SELECT count(*)::text AS n FROM sales_lines_y2026m11`.execute(handle.db);
    expect(Number(part.rows[0]?.n)).toBeGreaterThan(11);
  });
});

describe('idempotency and corrections', () => {
  const header = 'store_code\tdate\treceipt\tline\tgtin\tqty\tunit_price\n';
  const line = (receipt: string, n: number, qty: number, price = 25000) =>
    `A9TW\t2026-11-10\t${receipt}\t${n}\t8991853100134\t${qty}\t${price}\n`;

  it('an overlapping file imports only its new keys; a changed figure is a conflict until corrected', async () => {
    const a = write('a.tsv', header + line('R1', 1, 1) + line('R1', 2, 2));
    expect((await run(alfamart, a)).summary).toMatchObject({ imported: 2 });
    const b = write('b.tsv', header + line('R1', 2, 2) + line('R1', 3, 3));
    expect((await run(alfamart, b)).summary).toMatchObject({ rows: 2, imported: 1, duplicates: 1 });
    const before = await totals(alfamart);
    const changed = write('c.tsv', header + line('R1', 1, 5) + line('R1', 3, 3));
    const conflict = await run(alfamart, changed);
    expect(conflict.summary).toMatchObject({ imported: 0, duplicates: 1, conflicts: 1, rejected: 0 });
    expect(conflict.summary.errors[0]).toMatchObject({ row: 1, code: 'conflict' });
    expect(await totals(alfamart)).toEqual(before);
    const fixed = await run(alfamart, changed, true);
    expect(fixed.summary).toMatchObject({ imported: 1, duplicates: 1, conflicts: 0 });
    const key = await sql<{ revision: number; entry: string; qty: number }>`SELECT revision, entry, qty FROM sales_lines
      WHERE chain_id = ${alfamart} AND receipt = 'R1' AND line = 1 ORDER BY revision, entry`.execute(handle.db);
    expect(key.rows).toEqual([
      { revision: 0, entry: 'sale', qty: 1 },
      { revision: 1, entry: 'reversal', qty: -1 },
      { revision: 1, entry: 'sale', qty: 5 },
    ]);
    // The corrected figure is now the one in force: the same correction again changes nothing.
    expect((await run(alfamart, changed, true)).summary).toMatchObject({ imported: 0, duplicates: 2 });
  });
});

describe('a key twice in one file', () => {
  it('the first row counts; the same figures again are a duplicate, other figures are reported', async () => {
    const f = write(
      'twice.csv',
      'store_code,date,receipt,line,gtin,qty,unit_price\nA9TW,2026-11-13,T1,1,8991853100134,1,25000\nA9TW,2026-11-13,T1,1,8991853100134,1,25000\nA9TW,2026-11-13,T1,1,8991853100134,9,25000\n',
    );
    const r = await run(alfamart, f);
    expect(r.summary).toMatchObject({ rows: 3, imported: 1, duplicates: 1, conflicts: 1, rejected: 0 });
    expect(r.summary.errors).toMatchObject([{ row: 3, code: 'duplicate_in_file' }]);
  });
});

describe('bad rows and refused files', () => {
  it('each bad row kind with its row, column and bilingual message; good rows stored', async () => {
    const f = write(
      'bad.csv',
      [
        'kode_toko;tanggal;no_struk;baris;barcode;jumlah;harga',
        'A9TW;2026-11-11;B1;1;8991853100134;1;25000', // good
        'ZZZZ;2026-11-11;B1;2;8991853100134;1;25000', // unknown store
        'A9TW;2026-11-11;B1;3;1234567890123;1;25000', // unknown gtin
        'A9TW;31/02/2026;B1;4;8991853100134;1;25000', // impossible date
        'A9TW;2026-11-11;B1;5;8991853100134;dua;25000', // unreadable qty
        'A9TW;2026-11-11;B1;6;8991853100134;1;Rp12,5', // unreadable price
        'A9TW;2026-11-11;B1;7;8993528300085;1;35000', // OKI terasi: no PKS for a Bengkulu store
        'A9TW;2020-01-01;B1;8;8991853100134;1;25000', // before the PKS
      ].join('\n'),
    );
    const r = await run(alfamart, f);
    expect(r.summary).toMatchObject({ rows: 8, imported: 1, rejected: 7 });
    expect(r.summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'kode_toko', 'unknown_store'],
      [3, 'barcode', 'unknown_gtin'],
      [4, 'tanggal', 'bad_date'],
      [5, 'jumlah', 'bad_number'],
      [6, 'harga', 'bad_number'],
      [7, 'barcode', 'no_pks'],
      [8, 'barcode', 'no_pks'],
    ]);
    expect(r.summary.counts).toEqual({ unknown_store: 1, unknown_gtin: 1, bad_date: 1, bad_number: 2, no_pks: 2 });
    for (const e of r.summary.errors) expect(e.message.id.length > 5 && e.message.en.length > 5).toBe(true);
    expect(r.summary.errors[0]?.message.en).toContain('kode_toko');
    const raw = await handle.db
      .selectFrom('sales_import_rejects')
      .select(['row', 'raw'])
      .where('import_id', '=', r.importId)
      .orderBy('row')
      .execute();
    expect(raw[0]?.raw).toMatchObject({ kode_toko: 'ZZZZ', harga: '25000', no_struk: 'B1' });
  });

  it.each([
    ['no gtin column', 'kode_toko,tanggal,jumlah,harga\nA9TW,2026-11-11,1,25000\n', 'missing_column'],
    ['binary junk', Buffer.from([0x00, 0xff, 0x13, 0x88, 0x00, 0x01, 0x02]), 'unreadable'],
    ['empty', '', 'empty'],
    ['a header only', 'kode_toko,tanggal,barcode,jumlah,harga\n', 'empty'],
    // Rows already on their way into the staging COPY when an unclosed quote makes the rest unreadable.
    [
      'an unclosed quote after good rows',
      `kode_toko,tanggal,barcode,jumlah,harga\n${'A9TW,2026-11-11,8999533200389,1,25000\n'.repeat(5000)}A9TW,"2026-11-11,8999533200389,1,25000\n`,
      'unreadable',
    ],
  ])('%s: refused whole', async (_name, content, code) => {
    const r = await run(alfamart, write('refused.csv', content));
    expect(r.status).toBe('refused');
    expect(r.summary.errors[0]?.code).toBe(code);
    const row = await handle.db.selectFrom('sales_imports').select('status').where('id', '=', r.importId).executeTakeFirstOrThrow();
    expect(row.status).toBe('refused');
  });
});

describe('two readers of a CSV file, one reading', () => {
  // A plain file (no quote, no backslash) is read by PostgreSQL's COPY, its cells then by the format's
  // rules once per distinct text; any other file by csv-parse. Both must read every cell the same way.
  const rows = [
    'EQ1;1; A9TW ;2026-11-14;8991853100134;1;25000;', // spaces around the store code
    'EQ1;2;A9TW\u00a0;2026-11-14;8991853100134;2;Rp25.000;500', // a no-break space
    'EQ1;3;A9TW; 14/11/2026 ;\t8991853100134;-1;25.000;Rp 1.000',
    'EQ1;4;;2026-11-14;8991853100134;1;25000;', // no store
    'EQ1;5;A9TW;31/11/2026;8991853100134;1;25000;', // no such day
    'EQ1;6;A9TW;2026-11-14;8991853100134;1,5;25000;',
    'EQ1;0;A9TW;2026-11-14;8991853100134;1;25000;', // line 0
    'EQ1;x;A9TW;2026-11-14;8991853100134;1;25000;',
    ' ;7;A9TW;2026-11-14;8991853100134;1;25000;', // a blank receipt
    'EQ1;8;A9TW;2026-11-14;8991853100134;+2;Rp12,5;',
    'EQ1;9;A9TW;2026-11-14;8991853100134;1;25000;dua',
    'EQ1;10;A9TW;2026-11-14; ;1;25000;',
    'EQ1;11;ZZZZ;2026-11-14;8991853100134;1;25000;',
    'EQ1;12;A9TW;2026-11-14;8991853100134;1;;',
    'EQ1;1; A9TW ;2026-11-14;8991853100134;1;25000;', // the first row again
  ];
  const content = `\uFEFFno_struk;baris;kode_toko;tanggal;barcode;jumlah;harga;diskon\r\n${rows.join('\r\n')}\r\n`;

  it('a plain file gives through COPY the rows, values and problems csv-parse gives', async () => {
    const file = write('plain.csv', content);
    const parsed = await run(alfamart, file, false, false);
    expect(parsed.reader).toBe('csv-parse');
    expect(parsed.summary).toMatchObject({ rows: 15, imported: 3 });
    const copied = await run(alfamart, file);
    expect(copied.reader).toBe('copy');
    // Every figure read the same way: each stored key is a duplicate (a different value would conflict).
    expect(copied.summary).toMatchObject({
      rows: 15,
      imported: 0,
      conflicts: parsed.summary.conflicts,
      rejected: parsed.summary.rejected,
      duplicates: parsed.summary.imported + parsed.summary.duplicates,
    });
    expect(copied.summary.errors).toEqual(parsed.summary.errors);
    expect(copied.summary.counts).toEqual(parsed.summary.counts);
    expect(parsed.summary.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'kode_toko', 'missing_value'],
      [5, 'tanggal', 'bad_date'],
      [6, 'jumlah', 'bad_number'],
      [7, 'baris', 'bad_line'],
      [8, 'baris', 'bad_line'],
      [9, 'no_struk', 'missing_value'],
      [10, 'harga', 'bad_number'],
      [11, 'diskon', 'bad_number'],
      [12, 'barcode', 'missing_value'],
      [13, 'kode_toko', 'unknown_store'],
      [14, 'harga', 'missing_value'],
    ]);
  });

  it.each([
    ['a quoted cell', 'kode_toko;tanggal;barcode;jumlah;harga\n"A9TW";2026-11-15;8991853100134;1;25000\n', 1],
    [
      'an empty line',
      'kode_toko;tanggal;barcode;jumlah;harga\nA9TW;2026-11-15;8991853100134;1;25000\n\nA9TW;2026-11-16;8991853100134;1;25000\n',
      2,
    ],
    ['a short row', 'kode_toko;tanggal;barcode;jumlah;harga;diskon\nA9TW;2026-11-15;8991853100134;1;25000\n', 1],
    ['a backslash-dot line', 'kode_toko;tanggal;barcode;jumlah;harga\n\\.\nA9TW;2026-11-17;8991853100134;1;25000\n', 2],
    ['CR line breaks', 'kode_toko;tanggal;barcode;jumlah;harga\rA9TW;2026-11-18;8991853100134;1;25000\r', 1],
  ])('%s: read by csv-parse', async (_name, text, rowsRead) => {
    const r = await run(indomaret, write('other.csv', text));
    expect(r.reader).toBe('csv-parse');
    expect(r.summary.rows).toBe(rowsRead);
  });
});

describe('tenancy', () => {
  it("Indomaret importing Alfamart's store codes: every row an unknown store, the same message as a made-up code", async () => {
    const f = write(
      'indo.csv',
      'kode_toko,tanggal,barcode,jumlah,harga\nA9TW,2026-11-12,8991853100134,1,25000\nC3HH,2026-11-12,8991853100134,1,25000\nNOPE,2026-11-12,8991853100134,1,25000\n',
    );
    const before = await totals(alfamart);
    const r = await run(indomaret, f);
    expect(r.summary).toMatchObject({ rows: 3, imported: 0, rejected: 3 });
    expect(new Set(r.summary.errors.map((e) => e.code))).toEqual(new Set(['unknown_store']));
    expect(new Set(r.summary.errors.map((e) => JSON.stringify(e.message))).size).toBe(1);
    expect(await totals(alfamart)).toEqual(before);
  });
});
