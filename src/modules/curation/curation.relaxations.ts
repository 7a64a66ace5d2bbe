import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { regionOverlaps } from '../../platform/auth/policy.ts';
import { mouRelaxations } from '../agreements/agreements.queries.ts';
import type { RelaxationRef } from './curation.rules.ts';

/**
 * Relaxations of a chain in force on a date that concern a region: those agreed for the region itself,
 * for a region inside it (a regency's relaxation matters to a province-wide round) and for a region
 * around it. Evaluation then applies each only to businesses inside its own region (rules.evaluate).
 */
export async function relaxationsFor(
  db: Database,
  q: { chainCode: ChainCode; regionCode: string; date: string },
): Promise<RelaxationRef[]> {
  const rows = await db
    .selectFrom('curation_relaxations as x')
    .innerJoin('organizations as c', 'c.id', 'x.chain_id')
    .select(['x.id', 'x.region_code', 'x.criterion_codes'])
    .where('c.chain_code', '=', q.chainCode)
    .where('x.archived_at', 'is', null)
    .where('x.valid_from', '<=', q.date)
    .where((eb) => eb.or([eb('x.valid_until', 'is', null), eb('x.valid_until', '>=', q.date)]))
    .where(regionOverlaps('x.region_code', q.regionCode))
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
  const records = rows.map((r) => ({ id: r.id, regionCode: r.region_code, criterionCodes: r.criterion_codes }));
  const byMou = new Map<string, RelaxationRef>();
  for (const m of await mouRelaxations(db, { ...q, includeWithin: true })) {
    const ref = byMou.get(m.mouId) ?? { id: m.mouId, regionCode: m.regionCode, criterionCodes: [] };
    ref.criterionCodes.push(m.criterionCode);
    byMou.set(m.mouId, ref);
  }
  return [...byMou.values(), ...records];
}
