// Zod building blocks shared by every module's schemas, with the bilingual messages their errors carry.
// A custom rule fails with a message *code*; platform/http.ts turns codes into {id, en} messages.
import { z } from 'zod';
import type { Bilingual } from './errors.ts';
import { formatNumber, type Lang } from './format.ts';
import {
  INDONESIA_BOUNDS,
  isValidGtin13,
  isValidPermitNumber,
  normalizePermitNumber,
  type PermitType,
  REGION_CODE,
} from './identifiers.ts';
import { type Rupiah, rupiah } from './money.ts';

/** Messages of the custom rules, by the code a schema fails with; a function gets the field's label. */
export const RULE_MESSAGES: Record<string, Bilingual | ((label: Bilingual) => Bilingual)> = {
  gtin_invalid: {
    id: 'GTIN harus 13 digit dengan digit pemeriksa GS1 yang benar.',
    en: 'GTIN must be 13 digits with a correct GS1 check digit.',
  },
  nib_invalid: { id: 'NIB harus 13 digit angka.', en: 'NIB must be 13 digits.' },
  permit_invalid: {
    id: 'Nomor izin tidak sesuai jenisnya (P-IRT 15 digit; BPOM MD/ML + 12 digit; halal ID + 17 digit).',
    en: 'Permit number does not match its type (P-IRT 15 digits; BPOM MD/ML + 12 digits; halal ID + 17 digits).',
  },
  lat_outside: {
    id: 'Lintang berada di luar wilayah Indonesia.',
    en: 'Latitude is outside Indonesia.',
  },
  lon_outside: {
    id: 'Bujur berada di luar wilayah Indonesia.',
    en: 'Longitude is outside Indonesia.',
  },
  region_code_invalid: (l) => ({
    id: `${l.id}: pilih wilayah dari daftar.`,
    en: `${l.en}: choose a region from the list.`,
  }),
  rupiah_invalid: (l) => ({
    id: `${l.id} harus jumlah rupiah bulat dari Rp0 sampai Rp1.000.000.000.000.`,
    en: `${l.en} must be a whole rupiah amount from Rp0 to Rp1.000.000.000.000.`,
  }),
  text_unsafe: (l) => ({
    id: `${l.id} tidak boleh berisi tanda < > atau karakter kontrol.`,
    en: `${l.en} must not contain < > or control characters.`,
  }),
  date_invalid: (l) => ({ id: `${l.id} bukan tanggal yang valid.`, en: `${l.en} is not a valid date.` }),
  expires_after_issue: {
    id: 'Tanggal kedaluwarsa harus setelah tanggal terbit.',
    en: 'The expiry date must be after the issue date.',
  },
  ends_after_starts: {
    id: 'Tanggal berakhir harus setelah tanggal mulai.',
    en: 'The end date must be after the start date.',
  },
  criterion_code_duplicate: {
    id: 'Setiap kode kriteria cukup dipakai sekali.',
    en: 'Use each criterion code once.',
  },
  sha256_invalid: { id: 'Rujukan berkas tidak valid.', en: 'Invalid file reference.' },
  // operations (C7)
  line_outlet_differs: {
    id: 'Pesanan ke gerai: setiap baris harus untuk gerai tujuan.',
    en: 'An order to an outlet: every line must be for that outlet.',
  },
  duplicate_line: { id: 'Baris ini sudah ada di atas.', en: 'This line is already listed above.' },
  batch_code_invalid: {
    id: 'Kode batch hanya boleh berisi huruf, angka, titik, garis miring, garis bawah atau tanda hubung.',
    en: 'A batch code may hold letters, digits, dots, slashes, underscores or hyphens only.',
  },
  expires_before_production: {
    id: 'Tanggal kedaluwarsa tidak boleh sebelum tanggal produksi.',
    en: 'The expiry date must not be before the production date.',
  },
  // promotion campaigns (C9)
  promotion_ends_before_starts: {
    id: 'Hari terakhir kampanye tidak boleh sebelum hari pertamanya.',
    en: "The campaign's last day must not be before its first.",
  },
  promotion_funder_required: {
    id: 'Potongan harga: pilih siapa yang menanggungnya.',
    en: 'A price promotion: choose who funds it.',
  },
  promotion_discount_required: {
    id: 'Penanggung dipilih tanpa potongan harga: isi besar potongannya atau kosongkan penanggungnya.',
    en: 'A funder without a discount: enter the discount or clear the funder.',
  },
  promotion_share_required: {
    id: 'Ditanggung bersama: isi bagian yang ditanggung UMKM.',
    en: "Shared funding: enter the UMKM's share.",
  },
  promotion_share_only_shared: {
    id: 'Bagian UMKM hanya diisi bila potongan ditanggung bersama.',
    en: "The UMKM's share applies only to shared funding.",
  },
  phone_invalid: {
    id: 'Nomor telepon tidak valid (contoh: 0812xxxxxxx atau +62812xxxxxxx).',
    en: 'Invalid phone number (e.g. 0812xxxxxxx or +62812xxxxxxx).',
  },
};

