// Shapes of the API's answers the web app reads (see src/modules/*/…schemas.ts for the source of truth).
import type { Category } from '../modules/registry/registry.rules.ts';

export type Role = 'admin' | 'pemda' | 'retailer' | 'umkm' | 'mentor';
export type ChainCode = 'alfamart' | 'alfamidi' | 'indomaret';
export type PermitType = 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';
export type NetUnit = 'g' | 'kg' | 'ml' | 'l' | 'pcs';
export type Storage = 'ambient' | 'chilled' | 'frozen';
export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

export interface Bilingual {
  id: string;
  en: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  regionCode: string | null;
  chainCode: string | null;
  demo: boolean;
}

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  timeZone: string;
}

export interface Organization {
  id: string;
  kind: 'government' | 'chain' | 'branch' | 'umkm' | 'bank';
  name: string;
  legalName: string | null;
  chainCode: ChainCode | null;
  parentId: string | null;
  regionCode: string | null;
  archived: boolean;
}

export interface Outlet {
  id: string;
  chainId: string;
  chainCode: ChainCode;
  branchId: string | null;
  storeCode: string;
  name: string;
  address: string;
  districtCode: string;
  provinceCode: string;
  lat: number;
  lon: number;
  localSlots: number;
  acceptsPerishable: boolean;
  archived: boolean;
}

export interface Umkm {
  id: string;
  name: string;
  /** false: the personal fields below are withheld (null), not missing. */
  personalData: boolean;
  nib: string | null;
  ownerName: string | null;
  phone: string | null;
  address: string | null;
  villageCode: string | null;
  districtCode: string;
  provinceCode: string;
  lat: number | null;
  lon: number | null;
  weeklyCapacity: number;
  productCount: number;
  archived: boolean;
}

export interface Permit {
  id: string;
  type: PermitType;
  number: string;
  issuedOn: string;
  expiresOn: string | null;
  scanSha256: string | null;
}

export interface Product {
  id: string;
  umkmId: string;
  umkmName: string;
  name: string;
  category: Category;
  gtin: string | null;
  netContent: number;
  netUnit: NetUnit;
  supplierPrice: number;
  retailPrice: number;
  shelfLifeDays: number;
  storage: Storage;
  perishable: boolean;
  permits: Permit[];
  photos: string[];
  archived: boolean;
}

export interface StoredFile {
  sha256: string;
  mime: string;
  size: number;
}

/** A permit as the forms send it. */
export interface PermitInput {
  type: PermitType;
  number: string;
  issuedOn: string;
  expiresOn?: string | null;
  scanSha256?: string | null;
}
