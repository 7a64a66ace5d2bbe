// Mentoring use cases (C3): programs linked to the criteria they help to close, participants suggested
// from curation gaps, invitations and enrolment, sessions with attendance and the mentor's notes, and
// re-curation of the participants' products with the before/after shown.
import { sql } from 'kysely';
import type { Database } from '../../db/client.ts';
import type { ChainCode } from '../../db/types.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import {
  mayActInRegion,
  mayAssignMentor,
  mayManageProgram,
  mayRecordSession,
  mayRespondToInvitation,
  umkmScope,
} from '../../platform/auth/policy.ts';
import { localDate } from '../../platform/clock.ts';
import { badRequest, conflict, notFound, notPermitted } from '../../platform/errors.ts';
import { chainByCode } from '../registry/registry.service.ts';
import { regionCovers } from './curation.rules.ts';
import { createRound, getRound, runEvaluation } from './curation.service.ts';
import { type MentoringTopic, programPhase, sessionDateProblem } from './mentoring.rules.ts';
import * as store from './mentoring.store.ts';

const PROGRAM = { id: 'Program pendampingan', en: 'Mentoring program' };

type EnrolmentStatus = 'invited' | 'enrolled' | 'declined' | 'completed';

const programView = (p: store.ProgramRow, ctx: Ctx) => ({
  id: p.id,
  name: p.name,
  topic: p.topic as MentoringTopic,
  organizerId: p.organizer_id,
  organizerName: p.organizer_name,
  chainCode: (p.chain_code as ChainCode | null) ?? null,
  regionCode: p.region_code,
  regionName: p.region_name ?? p.region_code,
  mentorUserId: p.mentor_user_id,
  mentorName: p.mentor_name ?? null,
  place: p.place,
  online: p.online,
  startsOn: p.starts_on,
  endsOn: p.ends_on,
  capacity: p.capacity,
  criterionCodes: p.criterion_codes,
  enrolled: Number(p.enrolled),
  myStatus: p.my_status as EnrolmentStatus | null,
  phase: programPhase({ startsOn: p.starts_on, endsOn: p.ends_on }, localDate(p.region_code, ctx.now)),
  /** What this actor may do with it (the web shows these buttons and no others). */
  can: {
    manage: mayManageProgram(ctx.actor, p),
    record: mayRecordSession(ctx.actor, p),
    respond: mayRespondToInvitation(ctx.actor, p),
  },
});

type ProgramDecision = (actor: Actor, p: store.ProgramRow) => boolean;

/** A programme the actor may see and, when a decision is given, may act on as the policy decides. */
async function programFor(db: Database, ctx: Ctx, id: string, may?: ProgramDecision) {
  const p = await findProgram(db, ctx, id);
  if (may && !may(ctx.actor, p)) throw notPermitted(PROGRAM);
  return p;
}

export async function listPrograms(
  db: Database,
  ctx: Ctx,
  f: { limit: number; offset: number; regionCode?: string; myStatus?: EnrolmentStatus },
) {
  const page = await store.listPrograms(db, ctx.actor, f);
  return { items: page.items.map((p) => programView(p, ctx)), total: page.total };
}

/** Mentors the actor may give a programme, by name. */
export const listMentors = (db: Database, ctx: Ctx, f: { limit: number; offset: number }) => store.listMentors(db, ctx.actor, f);

async function findProgram(db: Database, ctx: Ctx, id: string) {
  const p = await store.findProgram(db, ctx.actor, id);
  if (!p) throw notFound(PROGRAM, 'id');
  return p;
}