/** Free text shown to other users: trimmed, bounded, no markup and no control characters. */
export const zText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .refine((s) => !/[<>]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'text_unsafe' });

export const zUuid = z.uuid();
export const zGtin = z
  .string()
  .regex(/^\d{13}$/, { message: 'gtin_invalid' })
  .refine(isValidGtin13, { message: 'gtin_invalid' })
  .describe('GTIN-13 dengan digit pemeriksa GS1 / GTIN-13 with GS1 check digit (Indonesia: 899…)');
export const zNib = z
  .string()
  .regex(/^\d{13}$/, { message: 'nib_invalid' })
  .describe('NIB (Nomor Induk Berusaha, OSS): 13 digit / 13 digits');
export const zRegionCode = z
  .string()
  .regex(REGION_CODE, { message: 'region_code_invalid' })
  .describe('Kode wilayah Kemendagri / Kemendagri region code: 17, 17.71, 17.71.01, 17.71.01.1001');
export const zLat = z
  .number()
  .min(INDONESIA_BOUNDS.minLat, { message: 'lat_outside' })
  .max(INDONESIA_BOUNDS.maxLat, { message: 'lat_outside' })
  .describe('Lintang (WGS84), di Indonesia / latitude in Indonesia');
export const zLon = z
  .number()
  .min(INDONESIA_BOUNDS.minLon, { message: 'lon_outside' })
  .max(INDONESIA_BOUNDS.maxLon, { message: 'lon_outside' })
  .describe('Bujur (WGS84), di Indonesia / longitude in Indonesia');
export const zPhone = z
  .string()
  .trim()
  .regex(/^(\+62|0)\d{8,13}$/, { message: 'phone_invalid' });
/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
export const isDate = (s: unknown): s is string =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_invalid' })
  .refine(isDate, { message: 'date_invalid' });

/** An object refinement: `later` comes after `earlier` when both are dates (an absent one is not judged,
 *  so a partial update is checked against the stored value by its service). */
export const datesInOrder =
  <K extends string>(earlier: K, later: K, message: string) =>
  (o: Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    const a = o[earlier];
    const b = o[later];
    if (isDate(a) && isDate(b) && b <= a) ctx.addIssue({ code: 'custom', path: [later], message });
  };

/** Integer rupiah in JSON (a number; up to a trillion); bigint once parsed. */
export const zRupiah = z
  .number()
  .int({ message: 'rupiah_invalid' })
  .min(0, { message: 'rupiah_invalid' })
  .max(1_000_000_000_000, { message: 'rupiah_invalid' })
  .transform((n): Rupiah => rupiah(n));

export const PERMIT_TYPES = ['pirt', 'bpom_md', 'bpom_ml', 'halal'] as const satisfies readonly PermitType[];

export const zPermit = z
  .object({
    type: z.enum(PERMIT_TYPES),
    number: z.string().max(40),
    issuedOn: zDate,
    expiresOn: zDate.nullable().optional(),
    scanSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { message: 'sha256_invalid' })
      .nullable()
      .optional(),
  })
  .strict()
  // Checks that see several fields report every problem at once (a refinement runs even when a field
  // already failed); the transform that normalises the number runs only on a valid permit.
  .superRefine((p, ctx) => {
    if (typeof p.number === 'string' && p.number.trim() !== '' && PERMIT_TYPES.includes(p.type)) {
      if (!isValidPermitNumber(p.type, normalizePermitNumber(p.type, p.number))) {
        ctx.addIssue({ code: 'custom', path: ['number'], message: 'permit_invalid' });
      }
    }
    if (isDate(p.issuedOn) && isDate(p.expiresOn) && p.expiresOn <= p.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'expires_after_issue' });
    }
  })
  .transform((p) => ({ ...p, number: normalizePermitNumber(p.type, p.number) }));

/** Query of every list: `limit`/`offset`, a search string, and a region code at any level. */
export const zListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  q: z.string().trim().max(100).optional(),
  regionCode: zRegionCode.optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type ListQuery = z.infer<typeof zListQuery>;

export const zIdParams = z.object({ id: zUuid }).strict();

/** A page of a list, the one shape every list answers. */
export const zPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** Escapes LIKE wildcards in user search text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Rupiah in an answer: bigint inside, a JSON integer on the wire (see app.ts toJson). */
export const zRupiahOut = z.bigint().meta({ type: 'integer', description: 'rupiah (bilangan bulat / integer)' } as Record<string, unknown>);

// ---- messages of schema issues ----

/** One validation problem, at the body path of the field it concerns, in both languages. */
export interface FieldIssue {
  field: string;
  message: Bilingual;
}

/** A zod issue as fastify-type-provider-zod hands it over (its own fields under `params`). */
export interface SchemaIssue {
  code: string;
  message?: string;
  params: {
    minimum?: number | bigint;
    maximum?: number | bigint;
    inclusive?: boolean;
    origin?: string;
    expected?: string;
    format?: string;
    keys?: string[];
    divisor?: number;
  };
}

