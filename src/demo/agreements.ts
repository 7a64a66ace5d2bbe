// Demo agreements (C4), from the reports: an MoU between Pemkot Bengkulu and each chain present there
// (Alfamart, Indomaret); MoUs in Ambon (Indomaret, Alfamidi — the latter ending within 60 days of the
// demo's today) and OKI (Alfamart, relaxing two curation requirements, the Dinas witnessing PKS); signed
// consignment PKS with Alfamart for every OKI UMKM's products that pay 30 days after billing — a violation
// of PP 29/2021 Pasal 95(1)(b) (at most 15 days) that the demo shows flagged to every party and the Dinas,
// as it would be in real life; PKS in Serang with Indomaret that comply (14 or 7 days, the technical
// reason recorded), one an outright purchase and one still waiting for the UMKM's signature.
// Signers sign with their account's name and jabatan (users.title, set here for the demo accounts).
// Rows are built in memory and inserted in a few statements (the whole demo must seed in seconds); each
// naskah is rendered by the agreements service itself, so its bytes and SHA-256 are what submitting
// would have produced, and every signature carries that hash. Ids are fixed; dates are the story's, moved to the
// seeding day by the demo calendar (calendar.ts), never read from the clock.
import type { Insertable } from 'kysely';
import type { Database } from '../db/client.ts';
import type { ChainCode } from '../db/types.ts';
import { shelfPriceFor } from '../modules/agreements/agreements.rules.ts';
import { renderNaskah } from '../modules/agreements/agreements.service.ts';
import type {
  AgreementProductsTable,
  AgreementRelaxationsTable,
  AgreementSignaturesTable,
  AgreementsTable,
  AgreementVersionsTable,
  Party,
  Signatory,
} from '../modules/agreements/agreements.tables.ts';
import { rupiah } from '../platform/money.ts';
import { type DemoCalendar, movedBy } from './calendar.ts';
import { rng, uuidFrom } from './prng.ts';
import { bengkuluAgreementShift } from './promotions.ts';

const PERIOD = { startsOn: '2026-01-01', endsOn: '2027-12-31' };

interface MouSpec {
  gov: string;
  chain: ChainCode;
  startsOn: string;
  endsOn: string;
  outlets: number;
  outside: number;
  events: number;
  witness: boolean;
  relaxations?: { criterionCode: string; note: string }[];
  quota?: { bp: number; basis: 'shelf_space' | 'sku'; reportEveryMonths: number };
  signedOn: string;
  head: { name: string; title: string };
}

const BENGKULU_HEAD = { name: 'Rina Marlina (demo)', title: 'Kepala Dinas Koperasi dan UKM Kota Bengkulu' };
const AMBON_HEAD = { name: 'Johanis Latuheru (demo)', title: 'Kepala Dinas Koperasi dan UKM Kota Ambon' };
const OKI_HEAD = { name: 'Syamsul Bahri (demo)', title: 'Kepala Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir' };
const SERANG_HEAD = { name: 'Ahmad Fauzi (demo)', title: 'Kepala Dinas Koperasi, Perdagangan dan Industri Kabupaten Serang' };
const QUOTA = { bp: 3000, basis: 'shelf_space' as const, reportEveryMonths: 6 };

