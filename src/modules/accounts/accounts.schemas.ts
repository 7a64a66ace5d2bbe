import { z } from 'zod';
import { zListQuery, zPage, zText, zUuid } from '../../platform/validation.ts';

export const ROLES = ['admin', 'pemda', 'retailer', 'umkm', 'mentor'] as const;

export const zLoginBody = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    password: z.string().min(1).max(200),
  })
  .strict();

export const zMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  regionCode: z.string().nullable(),
  chainCode: z.string().nullable(),
  demo: z.boolean(),
});

export const zUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organizationId: z.string().nullable(),
  disabled: z.boolean(),
});

export const zUserCreate = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    name: zText(120),
    password: z.string().min(10).max(200),
    role: z.enum(ROLES),
    organizationId: zUuid.nullable().optional(),
    mentorUmkmIds: z.array(zUuid).max(500).optional(),
  })
  .strict();

export const zUserUpdate = z.object({ disabled: z.boolean().optional(), name: zText(120).optional() }).strict();
export const zUserList = zListQuery.extend({ role: z.enum(ROLES).optional() }).strict();
export const zUserPage = zPage(zUser);
export const zOk = z.object({ ok: z.literal(true) });