const num = (n: number | bigint | undefined, lang: Lang) => (n === undefined ? '' : formatNumber(n, lang));

/** Empty as people mean it: nothing typed (absent, null, or blank text). */
export const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const EXPECTED: Record<string, Bilingual> = {
  number: { id: 'berupa angka', en: 'a number' },
  int: { id: 'bilangan bulat', en: 'a whole number' },
  string: { id: 'berupa teks', en: 'text' },
  boolean: { id: 'ya atau tidak', en: 'yes or no' },
  array: { id: 'berupa daftar', en: 'a list' },
  object: { id: 'berupa isian lengkap', en: 'a set of fields' },
  bigint: { id: 'bilangan bulat', en: 'a whole number' },
};

/**
 * The message of one schema issue, naming the field as people call it (`label`, from src/field-labels.ts)
 * and the bound it broke: "Masa simpan terlalu kecil (paling sedikit 1)". `value` is what was sent there:
 * nothing at all is "… wajib diisi.", whatever rule it broke.
 */
export function messageFor(issue: SchemaIssue, label: Bilingual, value: unknown): Bilingual {
  const { code, params: p } = issue;
  if (code !== 'unrecognized_keys' && isBlank(value)) return { id: `${label.id} wajib diisi.`, en: `${label.en} is required.` };
  const ruled = issue.message ? RULE_MESSAGES[issue.message] : undefined;
  if (ruled) return typeof ruled === 'function' ? ruled(label) : ruled;
  const lo = { id: num(p.minimum, 'id'), en: num(p.minimum, 'en') };
  const hi = { id: num(p.maximum, 'id'), en: num(p.maximum, 'en') };
  switch (code) {
    case 'too_small':
      if (p.origin === 'string')
        return {
          id: `${label.id} terlalu pendek (paling sedikit ${lo.id} karakter).`,
          en: `${label.en} is too short (at least ${lo.en} characters).`,
        };
      if (p.origin === 'array' || p.origin === 'set')
        return {
          id: `${label.id} harus berisi paling sedikit ${lo.id} butir.`,
          en: `${label.en} must have at least ${lo.en} item${p.minimum === 1 ? '' : 's'}.`,
        };
      if (p.inclusive === false) return { id: `${label.id} harus lebih dari ${lo.id}.`, en: `${label.en} must be more than ${lo.en}.` };
      if (Number(p.minimum) === 0) return { id: `${label.id} tidak boleh negatif.`, en: `${label.en} must not be negative.` };
      return { id: `${label.id} terlalu kecil (paling sedikit ${lo.id}).`, en: `${label.en} is too small (at least ${lo.en}).` };
    case 'too_big':
      if (p.origin === 'string')
        return {
          id: `${label.id} terlalu panjang (paling banyak ${hi.id} karakter).`,
          en: `${label.en} is too long (at most ${hi.en} characters).`,
        };
      if (p.origin === 'array' || p.origin === 'set')
        return {
          id: `${label.id} paling banyak berisi ${hi.id} butir.`,
          en: `${label.en} may have at most ${hi.en} item${p.maximum === 1 ? '' : 's'}.`,
        };
      if (p.inclusive === false) return { id: `${label.id} harus kurang dari ${hi.id}.`, en: `${label.en} must be less than ${hi.en}.` };
      return { id: `${label.id} terlalu besar (paling banyak ${hi.id}).`, en: `${label.en} is too large (at most ${hi.en}).` };
    case 'invalid_type': {
      const want = EXPECTED[p.expected ?? ''];
      return want
        ? { id: `${label.id} harus ${want.id}.`, en: `${label.en} must be ${want.en}.` }
        : { id: `Jenis isian ${label.id} salah.`, en: `${label.en} is of the wrong kind.` };
    }
    case 'invalid_format':
      if (p.format === 'email')
        return { id: `${label.id} bukan alamat email yang valid.`, en: `${label.en} is not a valid email address.` };
      if (p.format === 'uuid' || p.format === 'guid') return { id: `${label.id} tidak dikenal.`, en: `${label.en} is not a known record.` };
      return { id: `Format ${label.id} tidak valid.`, en: `${label.en} is not in a valid format.` };
    case 'invalid_value':
    case 'invalid_union':
      return { id: `${label.id}: pilih salah satu pilihan yang tersedia.`, en: `${label.en}: choose one of the options offered.` };
    case 'not_multiple_of':
      return {
        id: `${label.id} harus kelipatan ${num(p.divisor, 'id')}.`,
        en: `${label.en} must be a multiple of ${num(p.divisor, 'en')}.`,
      };
    case 'unrecognized_keys':
      return { id: `Isian tidak dikenal: ${(p.keys ?? []).join(', ')}.`, en: `Unknown field: ${(p.keys ?? []).join(', ')}.` };
    default:
      return { id: `${label.id} tidak valid.`, en: `${label.en} is not valid.` };
  }
}
