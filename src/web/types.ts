// Names for the API's shapes the web reads, every one derived from the generated OpenAPI types
// (api-types.gen.ts, `npm run gen:api-types`): nothing here is copied from a schema by hand.
import type { Answer, Body, Item } from './api-types.ts';

export type { Bilingual } from '../platform/errors.ts';

/** A page of a list, the one shape every list answers. */
export interface Page<T> {
  items: T[];
  total: number;
  /** The long lists (UMKM, products, outlets, organisations): `total` is an estimate. */
  totalEstimated?: boolean;
  /** The long lists: the next page's cursor, null on the last. */
  nextCursor?: string | null;
}

export type Me = Answer<'/api/me'>;
export type Role = Me['role'];
export type Region = Answer<'/api/regions/{code}'>;
export type RegionLevel = Region['level'];
export type Organization = Answer<'/api/organizations/{id}'>;
export type ChainCode = NonNullable<Item<'/api/outlets'>['chainCode']>;
export type Outlet = Answer<'/api/outlets/{id}'>;
export type Umkm = Answer<'/api/umkm/{id}'>;
export type Product = Answer<'/api/products/{id}'>;
export type Permit = Product['permits'][number];
export type PermitType = Permit['type'];
export type NetUnit = Product['netUnit'];
export type Storage = Product['storage'];
export type StoredFile = Answer<'/api/files', 'post'>;
/** A permit as the forms send it. */
export type PermitInput = Body<'/api/products/{id}/permits'>;
