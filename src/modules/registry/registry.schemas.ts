// Request and response schemas of the registry (C1): organisations, outlets, UMKM, products.
import { z } from 'zod';
import { zCursor, zLongPage } from '../../platform/paging.ts';
import {
  zDate,
  zGtin,
  zLat,
  zListQuery,
  zLon,
  zNib,
  zPermit,
  zPhone,
  zRegionCode,
  zRupiah,
  zRupiahOut,
  zText,
  zUuid,
} from '../../platform/validation.ts';
import { CATEGORY_CODES, CHAIN_CODES, NET_UNITS, STORAGE } from './registry.rules.ts';

/** The lists that may hold a country's rows: deep pages by cursor as well as by offset. */
const zLongListQuery = zListQuery.extend({ cursor: zCursor });

const zBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const zSha = z.string().regex(/^[0-9a-f]{64}$/);

// ---- organisations ----
export const ORG_KINDS = ['government', 'chain', 'branch', 'umkm', 'bank'] as const;
export const zOrganization = z.object({
  id: z.string(),
  kind: z.enum(ORG_KINDS),
  name: z.string(),
  legalName: z.string().nullable(),
  chainCode: z.enum(CHAIN_CODES).nullable(),
  parentId: z.string().nullable(),
  regionCode: z.string().nullable(),
  archived: z.boolean(),
});
export const zOrganizationCreate = z
  .object({
    kind: z.enum(['government', 'chain', 'branch', 'bank']),
    name: zText(160),
    legalName: zText(200).nullable().optional(),
    chainCode: z.enum(CHAIN_CODES).nullable().optional(),
    parentId: zUuid.nullable().optional(),
    regionCode: zRegionCode.nullable().optional(),
  })
  .strict();
export const zOrganizationUpdate = z
  .object({ name: zText(160).optional(), legalName: zText(200).nullable().optional(), regionCode: zRegionCode.nullable().optional() })
  .strict();
export const zOrganizationList = zLongListQuery
  .extend({ kind: z.enum(ORG_KINDS).optional(), chainCode: z.enum(CHAIN_CODES).optional() })
  .strict();
export const zOrganizationPage = zLongPage(zOrganization);

// ---- outlets ----
export const zOutlet = z.object({
  id: z.string(),
  chainId: z.string(),
  chainCode: z.enum(CHAIN_CODES),
  branchId: z.string().nullable(),
  storeCode: z.string(),
  name: z.string(),
  address: z.string(),
  districtCode: z.string(),
  /** The district (kecamatan) by name, to show instead of its code. */
  districtName: z.string(),
  provinceCode: z.string(),
  lat: z.number(),
  lon: z.number(),
  localSlots: z.number().int(),
  acceptsPerishable: z.boolean(),
  archived: z.boolean(),
});
const outletFields = {
  branchId: zUuid.nullable().optional(),
  storeCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{2,20}$/),
  name: zText(160),
  address: zText(300),
  districtCode: zRegionCode,
  lat: zLat,
  lon: zLon,
  localSlots: z.number().int().min(0).max(200),
  acceptsPerishable: z.boolean(),
};
export const zOutletCreate = z.object({ chainId: zUuid.optional(), ...outletFields }).strict();
export const zOutletUpdate = z.object(outletFields).partial().strict();
export const zOutletList = zLongListQuery
  .extend({
    chainCode: z.enum(CHAIN_CODES).optional(),
    acceptsPerishable: zBool.optional(),
    /** The outlets of one chain or of one branch (the organisation's id). */
    organizationId: zUuid.optional(),
  })
  .strict();
export const zOutletPage = zLongPage(zOutlet);

// ---- UMKM ----
/** `personalData: false`: the caller has no reason to see the owner's personal data (UU 27/2022), and
 *  nib, ownerName, phone, address, villageCode, lat and lon are null — not absent data, withheld data. */
export const zUmkm = z.object({
  id: z.string(),
  name: z.string(),
  personalData: z.boolean(),
  nib: z.string().nullable(),
  ownerName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  villageCode: z.string().nullable(),
  districtCode: z.string(),
  provinceCode: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  weeklyCapacity: z.number().int(),
  productCount: z.number().int(),
  archived: z.boolean(),
});
const umkmFields = {
  name: zText(160),
  nib: zNib.nullable().optional(),
  ownerName: zText(120),
  phone: zPhone.nullable().optional(),
  address: zText(300),
  villageCode: zRegionCode,
  lat: zLat,
  lon: zLon,
  weeklyCapacity: z.number().int().min(0).max(10_000_000),
};
export const zUmkmCreate = z.object(umkmFields).strict();
export const zUmkmUpdate = z.object(umkmFields).partial().strict();
export const zUmkmList = zLongListQuery.strict();
export const zUmkmPage = zLongPage(zUmkm);

// ---- products ----
export const zPermitView = z.object({
  id: z.string(),
  type: z.enum(['pirt', 'bpom_md', 'bpom_ml', 'halal']),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  scanSha256: z.string().nullable(),
  standing: z
    .enum(['not_yet_valid', 'valid', 'expired'])
    .describe("pada hari ini di zona pemiliknya / on today's date in the owner's zone"),
});
export const zProduct = z.object({
  id: z.string(),
  umkmId: z.string(),
  umkmName: z.string(),
  name: z.string(),
  category: z.enum(CATEGORY_CODES),
  gtin: z.string().nullable(),
  netContent: z.number(),
  netUnit: z.enum(NET_UNITS),
  supplierPrice: zRupiahOut,
  retailPrice: zRupiahOut,
  shelfLifeDays: z.number().int(),
  storage: z.enum(STORAGE),
  perishable: z.boolean(),
  permits: z.array(zPermitView),
  photos: z.array(z.string()),
  archived: z.boolean(),
});
const productFields = {
  name: zText(160),
  category: z.enum(CATEGORY_CODES),
  gtin: zGtin.nullable().optional(),
  netContent: z.number().positive().max(1_000_000),
  netUnit: z.enum(NET_UNITS),
  supplierPrice: zRupiah,
  retailPrice: zRupiah,
  shelfLifeDays: z.number().int().min(1).max(3650),
  storage: z.enum(STORAGE),
  perishable: z.boolean().optional(),
};
export const zProductCreate = z
  .object({
    umkmId: zUuid.optional(),
    ...productFields,
    permits: z.array(zPermit).max(10).optional(),
    photos: z.array(zSha).max(10).optional(),
  })
  .strict();
export const zProductUpdate = z.object(productFields).partial().strict();
export const zProductList = zLongListQuery
  .extend({ category: z.enum(CATEGORY_CODES).optional(), umkmId: zUuid.optional(), perishable: zBool.optional() })
  .strict();
export const zProductPage = zLongPage(zProduct);
export const zPermitCreate = zPermit;
export const zPhotoCreate = z.object({ sha256: zSha }).strict();
export const zPermitParams = z.object({ id: zUuid, permitId: zUuid }).strict();
export { zDate };
