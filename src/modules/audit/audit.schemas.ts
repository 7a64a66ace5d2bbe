import { z } from 'zod';
import { zDate, zPage, zUuid } from '../../platform/validation.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });

export const zAuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    actorId: zUuid.optional().describe('Pelaku (id pengguna) / actor (user id)'),
    entity: z.string().max(40).optional().describe('Jenis data, mis. product / kind of record, e.g. product'),
    entityId: z.string().max(80).optional(),
    action: z.string().max(40).optional().describe('Tindakan, mis. update / action, e.g. update'),
    from: zDate.optional().describe('Sejak tanggal ini, di zona waktu pembaca / from this day, in the reader’s zone'),
    to: zDate.optional().describe('Sampai tanggal ini (termasuk) / up to and including this day'),
  })
  .strict();
export type AuditQuery = z.infer<typeof zAuditQuery>;

export const zAuditChange = z.object({
  field: z.string(),
  label: zBilingual,
  before: zBilingual.nullable(),
  after: zBilingual.nullable(),
});

export const zAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  actionLabel: zBilingual,
  entity: z.string(),
  entityLabel: zBilingual,
  entityId: z.string().nullable(),
  /** The record's name (a product, a user, an agreement's number) when it is known. */
  entityName: z.string().nullable(),
  /** One line: "Mengubah produk “Terasi Udang”". */
  summary: zBilingual,
  /** The fields that changed, labelled and written out (the raw `before`/`after` stay for tools). */
  changes: z.array(zAuditChange),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

export const zAuditPage = zPage(zAuditEntry);
