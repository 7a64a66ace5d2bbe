// The audit log as an administrator reads it: filtered by who, what and when (days in the reader's zone),
// each entry with its actor's name, a sentence and the changed fields written out.
import type { Database } from '../../db/client.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { type Bilingual, badRequest } from '../../platform/errors.ts';
import { formatBasisPoints, formatDate, formatDateTime, formatNumber, formatRupiah } from '../../platform/format.ts';
import { VOCABULARY, type Vocabulary } from '../../vocabulary.ts';
import { type TimeZone, timeZoneOf } from '../regions/regions.rules.ts';
import { actionLabel, changesOf, dayRange, entityLabel, referencesOf, summaryOf, type ValueEnv } from './audit.rules.ts';
import type { AuditQuery } from './audit.schemas.ts';
import * as store from './audit.store.ts';

/** The zone an actor reads times in: their region's, Jakarta's for an actor with none (an administrator). */
export const readerTimeZone = (ctx: Ctx): TimeZone => timeZoneOf(ctx.actor.regionCode ?? '31');

const FORMAT: ValueEnv['format'] = {
  date: formatDate,
  dateTime: formatDateTime,
  rupiah: formatRupiah,
  number: formatNumber,
  basisPoints: formatBasisPoints,
};

/** The vocabulary kinds a field's code may come from; a field not named here is looked up in every kind
 *  whose name ends with it (`status` → `agreementVersionStatus`, and the statuses other modules add). */
const KINDS_OF_FIELD: Record<string, string[]> = {
  role: ['role'],
  kind: ['organizationKind', 'agreementKind'],
  chainCode: ['chain'],
  type: ['permitType'],
  expiredGoodsBorneBy: ['party'],
  code: ['criterion'],
  criterionCode: ['criterion'],
  phase: ['agreementPhase'],
  display: ['campaignDisplay'],
  fundedBy: ['promotionFunder'],
};

function codeLabel(field: string, code: string): Bilingual | null {
  const vocabulary = VOCABULARY as Vocabulary;
  const kinds = KINDS_OF_FIELD[field] ?? Object.keys(vocabulary).filter((k) => k.toLowerCase().endsWith(field.toLowerCase()));
  for (const k of kinds) {
    const b = vocabulary[k]?.[code];
    if (b) return b;
  }
  return null;
}

export async function listAudit(db: Database, ctx: Ctx, q: AuditQuery) {
  if (q.from && q.to && q.to < q.from) {
    throw badRequest(
      'date_range',
      { id: 'Tanggal akhir tidak boleh sebelum tanggal awal.', en: 'The end date cannot be before the start date.' },
      'to',
    );
  }
  const timeZone = readerTimeZone(ctx);
  const { start, end } = dayRange(q.from, q.to, timeZone);
  const { rows, total } = await store.listAudit(db, {
    actorId: q.actorId,
    entity: q.entity,
    entityId: q.entityId,
    action: q.action,
    start,
    end,
    limit: q.limit,
    offset: q.offset,
  });
  const refs = referencesOf(rows.flatMap((r) => [r.before, r.after, r.entity_id, r.entity_id?.split('/')[1]]));
  const [names, regions] = await Promise.all([store.namesOf(db, [...refs.ids]), store.regionNames(db, [...refs.regions])]);
  const env: ValueEnv = { names, regions, timeZone, codeLabel, format: FORMAT };
  const nameOf = (entity: string, id: string | null) => {
    if (!id) return null;
    if (entity === 'mentoring_enrolment') return names.get(id.split('/')[1] ?? '') ?? null;
    return names.get(id.toLowerCase()) ?? null;
  };
  return {
    items: rows.map((r) => {
      const entityName = r.entity === 'session' ? null : nameOf(r.entity, r.entity_id);
      return {
        id: String(r.id),
        at: r.at.toISOString(),
        actorId: r.actor_id,
        actor: r.actor_id && r.actor_name ? { id: r.actor_id, name: r.actor_name, email: r.actor_email ?? '' } : null,
        action: r.action,
        actionLabel: actionLabel(r.action),
        entity: r.entity,
        entityLabel: entityLabel(r.entity),
        entityId: r.entity_id,
        entityName,
        summary: summaryOf(r.action, r.entity, entityName),
        changes: changesOf(r.before, r.after, env),
        before: r.before,
        after: r.after,
        requestId: r.request_id,
      };
    }),
    total,
  };
}
