// Streams the rows of a POS file (format v1, docs/POS.md): CSV by a fast line splitter that hands over to
// csv-parse at the first quote (csvRows), XLSX through exceljs's streaming reader (first sheet), each as
// arrays of cell texts — the header row first. The file's SHA-256 is computed in its own streaming pass.
// Nothing holds the whole file in memory.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { detectDelimiter } from './sales.rules.ts';

export class UnreadableFile extends Error {}

export interface FileRows {
  kind: 'csv' | 'xlsx';
  rows: AsyncIterable<string[]>;
  /** CSV: the delimiter its header line uses. */
  delimiter?: ',' | ';' | '\t';
}

/** The hex SHA-256 of a file, read in one streaming pass (a 50 MB file takes ~0.1 s). */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function head(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a file for reading: throws UnreadableFile when it is neither a UTF-8 text file nor a zip (XLSX). */
export function openRows(file: string): FileRows {
  const start = head(file, 64 * 1024);
  if (start.length === 0) throw new UnreadableFile('empty');
  const open = () => fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  if (start.subarray(0, 4).equals(ZIP)) return { kind: 'xlsx', rows: xlsxRows(open) };

  // A text file: UTF-8 (a multi-byte character cut at the end of the sample is fine), no NUL bytes.
  if (start.includes(0)) throw new UnreadableFile('binary');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(start, { stream: true });
  } catch {
    throw new UnreadableFile('not utf-8');
  }
  const text = start.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // csv-parse reads every row (quotes, delimiters and line breaks inside quotes, CRLF/LF/CR, BOM): no
  // home-made splitting, though it is ~3 s of a 1M-line file (docs/BENCHMARKS.md).
  const delimiter = detectDelimiter(firstLine);
  return { kind: 'csv', rows: csvParseRows(open, delimiter), delimiter };
}

const csvOptions = (delimiter: string) => ({
  delimiter,
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
});

/** The whole file through csv-parse. */
async function* csvParseRows(open: () => fs.ReadStream, delimiter: string): AsyncIterable<string[]> {
  // Opened only when read, and closed whichever way the reading ends (a refused header stops early).
  const parser = parse(csvOptions(delimiter));
  const stream = open();
  stream.on('error', (e) => parser.destroy(e));
  stream.pipe(parser);
  try {
    for await (const rec of parser) yield rec as string[];
  } catch (e) {
    throw new UnreadableFile(e instanceof Error ? e.message : String(e));
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

/** A CSV file with a quote or a backslash somewhere: csv-parse reads it (see plainCsvBody). */
export class NotPlain extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
/** A line longer than this is no POS line: the file goes to csv-parse (a CR-only file has no LF at all). */
const LONGEST_LINE = 1024 * 1024;

/**
 * The data lines of a CSV file that holds no quote and no backslash, for PostgreSQL's COPY to read in its
 * CSV format: the BOM and the header line left out, in pieces that each end at a line feed. In such a file
 * every record is one line and every cell the text between two delimiters, so COPY reads exactly the cells
 * csv-parse reads (where they could differ — quotes, a `\.` line, empty lines, rows of another length, a
 * bare CR — the file is either not plain or COPY refuses it, and csv-parse reads it instead). Nothing here
 * reads a cell. Throws NotPlain at the first quote or backslash.
 */
export async function* plainCsvBody(file: string, onBytes?: (read: number) => void): AsyncIterable<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  let header = true;
  let read = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    if (bytes.includes(QUOTE) || bytes.includes(BACKSLASH)) throw new NotPlain();
    let buf = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    if (header) {
      const nl = buf.indexOf(LF);
      if (nl < 0) {
        if (buf.length > LONGEST_LINE) throw new NotPlain();
        carry = buf;
        continue;
      }
      buf = buf.subarray(nl + 1);
      header = false;
    }
    const last = buf.lastIndexOf(LF);
    if (last < 0) {
      if (buf.length > LONGEST_LINE) throw new NotPlain();
      carry = buf;
      continue;
    }
    onBytes?.(read);
    yield buf.subarray(0, last + 1);
    carry = buf.subarray(last + 1);
  }
  if (!header && carry.length) yield carry;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text: dates as YYYY-MM-DD, numbers as written by JS, rich text and formulas by their text. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
    return '';
  }
  return String(v);
}

async function* xlsxRows(open: () => fs.ReadStream): AsyncIterable<string[]> {
  const stream = open();
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
  } catch (e) {
    throw new UnreadableFile(String(e));
  }
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]).trim());
        if (cells.some((c) => c !== '')) yield cells;
      }
      break; // the first sheet only
    }
  } catch (e) {
    throw new UnreadableFile(e instanceof Error ? e.message : String(e));
  } finally {
    stream.destroy();
  }
}
