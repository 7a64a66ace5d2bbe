// POS sales import, format v1 (docs/POS.md): pure rules — which header names mean which field, which
// delimiter a header line uses, how a cell is read (numbers `12500`, `12.500`, `Rp12.500`; dates
// `YYYY-MM-DD` or `DD/MM/YYYY`), and the bilingual message of every problem a row or a file can have.
import type { Bilingual } from '../../platform/errors.ts';

export type Field = 'store' | 'date' | 'receipt' | 'line' | 'gtin' | 'qty' | 'price' | 'discount';

/** Header names (lower case, spaces and underscores removed) → field. Indonesian first, English second. */
const HEADER_NAMES: Record<string, Field> = {
  kodetoko: 'store',
  storecode: 'store',
  tanggal: 'date',
  date: 'date',
  nostruk: 'receipt',
  receipt: 'receipt',
  baris: 'line',
  line: 'line',
  barcode: 'gtin',
  gtin: 'gtin',
  jumlah: 'qty',
  qty: 'qty',
  harga: 'price',
  unitprice: 'price',
  diskon: 'discount',
  discount: 'discount',
};

export const REQUIRED: Field[] = ['store', 'date', 'gtin', 'qty', 'price'];

/** The name a field is known by in messages when the file did not name it (Indonesian / English header). */
export const FIELD_HEADER: Record<Field, string> = {
  store: 'kode_toko',
  date: 'tanggal',
  receipt: 'no_struk',
  line: 'baris',
  gtin: 'barcode',
  qty: 'jumlah',
  price: 'harga',
  discount: 'diskon',
};

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '');

export interface HeaderMap {
  /** The header cells as uploaded (BOM removed, trimmed). */
  names: string[];
  /** field → index of its column. */
  index: Partial<Record<Field, number>>;
  shape: 'lines' | 'daily';
}

export type FileProblem =
  | { code: 'missing_column'; column: string }
  | { code: 'unreadable' | 'empty' | 'duplicate_column'; column?: string };

/** Maps a header row; a missing required column (or a receipt without its line, or the reverse) refuses the file. */
export function mapHeader(cells: string[]): HeaderMap | FileProblem {
  const names = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
  const index: Partial<Record<Field, number>> = {};
  for (const [i, name] of names.entries()) {
    const f = HEADER_NAMES[normaliseHeader(name)];
    if (!f) continue;
    if (index[f] !== undefined) return { code: 'duplicate_column', column: name };
    index[f] = i;
  }
  for (const f of REQUIRED) if (index[f] === undefined) return { code: 'missing_column', column: FIELD_HEADER[f] };
  if ((index.receipt === undefined) !== (index.line === undefined)) {
    return { code: 'missing_column', column: FIELD_HEADER[index.receipt === undefined ? 'receipt' : 'line'] };
  }
  return { names, index, shape: index.receipt === undefined ? 'daily' : 'lines' };
}

/** The delimiter of a header line: the most frequent of `;`, tab and `,` (a tie or none: `,`). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const count = (c: string) => headerLine.split(c).length - 1;
  const semi = count(';');
  const tab = count('\t');
  const comma = count(',');
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

const INT = /^[-+]?\d{1,9}$/;
const PLAIN = /^\d{1,15}$/;
const GROUPED = /^\d{1,3}(?:\.\d{3}){1,4}$/;
const CURRENCY = /^rp\.?\s*/i;

/** An integer quantity; negative is a return at the till. */
export function readQty(s: string): number | null {
  const t = s.trim();
  return INT.test(t) ? Number(t) : null;
}

