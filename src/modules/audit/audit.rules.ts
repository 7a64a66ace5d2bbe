// The audit log made readable, with no database: a day range in the reader's zone as instants, the
// sentence of an entry ("Mengubah produk “Terasi Udang”"), and the fields that changed with their
// labels and values written out in both languages — never raw JSON.
import type { Bilingual } from '../../platform/errors.ts';
import type { TimeZone } from '../regions/regions.rules.ts';
import { AUDIT_VOCABULARY, type AuditAction, type AuditEntity } from './audit.vocabulary.ts';

const { auditAction, auditEntity, auditField } = AUDIT_VOCABULARY;

const OFFSET: Record<TimeZone, string> = { 'Asia/Jakarta': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00' };

/** The instants [start, end) a range of calendar days covers in a zone: `from` at 00.00, up to the end of
 *  `to` (both inclusive days; either may be absent). Indonesian zones keep no daylight saving. */
export function dayRange(from: string | undefined, to: string | undefined, tz: TimeZone): { start?: Date; end?: Date } {
  const at = (day: string) => new Date(`${day}T00:00:00${OFFSET[tz]}`);
  const out: { start?: Date; end?: Date } = {};
  if (from) out.start = at(from);
  if (to) {
    const end = at(to);
    end.setUTCDate(end.getUTCDate() + 1);
    out.end = end;
  }
  return out;
}

const humanize = (code: string) => {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const camel = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
/** The field of one item of a list field: `productIds` → `productId`, `categories` → `category`. */
const singular = (f: string) => (f.endsWith('ies') ? `${f.slice(0, -3)}y` : f.endsWith('s') ? f.slice(0, -1) : f);
const same = (text: string): Bilingual => ({ id: text, en: text });

export const entityLabel = (entity: string): Bilingual => auditEntity[entity as AuditEntity] ?? same(humanize(entity));
export const actionLabel = (action: string): Bilingual => auditAction[action as AuditAction] ?? same(humanize(action));
export const fieldLabel = (field: string): Bilingual => auditField[camel(field) as keyof typeof auditField] ?? same(humanize(field));

/** "UMKM" stays, "Produk" becomes "produk" inside a sentence. */
const inSentence = (s: string) => (s.length > 1 && s[1] === s[1]?.toLowerCase() ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** The line of an entry: the action's verb, the kind of record, its name when known. */
export function summaryOf(action: string, entity: string, entityName: string | null): Bilingual {
  if (entity === 'session' && (action === 'login' || action === 'logout')) {
    return action === 'login' ? { id: 'Masuk ke aplikasi', en: 'Signed in' } : { id: 'Keluar dari aplikasi', en: 'Signed out' };
  }
  const a = actionLabel(action);
  const e = entityLabel(entity);
  const name = entityName ? ` “${entityName}”` : '';
  return { id: `${a.id} ${inSentence(e.id)}${name}`, en: `${a.en} ${inSentence(e.en)}${name}` };
}

// ---- values --------------------------------------------------------------------------------------------

/** What the formatter needs besides the value: names of the records and regions the values point to, the
 *  reader's zone for instants, the labels of codes, and how to write dates, money and numbers. */
export interface ValueEnv {
  names: ReadonlyMap<string, string>;
  regions: ReadonlyMap<string, string>;
  timeZone: TimeZone;
  /** The label of a code held in this field, when the vocabulary has one. */
  codeLabel: (field: string, code: string) => Bilingual | null;
  format: {
    date: (day: string, lang: 'id' | 'en') => string;
    dateTime: (at: Date, where: string, lang: 'id' | 'en') => string;
    rupiah: (v: number | bigint) => string;
    number: (v: number, lang: 'id' | 'en') => string;
    basisPoints: (bp: number, lang: 'id' | 'en') => string;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const SHA256 = /^[0-9a-f]{64}$/;
const MONEY = new Set(['retailPrice', 'supplierPrice', 'shelfPrice', 'price', 'amount', 'fee']);
/** Fields holding a code the vocabulary labels (others hold free text). */
const CODE_FIELDS = new Set([
  'role',
  'kind',
  'status',
  'type',
  'category',
  'storage',
  'outcome',
  'tradeModel',
  'party',
  'severity',
  'chainCode',
  'criterionCode',
  'netUnit',
  'unsoldGoods',
  'expiredGoodsBorneBy',
  'method',
  'mark',
  'code',
  'phase',
  'settlementPeriod',
  'display',
  'fundedBy',
]);
/** Fields whose code is a region (Kemendagri code), shown by the region's name. */
const isRegionField = (f: string) => /(region|province|district|village|regency)(Code|Codes)$/.test(f);

const YES: Bilingual = { id: 'Ya', en: 'Yes' };
const NO: Bilingual = { id: 'Tidak', en: 'No' };
const NONE = same('—');

/** Ids of records pointed to by a sibling name are shown once, by the name ("Organisasi": Dinas …). */
const hiddenBy = (key: string, obj: Record<string, unknown>) => {
  if (['can', 'id', 'allowed', 'mine', 'myParty', 'myStatus'].includes(key)) return true;
  const k = camel(key);
  if (k === 'mentorUserId') return 'mentorName' in obj;
  if (k === 'regionCode') return 'regionName' in obj;
  if (k.endsWith('Id')) return `${k.slice(0, -2)}Name` in obj || `${key.slice(0, -3)}_name` in obj;
  return false;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const MAX_ITEMS = 50;

function both(f: (lang: 'id' | 'en') => string): Bilingual {
  return { id: f('id'), en: f('en') };
}

/** One value, written for people: codes by their label, ids and regions by name, dates and money in the
 *  house style, yes/no for flags, nested records as "Label: value" lines. */
export function describeValue(field: string, value: unknown, env: ValueEnv): Bilingual {
  const f = camel(field);
  if (isEmpty(value)) return NONE;
  if (typeof value === 'boolean') return value ? YES : NO;
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((v) => describeValue(singular(f), v, env));
    const more = value.length - shown.length;
    const sep = value.some(isObject) ? '\n' : ', ';
    return both(
      (lang) => shown.map((s) => s[lang]).join(sep) + (more > 0 ? (lang === 'id' ? ` … dan ${more} lainnya` : ` … and ${more} more`) : ''),
    );
  }
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => !isEmpty(value[k]) && !hiddenBy(k, value));
    const parts = keys.map((k) => ({ label: fieldLabel(k), v: describeValue(k, value[k], env) }));
    return both((lang) => parts.map((p) => `${p.label[lang]}: ${p.v[lang]}`).join('; '));
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (MONEY.has(f)) return same(env.format.rupiah(value));
    if (f.endsWith('Bp')) return both((lang) => env.format.basisPoints(Number(value), lang));
    return both((lang) => env.format.number(Number(value), lang));
  }
  const s = String(value);
  if (MONEY.has(f) && /^\d+$/.test(s)) return same(env.format.rupiah(BigInt(s)));
  if (f.endsWith('Bp') && /^-?\d+$/.test(s)) return both((lang) => env.format.basisPoints(Number(s), lang));
  if (UUID.test(s)) return same(env.names.get(s.toLowerCase()) ?? s);
  if ((isRegionField(f) || f === 'code') && REGION.test(s)) {
    const name = env.regions.get(s);
    if (name) return same(name);
  }
  if (CODE_FIELDS.has(f)) return env.codeLabel(f, s) ?? same(humanize(s));
  if (DAY.test(s)) return both((lang) => env.format.date(s, lang));
  if (INSTANT.test(s)) return both((lang) => env.format.dateTime(new Date(s), env.timeZone, lang));
  if (SHA256.test(s)) return same(`${s.slice(0, 12)}…`);
  return same(s);
}

export interface Change {
  field: string;
  label: Bilingual;
  before: Bilingual | null;
  after: Bilingual | null;
}

const deepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields an entry changed, in the record's own order: for a new record every filled field, for a
 *  removed one every field it had, otherwise each field whose value differs. A payload that is no record
 *  (a list, a single value) is one row. */
export function changesOf(before: unknown, after: unknown, env: ValueEnv): Change[] {
  const b = before ?? null;
  const a = after ?? null;
  if (b === null && a === null) return [];
  if ((b !== null && !isObject(b)) || (a !== null && !isObject(a))) {
    return [
      {
        field: 'value',
        label: fieldLabel('value'),
        before: b === null ? null : describeValue('value', b, env),
        after: a === null ? null : describeValue('value', a, env),
      },
    ];
  }
  const bo = (b ?? {}) as Record<string, unknown>;
  const ao = (a ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])];
  const out: Change[] = [];
  for (const k of keys) {
    if (hiddenBy(k, k in ao ? ao : bo)) continue;
    const bv = bo[k];
    const av = ao[k];
    if (b === null && isEmpty(av)) continue;
    if (a === null && isEmpty(bv)) continue;
    if (b !== null && a !== null && deepEqual(bv, av)) continue;
    out.push({
      field: k,
      label: fieldLabel(k),
      before: b === null ? null : describeValue(k, bv, env),
      after: a === null ? null : describeValue(k, av, env),
    });
  }
  return out;
}

/** Every record id and region code an entry's payloads point to, for one lookup of their names. */
export function referencesOf(values: unknown[]): { ids: Set<string>; regions: Set<string> } {
  const ids = new Set<string>();
  const regions = new Set<string>();
  const walk = (field: string, v: unknown, depth: number) => {
    if (depth > 6 || v === null || v === undefined) return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, MAX_ITEMS)) walk(singular(field), x, depth + 1);
    } else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) walk(camel(k), x, depth + 1);
    } else if (typeof v === 'string') {
      if (UUID.test(v)) ids.add(v.toLowerCase());
      else if ((isRegionField(field) || field === 'code') && REGION.test(v)) regions.add(v);
    }
  };
  for (const v of values) walk('', v, 0);
  return { ids, regions };
}
