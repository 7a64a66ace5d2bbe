// Demo market tests (uji pasar, C6) in OKI, on the operations demo's eight weeks of Alfamart sales: the
// products placed there on the first day of those weeks were placed as market tests of eight weeks, with
// criteria agreed up front. Three are read here, each as the product itself would read it:
// - the terasi maker's (umkm@demo) Terasi Udang Bakar: every criterion met → Alfamart records "lolos" and
//   proposes it for Kota Bengkulu through Alfamart Cabang Bengkulu's distribution centre — across the province
//   border, so the Bengkulu Dinas and the branch must accept (they have not yet);
// - Beras Premium Pulen 2,5 kg of Beras Bu Nurbaiti, held to the rate of sale a 2,5 kg rice bag needs at a
//   minimarket (5 units per store per week): missed → "gagal", delisted, the stock handed back per the PKS;
// - the terasi maker's Terasi Blok Super: the eight weeks are over and Alfamart has not decided yet (the
//   screen shows her today's standing; the chain decides in the browser).
// The other placements stay regular listings. Decisions go through the service at the seeding day.
import { sql } from 'kysely';
import type { Database } from '../db/client.ts';
import type { ChainCode } from '../db/types.ts';
import * as expansion from '../modules/markettests/expansion.service.ts';
import * as svc from '../modules/markettests/markettests.service.ts';
import { actingCtx } from '../platform/auth/actor.ts';
import { addDays } from '../platform/clock.ts';
import type { DemoCalendar } from './calendar.ts';

interface DemoTest {
  chain: ChainCode;
  /** The chain's head-office login that runs the test. */
  login: string;
  /** Where the maker is (a regency code: her district starts with it). */
  area: string;
  /** The product and maker; without them, the product of `area` that sold most per outlet. */
  product?: string;
  umkm?: string;
  decision: 'pass' | 'fail' | null;
  minUnitsPerStoreWeek: number;
  note?: string;
  /** A regency to propose the passed product for (through the branch's distribution centre). */
  expandTo?: string;
}

const TESTS: DemoTest[] = [
  {
    chain: 'alfamart',
    login: 'alfamart@demo.etalase.id',
    area: '16.02',
    product: 'Terasi Udang Bakar Siap Pakai 100 g',
    umkm: 'Terasi Udang Tulung Selapan Bu Rusmini',
    decision: 'pass',
    minUnitsPerStoreWeek: 2,
    expandTo: '17.71',
  },
  {
    chain: 'alfamart',
    login: 'alfamart@demo.etalase.id',
    area: '16.02',
    product: 'Beras Premium Pulen 2,5 kg',
    umkm: 'Beras Bu Nurbaiti',
    decision: 'fail',
    minUnitsPerStoreWeek: 5,
    note: 'Perputaran beras 2,5 kg di gerai uji jauh di bawah kebutuhan rak; dicoba lagi dengan kemasan 1 kg.',
  },
  {
    chain: 'alfamart',
    login: 'alfamart@demo.etalase.id',
    area: '16.02',
    product: 'Terasi Blok Super 500 g',
    umkm: 'Terasi Udang Tulung Selapan Bu Rusmini',
    decision: null,
    minUnitsPerStoreWeek: 2,
  },
  // Sulawesi Barat → Sulawesi Selatan: the Polewali Mandar product that sold best at Alfamidi passes and is
  // proposed for Kota Makassar through Alfamidi Cabang Makassar's distribution centre; the Sulsel Dinas
  // and the branch see the proposal and accept it (or not).
  { chain: 'alfamidi', login: 'alfamidi@demo.etalase.id', area: '76.04', decision: 'pass', minUnitsPerStoreWeek: 2, expandTo: '73.71' },
];