const MOUS: MouSpec[] = [
  {
    gov: '17.71',
    chain: 'alfamart',
    ...PERIOD,
    outlets: 75,
    outside: 20,
    events: 4,
    witness: true,
    quota: QUOTA,
    signedOn: '2025-12-15',
    head: BENGKULU_HEAD,
  },
  {
    gov: '17.71',
    chain: 'indomaret',
    ...PERIOD,
    outlets: 98,
    outside: 30,
    events: 4,
    witness: true,
    quota: QUOTA,
    signedOn: '2025-12-15',
    head: BENGKULU_HEAD,
  },
  {
    gov: '81.71',
    chain: 'indomaret',
    startsOn: '2026-03-01',
    endsOn: '2028-02-29',
    outlets: 25,
    outside: 6,
    events: 2,
    witness: false,
    signedOn: '2026-02-20',
    head: AMBON_HEAD,
  },
  {
    gov: '81.71',
    chain: 'alfamidi',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    outlets: 20,
    outside: 4,
    events: 2,
    witness: false,
    signedOn: '2024-12-20',
    head: AMBON_HEAD,
  },
  {
    gov: '16.02',
    chain: 'alfamart',
    ...PERIOD,
    outlets: 20,
    outside: 5,
    events: 3,
    witness: true,
    relaxations: [
      {
        criterionCode: 'barcode',
        note: 'Selama fasilitasi GS1, produk tanpa barcode 899 diterima dengan kode internal Alfamart.',
      },
      {
        criterionCode: 'masa_simpan',
        note: 'Masa simpan minimum diturunkan untuk kerupuk kemplang dan terasi selama uji pasar di OKI.',
      },
    ],
    signedOn: '2025-12-20',
    head: OKI_HEAD,
  },
  {
    gov: '36.04',
    chain: 'indomaret',
    ...PERIOD,
    outlets: 60,
    outside: 10,
    events: 3,
    witness: false,
    signedOn: '2025-12-18',
    head: SERANG_HEAD,
  },
];

/** Pemprov Sulawesi Barat and Alfamidi (whose Makassar branch attends the Sulbar partnership forum). */
const SULBAR_MOU: MouSpec = {
  gov: '76',
  chain: 'alfamidi',
  startsOn: '2026-06-01',
  endsOn: '2028-05-31',
  outlets: 28,
  outside: 6,
  events: 2,
  witness: false,
  signedOn: '2026-05-20',
  head: { name: 'Rahmat Hidayat (demo)', title: 'Kepala Dinas Perdagangan, Perindustrian, Koperasi dan UKM Provinsi Sulawesi Barat' },
};
/** Where the Sulbar PKS are: Polewali Mandar, where Alfamidi has most of its Sulbar outlets. */
const SULBAR_PKS_REGENCY = '76.04';

/** Up to `limit` businesses of a regency with products (with a barcode) whose latest Alfamidi curation is
 *  "lolos", in id order, and those products. */
async function passedWithAlfamidi(db: Database, chainId: string, regency: string, limit: number) {
  const rows = await db
    .selectFrom('curation_entries as e')
    .innerJoin('curation_rounds as r', 'r.id', 'e.round_id')
    .innerJoin('products as p', 'p.id', 'e.product_id')
    .innerJoin('umkm_profiles as u', 'u.organization_id', 'e.umkm_id')
    .select((eb) => [
      'p.id',
      'p.umkm_id',
      'p.supplier_price',
      'p.retail_price',
      'u.owner_name',
      eb
        .selectFrom('curation_evaluations as ev')
        .whereRef('ev.entry_id', '=', 'e.id')
        .select('ev.outcome')
        .orderBy('ev.id', 'desc')
        .limit(1)
        .as('outcome'),
    ])
    .where('r.chain_id', '=', chainId)
    .where('e.village_code', 'like', `${regency}.%`)
    .where('p.gtin', 'is not', null)
    .where('p.archived_at', 'is', null)
    .orderBy('p.umkm_id')
    .orderBy('p.id')
    .execute();
  const passed = rows.filter((r) => r.outcome === 'lolos');
  const umkmIds = [...new Set(passed.map((r) => r.umkm_id))].slice(0, limit);
  return {
    umkm: umkmIds.map((uid) => ({ id: uid, owner_name: passed.find((r) => r.umkm_id === uid)?.owner_name as string })),
    products: passed
      .filter((r) => umkmIds.includes(r.umkm_id))
      .map((r) => ({ id: r.id, umkm_id: r.umkm_id, supplier_price: r.supplier_price, retail_price: r.retail_price })),
  };
}

const CHAIN_SIGNATORY: Record<ChainCode, { name: string; title: string }> = {
  alfamart: { name: 'Budi Santoso (demo)', title: 'Manajer Kemitraan UMKM, PT Sumber Alfaria Trijaya Tbk' },
  alfamidi: { name: 'Dewi Lestari (demo)', title: 'Manajer Kemitraan UMKM, PT Midi Utama Indonesia Tbk' },
  indomaret: { name: 'Yohanes Wibowo (demo)', title: 'Manajer Kemitraan UMKM, PT Indomarco Prismatama' },
};

