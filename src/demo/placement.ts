// Demo data for placement planning (C5). The acceptance scenario has Alfamart plan Kota Bengkulu (17.71),
// so Bengkulu needs products with a PKS in force with Alfamart: the agreements demo has the Bengkulu MoU
// but its PKS are in OKI and Serang. Here twelve Bengkulu UMKM get a signed consignment PKS with Alfamart
// under that MoU (2026-01-01 → 2027-12-31, witnessed by the Dinas as the MoU asks; seeded on a day whose calendar
// would start them after the last HUT Kota Bengkulu the operations demo sells at, moved back before it), built exactly like the
// agreements demo builds its own: the naskah rendered by the agreements service, every signature carrying
// its SHA-256. No plan is approved here (the user does that); Indomaret gets a few current placements in
// Kabupaten Serang, from its PKS there, one of them locked. Deterministic: ids from named PRNG streams.
import type { Insertable } from 'kysely';
import type { Database } from '../db/client.ts';
import { shelfPriceFor } from '../modules/agreements/agreements.rules.ts';
import { renderNaskah } from '../modules/agreements/agreements.service.ts';
import type {
  AgreementProductsTable,
  AgreementSignaturesTable,
  AgreementsTable,
  AgreementVersionsTable,
  Signatory,
} from '../modules/agreements/agreements.tables.ts';
import { haversineKm } from '../modules/placement/placement.pairs.ts';
import type { PlacementsTable } from '../modules/placement/placement.tables.ts';
import { rupiah } from '../platform/money.ts';
import { type DemoCalendar, movedBy } from './calendar.ts';
import { rng, uuidFrom } from './prng.ts';
import { bengkuluAgreementShift } from './promotions.ts';

const BENGKULU = '17.71';
const PKS_PERIOD = { startsOn: '2026-01-01', endsOn: '2027-12-31' };
const SUBMITTED = '2025-12-20T02:00:00Z';
const ALFAMART_SIGNER = { name: 'Budi Santoso (demo)', title: 'Manajer Kemitraan UMKM, PT Sumber Alfaria Trijaya Tbk' };
const BENGKULU_HEAD = { name: 'Rina Marlina (demo)', title: 'Kepala Dinas Koperasi dan UKM Kota Bengkulu' };

export async function seedPlacement(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  const pks = await seedBengkuluPks(db, cal);
  const placed = await seedSerangPlacements(db, cal);
  log(`  ${pks} PKS Alfamart di Kota Bengkulu, ${placed} penempatan Indomaret di Kabupaten Serang`);
}

