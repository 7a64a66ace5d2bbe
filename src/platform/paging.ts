// Pages of a long list: a cursor (keyset) for deep pages, and a total that is exact while counting is cheap
// and otherwise the planner's estimate, marked as such. One place for every list that may hold a country's
// rows (1M UMKM, 100k products, 45k outlets: BRIEF's scale).
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { badRequest } from './errors.ts';

/** Up to this many rows a list's total is counted; beyond, it is estimated (a count of 10,000 index
 *  entries costs a few milliseconds; of a million, most of a second). */
export const EXACT_TOTAL_UP_TO = 10_000;

/** `cursor` of a list's query: the `nextCursor` of the page before. */
export const zCursor = z
  .string()
  .max(600)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional();

/** A page of a list that may be long: `total` (estimated when `totalEstimated`, rounded to two significant
 *  digits) and the cursor of the next page (null on the last). */
export const zLongPage = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalEstimated: z.boolean().describe('total diperkirakan / the total is an estimate'),
    nextCursor: z.string().nullable().describe('halaman berikutnya (?cursor=) / the next page (?cursor=)'),
  });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalidCursor = () =>
  badRequest(
    'cursor_invalid',
    {
      id: 'Penanda halaman tidak valid; muat ulang daftar dari halaman pertama.',
      en: 'The page cursor is not valid; reload the list from its first page.',
    },
    'cursor',
  );

/** The sort keys of a list's order: column references, all ascending and text, the last the row's uuid id
 *  (unique). A selected row carries each under its column's name (`o.name` → `name`). */
export type Keyset = string[];
const fieldOf = (column: string) => column.slice(column.lastIndexOf('.') + 1);

/** What a list's query asks of its page. */
export interface PageQuery {
  limit: number;
  offset: number;
  cursor?: string;
}

/** The list's query in its keyset's order, from its cursor or offset, one row more than the page (to know
 *  whether another follows). */
// biome-ignore lint/suspicious/noExplicitAny: any selecting query
export function inPage<Q extends SelectQueryBuilder<any, any, any>>(q: Q, keyset: Keyset, f: PageQuery): Q {
  let p = q;
  if (f.cursor) {
    if (f.offset > 0)
      throw badRequest(
        'cursor_with_offset',
        { id: 'Pakai penanda halaman atau offset, tidak keduanya.', en: 'Use a page cursor or an offset, not both.' },
        'offset',
      );
    p = p.where(afterCursor(keyset, f.cursor)) as Q;
  }
  for (const c of keyset) p = p.orderBy(sql.ref(c)) as Q;
  return p.limit(f.limit + 1).offset(f.offset) as Q;
}

/** The page's rows and the cursor of the next page (null on the last). */
export function pageRows<R>(rows: R[], keyset: Keyset, f: PageQuery): { items: R[]; nextCursor: string | null } {
  if (rows.length <= f.limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1] as Record<string, unknown>;
  return { items, nextCursor: cursorOf(keyset.map((c) => String(last[fieldOf(c)]))) };
}

/** The condition "after this cursor" in the list's order: a row comparison an index on the columns serves. */
export function afterCursor(keyset: Keyset, cursor: string): Expression<SqlBool> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== keyset.length) throw invalidCursor();
  const typed = values.map((v, i) => {
    const isId = i === keyset.length - 1;
    if (typeof v !== 'string' || v.length > 300 || (isId && !UUID.test(v))) throw invalidCursor();
    return isId ? sql`${v}::uuid` : sql`${v}::text`;
  });
  const cols = keyset.map((c) => sql.ref(c));
  return sql<boolean>`(${sql.join(cols)}) > (${sql.join(typed)})`;
}

/** The cursor after a row, from its values of the keyset's columns (in order). */
export const cursorOf = (values: string[]) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');

/** Two significant digits: an estimate does not pretend to be a count (1,000,347 → 1,000,000). */
export function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** The total of a filtered list. Exact when counting is cheap: the planner expects at most a few times
 *  `upTo` rows and no more than `upTo` are found (a count stopped there). Otherwise the planner's estimate
 *  (never below what was counted), marked as one: at 1M UMKM a full count cost 0.3–0.8 s on every page. */
export async function totalOf(
  db: Database,
  // biome-ignore lint/suspicious/noExplicitAny: any filtered query of any table
  q: SelectQueryBuilder<any, any, any>,
  upTo = EXACT_TOTAL_UP_TO,
): Promise<{ total: number; totalEstimated: boolean }> {
  const rows = q.select(sql`1`.as('one'));
  const plan = (await rows.explain('json')) as { 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[];
  const expected = plan[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  if (expected > 4 * upTo) return { total: roughly(expected), totalEstimated: true };
  const counted = await db
    .selectFrom(rows.limit(upTo + 1).as('c'))
    .select(sql<string>`count(*)::text`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  if (n <= upTo) return { total: n, totalEstimated: false };
  return { total: roughly(Math.max(n, expected)), totalEstimated: true };
}

/** A search by part of a name finds its candidates from trigram indexes (pg_trgm) first: up to this many,
 *  the page is sorted from them; beyond, the term is common and the list's own order finds a page sooner. */
export const SEARCH_CANDIDATES_UP_TO = 2_000;

/** The ids a search's candidate query finds (each arm served by a trigram index; duplicates allowed), or
 *  null when there are more than SEARCH_CANDIDATES_UP_TO, or the term is too short for a trigram. */
export async function searchCandidates(
  term: string,
  // biome-ignore lint/suspicious/noExplicitAny: any query selecting `id`
  q: SelectQueryBuilder<any, any, { id: string }>,
): Promise<string[] | null> {
  if ([...term].length < 3) return null;
  const rows = await q.limit(SEARCH_CANDIDATES_UP_TO + 1).execute();
  const ids = new Set(rows.map((r) => r.id));
  return rows.length > SEARCH_CANDIDATES_UP_TO ? null : [...ids];
}

/** The condition "one of these ids" for a column, as one array parameter. */
export const oneOf = (column: string, ids: string[]) => sql<boolean>`${sql.ref(column)} = ANY(${ids}::uuid[])`;
