import { z } from 'zod';
import { zListQuery, zPage, zText, zUuid } from '../../platform/validation.ts';

export const ROLES = ['admin', 'pemda', 'retailer', 'umkm', 'mentor', 'bank'] as const;

const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const zLoginBody = z
  .object({
    email: zEmail,
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
  /** Outlet staff: the store the account works for, by name and code (null for everyone else). */
  outlet: z.object({ id: z.string(), name: z.string(), storeCode: z.string() }).nullable(),
  demo: z.boolean(),
});

/** A new password typed by the administrator; absent, the server generates one and shows it once. */
const zNewPassword = z.string().min(10).max(200).describe('Kata sandi awal, min. 10 karakter / initial password, at least 10 characters');
/** Jabatan: printed under the account's signature on agreements. */
const zTitle = zText(120).nullable().describe('Jabatan (dicetak di bawah tanda tangan) / position, printed under the signature');

export const zUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  title: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  organizationKind: z.enum(['government', 'chain', 'branch', 'umkm', 'bank']).nullable(),
  /** Outlet staff (a retailer bound to one store): the store, shown by its name, code and district. */
  outlet: z
    .object({ id: z.string(), name: z.string(), storeCode: z.string(), districtName: z.string(), branchId: z.string().nullable() })
    .nullable(),
  /** How many UMKM a mentor is assigned to (their scope); 0 for other roles. */
  mentorUmkmCount: z.number().int(),
  createdAt: z.string(),
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  can: z.object({ edit: z.boolean(), disable: z.boolean(), enable: z.boolean(), resetPassword: z.boolean() }),
});

export const zUserDetail = zUser.extend({
  mentorUmkm: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** A created account, or one whose password was reset: the generated password, shown this once (null when
 *  the administrator typed it). */
export const zUserWithPassword = zUserDetail.extend({ generatedPassword: z.string().nullable() });

/** Outlet staff: a retailer account bound to one store of its organisation (the chain, or the branch the
 *  store is under); null or absent: not bound to a store. */
const zOutletOfUser = zUuid.nullable().describe('Toko (hanya untuk peran ritel) / store, retail role only');
export const zUserCreate = z
  .object({
    email: zEmail,
    name: zText(120),
    password: zNewPassword.optional(),
    role: z.enum(ROLES),
    organizationId: zUuid.nullable().optional(),
    outletId: zOutletOfUser.optional(),
    title: zTitle.optional(),
    mentorUmkmIds: z.array(zUuid).max(500).optional(),
  })
  .strict();

/** Profile, role and scope. Disabling, enabling and password resets have their own routes (each asks first on
 *  screen and ends sessions). */
export const zUserUpdate = z
  .object({
    name: zText(120).optional(),
    title: zTitle.optional(),
    role: z.enum(ROLES).optional(),
    organizationId: zUuid.nullable().optional(),
    outletId: zOutletOfUser.optional(),
    mentorUmkmIds: z.array(zUuid).max(500).optional(),
  })
  .strict();

export const zPasswordReset = z.object({ password: zNewPassword.optional() }).strict().nullish();

export const zUserList = zListQuery
  .pick({ limit: true, offset: true, q: true })
  .extend({
    role: z.enum(ROLES).optional(),
    organizationId: zUuid.optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export const zUserPage = zPage(zUser);
export const zOk = z.object({ ok: z.literal(true) });