/** Rupiah: `12500`, `12.500`, `Rp12.500`, `Rp 12.500` (no decimals: rupiah are whole). */
export function readRupiah(s: string): number | null {
  const t = s.trim().replace(CURRENCY, '');
  if (PLAIN.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replaceAll('.', ''));
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** `YYYY-MM-DD` or `DD/MM/YYYY` → `YYYY-MM-DD`; an impossible date (31/02/2026) is null. */
export function readDate(s: string): string | null {
  const t = s.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = ISO.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    const dmy = DMY.exec(t);
    if (!dmy) return null;
    [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  }
  if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface RawRow {
  store: string;
  day: string;
  receipt: string;
  line: string;
  gtin: string;
  qty: string;
  price: string;
  discount: string;
}

export interface ReadRow {
  date: string | null;
  qty: number | null;
  price: number | null;
  discount: number | null;
  line: number | null;
  err: RowCode | null;
  errField: Field | null;
}

export type RowCode =
  | 'missing_value'
  | 'bad_date'
  | 'bad_number'
  | 'bad_line'
  | 'unknown_store'
  | 'unknown_gtin'
  | 'no_pks'
  | 'conflict'
  | 'duplicate_in_file';

/** A reader of cell texts that remembers its last few thousand answers: a file repeats its dates, prices,
 *  quantities and line numbers on most rows, so most cells are read once (the answer is the same). */
function remembered<T>(read: (s: string) => T, max = 4096): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    const v = seen.get(s);
    if (v !== undefined || seen.has(s)) return v as T;
    const r = read(s);
    if (seen.size >= max) seen.clear();
    seen.set(s, r);
    return r;
  };
}
const dateOf = remembered(readDate);
const qtyOf = remembered(readQty);
const rupiahOf = remembered(readRupiah);

/** The fields in the order a row's problems are looked for: the first one found is the row's. */
export const FIELD_ORDER: readonly Field[] = ['store', 'date', 'receipt', 'line', 'gtin', 'qty', 'price', 'discount'];

/** What one cell says: its value (text fields trimmed; dates YYYY-MM-DD; numbers) and its problem, if any.
 *  A cell the file has no column for is ''. */
export interface CellReading {
  value: string | number | null;
  code: RowCode | null;
}

/** Reads one cell of a field; the same answer for the same text, so a reader may ask once per distinct text. */
export function readCell(field: Field, text: string, shape: 'lines' | 'daily'): CellReading {
  const blank = !text.trim();
  switch (field) {
    case 'store':
    case 'gtin':
      return { value: text.trim(), code: blank ? 'missing_value' : null };
    case 'receipt':
      return { value: text.trim(), code: shape === 'lines' && blank ? 'missing_value' : null };
    case 'date': {
      const d = blank ? null : dateOf(text);
      return { value: d, code: blank ? 'missing_value' : d === null ? 'bad_date' : null };
    }
    case 'line': {
      if (shape !== 'lines') return { value: null, code: null };
      const l = qtyOf(text);
      const v = l !== null && l >= 1 ? l : null;
      return { value: v, code: blank ? 'missing_value' : v === null ? 'bad_line' : null };
    }
    case 'qty': {
      const q = qtyOf(text);
      return { value: q, code: blank ? 'missing_value' : q === null ? 'bad_number' : null };
    }
    case 'price': {
      const v = rupiahOf(text);
      return { value: v, code: blank ? 'missing_value' : v === null ? 'bad_number' : null };
    }
    case 'discount': {
      const v = blank ? 0 : rupiahOf(text);
      return { value: v, code: v === null ? 'bad_number' : null };
    }
  }
}

/** The cell of a row (and the staging column) each field is read from. */
export const RAW_OF: Record<Field, keyof RawRow> = {
  store: 'store',
  date: 'day',
  receipt: 'receipt',
  line: 'line',
  gtin: 'gtin',
  qty: 'qty',
  price: 'price',
  discount: 'discount',
};