const ROLE_OF: Record<Party, string> = { government: 'pemda', chain: 'retailer', umkm: 'umkm' };

/** The jabatan of each demo account that signs (printed under its signatures). */
const ACCOUNT_TITLES: Record<string, string> = {
  'pemda.bengkulu@demo.etalase.id': 'Kepala Bidang UKM, Dinas Koperasi dan UKM Kota Bengkulu',
  'pemda.ambon@demo.etalase.id': 'Kepala Bidang UKM, Dinas Koperasi dan UKM Kota Ambon',
  'pemda.oki@demo.etalase.id': 'Kepala Bidang UKM, Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir',
  'pemda.serang@demo.etalase.id': 'Kepala Bidang UKM, Dinas Koperasi, Perdagangan dan Industri Kabupaten Serang',
  'pemda.sulbar@demo.etalase.id': 'Kepala Bidang Koperasi dan UKM, Dinas Dagperinkop-UKM Provinsi Sulawesi Barat',
  'alfamart@demo.etalase.id': 'Manajer Kemitraan UMKM, PT Sumber Alfaria Trijaya Tbk',
  'alfamidi@demo.etalase.id': 'Manajer Kemitraan UMKM, PT Midi Utama Indonesia Tbk',
  'indomaret@demo.etalase.id': 'Manajer Kemitraan UMKM, PT Indomarco Prismatama',
  'umkm@demo.etalase.id': 'Pemilik usaha',
};
const OWNER_TITLE = 'Pemilik usaha';

/** Why the demo chains do not pay cash (PP 29/2021 Pasal 95(1)(b) asks for the technical reason). */
const TECHNICAL_REASON = {
  konsinyasi:
    'Penjualan per gerai dihitung dan diverifikasi setelah periode penyelesaian; pembayaran melalui transfer bank setelah Tanda Terima Faktur (TTF) diterbitkan.',
  beli_putus: 'Barang diperiksa di pusat distribusi sebelum faktur diterima; pembayaran melalui transfer bank.',
};

interface Planned {
  agreement: Insertable<AgreementsTable>;
  version: Insertable<AgreementVersionsTable>;
  submittedAt: string;
  /** Parties that have signed, in order, with the signing user and organisation. */
  signers: { party: Party; userId: string; userName: string; organizationId: string; title: string }[];
  complete: boolean;
}