export async function seedMarketTests(db: Database, log: (s: string) => void, cal: DemoCalendar): Promise<void> {
  let n = 0;
  let proposals = 0;
  for (const d of TESTS) {
    const chain = await db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'chain')
      .where('chain_code', '=', d.chain)
      .executeTakeFirst();
    const user = await db.selectFrom('users').select('id').where('email', '=', d.login).executeTakeFirst();
    if (!chain || !user) continue;
    const actor = actingCtx(
      { role: 'retailer', chainId: chain.id, chainCode: d.chain, organizationId: chain.id, userId: user.id },
      cal.now,
    );
    const product = d.product ?? (await bestSeller(db, chain.id, d.area));
    if (!product) continue;
    const rows = (
      await sql<{
        placement_id: string;
        outlet_id: string;
        district_code: string;
        starts_on: string;
        product_id: string;
        umkm_id: string;
        umkm_district: string;
      }>`
        SELECT pl.id AS placement_id, pl.outlet_id, pl.district_code, to_char(pl.starts_on, 'YYYY-MM-DD') AS starts_on, p.id AS product_id,
          p.umkm_id, up.district_code AS umkm_district
        FROM placements pl
        JOIN products p ON p.id = pl.product_id
        JOIN organizations u ON u.id = p.umkm_id
        JOIN umkm_profiles up ON up.organization_id = u.id
        WHERE pl.chain_id = ${chain.id} AND ${d.product ? sql`p.name = ${d.product} AND u.name = ${d.umkm ?? ''}` : sql`p.id = ${product}`}
          AND pl.ends_on IS NULL AND up.district_code LIKE ${`${d.area}.%`}
        ORDER BY pl.outlet_id`.execute(db)
    ).rows;
    const first = rows[0];
    if (!first) continue;
    const pks = (
      await sql<{ id: string }>`
        SELECT a.id FROM agreements a JOIN agreement_versions v ON v.agreement_id = a.id JOIN agreement_products ap ON ap.version_id = v.id
        WHERE a.kind = 'pks' AND a.chain_id = ${chain.id} AND ap.product_id = ${first.product_id} AND v.status = 'signed'
        ORDER BY v.starts_on DESC LIMIT 1`.execute(db)
    ).rows[0];
    if (!pks) continue;
    const test = await db
      .insertInto('market_tests')
      .values({
        chain_id: chain.id,
        branch_id: null,
        umkm_id: first.umkm_id,
        product_id: first.product_id,
        agreement_id: pks.id,
        umkm_district_code: first.umkm_district,
        province_code: first.umkm_district.slice(0, 2),
        starts_on: first.starts_on,
        weeks: 8,
        review_week: 4,
        min_units_per_store_week: d.minUnitsPerStoreWeek,
        min_sell_through_bp: 5000,
        max_loss_bp: 1500,
        min_fill_rate_bp: 8500,
        created_by: user.id,
        created_at: new Date(`${first.starts_on}T02:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of rows) {
      await db.updateTable('placements').set({ market_test_id: test.id }).where('id', '=', r.placement_id).execute();
      await db
        .insertInto('market_test_outlets')
        .values({ test_id: test.id, outlet_id: r.outlet_id, placement_id: r.placement_id, district_code: r.district_code })
        .execute();
    }
    if (d.decision) await svc.decide(db, actor, test.id, { decision: d.decision, note: d.note });
    if (d.expandTo) {
      const groups = (await expansion.expansionOptions(db, actor, test.id)).groups;
      if (groups.some((g) => g.regionCode === d.expandTo && g.withinCapacity > 0)) {
        await expansion.propose(db, actor, test.id, { regionCode: d.expandTo, startsOn: addDays(cal.today, 14) });
        proposals++;
      }
    }
    n++;
  }
  log(`  ${n} uji pasar (Alfamart di OKI: lolos, gagal, menunggu keputusan; Alfamidi di Sulbar: lolos), ${proposals} usulan ekspansi`);
}

/** The product of a maker in `area` that sold most units per outlet at the chain's open placements there. */
async function bestSeller(db: Database, chainId: string, area: string): Promise<string | null> {
  const r = await sql<{ product_id: string }>`
    SELECT s.product_id FROM sales_lines s
    JOIN placements pl ON pl.product_id = s.product_id AND pl.outlet_id = s.outlet_id AND pl.ends_on IS NULL AND pl.market_test_id IS NULL
    JOIN umkm_profiles up ON up.organization_id = s.umkm_id
    WHERE s.chain_id = ${chainId} AND up.district_code LIKE ${`${area}.%`}
    GROUP BY s.product_id
    ORDER BY sum(s.qty)::numeric / count(DISTINCT s.outlet_id) DESC, s.product_id
    LIMIT 1`.execute(db);
  return r.rows[0]?.product_id ?? null;
}
