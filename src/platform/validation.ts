// Zod building blocks shared by every module's schemas, with the bilingual messages their errors carry.
// A custom rule fails with a message *code*; platform/http.ts turns codes into {id, en} messages.
import { z } from 'zod';
import type { Bilingual } from './errors.ts';
import {
  INDONESIA_BOUNDS,
  isValidGtin13,
  isValidPermitNumber,
  normalizePermitNumber,
  type PermitType,
  REGION_CODE,
} from './identifiers.ts';
import { type Rupiah, rupiah } from './money.ts';

export const RULE_MESSAGES: Record<string, Bilingual> = {
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
  region_code_invalid: {
    id: 'Kode wilayah Kemendagri tidak valid (contoh: 17.71).',
    en: 'Invalid Kemendagri region code (e.g. 17.71).',
  },
  rupiah_invalid: {
    id: 'Nilai rupiah harus bilangan bulat tidak negatif.',
    en: 'A rupiah amount must be a non-negative whole number.',
  },
  text_unsafe: {
    id: 'Teks tidak boleh berisi tag HTML atau karakter kontrol.',
    en: 'Text must not contain HTML tags or control characters.',
  },
  date_invalid: { id: 'Tanggal harus berformat YYYY-MM-DD.', en: 'Date must be YYYY-MM-DD.' },
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
export const zDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_invalid' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'date_invalid',
  });

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
      .regex(/^[0-9a-f]{64}$/)
      .nullable()
      .optional(),
  })
  .strict()
  .transform((p, ctx) => {
    const number = normalizePermitNumber(p.type, p.number);
    if (!isValidPermitNumber(p.type, number)) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'permit_invalid' });
      return z.NEVER;
    }
    if (p.expiresOn && p.expiresOn <= p.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'date_invalid' });
      return z.NEVER;
    }
    return { ...p, number };
  });

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
