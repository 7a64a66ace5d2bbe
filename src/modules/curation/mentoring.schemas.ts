// Request and response schemas of mentoring (C3): programs, enrolments, sessions and the before/after of a
// re-curation; validation, types and OpenAPI from one definition. Bodies are strict: an unknown field is an error.
import { z } from 'zod';
import { zDate, zRegionCode, zText, zUuid } from '../../platform/validation.ts';
import { CHAIN_CODES } from '../registry/registry.rules.ts';
import { ENROLMENT_STATUSES, MENTORING_TOPICS, PROGRAM_PHASES } from './mentoring.rules.ts';

const zCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/)
  .describe('Kode kriteria, tetap antarversi / criterion code, stable across versions (e.g. halal, barcode)');
const zPage = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

// ---- mentoring ----
export const zProgram = z.object({
  id: z.string(),
  name: z.string(),
  topic: z.enum(MENTORING_TOPICS),
  organizerId: z.string(),
  organizerName: z.string(),
  chainCode: z.enum(CHAIN_CODES).nullable(),
  regionCode: z.string(),
  regionName: z.string(),
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
  myStatus: z.enum(ENROLMENT_STATUSES).nullable(),
  /** Where the programme stands today (in its region's zone). */
  phase: z.enum(PROGRAM_PHASES),
  can: z.object({ manage: z.boolean(), record: z.boolean(), respond: z.boolean() }),
});
export const zProgramPage = z.object({ items: z.array(zProgram), total: z.number().int() });
export const zProgramList = zPage
  .extend({
    regionCode: zRegionCode.optional(),
    myStatus: z
      .enum(ENROLMENT_STATUSES)
      .optional()
      .describe('UMKM: hanya program dengan status ini / a UMKM: only programmes where it has this status'),
  })
  .strict();
export const zProgramCreate = z
  .object({
    name: zText(200),
    topic: z.enum(MENTORING_TOPICS),
    chainCode: z.enum(CHAIN_CODES).nullable().optional(),
    regionCode: zRegionCode,
    mentorUserId: zUuid.nullable().optional().describe('Pendamping yang boleh ditugaskan / a mentor from GET /api/mentoring/mentors'),
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
  /** Each participant's progress: sessions attended of those held, the programme's criteria it failed in
   *  its curation before the programme and in its latest one (with this programme's re-curation). */
  enrolments: z.array(
    z.object({
      umkmId: z.string(),
      umkmName: z.string(),
      status: z.enum(ENROLMENT_STATUSES),
      attended: z.number().int(),
      held: z.number().int(),
      gapsBefore: z.array(z.string()),
      gapsNow: z.array(z.string()),
    }),
  ),
  /** For whoever may manage it: how many products a re-curation would take (null otherwise). */
  recuratable: z.number().int().nullable(),
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
  /** Why: each product that failed one of the programme's criteria, with those criteria. */
  reasons: z.array(z.object({ productId: z.string(), productName: z.string(), failed: z.array(z.string()) })),
  enrolled: z.boolean(),
  /** Its enrolment in this programme, if it has one. */
  status: z.enum(ENROLMENT_STATUSES).nullable(),
});
export const zSuggestions = z.object({ items: z.array(zSuggestion), total: z.number().int() });
export const zPageQuery = zPage.strict();
export const zMentor = z.object({ id: z.string(), name: z.string(), programs: z.number().int() });
export const zMentorPage = z.object({ items: z.array(zMentor), total: z.number().int() });
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
