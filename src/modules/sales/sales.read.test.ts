// The fast CSV reader reads every file exactly as csv-parse (with the import's options) does: lines without
// quotes split at the delimiter, and from the first quote on csv-parse itself — across any chunk boundary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRows, openRows } from './sales.read.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true };
let n = 0;

async function both(text: string, delimiter: ';' | ',' | '\t', chunk: number) {
  const file = path.join(dir, `f${n++}.csv`);
  fs.writeFileSync(file, text);
  let expected: string[][] | Error;
  try {
    expected = parse(fs.readFileSync(file), { ...OPTIONS, delimiter }) as string[][];
  } catch (e) {
    expected = e as Error;
  }
  const got: string[][] = [];
  let failed: Error | null = null;
  try {
    for await (const r of csvRows(() => fs.createReadStream(file, { highWaterMark: chunk }), delimiter)) got.push(r);
  } catch (e) {
    failed = e as Error;
  }
  return { expected, got, failed };
}

describe('csvRows', () => {
  it('reads any file (quotes, delimiters and line breaks in quotes, CRLF, empty lines, BOM) as csv-parse does', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'B001', '12.500', 'Rp12.500', ' x ', 'é', '👍'),
      fc.string({ unit: fc.constantFrom('a', '1', ' ', ';', ',', '\t', '"', '\r\n', '\n', 'ü'), maxLength: 6 }),
    );
    const quoted = cell.map((c) => `"${c.replaceAll('"', '""')}"`);
    const line = fc.array(
      fc.oneof(
        cell.filter((c) => !/[";,\t\r\n]/.test(c)),
        quoted,
      ),
      { minLength: 0, maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        async (lines, delim, eol, bom, chunk) => {
          const text = (bom ? '\uFEFF' : '') + lines.map((l) => l.join(delim)).join(eol) + (chunk % 2 ? eol : '');
          const r = await both(text, delim, chunk);
          if (r.expected instanceof Error) expect(r.failed).not.toBeNull();
          else {
            expect(r.failed).toBeNull();
            expect(r.got).toEqual(r.expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('malformed quoting is refused as csv-parse refuses it; a lone-CR file is read by csv-parse', async () => {
    const bad = await both('a;b\n1;"x\n2;3\n', ';', 4);
    expect(bad.expected).toBeInstanceOf(Error);
    expect(bad.failed).not.toBeNull();
    const file = path.join(dir, 'cr.csv');
    fs.writeFileSync(file, 'a;b\r1;2\r3;4\r');
    const rows: string[][] = [];
    for await (const r of openRows(file).rows) rows.push(r);
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});