async function seedBengkuluPks(db: Database, cal: DemoCalendar): Promise<number> {
  // Signed and in force before the demo's HUT season: moved back (with their MoU) only when the calendar would
  // start them after it (promotions.ts); they end when they end.
  const signing = movedBy(cal, bengkuluAgreementShift(cal));
  const chain = await db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '=', 'chain')
    .where('chain_code', '=', 'alfamart')
    .executeTakeFirst();
  const mou = chain
    ? await db
        .selectFrom('agreements')
        .select(['id', 'government_id'])
        .where('kind', '=', 'mou')
        .where('chain_id', '=', chain.id)
        .where('region_code', '=', BENGKULU)
        .executeTakeFirst()
    : undefined;
  if (!chain || !mou?.government_id) return 0;
  // The agreements demo may one day hold Bengkulu PKS itself: then it is the source and this adds nothing.
  const existing = await db
    .selectFrom('agreements')
    .select('id')
    .where('kind', '=', 'pks')
    .where('chain_id', '=', chain.id)
    .where('region_code', '=', BENGKULU)
    .executeTakeFirst();
  if (existing) return 0;

  const chainUser = await db
    .selectFrom('users')
    .select(['id', 'name', 'title'])
    .where('email', '=', 'alfamart@demo.etalase.id')
    .executeTakeFirstOrThrow();
  const govUser = await db
    .selectFrom('users')
    .select(['id', 'name', 'title'])
    .where('email', '=', 'pemda.bengkulu@demo.etalase.id')
    .executeTakeFirstOrThrow();
  const umkm = await db
    .selectFrom('organizations as o')
    .innerJoin('umkm_profiles as p', 'p.organization_id', 'o.id')
    .select(['o.id', 'p.owner_name'])
    .where('p.village_code', 'like', `${BENGKULU}.%`)
    .where('o.archived_at', 'is', null)
    .orderBy('o.id')
    .execute();
  const chosen = rng('placement:bengkulu-pks').sample(umkm, 12);
  chosen.sort((a, b) => (a.id < b.id ? -1 : 1));
  const products = await db
    .selectFrom('products')
    .select(['id', 'umkm_id', 'supplier_price', 'retail_price'])
    .where(
      'umkm_id',
      'in',
      chosen.map((u) => u.id),
    )
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();

  const ids = rng('placement:ids');
  const id = () => uuidFrom(ids);

  // Signing needs an account of the owner: one outside @demo.etalase.id that no password matches (as the
  // agreements demo does for its PKS owners).
  const owners = await db
    .selectFrom('users')
    .select(['id', 'name', 'organization_id'])
    .where(
      'organization_id',
      'in',
      chosen.map((u) => u.id),
    )
    .execute();
  const newOwners = chosen
    .filter((u) => !owners.some((o) => o.organization_id === u.id))
    .map((u) => ({
      id: id(),
      email: `pemilik-${u.id.slice(0, 8)}@umkm.demo.etalase.id`,
      name: u.owner_name,
      password_hash: '!no-password:demo-owner',
      role: 'umkm' as const,
      title: 'Pemilik usaha',
      organization_id: u.id,
    }));
  if (newOwners.length) await db.insertInto('users').values(newOwners).execute();
  for (const o of newOwners) owners.push({ id: o.id, name: o.name, organization_id: o.organization_id });

  const agreements: Insertable<AgreementsTable>[] = [];
  const versions: Insertable<AgreementVersionsTable>[] = [];
  const lines: Insertable<AgreementProductsTable>[] = [];
  const signers: { versionId: string; agreementId: string; owner: { id: string; name: string }; umkmId: string }[] = [];
  let n = 100;
  for (const u of chosen) {
    const mine = products.filter((p) => p.umkm_id === u.id).slice(0, 3);
    const owner = owners.find((o) => o.organization_id === u.id);
    if (mine.length === 0 || !owner) continue;
    const agreementId = id();
    const versionId = id();
    n += 1;
    const signatories: Signatory[] = [
      { party: 'chain', ...ALFAMART_SIGNER },
      { party: 'umkm', name: u.owner_name, title: 'Pemilik usaha' },
      { party: 'government', ...BENGKULU_HEAD },
    ];
    agreements.push({
      id: agreementId,
      kind: 'pks',
      number: `PKS/ALFAMART/${BENGKULU}/${signing.d(PKS_PERIOD.startsOn).slice(0, 4)}/${String(n).padStart(4, '0')}`,
      government_id: mou.government_id,
      chain_id: chain.id,
      umkm_id: u.id,
      mou_id: mou.id,
      region_code: BENGKULU,
      province_code: '17',
      created_by: chainUser.id,
    });
    versions.push({
      id: versionId,
      agreement_id: agreementId,
      version: 1,
      starts_on: signing.d(PKS_PERIOD.startsOn),
      ends_on: cal.d(PKS_PERIOD.endsOn),
      signatories: JSON.stringify(signatories),
      witness_required: true,
      trade_model: 'konsinyasi',
      margin_bp: 2000,
      other_fees: JSON.stringify([]),
      payment_term_days: 14,
      // PP 29/2021 Pasal 95(1)(b): not cash, so the technical reason is part of the terms.
      payment_technical_reason:
        'Penjualan per gerai dihitung setelah periode penyelesaian; pembayaran melalui transfer bank setelah Tanda Terima Faktur (TTF) diterbitkan.',
      settlement_period: 'two_weekly',
      unsold_goods: 'returned_to_umkm',
      expired_goods_borne_by: 'umkm',
      perishable_pickup_hours: 24,
      return_note: 'Barang tidak laku ditarik kembali oleh UMKM pada akhir periode penyelesaian.',
      delivery_note: 'Diantar langsung oleh UMKM ke gerai di Kota Bengkulu.',
      created_by: chainUser.id,
    });
    for (const p of mine) {
      const supplier = rupiah(p.supplier_price);
      const fromMargin = shelfPriceFor(supplier, 2000);
      lines.push({
        version_id: versionId,
        product_id: p.id,
        supplier_price: supplier,
        shelf_price: p.retail_price >= fromMargin ? p.retail_price : fromMargin,
      });
    }
    signers.push({ versionId, agreementId, owner, umkmId: u.id });
  }
  if (agreements.length === 0) return 0;
  await db.insertInto('agreements').values(agreements).execute();
  await db.insertInto('agreement_versions').values(versions).execute();
  await db.insertInto('agreement_products').values(lines).execute();

  const signatures: Insertable<AgreementSignaturesTable>[] = [];
  const submitted = signing.t(SUBMITTED);
  const signedAt = (i: number) => new Date(submitted.getTime() + (2 + i) * 86_400_000 + i * 3_600_000);
  for (const s of signers) {
    const { pdf, sha256 } = await renderNaskah(db, s.agreementId, 1, submitted);
    const rows: Insertable<AgreementSignaturesTable>[] = [
      {
        version_id: s.versionId,
        party: 'chain',
        organization_id: chain.id,
        user_id: chainUser.id,
        signer_name: chainUser.name,
        signer_title: chainUser.title ?? ALFAMART_SIGNER.title,
        signer_role: 'retailer',
        signed_at: signedAt(0),
        document_sha256: sha256,
      },
      {
        version_id: s.versionId,
        party: 'umkm',
        organization_id: s.umkmId,
        user_id: s.owner.id,
        signer_name: s.owner.name,
        signer_title: 'Pemilik usaha',
        signer_role: 'umkm',
        signed_at: signedAt(1),
        document_sha256: sha256,
      },
      {
        version_id: s.versionId,
        party: 'government',
        organization_id: mou.government_id,
        user_id: govUser.id,
        signer_name: govUser.name,
        signer_title: govUser.title ?? BENGKULU_HEAD.title,
        signer_role: 'pemda',
        signed_at: signedAt(2),
        document_sha256: sha256,
      },
    ];
    signatures.push(...rows);
    await db
      .updateTable('agreement_versions')
      .set({ status: 'signed', document_pdf: pdf, document_sha256: sha256, submitted_at: submitted, signed_at: signedAt(2) })
      .where('id', '=', s.versionId)
      .execute();
  }
  await db.insertInto('agreement_signatures').values(signatures).execute();
  return agreements.length;
}