/** Reads one row's cells; the first problem (in FIELD_ORDER) is kept. */
export function readRow(r: RawRow, shape: 'lines' | 'daily'): ReadRow {
  const out: ReadRow = { date: null, qty: null, price: null, discount: null, line: null, err: null, errField: null };
  for (const f of FIELD_ORDER) {
    const c = readCell(f, r[RAW_OF[f]], shape);
    if (f === 'date') out.date = c.value as string | null;
    else if (f === 'line') out.line = c.value as number | null;
    else if (f === 'qty' || f === 'price' || f === 'discount') out[f] = c.value as number | null;
    if (c.code && !out.err) {
      out.err = c.code;
      out.errField = f;
    }
  }
  return out;
}

export const ROW_MESSAGE: Record<RowCode, (column: string) => Bilingual> = {
  missing_value: (c) => ({ id: `Kolom ${c} kosong.`, en: `Column ${c} is empty.` }),
  bad_date: (c) => ({
    id: `Tanggal di kolom ${c} tidak terbaca atau tidak ada (pakai YYYY-MM-DD atau DD/MM/YYYY).`,
    en: `The date in column ${c} is unreadable or impossible (use YYYY-MM-DD or DD/MM/YYYY).`,
  }),
  bad_number: (c) => ({
    id: `Angka di kolom ${c} tidak terbaca (contoh: 12500, 12.500 atau Rp12.500).`,
    en: `The number in column ${c} is unreadable (e.g. 12500, 12.500 or Rp12.500).`,
  }),
  bad_line: (c) => ({
    id: `Nomor baris di kolom ${c} harus bilangan bulat 1 atau lebih.`,
    en: `The line number in column ${c} must be a whole number of 1 or more.`,
  }),
  // The same message for a store of another chain: an import never tells which stores other chains have.
  unknown_store: (c) => ({
    id: `Kode toko di kolom ${c} tidak dikenal untuk jaringan ini.`,
    en: `The store code in column ${c} is not known for this chain.`,
  }),
  unknown_gtin: (c) => ({
    id: `Barcode di kolom ${c} tidak dikenal di Etalase.`,
    en: `The barcode in column ${c} is not known to Etalase.`,
  }),
  no_pks: () => ({
    id: 'Tidak ada PKS yang berlaku untuk produk ini dengan jaringan ini di toko ini pada tanggal penjualan.',
    en: 'No PKS is in force for this product with this chain at this store on the sales date.',
  }),
  conflict: () => ({
    id: 'Angka untuk transaksi ini berbeda dari yang sudah diimpor; tidak diubah. Unggah sebagai koreksi untuk menggantinya.',
    en: 'The figures for this sale differ from those already imported; nothing was changed. Upload as a correction to replace them.',
  }),
  duplicate_in_file: () => ({
    id: 'Transaksi yang sama muncul lagi di berkas ini dengan angka lain; hanya kemunculan pertama yang dipakai.',
    en: 'The same sale appears again in this file with other figures; only the first occurrence is used.',
  }),
};

export const FILE_MESSAGE: Record<FileProblem['code'], (column?: string) => Bilingual> = {
  missing_column: (c) => ({
    id: `Berkas ditolak: kolom wajib ${c} tidak ada (lihat format di docs/POS.md).`,
    en: `File refused: the required column ${c} is missing (see the format in docs/POS.md).`,
  }),
  duplicate_column: (c) => ({ id: `Berkas ditolak: kolom ${c} muncul dua kali.`, en: `File refused: column ${c} appears twice.` }),
  unreadable: () => ({
    id: 'Berkas ditolak: bukan CSV (UTF-8) atau XLSX yang terbaca.',
    en: 'File refused: not a readable CSV (UTF-8) or XLSX file.',
  }),
  empty: () => ({ id: 'Berkas ditolak: kosong, tanpa baris judul dan data.', en: 'File refused: empty, no header and data rows.' }),
};

export interface ImportError {
  row: number;
  column: string | null;
  code: string;
  message: Bilingual;
}

/** The answer of an import (CLI stdout, API): the JSON plus the count of every error code. */
export interface ImportSummary {
  fileSha256: string;
  rows: number;
  imported: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
  errors: ImportError[];
  counts: Record<string, number>;
}

export const ERRORS_CAP = 1000;