export async function getProgram(db: Database, ctx: Ctx, id: string) {
  const p = await findProgram(db, ctx, id);
  // A business sees its own enrolment and attendance, never the others' nor the mentor's notes.
  const own = ctx.actor.role === 'umkm' ? ctx.actor.organizationId : null;
  const [enrolments, sessions, counts] = await Promise.all([
    store.enrolments(db, id, own),
    store.sessions(db, id),
    store.attendanceCounts(db, id),
  ]);
  const ids = enrolments.map((e) => e.umkm_id);
  const linked = new Set(p.criterion_codes);
  const gapsOf = async (which: 'before' | 'now') => {
    const by = new Map<string, Set<string>>();
    for (const r of await store.participantGaps(db, p, ids, which)) {
      const set = by.get(r.umkm_id) ?? new Set<string>();
      for (const c of r.failed) if (linked.has(c)) set.add(c);
      by.set(r.umkm_id, set);
    }
    return (u: string) => [...(by.get(u) ?? [])].sort();
  };
  const [before, now] = await Promise.all([gapsOf('before'), gapsOf('now')]);
  const participants = enrolments.filter((e) => e.status === 'enrolled' || e.status === 'completed').map((e) => e.umkm_id);
  return {
    ...programView(p, ctx),
    enrolments: enrolments.map((e) => ({
      umkmId: e.umkm_id,
      umkmName: e.umkm_name,
      status: e.status,
      attended: counts.present.get(e.umkm_id) ?? 0,
      held: counts.held,
      gapsBefore: before(e.umkm_id),
      gapsNow: now(e.umkm_id),
    })),
    recuratable: mayManageProgram(ctx.actor, p) ? await store.recuratableProducts(db, p.chain_id, participants) : null,
    sessions: sessions.map((s) => ({
      id: s.id,
      heldOn: s.held_on,
      topic: s.topic,
      notes: own ? null : s.notes,
      attendance: s.attendance
        .filter((a) => !own || a.umkm_id === own)
        .map((a) => ({ umkmId: a.umkm_id, present: a.present, note: own ? null : a.note })),
    })),
  };
}