/** Indomaret's current placements in Serang: each product of its signed PKS there on the two nearest
 *  Indomaret outlets that can take it, from the PKS's first month; the first one is locked. */
async function seedSerangPlacements(db: Database, cal: DemoCalendar): Promise<number> {
  const firstDay = cal.d('2026-04-06');
  const rows = await db
    .selectFrom('agreements as a')
    .innerJoin('organizations as c', 'c.id', 'a.chain_id')
    .innerJoin('agreement_versions as v', 'v.agreement_id', 'a.id')
    .innerJoin('agreement_products as ap', 'ap.version_id', 'v.id')
    .innerJoin('products as p', 'p.id', 'ap.product_id')
    .innerJoin('umkm_profiles as u', 'u.organization_id', 'a.umkm_id')
    .select(['p.id', 'p.umkm_id', 'p.perishable', 'u.lat', 'u.lon', 'a.chain_id', 'v.starts_on'])
    .where('a.kind', '=', 'pks')
    .where('c.chain_code', '=', 'indomaret')
    .where('a.region_code', '=', '36.04')
    .where('v.status', '=', 'signed')
    .orderBy('p.id')
    .execute();
  if (rows.length === 0) return 0;
  const outlets = await db
    .selectFrom('outlets')
    .select(['id', 'lat', 'lon', 'district_code', 'province_code', 'accepts_perishable', 'local_slots'])
    .where('chain_id', '=', rows[0]!.chain_id)
    .where('district_code', 'like', '36.04.%')
    .where('archived_at', 'is', null)
    .orderBy('store_code')
    .execute();
  const used = new Map<string, number>();
  const ids = rng('placement:serang');
  const placements: Insertable<PlacementsTable>[] = [];
  for (const p of rows) {
    const near = outlets
      .filter((o) => (!p.perishable || o.accepts_perishable) && (used.get(o.id) ?? 0) < o.local_slots)
      .map((o) => ({ o, d: haversineKm(Number(p.lat), Number(p.lon), Number(o.lat), Number(o.lon)) }))
      .sort((a, b) => a.d - b.d || (a.o.id < b.o.id ? -1 : 1))
      .slice(0, 2);
    for (const { o } of near) {
      used.set(o.id, (used.get(o.id) ?? 0) + 1);
      placements.push({
        id: uuidFrom(ids),
        product_id: p.id,
        outlet_id: o.id,
        chain_id: p.chain_id,
        umkm_id: p.umkm_id,
        district_code: o.district_code,
        province_code: o.province_code,
        starts_on: p.starts_on > firstDay ? p.starts_on : firstDay,
        locked: placements.length === 0,
      });
    }
  }
  if (placements.length) await db.insertInto('placements').values(placements).execute();
  return placements.length;
}
