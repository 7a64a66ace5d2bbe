// SQL of mentoring (C3): programs within the actor's scope (policy.mentoringProgramScope), their
// enrolments, sessions and attendance, and the curation gaps that suggest participants.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { assignableMentorScope, inRegion, mentoringProgramScope, umkmScope } from '../../platform/auth/policy.ts';

function programsQuery(db: Database, actor: Actor) {
  return db
    .selectFrom('mentoring_programs as mp')
    .innerJoin('organizations as o', 'o.id', 'mp.organizer_id')
    .leftJoin('organizations as c', 'c.id', 'mp.chain_id')
    .leftJoin('users as m', 'm.id', 'mp.mentor_user_id')
    .leftJoin('regions as rg', 'rg.code', 'mp.region_code')
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
    'rg.name as region_name',
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

export async function listPrograms(
  db: Database,
  actor: Actor,
  f: { limit: number; offset: number; regionCode?: string; myStatus?: string },
) {
  let q = programsQuery(db, actor);
  if (f.regionCode) q = q.where(inRegion('mp.region_code', f.regionCode));
  // A status of the caller's own enrolment: only a business has one.
  if (f.myStatus) {
    const org = actor.role === 'umkm' ? actor.organizationId : null;
    q = org
      ? q.where(
          sql<boolean>`EXISTS (SELECT 1 FROM mentoring_enrolments me WHERE me.program_id = mp.id AND me.umkm_id = ${org} AND me.status = ${f.myStatus})`,
        )
      : q.where(sql<boolean>`false`);
  }
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
    .select(['me.umkm_id', 'u.name as umkm_name', 'me.status', 'me.created_at'])
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
    .innerJoin('products as p', 'p.id', 'x.product_id')
    .select(['x.umkm_id', 'u.name as umkm_name', 'x.product_id', 'p.name as product_name', 'x.failed'])
    .where(sql<boolean>`x.failed && ${sql.val(p.criterion_codes)}::text[]`)
    .execute();
}

/**
 * The criteria each participant's products failed, per business: `before` from the latest curation of each
 * product outside this programme's own re-curations (closed rounds only), `now` from the latest one
 * including them (a re-curation still open counts: it is the newest assessment). For the programme's chain
 * when it has one.
 */
export async function participantGaps(
  db: Database,
  p: { id: string; chain_id: string | null },
  umkmIds: string[],
  which: 'before' | 'now',
) {
  if (umkmIds.length === 0) return [];
  return db
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
    .distinctOn('e.product_id')
    .where('e.umkm_id', 'in', umkmIds)
    .$if(p.chain_id !== null, (q) => q.where('r.chain_id', '=', p.chain_id as string))
    .$if(which === 'before', (q) => q.where('r.status', '=', 'closed').where(sql<boolean>`r.program_id IS DISTINCT FROM ${p.id}::uuid`))
    .$if(which === 'now', (q) => q.where(sql<boolean>`(r.status = 'closed' OR r.program_id = ${p.id}::uuid)`))
    .orderBy('e.product_id')
    .orderBy('r.curation_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** How many products a re-curation of the programme would take (the same choice recurate() makes). */
export async function recuratableProducts(db: Database, chainId: string | null, umkmIds: string[]) {
  if (!chainId || umkmIds.length === 0) return 0;
  const r = await db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('products as pr', 'pr.id', 'e.product_id')
    .select(sql<bigint>`count(DISTINCT e.product_id)`.as('n'))
    .where('r.chain_id', '=', chainId)
    .where('r.status', '=', 'closed')
    .where('e.umkm_id', 'in', umkmIds)
    .where('pr.archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Attendance per business: sessions attended (present) of the sessions held. */
export async function attendanceCounts(db: Database, programId: string) {
  const [held, rows] = await Promise.all([
    db.selectFrom('mentoring_sessions').select(sql<bigint>`count(*)`.as('n')).where('program_id', '=', programId).executeTakeFirstOrThrow(),
    db
      .selectFrom('mentoring_attendance as a')
      .innerJoin('mentoring_sessions as s', 's.id', 'a.session_id')
      .select(['a.umkm_id', sql<bigint>`count(*) FILTER (WHERE a.present)`.as('present')])
      .where('s.program_id', '=', programId)
      .groupBy('a.umkm_id')
      .execute(),
  ]);
  return { held: Number(held.n), present: new Map(rows.map((r) => [r.umkm_id, Number(r.present)])) };
}

/** Mentors an actor may choose from (the policy's mayAssignMentor decides which, in SQL here). */
export async function listMentors(db: Database, actor: Actor, f: { limit: number; offset: number }) {
  const q = db
    .selectFrom('users as u')
    .where('u.role', '=', 'mentor')
    .where('u.disabled_at', 'is', null)
    .where(assignableMentorScope(actor, 'u'));
  const [items, total] = await Promise.all([
    q
      .select(['u.id', 'u.name', sql<bigint>`(SELECT count(*) FROM mentoring_programs mp WHERE mp.mentor_user_id = u.id)`.as('programs')])
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select(sql<bigint>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((m) => ({ id: m.id, name: m.name, programs: Number(m.programs) })), total: Number(total.n) };
}

export const findMentor = (db: Database, id: string) =>
  db.selectFrom('users').select(['id', 'organization_id', 'disabled_at', 'role']).where('id', '=', id).executeTakeFirst();
