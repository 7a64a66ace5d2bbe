// Request and response schemas of the inbox (validation, types and OpenAPI from one schema).
import { z } from 'zod';
import { NOTIFICATION_KINDS } from './notifications.vocabulary.ts';

const zBilingual = z.object({ id: z.string(), en: z.string() });

export const zInboxQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    unread: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true')
      .describe('Hanya yang belum dibaca / unread only'),
  })
  .strict();
export type InboxQuery = z.infer<typeof zInboxQuery>;

export const zNotification = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: zBilingual,
  body: zBilingual,
  link: z.string().nullable().describe('Halaman aplikasi yang dibuka / the web page it opens'),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const zInboxPage = z.object({
  items: z.array(zNotification),
  total: z.number().int().describe('Jumlah sesuai saringan / count of the filter'),
  unread: z.number().int().describe('Jumlah belum dibaca / unread count'),
});

export const zReadOne = zNotification.extend({ unread: z.number().int() });
export const zReadAll = z.object({ marked: z.number().int(), unread: z.number().int() });
