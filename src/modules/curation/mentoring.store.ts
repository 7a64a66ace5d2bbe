// SQL of mentoring (C3): programs within the actor's scope (policy.mentoringProgramScope), their
// enrolments, sessions and attendance, and the curation gaps that suggest participants.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { inRegion, mentoringProgramScope, umkmScope } from '../../platform/auth/policy.ts';

function programsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('mentoring_programs as mp')
    .innerJoin('organizations as o', 'o.id', 'mp.organizer_id')
    .leftJoin('organizations as c', 'c.id', 'mp.chain_id')
    .leftJoin('users as m', 'm.id', 'mp.mentor_user_id')
    .where(mentoringProgramScope(actor, 'mp'));
}
const columns = (actor: Actor) =>
  [
    'mp.id',
    'mp.name',
    'mp.topic',
    'mp.organizer_id',
    'o.name as organizer_name',
    'mp.chain_id',
    'c.chain_code',
    'mp.region_code',
    'mp.mentor_user_id',
    'm.name as mentor_name',
    'mp.place',
    'mp.online',
    'mp.starts_on',
    'mp.ends_on',
    'mp.capacity',
    'mp.criterion_codes',
    sql<bigint>`(SELECT count(*) FROM mentoring_enrolments me WHERE me.program_id = mp.id AND me.status IN ('enrolled', 'completed'))`.as(
      'enrolled',
    ),
    (actor.role === 'umkm' && actor.organizationId
      ? sql<
          string | null
        >`(SELECT me.status FROM mentoring_enrolments me WHERE me.program_id = mp.id AND me.umkm_id = ${actor.organizationId})`
      : sql<string | null>`NULL::text`
    ).as('my_status'),
  ] as const;

export async function listPrograms(db: Database, actor: Actor, f: { limit: number; offset: number; regionCode?: string }) {
  let q = programsQuery(db, actor);
  if (f.regionCode) q = q.where(inRegion('mp.region_code', f.regionCode));
  const [items, total] = await Promise.all([
    q.select(columns(actor)).orderBy('mp.starts_on', 'desc').orderBy('mp.name').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export const findProgram = (db: Database, actor: Actor, id: string) =>
  programsQuery(db, actor).select(columns(actor)).where('mp.id', '=', id).executeTakeFirst();
export type ProgramRow = NonNullable<Awaited<ReturnType<typeof findProgram>>>;

export function enrolments(db: Database, programId: string, umkmId: string | null) {
  return db
    .selectFrom('mentoring_enrolments as me')
    .innerJoin('organizations as u', 'u.id', 'me.umkm_id')
    .select(['me.umkm_id', 'u.name as umkm_name', 'me.status'])
    .where('me.program_id', '=', programId)
    .$if(umkmId !== null, (q) => q.where('me.umkm_id', '=', umkmId as string))
    .orderBy('u.name')
    .execute();
}

export async function sessions(db: Database, programId: string) {
  const rows = await db
    .selectFrom('mentoring_sessions')
    .select(['id', 'held_on', 'topic', 'notes'])
    .where('program_id', '=', programId)
    .orderBy('held_on')
    .orderBy('created_at')
    .execute();
  const attendance = rows.length
    ? await db
        .selectFrom('mentoring_attendance')
        .select(['session_id', 'umkm_id', 'present', 'note'])
        .where(
          'session_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({ ...r, attendance: attendance.filter((a) => a.session_id === r.id) }));
}

/** UMKM of the program's region whose latest finished curation (for the program's chain, when it has one)
 *  fails any of the program's criteria, with those gaps. */
export async function gapsInRegion(
  db: Database,
  actor: Actor,
  p: { region_code: string; chain_id: string | null; criterion_codes: string[] },
) {
  return db
    .selectFrom(
      db
        .selectFrom('curation_entries as e')
        .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
        .innerJoinLateral(
          (eb) =>
            eb
              .selectFrom('curation_evaluations as ev')
              .select('ev.failed')
              .whereRef('ev.entry_id', '=', 'e.id')
              .orderBy('ev.id', 'desc')
              .limit(1)
              .as('ev'),
          (join) => join.onTrue(),
        )
        .select(['e.umkm_id', 'e.product_id', 'ev.failed'])
        .distinctOn(['e.product_id', 'r.chain_id'])
        .where('r.status', '=', 'closed')
        .where(inRegion('e.village_code', p.region_code))
        .where(umkmScope(actor, 'e.umkm_id', 'e.village_code'))
        .$if(p.chain_id !== null, (q) => q.where('r.chain_id', '=', p.chain_id as string))
        .orderBy('e.product_id')
        .orderBy('r.chain_id')
        .orderBy('r.curation_date', 'desc')
        .orderBy('r.created_at', 'desc')
        .as('x'),
    )
    .innerJoin('organizations as u', 'u.id', 'x.umkm_id')
    .select(['x.umkm_id', 'u.name as umkm_name', 'x.product_id', 'x.failed'])
    .where(sql<boolean>`x.failed && ${sql.val(p.criterion_codes)}::text[]`)
    .execute();
}
