// Demo data of curation and mentoring (C2, C3): the chains' requirement sets (with drafts), a relaxation
// agreed in Sulawesi Barat, a finished curation round in each of the six Sulbar regencies and in Serang,
// a round of OKI's selected products for Alfamart, a mentoring program for OKI run by the demo mentor with
// three sessions, progress made during it (halal certificates, barcodes, better packaging and labels) and
// the re-curation that shows it; plus an open halal program with an invitation for the demo UMKM.
// Deterministic: curators' scores come from seeded streams, never the clock.
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import type { ChainCode } from '../db/types.ts';
import { ALFA_GENERAL, INDOMARET_GENERAL, INDOMARET_WET, type RequirementSetSpec } from '../modules/curation/curation.catalogue.ts';
import type { Criterion } from '../modules/curation/curation.rules.ts';
import { addProducts, closeRound, createRound } from '../modules/curation/curation.service.ts';
import { addSession, createProgram, enrol, recurate, respond } from '../modules/curation/mentoring.service.ts';
import { chainByCode } from '../modules/registry/registry.service.ts';
import { type Ctx, PUBLIC_ACTOR } from '../platform/auth/actor.ts';
import { gtin13 } from '../platform/identifiers.ts';
import type { DemoCalendar } from './calendar.ts';
import { type Rng, rng, uuidFrom } from './prng.ts';

/** Score distributions (1..5) per criterion: packaging is what fails most, taste least. */
const SCORE_WEIGHTS: Record<string, number[]> = {
  kemasan: [6, 22, 34, 28, 10],
  rasa: [1, 5, 24, 45, 25],
  kontinuitas: [5, 15, 35, 30, 15],
  daya_saing_harga: [3, 12, 40, 30, 15],
};
/** How often curators find an attested requirement met. */
const ATTEST_RATE: Record<string, number> = {
  label_komposisi: 0.75,
  label_kedaluwarsa: 0.7,
  label_gizi: 0.4,
  sni: 0.4,
  laik_higiene: 0.35,
};

async function insertSet(
  db: Database,
  chain: ChainCode,
  spec: RequirementSetSpec,
  version: number,
  status: 'draft' | 'published',
  cal: DemoCalendar,
  extra: Criterion[] = [],
) {
  await db
    .insertInto('requirement_sets')
    .values({
      chain_id: (await chainByCode(db, chain)).id,
      category: spec.category,
      version,
      status,
      name: `${spec.name} ${chain === 'indomaret' ? 'Indomaret' : chain === 'alfamart' ? 'Alfamart' : 'Alfamidi'}`,
      criteria: JSON.stringify([...spec.criteria, ...extra]),
      published_at: status === 'published' ? cal.t('2026-01-05T02:00:00Z') : null,
    })
    .execute();
}

interface EntryInput {
  id: string;
  umkm_id: string;
  criteria: unknown;
}

/** Curators' attestations and scores for every entry of a round, in one statement. `tweak` adjusts them
 *  (progress after mentoring, the demo UMKM's fixed story). */
async function assess(
  db: Database,
  roundId: string,
  r: Rng,
  tweak: (e: EntryInput, a: Record<string, boolean>, s: Record<string, number>) => void = () => {},
) {
  const entries = await db
    .selectFrom('curation_entries as e')
    .innerJoin('requirement_sets as rs', 'rs.id', 'e.requirement_set_id')
    .select(['e.id', 'e.umkm_id', 'rs.criteria', 'e.attestations', 'e.scores'])
    .where('e.round_id', '=', roundId)
    // Entry ids are random (made by the service); product ids are the seeded ones: draw in their order.
    .orderBy('e.product_id')
    .execute();
  // Some businesses are further along than others: one maturity per business shifts all its marks.
  const maturity = new Map<string, number>();
  const rows = entries.map((e) => {
    let m = maturity.get(e.umkm_id);
    if (m === undefined) {
      m = r.next();
      maturity.set(e.umkm_id, m);
    }
    const a: Record<string, boolean> = { ...(e.attestations ?? {}) };
    const s: Record<string, number> = { ...(e.scores ?? {}) };
    for (const c of e.criteria as Criterion[]) {
      if (c.kind === 'attestation' && a[c.code] === undefined)
        a[c.code] = r.chance(Math.min(0.97, Math.max(0.03, (ATTEST_RATE[c.code] ?? 0.6) + (m - 0.5) * 0.7)));
      if (c.kind === 'score' && s[c.code] === undefined) {
        const drawn = r.weighted(SCORE_WEIGHTS[c.code] ?? [5, 15, 35, 30, 15]) + 1;
        s[c.code] = Math.min(5, Math.max(1, drawn + (m > 0.8 ? 1 : m < 0.15 ? -1 : 0)));
      }
    }
    tweak(e, a, s);
    return { id: e.id, a, s };
  });
  if (rows.length === 0) return;
  await sql`UPDATE curation_entries e SET attestations = v.a, scores = v.s, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(id uuid, a jsonb, s jsonb) WHERE e.id = v.id`.execute(db);
}

