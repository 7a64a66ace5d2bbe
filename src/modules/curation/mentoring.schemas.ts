// Request and response schemas of mentoring (C3): programs, enrolments, sessions and the before/after of a
// re-curation; validation, types and OpenAPI from one definition. Bodies are strict: an unknown field is an error.
import { z } from 'zod';
import { zDate, zRegionCode, zText, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';

const zCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/)
  .describe('Kode kriteria, tetap antarversi / criterion code, stable across versions (e.g. halal, barcode)');
const zPage = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

// ---- mentoring ----
export const MENTORING_TOPICS = ['kemasan', 'label', 'halal', 'keamanan_pangan', 'harga', 'perizinan', 'lainnya'] as const;
export const zProgram = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.enum(MENTORING_TOPICS),
  organizerId: z.string(),
  organizerName: z.string(),
  chainCode: z.enum(CHAIN_CODES).nullable(),
  regionCode: z.string(),
  mentorUserId: z.string().nullable(),
  mentorName: z.string().nullable(),
  place: z.string().nullable(),
  online: z.boolean(),
  startsOn: z.string(),
  endsOn: z.string(),
  capacity: z.number().int(),
  criterionCodes: z.array(z.string()),
  enrolled: z.number().int(),
  /** For a UMKM: its own enrolment status (an invitation is 'invited'). */
  myStatus: z.string().nullable(),
  can: z.object({ manage: z.boolean(), record: z.boolean(), respond: z.boolean() }),
});
export const zProgramPage = z.object({ items: z.array(zProgram), total: z.number().int() });
export const zProgramList = zPage.extend({ regionCode: zRegionCode.optional() }).strict();
export const zProgramCreate = z
  .object({
    name: zText(200),
    topic: z.enum(MENTORING_TOPICS),
    chainCode: z.enum(CHAIN_CODES).nullable().optional(),
    regionCode: zRegionCode,
    mentorEmail: z.email().max(200).nullable().optional(),
    place: zText(300).nullable().optional(),
    online: z.boolean().default(false),
    startsOn: zDate,
    endsOn: zDate,
    capacity: z.number().int().min(1).max(10_000),
    criterionCodes: z.array(zCode).min(1).max(20),
  })
  .strict();
export const zProgramDetail = zProgram.extend({
  enrolments: z.array(z.object({ umkmId: z.string(), umkmName: z.string(), status: z.string() })),
  sessions: z.array(
    z.object({
      id: z.string(),
      heldOn: z.string(),
      topic: z.string(),
      notes: z.string().nullable(),
      attendance: z.array(z.object({ umkmId: z.string(), present: z.boolean(), note: z.string().nullable() })),
    }),
  ),
});
export const zSuggestion = z.object({
  umkmId: z.string(),
  umkmName: z.string(),
  products: z.number().int(),
  gaps: z.array(z.string()),
  enrolled: z.boolean(),
});
export const zSuggestions = z.object({ items: z.array(zSuggestion) });
export const zEnrol = z.object({ umkmIds: z.array(zUuid).min(1).max(500) }).strict();
export const zRespond = z.object({ accept: z.boolean() }).strict();
export const zSessionCreate = z
  .object({
    heldOn: zDate,
    topic: zText(200),
    notes: zText(4000).nullable().optional(),
    attendance: z
      .array(z.object({ umkmId: zUuid, present: z.boolean(), note: zText(500).nullable().optional() }).strict())
      .max(500)
      .default([]),
  })
  .strict();
export const zRecurate = z.object({ name: zText(200).optional(), curationDate: zDate }).strict();
export const zOutcome = z.object({
  programId: z.string(),
  roundId: z.string().nullable(),
  items: z.array(
    z.object({
      productId: z.string(),
      productName: z.string(),
      umkmName: z.string(),
      before: z.object({ outcome: z.string(), failed: z.array(z.string()) }).nullable(),
      after: z.object({ outcome: z.string(), failed: z.array(z.string()) }).nullable(),
      closed: z.array(z.string()),
    }),
  ),
  summary: z.object({
    products: z.number().int(),
    lolosBefore: z.number().int(),
    lolosAfter: z.number().int(),
    gapsClosed: z.number().int(),
  }),
});
