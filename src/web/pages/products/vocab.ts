// Product vocabulary for forms: the codes' lists and labels come from the one catalogue (src/vocabulary.ts);
// this file keeps what only the product screens need (what a permit number looks like).
import type { Lang } from '../../../platform/format.ts';
import { label, options } from '../../../vocabulary.ts';
import type { Answer } from '../../api-types.ts';

export type Product = Answer<'/api/products/{id}'>;
export type Permit = Product['permits'][number];
export type PermitType = Permit['type'];
export type NetUnit = Product['netUnit'];
export type Storage = Product['storage'];
export type Category = Product['category'];

export const categoryLabel = (c: string, lang: Lang) => label('category', c)[lang];
export const categoryOptions = (lang: Lang) => options('category', lang) as [Category, string][];
export const unitOptions = (lang: Lang) => options('netUnit', lang) as [NetUnit, string][];
export const storageOptions = (lang: Lang) => options('storage', lang) as [Storage, string][];
export const permitTypeOptions = (lang: Lang) => options('permitType', lang) as [PermitType, string][];
export const unitLabel = (u: string, lang: Lang) => label('netUnit', u)[lang];

/** What a number of each permit type looks like on a label. */
export const PERMIT_EXAMPLE: Record<PermitType, string> = {
  pirt: '2061671010321 26',
  bpom_md: 'MD 224510001234',
  bpom_ml: 'ML 224510001234',
  halal: 'ID16110000123450224',
};