export async function createProgram(
  db: Database,
  ctx: Ctx,
  input: {
    name: string;
    topic: string;
    chainCode?: ChainCode | null;
    regionCode: string;
    mentorUserId?: string | null;
    mentorEmail?: string | null;
    place?: string | null;
    online: boolean;
    startsOn: string;
    endsOn: string;
    capacity: number;
    criterionCodes: string[];
  },
) {
  const region = await db.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
  if (!region) throw notFound({ id: 'Wilayah', en: 'Region' }, 'regionCode');
  if (input.endsOn < input.startsOn) {
    throw badRequest(
      'date_invalid',
      { id: 'Tanggal selesai sebelum tanggal mulai.', en: 'The end date is before the start date.' },
      'endsOn',
    );
  }
  // The organiser: the Dinas itself, or for admin the most local government whose region covers it.
  let organizerId: string | null = null;
  if (ctx.actor.role === 'pemda') {
    if (!mayActInRegion(ctx.actor, input.regionCode)) {
      throw badRequest(
        'outside_region',
        { id: 'Wilayah berada di luar kewenangan Anda.', en: 'The region is outside your jurisdiction.' },
        'regionCode',
      );
    }
    organizerId = ctx.actor.organizationId;
  } else {
    const govs = await db.selectFrom('organizations').select(['id', 'region_code']).where('kind', '=', 'government').execute();
    organizerId =
      govs
        .filter((g) => g.region_code && regionCovers(g.region_code, input.regionCode))
        .sort((a, b) => (b.region_code?.length ?? 0) - (a.region_code?.length ?? 0))[0]?.id ?? null;
  }
  if (!organizerId) {
    throw badRequest(
      'organizer_missing',
      { id: 'Tidak ada pemerintah daerah untuk wilayah ini.', en: 'No government covers this region.' },
      'regionCode',
    );
  }
  let mentorId: string | null = null;
  if (input.mentorUserId) {
    const m = await store.findMentor(db, input.mentorUserId);
    if (!m || !mayAssignMentor(ctx.actor, m)) throw notFound({ id: 'Pendamping', en: 'Mentor' }, 'mentorUserId');
    mentorId = m.id;
  } else if (input.mentorEmail) {
    const m = await db
      .selectFrom('users')
      .select(['id', 'organization_id', 'disabled_at', 'role'])
      .where('email', '=', input.mentorEmail.toLowerCase())
      .executeTakeFirst();
    if (!m || !mayAssignMentor(ctx.actor, m)) throw notFound({ id: 'Pendamping', en: 'Mentor' }, 'mentorEmail');
    mentorId = m.id;
  }
  const row = await db
    .insertInto('mentoring_programs')
    .values({
      name: input.name,
      topic: input.topic,
      organizer_id: organizerId,
      chain_id: input.chainCode ? (await chainByCode(db, input.chainCode)).id : null,
      region_code: input.regionCode,
      province_code: input.regionCode.slice(0, 2),
      mentor_user_id: mentorId,
      place: input.place ?? null,
      online: input.online,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      capacity: input.capacity,
      criterion_codes: [...new Set(input.criterionCodes)],
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const view = await getProgram(db, ctx, row.id);
  await audit(db, ctx, { action: 'create', entity: 'mentoring_program', entityId: row.id, after: view });
  return view;
}

/** Suggested participants: businesses whose products fail what the program teaches. */
export async function suggestParticipants(db: Database, ctx: Ctx, id: string, page: { limit: number; offset: number }) {
  const p = await programFor(db, ctx, id, mayManageProgram);
  const rows = await store.gapsInRegion(db, ctx.actor, p);
  const status = new Map((await store.enrolments(db, id, null)).map((e) => [e.umkm_id, e.status]));
  const linked = new Set(p.criterion_codes);
  type Reason = { productId: string; productName: string; failed: string[] };
  const byUmkm = new Map<string, { umkmId: string; umkmName: string; reasons: Reason[]; gaps: Set<string> }>();
  for (const r of rows) {
    const u = byUmkm.get(r.umkm_id) ?? { umkmId: r.umkm_id, umkmName: r.umkm_name, reasons: [], gaps: new Set() };
    const failed = r.failed.filter((c) => linked.has(c));
    // Without a chain a product may fail in several chains' rounds: one reason per product.
    const same = u.reasons.find((x) => x.productId === r.product_id);
    if (same) same.failed = [...new Set([...same.failed, ...failed])].sort();
    else u.reasons.push({ productId: r.product_id, productName: r.product_name, failed: failed.sort() });
    for (const code of failed) u.gaps.add(code);
    byUmkm.set(r.umkm_id, u);
  }
  const items = [...byUmkm.values()]
    .map((u) => ({
      umkmId: u.umkmId,
      umkmName: u.umkmName,
      products: u.reasons.length,
      gaps: [...u.gaps].sort(),
      reasons: u.reasons.sort((a, b) => a.productName.localeCompare(b.productName)),
      enrolled: status.has(u.umkmId),
      status: status.get(u.umkmId) ?? null,
    }))
    // Not yet invited first, then the most gaps.
    .sort(
      (a, b) =>
        Number(a.enrolled) - Number(b.enrolled) ||
        b.gaps.length - a.gaps.length ||
        b.products - a.products ||
        a.umkmName.localeCompare(b.umkmName),
    );
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
}

/** Invites businesses (they accept on their phone); the program's mentor is assigned to each so they can
 *  see its products and record its sessions. */
export async function enrol(db: Database, ctx: Ctx, id: string, umkmIds: string[]) {
  const p = await programFor(db, ctx, id, mayManageProgram);
  const ids = [...new Set(umkmIds)];
  const found = await db
    .selectFrom('umkm_profiles as up')
    .select('up.organization_id')
    .where('up.organization_id', 'in', ids)
    .where(umkmScope(ctx.actor, 'up.organization_id', 'up.village_code'))
    .execute();
  const inRegion = new Set(
    (
      await db
        .selectFrom('umkm_profiles')
        .select(['organization_id', 'village_code'])
        .where('organization_id', 'in', found.map((f) => f.organization_id).concat(['00000000-0000-0000-0000-000000000000']))
        .execute()
    )
      .filter((u) => regionCovers(p.region_code, u.village_code))
      .map((u) => u.organization_id),
  );
  const missing = ids.find((u) => !inRegion.has(u));
  if (missing) throw notFound({ id: 'UMKM', en: 'UMKM' }, 'umkmIds');
  const existing = await store.enrolments(db, id, null);
  const active = existing.filter((e) => e.status !== 'declined').length;
  const fresh = ids.filter((u) => !existing.some((e) => e.umkm_id === u));
  if (active + fresh.length > p.capacity) {
    throw conflict(
      'program_full',
      { id: `Kapasitas program ${p.capacity} peserta sudah penuh.`, en: `The program's capacity of ${p.capacity} is reached.` },
      'umkmIds',
    );
  }
  if (fresh.length) {
    await db
      .insertInto('mentoring_enrolments')
      .values(fresh.map((u) => ({ program_id: id, umkm_id: u, status: 'invited' as const })))
      .execute();
    if (p.mentor_user_id) {
      await db
        .insertInto('mentor_assignments')
        .values(fresh.map((u) => ({ mentor_user_id: p.mentor_user_id as string, umkm_id: u })))
        .onConflict((oc) => oc.columns(['mentor_user_id', 'umkm_id']).doNothing())
        .execute();
    }
  }
  await audit(db, ctx, { action: 'invite', entity: 'mentoring_program', entityId: id, after: { invited: fresh } });
  return getProgram(db, ctx, id);
}

/** A business accepts or declines an invitation. */
export async function respond(db: Database, ctx: Ctx, id: string, accept: boolean) {
  const p = await findProgram(db, ctx, id);
  const umkmId = ctx.actor.organizationId as string;
  if (!mayRespondToInvitation(ctx.actor, p)) {
    throw conflict('not_invited', { id: 'Tidak ada undangan yang menunggu jawaban.', en: 'There is no pending invitation.' }, 'id');
  }
  const status = accept ? 'enrolled' : 'declined';
  await db
    .updateTable('mentoring_enrolments')
    .set({ status, updated_at: sql`now()` })
    .where('program_id', '=', id)
    .where('umkm_id', '=', umkmId)
    .execute();
  await audit(db, ctx, {
    action: accept ? 'accept' : 'decline',
    entity: 'mentoring_enrolment',
    entityId: `${id}/${umkmId}`,
    before: { status: p.my_status },
    after: { status },
  });
  return getProgram(db, ctx, id);
}

export async function addSession(
  db: Database,
  ctx: Ctx,
  id: string,
  input: { heldOn: string; topic: string; notes?: string | null; attendance: { umkmId: string; present: boolean; note?: string | null }[] },
) {
  const p = await programFor(db, ctx, id, mayRecordSession);
  const outside = sessionDateProblem(input.heldOn, { startsOn: p.starts_on, endsOn: p.ends_on });
  if (outside) throw badRequest('session_outside_period', outside, 'heldOn');
  const participants = new Set(
    (await store.enrolments(db, id, null)).filter((e) => e.status === 'enrolled' || e.status === 'completed').map((e) => e.umkm_id),
  );
  const stranger = input.attendance.find((a) => !participants.has(a.umkmId));
  if (stranger) {
    throw badRequest(
      'not_enrolled',
      { id: 'UMKM ini bukan peserta program.', en: 'This business is not enrolled in the program.' },
      'attendance.umkmId',
    );
  }
  const row = await db
    .insertInto('mentoring_sessions')
    .values({ program_id: id, held_on: input.heldOn, topic: input.topic, notes: input.notes ?? null, created_by: ctx.actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const attendance = [...new Map(input.attendance.map((a) => [a.umkmId, a])).values()];
  if (attendance.length) {
    await db
      .insertInto('mentoring_attendance')
      .values(attendance.map((a) => ({ session_id: row.id, umkm_id: a.umkmId, present: a.present, note: a.note ?? null })))
      .execute();
  }
  await audit(db, ctx, { action: 'create', entity: 'mentoring_session', entityId: row.id, after: { programId: id, ...input } });
  return getProgram(db, ctx, id);
}

/**
 * Re-curation after a program: a new round for the program's chain and region holding the participants'
 * products that were curated before, each linked to its previous entry and starting from the curators'
 * earlier assessment (curators then update what changed). Participants' enrolments are completed.
 */
export async function recurate(db: Database, ctx: Ctx, id: string, input: { name?: string; curationDate: string }) {
  const p = await programFor(db, ctx, id, mayManageProgram);
  if (!p.chain_id || !p.chain_code) {
    throw badRequest(
      'program_without_chain',
      { id: 'Program belum terkait jaringan ritel.', en: 'The program is not linked to a chain.' },
      'id',
    );
  }
  const participants = (await store.enrolments(db, id, null))
    .filter((e) => e.status === 'enrolled' || e.status === 'completed')
    .map((e) => e.umkm_id);
  if (participants.length === 0) {
    throw conflict('no_participants', { id: 'Program belum memiliki peserta.', en: 'The program has no participants.' }, 'id');
  }
  const round = await createRound(db, ctx, {
    name: input.name ?? `Kurasi ulang — ${p.name}`,
    chainCode: p.chain_code as ChainCode,
    regionCode: p.region_code,
    curationDate: input.curationDate,
    kind: 'recuration',
    programId: id,
    organizerId: p.organizer_id,
  });
  const chainId = p.chain_id;
  const previous = db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('products as pr', 'pr.id', 'e.product_id')
    .select(['e.id', 'e.product_id', 'e.umkm_id', 'e.village_code', 'e.province_code', 'e.attestations', 'e.scores', 'pr.category'])
    .distinctOn('e.product_id')
    .where('r.chain_id', '=', chainId)
    .where('r.status', '=', 'closed')
    .where('e.umkm_id', 'in', participants)
    .where('pr.archived_at', 'is', null)
    .orderBy('e.product_id')
    .orderBy('r.curation_date', 'desc')
    .orderBy('r.created_at', 'desc');
  const setFor = sql<string>`coalesce(
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${chainId} AND s.status = 'published' AND s.category = x.category ORDER BY s.version DESC LIMIT 1),
      (SELECT s.id FROM requirement_sets s WHERE s.chain_id = ${chainId} AND s.status = 'published' AND s.category IS NULL ORDER BY s.version DESC LIMIT 1))`;
  await db
    .insertInto('curation_entries')
    .columns([
      'round_id',
      'product_id',
      'umkm_id',
      'village_code',
      'province_code',
      'requirement_set_id',
      'attestations',
      'scores',
      'previous_entry_id',
    ])
    .expression(
      db
        .selectFrom(previous.as('x'))
        .select([
          sql<string>`${round.id}::uuid`.as('round_id'),
          'x.product_id',
          'x.umkm_id',
          'x.village_code',
          'x.province_code',
          setFor.as('requirement_set_id'),
          'x.attestations',
          'x.scores',
          'x.id',
        ])
        .where(setFor, 'is not', null),
    )
    .execute();
  const r = await db
    .selectFrom('curation_rounds')
    .select(['id', 'region_code', 'curation_date'])
    .where('id', '=', round.id)
    .executeTakeFirstOrThrow();
  await runEvaluation(db, { ...r, chain_code: p.chain_code as ChainCode }, { final: false });
  await db
    .updateTable('mentoring_enrolments')
    .set({ status: 'completed', updated_at: sql`now()` })
    .where('program_id', '=', id)
    .where('status', '=', 'enrolled')
    .execute();
  await audit(db, ctx, { action: 'recurate', entity: 'mentoring_program', entityId: id, after: { roundId: round.id } });
  return getRound(db, ctx, round.id);
}

/** Before/after of the program's latest re-curation: each product's previous result against its new one. */
export async function programOutcome(db: Database, ctx: Ctx, id: string) {
  await findProgram(db, ctx, id);
  const round = await db
    .selectFrom('curation_rounds')
    .select('id')
    .where('program_id', '=', id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!round) return { programId: id, roundId: null, items: [], summary: { products: 0, lolosBefore: 0, lolosAfter: 0, gapsClosed: 0 } };
  const latest = (entryRef: 'e.id' | 'e.previous_entry_id', alias: string) =>
    sql<{ outcome: string; failed: string[] } | null>`(SELECT json_build_object('outcome', ev.outcome, 'failed', ev.failed)
      FROM curation_evaluations ev WHERE ev.entry_id = ${sql.ref(entryRef)} ORDER BY ev.id DESC LIMIT 1)`.as(alias);
  const rows = await db
    .selectFrom('curation_entries as e')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .innerJoin('organizations as u', 'u.id', 'e.umkm_id')
    .select([
      'e.product_id',
      'p.name as product_name',
      'u.name as umkm_name',
      latest('e.id', 'after'),
      latest('e.previous_entry_id', 'before'),
    ])
    .where('e.round_id', '=', round.id)
    .where(umkmScope(ctx.actor, 'e.umkm_id', 'e.village_code'))
    .orderBy('u.name')
    .orderBy('p.name')
    .execute();
  const items = rows.map((r) => {
    const after = new Set(r.after?.failed ?? []);
    return {
      productId: r.product_id,
      productName: r.product_name,
      umkmName: r.umkm_name,
      before: r.before ?? null,
      after: r.after ?? null,
      closed: (r.before?.failed ?? []).filter((c) => !after.has(c)),
    };
  });
  return {
    programId: id,
    roundId: round.id,
    items,
    summary: {
      products: items.length,
      lolosBefore: items.filter((i) => i.before?.outcome === 'lolos').length,
      lolosAfter: items.filter((i) => i.after?.outcome === 'lolos').length,
      gapsClosed: items.reduce((s, i) => s + i.closed.length, 0),
    },
  };
}