export async function seedAgreements(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  const ids = rng('agreements:ids');
  const id = () => uuidFrom(ids);

  for (const [email, title] of Object.entries(ACCOUNT_TITLES)) {
    await db.updateTable('users').set({ title }).where('email', '=', email).execute();
  }
  const users = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'title', 'organization_id'])
    .where('email', 'in', [
      'pemda.bengkulu@demo.etalase.id',
      'pemda.ambon@demo.etalase.id',
      'pemda.oki@demo.etalase.id',
      'pemda.serang@demo.etalase.id',
      'pemda.sulbar@demo.etalase.id',
      'alfamart@demo.etalase.id',
      'alfamidi@demo.etalase.id',
      'indomaret@demo.etalase.id',
      'umkm@demo.etalase.id',
    ])
    .execute();
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'kind', 'region_code', 'chain_code'])
    .where('kind', 'in', ['government', 'chain'])
    .execute();
  const govOf = (region: string) => orgs.find((o) => o.kind === 'government' && o.region_code === region)?.id as string;
  const chainOf = (code: ChainCode) => orgs.find((o) => o.kind === 'chain' && o.chain_code === code)?.id as string;
  const userOf = (orgId: string) => {
    const u = users.find((x) => x.organization_id === orgId);
    if (!u) throw new Error(`demo: no user for organisation ${orgId}`);
    return u;
  };

  const plans: Planned[] = [];
  const products: Insertable<AgreementProductsTable>[] = [];
  const relaxations: Insertable<AgreementRelaxationsTable>[] = [];
  const seq = new Map<string, number>();
  const numberFor = (prefix: string, width: number) => {
    const n = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, n);
    return `${prefix}${String(n).padStart(width, '0')}`;
  };
  // A signature carries the signing account's name and jabatan, as signing through the API records them.
  const signer = (party: Party, orgId: string) => {
    const u = userOf(orgId);
    return { party, userId: u.id, userName: u.name, organizationId: orgId, title: u.title ?? '' };
  };

  const mouIds = new Map<string, { id: string; witness: boolean }>();
  const addMou = (spec: MouSpec) => {
    // Alfamart's Bengkulu MoU is signed and in force before the demo's HUT season (its start moved back with its
    // PKS when the calendar would start it later: promotions.ts); it ends when it ends.
    const c = spec.gov === '17.71' && spec.chain === 'alfamart' ? movedBy(cal, bengkuluAgreementShift(cal)) : cal;
    const m = { ...spec, startsOn: c.d(spec.startsOn), endsOn: cal.d(spec.endsOn), signedOn: c.d(spec.signedOn) };
    const agreementId = id();
    const versionId = id();
    const gov = govOf(m.gov);
    const chain = chainOf(m.chain);
    mouIds.set(`${m.gov}:${m.chain}`, { id: agreementId, witness: m.witness });
    const signatories: Signatory[] = [
      { party: 'government', ...m.head },
      { party: 'chain', ...CHAIN_SIGNATORY[m.chain] },
    ];
    plans.push({
      agreement: {
        id: agreementId,
        kind: 'mou',
        number: numberFor(`MOU/${m.gov}/${m.chain.toUpperCase()}/${m.startsOn.slice(0, 4)}/`, 3),
        government_id: gov,
        chain_id: chain,
        region_code: m.gov,
        province_code: m.gov.slice(0, 2),
        created_by: userOf(gov).id,
      },
      version: {
        id: versionId,
        agreement_id: agreementId,
        version: 1,
        starts_on: m.startsOn,
        ends_on: m.endsOn,
        signatories: JSON.stringify(signatories),
        outlets_with_corner: m.outlets,
        inside_display_note: 'Rak atau pojok produk lokal di dekat kasir, diberi label "Produk UMKM Lokal".',
        outside_spots: m.outside,
        promotion_events_per_year: m.events,
        curation_support: true,
        mentoring_support: true,
        quota_bp: m.quota?.bp ?? null,
        quota_basis: m.quota?.basis ?? null,
        quota_report_months: m.quota?.reportEveryMonths ?? null,
        pks_witness: m.witness,
        created_by: userOf(gov).id,
      },
      submittedAt: `${m.signedOn}T01:00:00Z`,
      signers: [signer('government', gov), signer('chain', chain)],
      complete: true,
    });
    for (const r of m.relaxations ?? []) relaxations.push({ version_id: versionId, criterion_code: r.criterionCode, note: r.note });
  };
  for (const spec of MOUS) addMou(spec);

  // The UMKM whose PKS the demo holds: every OKI UMKM, and five of Serang's drawn from a seeded stream.
  const umkm = await db
    .selectFrom('organizations as o')
    .innerJoin('umkm_profiles as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'p.owner_name', 'p.village_code'])
    .where((eb) => eb.or([eb('p.village_code', 'like', '16.02.%'), eb('p.village_code', 'like', '36.04.%')]))
    .orderBy('o.id')
    .execute();
  const oki = umkm.filter((u) => u.village_code.startsWith('16.02.'));
  const serang = rng('agreements:serang').sample(umkm.filter((u) => u.village_code.startsWith('36.04.')).slice(0, 40), 5);
  const productRows = await db
    .selectFrom('products')
    .select(['id', 'umkm_id', 'supplier_price', 'retail_price'])
    .where(
      'umkm_id',
      'in',
      [...oki, ...serang].map((u) => u.id),
    )
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();

  // Signing needs a user: owners other than the demo login get an account outside @demo.etalase.id (not a
  // printed login) whose stored hash is no argon2 hash, so no password ever matches it.
  const addOwners = async (list: { id: string; owner_name: string }[]) => {
    const owners = list.filter((u) => !users.some((x) => x.organization_id === u.id));
    const ownerUsers = owners.map((u) => ({
      id: id(),
      email: `pemilik-${u.id.slice(0, 8)}@umkm.demo.etalase.id`,
      name: u.owner_name,
      password_hash: '!no-password:demo-owner',
      role: 'umkm' as const,
      title: OWNER_TITLE,
      organization_id: u.id,
    }));
    if (ownerUsers.length) await db.insertInto('users').values(ownerUsers).execute();
    for (const u of ownerUsers) users.push({ id: u.id, email: u.email, name: u.name, title: u.title, organization_id: u.organization_id });
  };
  await addOwners([...oki, ...serang]);

  const pks = (
    u: { id: string; owner_name: string },
    o: {
      gov: string;
      chain: ChainCode;
      startsOn: string;
      endsOn: string;
      outright: boolean;
      paymentTermDays: number;
      period: 'weekly' | 'two_weekly' | 'monthly';
      fees: { name: string; bp: number }[];
      pickupHours: number;
      maxProducts: number;
      submittedAt: string;
      unsignedByUmkm?: boolean;
    },
  ) => {
    o = { ...o, startsOn: cal.d(o.startsOn), endsOn: cal.d(o.endsOn), submittedAt: cal.t(o.submittedAt).toISOString() };
    const mine = productRows.filter((p) => p.umkm_id === u.id).slice(0, o.maxProducts);
    if (mine.length === 0) return;
    const mou = mouIds.get(`${o.gov}:${o.chain}`);
    if (!mou) throw new Error(`demo: no MoU ${o.gov} ${o.chain}`);
    const agreementId = id();
    const versionId = id();
    const gov = govOf(o.gov);
    const chain = chainOf(o.chain);
    const govHead = MOUS.find((m) => m.gov === o.gov)?.head ?? OKI_HEAD;
    const signatories: Signatory[] = [
      { party: 'chain', ...CHAIN_SIGNATORY[o.chain] },
      { party: 'umkm', name: u.owner_name, title: 'Pemilik usaha' },
      ...(mou.witness ? [{ party: 'government' as const, ...govHead }] : []),
    ];
    const signers = [signer('chain', chain)];
    if (!o.unsignedByUmkm) signers.push(signer('umkm', u.id));
    if (mou.witness && !o.unsignedByUmkm) signers.push(signer('government', gov));
    plans.push({
      agreement: {
        id: agreementId,
        kind: 'pks',
        number: numberFor(`PKS/${o.chain.toUpperCase()}/${o.gov}/${o.startsOn.slice(0, 4)}/`, 4),
        government_id: gov,
        chain_id: chain,
        umkm_id: u.id,
        mou_id: mou.id,
        region_code: o.gov,
        province_code: o.gov.slice(0, 2),
        created_by: userOf(chain).id,
      },
      version: {
        id: versionId,
        agreement_id: agreementId,
        version: 1,
        starts_on: o.startsOn,
        ends_on: o.endsOn,
        signatories: JSON.stringify(signatories),
        witness_required: mou.witness,
        trade_model: o.outright ? 'beli_putus' : 'konsinyasi',
        margin_bp: 2000,
        other_fees: JSON.stringify(o.fees),
        payment_term_days: o.paymentTermDays,
        payment_technical_reason: TECHNICAL_REASON[o.outright ? 'beli_putus' : 'konsinyasi'],
        settlement_period: o.period,
        unsold_goods: o.outright ? 'borne_by_chain' : 'returned_to_umkm',
        expired_goods_borne_by: o.outright ? 'chain' : 'umkm',
        perishable_pickup_hours: o.pickupHours,
        return_note: o.outright
          ? 'Barang yang sudah dibeli tidak dapat diretur kecuali cacat produksi.'
          : 'Barang tidak laku ditarik kembali oleh UMKM pada akhir periode penyelesaian.',
        created_by: userOf(chain).id,
      },
      submittedAt: o.submittedAt,
      signers,
      complete: !o.unsignedByUmkm,
    });
    for (const p of mine) {
      const supplier = rupiah(p.supplier_price);
      const fromMargin = shelfPriceFor(supplier, 2000);
      products.push({
        version_id: versionId,
        product_id: p.id,
        supplier_price: supplier,
        shelf_price: p.retail_price >= fromMargin ? p.retail_price : fromMargin,
      });
    }
  };

  for (const u of oki) {
    pks(u, {
      gov: '16.02',
      chain: 'alfamart',
      startsOn: '2026-02-01',
      endsOn: '2027-12-31',
      outright: false,
      paymentTermDays: 30,
      period: 'monthly',
      fees: [{ name: 'Biaya promosi', bp: 200 }],
      pickupHours: 24,
      maxProducts: 10,
      submittedAt: '2026-01-20T01:00:00Z',
    });
  }
  serang.forEach((u, i) => {
    pks(u, {
      gov: '36.04',
      chain: 'indomaret',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      outright: i === 3,
      paymentTermDays: i === 3 ? 7 : 14,
      period: i === 3 ? 'weekly' : 'two_weekly',
      fees: [],
      pickupHours: 12,
      maxProducts: 3,
      submittedAt: '2026-03-20T01:00:00Z',
      unsignedByUmkm: i === 4,
    });
  });

  // Sulawesi Barat (after the others, so their ids and numbers stay as they were): the Pemprov's MoU with
  // Alfamidi, and consignment PKS with Alfamidi for the Polewali Mandar businesses whose products passed
  // Alfamidi's curation there (with a barcode) — the products of the Sulbar market test (markettests.ts).
  addMou(SULBAR_MOU);
  const sulbar = await passedWithAlfamidi(db, chainOf('alfamidi'), SULBAR_PKS_REGENCY, 3);
  await addOwners(sulbar.umkm);
  productRows.push(...sulbar.products);
  for (const u of sulbar.umkm) {
    pks(u, {
      gov: '76',
      chain: 'alfamidi',
      startsOn: '2026-09-15',
      endsOn: '2027-09-14',
      outright: false,
      paymentTermDays: 14,
      period: 'two_weekly',
      fees: [],
      pickupHours: 24,
      maxProducts: 3,
      submittedAt: '2026-09-01T01:00:00Z',
    });
  }

  await db
    .insertInto('agreements')
    .values(plans.map((p) => p.agreement))
    .execute();
  await db
    .insertInto('agreement_versions')
    .values(plans.map((p) => p.version))
    .execute();
  if (products.length) await db.insertInto('agreement_products').values(products).execute();
  if (relaxations.length) await db.insertInto('agreement_relaxations').values(relaxations).execute();

  const signatures: Insertable<AgreementSignaturesTable>[] = [];
  for (const p of plans) {
    const submitted = new Date(p.submittedAt);
    const { pdf, sha256 } = await renderNaskah(db, p.agreement.id as string, 1, submitted);
    const signedAt = (i: number) => new Date(submitted.getTime() + (2 + i) * 86_400_000 + i * 3_600_000);
    p.signers.forEach((s, i) => {
      signatures.push({
        version_id: p.version.id as string,
        party: s.party,
        organization_id: s.organizationId,
        user_id: s.userId,
        signer_name: s.userName,
        signer_title: s.title,
        signer_role: ROLE_OF[s.party],
        signed_at: signedAt(i),
        document_sha256: sha256,
      });
    });
    await db
      .updateTable('agreement_versions')
      .set({
        status: p.complete ? 'signed' : 'in_review',
        document_pdf: pdf,
        document_sha256: sha256,
        submitted_at: submitted,
        signed_at: p.complete ? signedAt(p.signers.length - 1) : null,
      })
      .where('id', '=', p.version.id as string)
      .execute();
  }
  await db.insertInto('agreement_signatures').values(signatures).execute();
  log(`  ${plans.filter((p) => p.agreement.kind === 'mou').length} MoU, ${plans.filter((p) => p.agreement.kind === 'pks').length} PKS`);
}