async function finishedRound(
  db: Database,
  ctx: Ctx,
  spec: { name: string; chain: ChainCode; region: string; date: string; organizer: string; stream: string },
  tweak?: Parameters<typeof assess>[3],
) {
  const round = await createRound(db, ctx, {
    name: spec.name,
    chainCode: spec.chain,
    regionCode: spec.region,
    curationDate: spec.date,
    organizerId: spec.organizer,
  });
  await addProducts(db, ctx, round.id, { allInRegion: true });
  await assess(db, round.id, rng(spec.stream), tweak);
  return closeRound(db, ctx, round.id);
}

export async function seedCuration(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  const started = performance.now();
  const ctx: Ctx = { actor: { ...PUBLIC_ACTOR, role: 'admin' }, requestId: 'demo-seed', now: cal.now };
  const d = cal.d;
  /** The year of a story date once moved to the seeding day (names of rounds and programs). */
  const year = (date: string) => d(date).slice(0, 4);
  // Requirement sets: published versions in force, and drafts each chain keeps to itself.
  await insertSet(db, 'alfamart', ALFA_GENERAL, 1, 'published', cal);
  await insertSet(db, 'alfamidi', ALFA_GENERAL, 1, 'published', cal);
  await insertSet(db, 'indomaret', INDOMARET_GENERAL, 1, 'published', cal);
  await insertSet(db, 'indomaret', INDOMARET_WET, 1, 'published', cal);
  const gizi = INDOMARET_GENERAL.criteria.find((c) => c.code === 'label_gizi') as Criterion;
  await insertSet(db, 'alfamart', { ...ALFA_GENERAL, name: `${ALFA_GENERAL.name} (rancangan ${year('2027-01-01')})` }, 2, 'draft', cal, [
    gizi,
  ]);
  await insertSet(
    db,
    'indomaret',
    {
      ...INDOMARET_GENERAL,
      name: `${INDOMARET_GENERAL.name} (rancangan ${year('2027-01-01')})`,
      criteria: INDOMARET_GENERAL.criteria.filter((c) => c.code !== 'sni'),
    },
    2,
    'draft',
    cal,
  );

  const govs = new Map(
    (await db.selectFrom('organizations').select(['id', 'region_code']).where('kind', '=', 'government').execute()).map((g) => [
      g.region_code,
      g.id,
    ]),
  );
  const gov = (region: string) => govs.get(region) as string;

  // Sulawesi Barat's forum agreed with Alfamidi: Mamasa's mountain businesses may use the outlet's
  // internal PLU code until they hold a GS1 barcode.
  await db
    .insertInto('curation_relaxations')
    .values({
      government_id: gov('76'),
      chain_id: (await chainByCode(db, 'alfamidi')).id,
      region_code: '76.03',
      criterion_codes: ['barcode'],
      valid_from: d('2026-03-01'),
      valid_until: d('2027-12-31'),
      note: 'Kesepakatan Forum Fasilitasi Kemitraan UMKM Sulbar: UMKM Kabupaten Mamasa boleh memakai kode PLU internal gerai sampai memiliki barcode GS1.',
    })
    .execute();

  // A finished round per Sulbar regency (Alfamidi has most outlets there) and in Serang (Indomaret).
  const regencies = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '76').orderBy('code').execute();
  let day = 4;
  for (const g of regencies) {
    await finishedRound(db, ctx, {
      name: `Kurasi Produk UMKM Sulbar ${year('2026-08-04')} — ${g.name}`,
      chain: 'alfamidi',
      region: g.code,
      date: d(`2026-08-${String(day).padStart(2, '0')}`),
      organizer: gov('76'),
      stream: `curation:${g.code}`,
    });
    day += 3;
  }
  await finishedRound(db, ctx, {
    name: `Kurasi Produk UMKM Kabupaten Serang ${year('2026-09-15')} — Indomaret`,
    chain: 'indomaret',
    region: '36.04',
    date: d('2026-09-15'),
    organizer: gov('36.04'),
    stream: 'curation:36.04',
  });

  // OKI: the selected products before Alfamart; the demo UMKM's labels and packaging fall short.
  const demoUmkm = (
    await db.selectFrom('users').select('organization_id').where('email', '=', 'umkm@demo.etalase.id').executeTakeFirstOrThrow()
  ).organization_id as string;
  const mentorId = (await db.selectFrom('users').select('id').where('email', '=', 'mentor@demo.etalase.id').executeTakeFirstOrThrow()).id;
  await finishedRound(
    db,
    ctx,
    {
      name: `Kurasi Produk Unggulan OKI ${year('2026-06-10')} — Alfamart`,
      chain: 'alfamart',
      region: '16.02',
      date: d('2026-06-10'),
      organizer: gov('16.02'),
      stream: 'curation:16.02',
    },
    (e, a, s) => {
      if (e.umkm_id !== demoUmkm) return;
      a.label_komposisi = false;
      a.label_kedaluwarsa = false;
      s.kemasan = 2;
    },
  );

  // Mentoring on packaging and labels, run by the demo mentor for five OKI businesses.
  const program = await createProgram(db, ctx, {
    name: `Pendampingan Kemasan, Label dan Halal UMKM OKI ${year('2026-07-20')}`,
    topic: 'kemasan',
    chainCode: 'alfamart',
    regionCode: '16.02',
    mentorEmail: 'mentor@demo.etalase.id',
    place: 'Aula Dinas Koperasi dan UKM Kabupaten OKI, Kayuagung',
    online: false,
    startsOn: d('2026-07-20'),
    endsOn: d('2026-10-31'),
    capacity: 15,
    criterionCodes: ['kemasan', 'label_komposisi', 'label_kedaluwarsa', 'halal', 'barcode'],
  });
  const participants = (
    await db.selectFrom('mentor_assignments').select('umkm_id').where('mentor_user_id', '=', mentorId).orderBy('umkm_id').execute()
  ).map((x) => x.umkm_id);
  await enrol(db, ctx, program.id, participants);
  for (const u of participants)
    await respond(
      db,
      { actor: { ...PUBLIC_ACTOR, role: 'umkm', organizationId: u }, requestId: 'demo-seed', now: ctx.now },
      program.id,
      true,
    );
  const present = (absent: string[]) => participants.map((u) => ({ umkmId: u, present: !absent.includes(u) }));
  await addSession(db, ctx, program.id, {
    heldOn: d('2026-08-05'),
    topic: 'Desain kemasan dan label sesuai PerBPOM 31/2018',
    notes: 'Peserta membawa kemasan lama. Hampir semua label belum mencantumkan komposisi dan kode produksi; contoh label baru dibagikan.',
    attendance: present([]),
  });
  await addSession(db, ctx, program.id, {
    heldOn: d('2026-09-02'),
    topic: 'Pendaftaran sertifikasi halal gratis (SEHATI) dan keanggotaan GS1',
    notes: 'Pendaftaran SEHATI dibantu langsung di lokasi. Dua peserta mendaftar anggota GS1 Indonesia dengan fasilitasi Dinas.',
    attendance: present(participants.slice(3, 4)),
  });
  await addSession(db, ctx, program.id, {
    heldOn: d('2026-10-07'),
    topic: 'Uji kemasan baru dan persiapan kurasi ulang',
    notes: 'Kemasan standing pouch dengan jendela sudah dipakai. Tanggal kedaluwarsa masih ditulis tangan pada sebagian produk terasi.',
    attendance: present([]),
  });

  // What changed during the program: halal certificates for every participant product without one,
  // GS1 barcodes for two businesses (not the demo UMKM: its barcode is still a gap).
  const products = await db
    .selectFrom('products')
    .select(['id', 'umkm_id', 'gtin'])
    .where('umkm_id', 'in', participants)
    .orderBy('id')
    .execute();
  const halal = new Set(
    (
      await db
        .selectFrom('product_permits')
        .select('product_id')
        .where('type', '=', 'halal')
        .where(
          'product_id',
          'in',
          products.map((p) => p.id),
        )
        .execute()
    ).map((p) => p.product_id),
  );
  // Seeded ids: two fresh demos must hold identical rows (seed.test compares their digests).
  const permitIds = rng('curation:permit-ids');
  let seq = 0;
  for (const p of products) {
    seq++;
    if (!halal.has(p.id)) {
      await db
        .insertInto('product_permits')
        .values({
          id: uuidFrom(permitIds),
          product_id: p.id,
          type: 'halal',
          number: `ID16110${String(90_000 + seq).padStart(8, '0')}${d('2026-09-28').slice(5, 7)}${d('2026-09-28').slice(2, 4)}`,
          issued_on: d('2026-09-28'),
          expires_on: null,
        })
        .execute();
    }
  }
  const gs1 = participants.filter((u) => u !== demoUmkm).slice(0, 2);
  let item = 0;
  for (const p of products) {
    if (p.gtin || !gs1.includes(p.umkm_id)) continue;
    // Company prefix 00042 lies outside the demo's 10000–99999: no clash with existing barcodes.
    await db
      .updateTable('products')
      .set({ gtin: gtin13(`89900042${String(++item).padStart(4, '0')}`) })
      .where('id', '=', p.id)
      .execute();
  }

  // Re-curation: packaging and labels better; the demo UMKM still hand-writes expiry dates on one product.
  const re = await recurate(db, ctx, program.id, { curationDate: d('2026-11-10') });
  let demoSeen = 0;
  await assess(db, re.id, rng('curation:16.02:re'), (e, a, s) => {
    if (s.kemasan !== undefined) s.kemasan = Math.min(5, Math.max(3, s.kemasan + 1));
    if (a.label_komposisi !== undefined) a.label_komposisi = true;
    if (a.label_kedaluwarsa !== undefined) a.label_kedaluwarsa = e.umkm_id !== demoUmkm || demoSeen++ > 0;
  });
  await closeRound(db, ctx, re.id);

  // An upcoming program: the demo UMKM and others with halal gaps are invited (they answer on the phone).
  const halalProgram = await createProgram(db, ctx, {
    name: `Fasilitasi Sertifikasi Halal Gratis (SEHATI) UMKM OKI ${year('2027-01-01')}`,
    topic: 'halal',
    chainCode: 'alfamart',
    regionCode: '16.02',
    // Run by a BPJPH halal companion (pendamping PPH), not the demo mentor: their assignments stay five.
    mentorEmail: null,
    place: 'Daring (Zoom) dan Kantor Kecamatan Tulung Selapan',
    online: true,
    startsOn: d('2026-12-07'),
    endsOn: d('2027-02-26'),
    capacity: 20,
    criterionCodes: ['halal', 'label_kedaluwarsa'],
  });
  const okiUmkm = (
    await db
      .selectFrom('umkm_profiles')
      .select('organization_id')
      .where('village_code', 'like', '16.02.%')
      .orderBy('organization_id')
      .execute()
  ).map((u) => u.organization_id);
  const invited = [demoUmkm, ...okiUmkm.filter((u) => !participants.includes(u)).slice(0, 5)];
  await enrol(db, ctx, halalProgram.id, invited);
  for (const u of invited.slice(1, 4))
    await respond(
      db,
      { actor: { ...PUBLIC_ACTOR, role: 'umkm', organizationId: u }, requestId: 'demo-seed', now: ctx.now },
      halalProgram.id,
      true,
    );

  const counts = await db
    .selectFrom('curation_rounds')
    .select([sql<bigint>`count(*)`.as('rounds')])
    .executeTakeFirstOrThrow();
  log(
    `  ${counts.rounds} putaran kurasi / curation rounds, 2 program pendampingan / mentoring programs (${Math.round(performance.now() - started)} ms)`,
  );
}
