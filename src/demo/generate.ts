// Builds every demo row in memory from the regions table's districts and villages: organisations,
// outlets, UMKM with profiles, products, permits, users and mentor assignments. Pure and deterministic
// (seeded streams; dates of the story moved to the seeding day by the calendar), so seed.ts only has to insert
// what this returns.
import type { Insertable } from 'kysely';
import type {
  ChainCode,
  MentorAssignmentsTable,
  OrganizationsTable,
  OutletsTable,
  ProductPermitsTable,
  ProductsTable,
  Role,
  UmkmProfilesTable,
  UsersTable,
} from '../db/types.ts';
import { CHAINS } from '../modules/registry/registry.rules.ts';
import { gtin13 } from '../platform/identifiers.ts';
import type { DemoCalendar } from './calendar.ts';
import { FAMILIES, type Family, NAMES, type Region, type Variant } from './catalogue.ts';
import { type DistrictGeo, placeInDistrict, REGENCY_GEO, type RegencyGeo } from './geo.ts';
import { apportion, type Rng, rng, uuidFrom } from './prng.ts';

export interface Village {
  code: string;
  name: string;
}

/** What the generator needs from `regions`. */
export interface RegionIndex {
  /** regency code → district name → district code */
  districts: Map<string, Map<string, string>>;
  /** district code → its villages, ordered by code */
  villages: Map<string, Village[]>;
}

export interface DemoRows {
  organizations: Insertable<OrganizationsTable>[];
  profiles: Insertable<UmkmProfilesTable>[];
  outlets: Insertable<OutletsTable>[];
  products: Insertable<ProductsTable>[];
  permits: Insertable<ProductPermitsTable>[];
  users: Insertable<UsersTable>[];
  mentorAssignments: Insertable<MentorAssignmentsTable>[];
}

// ---- Fixed parties ---------------------------------------------------------------------------------

interface GovSpec {
  key: string;
  name: string;
  dinas: string;
  region: string;
}

export const GOVERNMENTS: GovSpec[] = [
  { key: 'bengkulu', name: 'Pemerintah Kota Bengkulu', dinas: 'Dinas Koperasi dan UKM Kota Bengkulu', region: '17.71' },
  {
    key: 'serang',
    name: 'Pemerintah Kabupaten Serang',
    dinas: 'Dinas Koperasi, Perdagangan dan Industri Kabupaten Serang',
    region: '36.04',
  },
  {
    key: 'oki',
    name: 'Pemerintah Kabupaten Ogan Komering Ilir',
    dinas: 'Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir',
    region: '16.02',
  },
  { key: 'ambon', name: 'Pemerintah Kota Ambon', dinas: 'Dinas Koperasi dan UKM Kota Ambon', region: '81.71' },
  {
    key: 'sulbar',
    name: 'Pemerintah Provinsi Sulawesi Barat',
    dinas: 'Dinas Perdagangan, Perindustrian, Koperasi dan UKM Provinsi Sulawesi Barat',
    region: '76',
  },
];

/** Sulawesi Selatan's Dinas, with which Sulbar's builds cross-province marketing (the Sulbar report). */
export const SULSEL: GovSpec = {
  key: 'sulsel',
  name: 'Pemerintah Provinsi Sulawesi Selatan',
  dinas: 'Dinas Koperasi dan UKM Provinsi Sulawesi Selatan',
  region: '73',
};

interface BranchSpec {
  key: string;
  chain: ChainCode;
  city: string;
  region: string;
}

// Branch offices (cabang) that run the demo's outlets; Kota Palembang, Makassar and Serang host the
// branches serving OKI, Sulawesi Barat and Kabupaten Serang.
export const BRANCHES: BranchSpec[] = [
  { key: 'alfamart-bengkulu', chain: 'alfamart', city: 'Bengkulu', region: '17.71' },
  { key: 'alfamart-palembang', chain: 'alfamart', city: 'Palembang', region: '16.71' },
  { key: 'alfamart-serang', chain: 'alfamart', city: 'Serang', region: '36.73' },
  { key: 'alfamidi-makassar', chain: 'alfamidi', city: 'Makassar', region: '73.71' },
  { key: 'alfamidi-ambon', chain: 'alfamidi', city: 'Ambon', region: '81.71' },
  { key: 'indomaret-bengkulu', chain: 'indomaret', city: 'Bengkulu', region: '17.71' },
  { key: 'indomaret-serang', chain: 'indomaret', city: 'Serang', region: '36.73' },
  { key: 'indomaret-palembang', chain: 'indomaret', city: 'Palembang', region: '16.71' },
  { key: 'indomaret-makassar', chain: 'indomaret', city: 'Makassar', region: '73.71' },
  { key: 'indomaret-ambon', chain: 'indomaret', city: 'Ambon', region: '81.71' },
];

const BANKS: { name: string; legal: string; region: string | null }[] = [
  { name: 'Bank Bengkulu', legal: 'PT Bank Pembangunan Daerah Bengkulu', region: '17' },
  { name: 'Bank BJB', legal: 'PT Bank Pembangunan Daerah Jawa Barat dan Banten Tbk', region: '32' },
  { name: 'Bank Sumsel Babel', legal: 'PT Bank Pembangunan Daerah Sumatera Selatan dan Bangka Belitung', region: '16' },
  { name: 'Bank Syariah Indonesia', legal: 'PT Bank Syariah Indonesia Tbk', region: null },
];

/** Region codes outside the demo regencies that organisations point at; the seed checks they exist. */
export const REFERENCED_REGIONS = [
  ...new Set([
    ...[...GOVERNMENTS, SULSEL].map((g) => g.region),
    ...BRANCHES.map((b) => b.region),
    ...BANKS.flatMap((b) => (b.region ? [b.region] : [])),
  ]),
];

// ---- Outlets ---------------------------------------------------------------------------------------

interface OutletPlan {
  regencies: { code: string; weight: number }[];
  chain: ChainCode;
  count: number;
  branch: string | null;
  perishableShare: number;
}

const SULBAR: { code: string; weight: number }[] = [
  { code: '76.01', weight: 3 },
  { code: '76.02', weight: 6 },
  { code: '76.03', weight: 1.5 },
  { code: '76.04', weight: 6 },
  { code: '76.05', weight: 3 },
  { code: '76.06', weight: 2 },
];
const only = (code: string) => [{ code, weight: 1 }];

// Indomaret "accepts wet food, but of really high quality" (Serang): more of its outlets take it.
const OUTLET_PLANS: OutletPlan[] = [
  { regencies: only('17.71'), chain: 'indomaret', count: 98, branch: 'indomaret-bengkulu', perishableShare: 0.45 },
  { regencies: only('17.71'), chain: 'alfamart', count: 75, branch: 'alfamart-bengkulu', perishableShare: 0.3 },
  { regencies: only('81.71'), chain: 'indomaret', count: 25, branch: 'indomaret-ambon', perishableShare: 0.45 },
  { regencies: only('81.71'), chain: 'alfamidi', count: 20, branch: 'alfamidi-ambon', perishableShare: 0.35 },
  { regencies: only('36.04'), chain: 'indomaret', count: 60, branch: 'indomaret-serang', perishableShare: 0.45 },
  { regencies: only('36.04'), chain: 'alfamart', count: 50, branch: 'alfamart-serang', perishableShare: 0.3 },
  { regencies: only('36.04'), chain: 'alfamidi', count: 8, branch: null, perishableShare: 0.35 },
  { regencies: only('16.02'), chain: 'alfamart', count: 20, branch: 'alfamart-palembang', perishableShare: 0.3 },
  { regencies: only('16.02'), chain: 'indomaret', count: 12, branch: 'indomaret-palembang', perishableShare: 0.45 },
  { regencies: SULBAR, chain: 'alfamidi', count: 28, branch: 'alfamidi-makassar', perishableShare: 0.35 },
  { regencies: SULBAR, chain: 'alfamart', count: 12, branch: null, perishableShare: 0.3 },
  { regencies: SULBAR, chain: 'indomaret', count: 20, branch: 'indomaret-makassar', perishableShare: 0.45 },
];

/** Alfamidi in Kota Makassar, run by its Makassar branch (the branch that also serves Sulawesi Barat). */
const MAKASSAR_OUTLETS: OutletPlan = {
  regencies: only('73.71'),
  chain: 'alfamidi',
  count: 24,
  branch: 'alfamidi-makassar',
  perishableShare: 0.35,
};

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Store codes in each chain's own style: Indomaret 'T' + 4, Alfamidi 'Z' + 3, Alfamart a letter + 3. */
function storeCode(r: Rng, chain: ChainCode): string {
  const tail = (n: number) => Array.from({ length: n }, () => r.pick([...ALNUM])).join('');
  if (chain === 'indomaret') return `T${tail(4)}`;
  if (chain === 'alfamidi') return `Z${tail(3)}`;
  return `${r.pick([...LETTERS])}${tail(3)}`;
}

// ---- UMKM ------------------------------------------------------------------------------------------

interface UmkmPlan {
  region: Region;
  regency: string;
  count: number;
}

const UMKM_PLANS: UmkmPlan[] = [
  { region: 'serang', regency: '36.04', count: 375 },
  { region: 'bengkulu', regency: '17.71', count: 20 },
  { region: 'ambon', regency: '81.71', count: 15 },
  { region: 'sulbar', regency: '76.01', count: 12 },
  { region: 'sulbar', regency: '76.02', count: 18 },
  { region: 'sulbar', regency: '76.03', count: 14 },
  { region: 'sulbar', regency: '76.04', count: 18 },
  { region: 'sulbar', regency: '76.05', count: 14 },
  { region: 'sulbar', regency: '76.06', count: 10 },
];

/** OKI's 14 selected UMKM, placed by hand: terasi on the coast, gula puan from the buffalo swamps of
 *  Pampangan, rice from the Lempuing/Mesuji plains, kemplang around Kayuagung. The first one is the demo
 *  UMKM account and the first five are the demo mentor's. */
const OKI_UMKM: { family: string; district: string }[] = [
  { family: 'Terasi Udang Tulung Selapan', district: 'Tulung Selapan' },
  { family: 'Gula Puan', district: 'Pampangan' },
  { family: 'Kerupuk Kemplang', district: 'Kayu Agung' },
  { family: 'Beras', district: 'Lempuing' },
  { family: 'Terasi Udang Tulung Selapan', district: 'Cengal' },
  { family: 'Beras', district: 'Mesuji Makmur' },
  { family: 'Beras', district: 'Lempuing Jaya' },
  { family: 'Gula Puan', district: 'Pangkalan Lampam' },
  { family: 'Kerupuk Kemplang', district: 'Sirah Pulau Padang' },
  { family: 'Kerupuk Kemplang', district: 'Tanjung Lubuk' },
  { family: 'Bumbu Pindang', district: 'Pedamaran' },
  { family: 'Ikan Salai', district: 'Air Sugihan' },
  { family: 'Kopi', district: 'Teluk Gelam' },
  { family: 'Beras', district: 'Mesuji' },
];

/** The demo UMKM account's business (a terasi maker in Kecamatan Tulung Selapan). */
export const DEMO_UMKM = { name: 'Terasi Udang Tulung Selapan Bu Rusmini', owner: 'Rusmini Hasan' };

const MOBILE_PREFIXES = ['0812', '0813', '0821', '0822', '0852', '0853', '0857', '0877', '0878', '0881', '0895', '0896'];

// ---- Dates -----------------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A date between two months (inclusive), day 1–28 so adding whole years never meets a 29 February. */
function dateBetween(r: Rng, fromYear: number, fromMonth: number, toYear: number, toMonth: number): string {
  const m = r.int(fromYear * 12 + fromMonth - 1, toYear * 12 + toMonth - 1);
  return `${Math.floor(m / 12)}-${pad((m % 12) + 1)}-${pad(r.int(1, 28))}`;
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

// ---- The generator ---------------------------------------------------------------------------------

export function generateDemo(index: RegionIndex, passwordHash: string, cal: DemoCalendar): DemoRows {
  const ids = rng('ids');
  const id = () => uuidFrom(ids);
  const rows: DemoRows = { organizations: [], profiles: [], outlets: [], products: [], permits: [], users: [], mentorAssignments: [] };

  const districtCode = (regency: string, name: string): string => {
    const code = index.districts.get(regency)?.get(name);
    if (!code) throw new Error(`demo: district "${name}" not found under ${regency} in regions`);
    return code;
  };
  const villagesOf = (district: string): Village[] => {
    const list = index.villages.get(district);
    if (!list?.length) throw new Error(`demo: district ${district} has no villages in regions`);
    return list;
  };
  const geoOf = (regency: string): RegencyGeo => {
    const geo = REGENCY_GEO[regency];
    if (!geo) throw new Error(`demo: no geography for ${regency}`);
    return geo;
  };
  const street = (r: Rng, geo: RegencyGeo, dname: string, v: Village) =>
    r.pick(geo.streets).replace('{district}', dname).replace('{village}', v.name);
  // Kemendagri village codes starting with 1 are kelurahan (urban), with 2 desa (rural).
  const villageLabel = (v: Village) => (v.code.slice(-4).startsWith('1') ? `Kel. ${v.name}` : `Desa ${v.name}`);

  // Governments, chains, branches, banks.
  const govId = new Map<string, string>();
  for (const g of GOVERNMENTS) {
    const gid = id();
    govId.set(g.key, gid);
    rows.organizations.push({
      id: gid,
      kind: 'government',
      name: g.name,
      legal_name: g.dinas,
      chain_code: null,
      parent_id: null,
      region_code: g.region,
      province_code: g.region.slice(0, 2),
    });
  }
  const chainId = new Map<ChainCode, string>();
  for (const code of ['alfamart', 'alfamidi', 'indomaret'] as const) {
    const cid = id();
    chainId.set(code, cid);
    rows.organizations.push({
      id: cid,
      kind: 'chain',
      name: CHAINS[code].name,
      legal_name: CHAINS[code].legalName,
      chain_code: code,
      parent_id: null,
      region_code: null,
      province_code: null,
    });
  }
  const branchId = new Map<string, string>();
  for (const b of BRANCHES) {
    const bid = id();
    branchId.set(b.key, bid);
    rows.organizations.push({
      id: bid,
      kind: 'branch',
      name: `${CHAINS[b.chain].name} Cabang ${b.city}`,
      legal_name: `${CHAINS[b.chain].legalName} Cabang ${b.city}`,
      chain_code: b.chain,
      parent_id: chainId.get(b.chain) as string,
      region_code: b.region,
      province_code: b.region.slice(0, 2),
    });
  }
  for (const b of BANKS) {
    rows.organizations.push({
      id: id(),
      kind: 'bank',
      name: b.name,
      legal_name: b.legal,
      chain_code: null,
      parent_id: null,
      region_code: b.region,
      province_code: b.region?.slice(0, 2) ?? null,
    });
  }

  // Outlets: exact counts per regency, split over districts by weight (largest remainder).
  const or = rng('outlets');
  const codes = rng('store-codes');
  const usedCodes = new Map<ChainCode, Set<string>>();
  const usedNames = new Map<string, number>();
  const addOutlets = (plan: OutletPlan) => {
    const perRegency = apportion(
      plan.count,
      plan.regencies.map((x) => x.weight),
    );
    plan.regencies.forEach(({ code: regency }, ri) => {
      const geo = geoOf(regency);
      const names = Object.keys(geo.districts);
      const perDistrict = apportion(
        perRegency[ri] as number,
        names.map((n) => (geo.districts[n] as DistrictGeo).weight),
      );
      names.forEach((dname, di) => {
        const dgeo = geo.districts[dname] as DistrictGeo;
        const dcode = districtCode(regency, dname);
        for (let k = 0; k < (perDistrict[di] as number); k++) {
          const used = usedCodes.get(plan.chain) ?? new Set<string>();
          usedCodes.set(plan.chain, used);
          let sc = storeCode(codes, plan.chain);
          while (used.has(sc)) sc = storeCode(codes, plan.chain);
          used.add(sc);
          const village = or.pick(villagesOf(dcode));
          const base = `${CHAINS[plan.chain].name} ${village.name}`;
          const seen = (usedNames.get(base) ?? 0) + 1;
          usedNames.set(base, seen);
          const { lat, lon } = placeInDistrict(or, geo, dgeo);
          rows.outlets.push({
            id: id(),
            chain_id: chainId.get(plan.chain) as string,
            branch_id: plan.branch ? (branchId.get(plan.branch) as string) : null,
            store_code: sc,
            name: seen === 1 ? base : `${base} ${seen}`,
            address: `${street(or, geo, dname, village)} No. ${or.int(1, 250)}, ${villageLabel(village)}, Kec. ${dname}`,
            district_code: dcode,
            province_code: dcode.slice(0, 2),
            lat,
            lon,
            local_slots: or.int(2, 8),
            accepts_perishable: or.chance(plan.perishableShare),
          });
        }
      });
    });
  };
  for (const plan of OUTLET_PLANS) addOutlets(plan);

  // UMKM, their products and permits.
  const usedNib = new Set<string>();
  const usedCompany = new Set<string>();
  const usedUmkmNames = new Set<string>();
  let permitSeq = 0;
  const umkmIds: { oki: string[] } = { oki: [] };

  const addUmkm = (
    r: Rng,
    region: Region,
    regency: string,
    dname: string,
    family: Family,
    fixed?: { name: string; owner: string; products: number },
  ): string => {
    const geo = geoOf(regency);
    const dgeo = geo.districts[dname];
    if (!dgeo) throw new Error(`demo: no geography for ${dname} in ${regency}`);
    const dcode = districtCode(regency, dname);
    const village = r.pick(villagesOf(dcode));
    const book = NAMES[region];
    const female = r.chance(0.65);
    const first = r.pick(female ? book.female : book.male);
    const owner = fixed?.owner ?? `${first} ${r.pick((female && book.femaleSecond) || book.second)}`;
    let name =
      fixed?.name ?? (r.chance(0.7) ? `${family.label} ${female ? 'Bu' : 'Pak'} ${first}` : `${family.label} ${r.pick(book.brands)}`);
    if (usedUmkmNames.has(name)) name = `${name} ${dname}`;
    for (let n = 2; usedUmkmNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    usedUmkmNames.add(name);

    let nib: string | null = null;
    if (fixed || r.chance(0.93)) {
      do nib = `9120${pad(r.int(0, 999_999_999), 9)}`;
      while (usedNib.has(nib));
      usedNib.add(nib);
    }
    const { lat, lon } = placeInDistrict(r, geo, dgeo);
    const urban = village.code.slice(-4).startsWith('1');
    const umkmId = id();
    const province = regency.slice(0, 2);
    rows.organizations.push({
      id: umkmId,
      kind: 'umkm',
      name,
      legal_name: null,
      chain_code: null,
      parent_id: null,
      region_code: regency,
      province_code: province,
    });
    rows.profiles.push({
      organization_id: umkmId,
      nib,
      owner_name: owner,
      phone: r.chance(0.9) ? `${r.pick(MOBILE_PREFIXES)}${pad(r.int(0, 99_999_999), 8)}` : null,
      address: urban
        ? `${street(r, geo, dname, village)} No. ${r.int(1, 120)}, ${villageLabel(village)}, Kec. ${dname}`
        : `RT ${pad(r.int(1, 12), 3)}/RW ${pad(r.int(1, 6), 3)}, ${villageLabel(village)}, Kec. ${dname}`,
      village_code: village.code,
      district_code: dcode,
      province_code: province,
      lat,
      lon,
      weekly_capacity: (family.wet ? r.int(5, 40) : r.int(10, 200)) * 10,
    });

    // Products: 2–3 variants of the family; GTIN under one company prefix per business.
    const variants = r.sample(family.variants, fixed?.products ?? r.int(2, 3));
    let company: string | null = null;
    let item = r.int(1, 50);
    for (const variant of variants) {
      const productId = id();
      let gtin: string | null = null;
      if (r.chance(family.wet ? 0.4 : 0.7)) {
        if (!company) {
          do company = pad(r.int(10_000, 99_999), 5);
          while (usedCompany.has(company));
          usedCompany.add(company);
        }
        gtin = gtin13(`899${company}${pad(item++, 4)}`);
      }
      const retail = Math.round(r.int(variant.retail[0], variant.retail[1]) / 500) * 500;
      // Margin 17–33 % of the supplier price, so rounding to Rp100 keeps it inside 15–35 %.
      const supplier = Math.round(retail / (1.17 + r.next() * 0.16) / 100) * 100;
      rows.products.push({
        id: productId,
        umkm_id: umkmId,
        province_code: province,
        name: productName(variant),
        category: family.category,
        gtin,
        net_content: variant.net[0],
        net_unit: variant.net[1],
        supplier_price: BigInt(supplier),
        retail_price: BigInt(retail),
        shelf_life_days: shelfLife(r, family),
        storage: family.storage,
        perishable: family.wet,
      });
      addPermits(r, productId, family, regency);
    }
    return umkmId;
  };

  const addPermits = (r: Rng, productId: string, family: Family, regency: string) => {
    if (!family.food) return;
    const regency4 = regency.replace('.', '');
    // Drawn in the story's dates (relative to DEMO_ANCHOR), stored moved to the seeding day.
    const permit = (type: ProductPermitsTable['type'], number: string, issued: string, expires: string | null) =>
      rows.permits.push({
        id: id(),
        product_id: productId,
        type,
        number,
        issued_on: cal.d(issued),
        expires_on: expires && cal.d(expires),
        scan_sha256: null,
      });
    // P-IRT is for home-industry food that keeps more than 7 days: wet food has none.
    if (!family.wet) {
      const x = r.next();
      if (x < 0.12) {
        const issued = dateBetween(r, 2020, 1, 2025, 12);
        permit('bpom_md', `MD2${r.int(1, 9)}${regency4}${pad(++permitSeq, 6)}`, issued, addYears(issued, 5));
      } else if (x < 0.88) {
        // About one in ten lapsed before the demo's today (P-IRT is valid five years).
        const issued = r.chance(0.1) ? dateBetween(r, 2019, 1, 2021, 10) : dateBetween(r, 2021, 12, 2026, 6);
        const expires = addYears(issued, 5);
        // 1 packaging + 2 food type + 4 regency + 4 product + 2 producer + 2 expiry year = 15 digits.
        const number = `${r.int(1, 5)}${pad(r.int(1, 16))}${regency4}${pad(++permitSeq % 10_000, 4)}${pad(r.int(1, 99))}${cal.d(expires).slice(2, 4)}`;
        permit('pirt', number, issued, expires);
      }
    }
    if (r.chance(0.5)) {
      // BPJPH: ID + province + scheme + serial + month and year of issue = ID + 17 digits. Certificates
      // issued under the 2021 rules do not expire while the recipe is unchanged; older ones ran 4 years.
      const issued = dateBetween(r, 2022, 1, 2025, 12);
      const number = `ID${regency.slice(0, 2)}110${pad(++permitSeq, 8)}${cal.d(issued).slice(5, 7)}${cal.d(issued).slice(2, 4)}`;
      permit('halal', number, issued, r.chance(0.5) ? null : addYears(issued, 4));
    }
  };

  // Kabupaten Serang (375), Bengkulu, Ambon, the six Sulbar regencies: districts by weight, family by
  // weight (×3 where it is a local speciality).
  for (const plan of UMKM_PLANS) {
    const r = rng(`umkm:${plan.regency}`);
    const geo = geoOf(plan.regency);
    const names = Object.keys(geo.districts);
    const perDistrict = apportion(
      plan.count,
      names.map((n) => (geo.districts[n] as DistrictGeo).weight),
    );
    const families = FAMILIES[plan.region].filter((f) => !f.regencies || f.regencies.includes(plan.regency));
    names.forEach((dname, di) => {
      const weights = families.map((f) => f.weight * (f.boost?.includes(dname) ? 3 : 1));
      for (let k = 0; k < (perDistrict[di] as number); k++)
        addUmkm(r, plan.region, plan.regency, dname, families[r.weighted(weights)] as Family);
    });
  }

  // OKI's 14, by hand; the first is the demo UMKM account with exactly two products.
  const okiRng = rng('umkm:16.02');
  OKI_UMKM.forEach((u, i) => {
    const family = FAMILIES.oki.find((f) => f.label === u.family);
    if (!family) throw new Error(`demo: no OKI family ${u.family}`);
    const fixed = i === 0 ? { ...DEMO_UMKM, products: 2 } : undefined;
    umkmIds.oki.push(addUmkm(okiRng, 'oki', '16.02', u.district, family, fixed));
  });

  // Users: one per role (and per demo government/chain); one password hash for all.
  const gov = (key: string) => govId.get(key) as string;
  const user = (email: string, name: string, role: Role, organizationId: string | null) => {
    const uid = id();
    rows.users.push({ id: uid, email, name, password_hash: passwordHash, role, organization_id: organizationId });
    return uid;
  };
  user('admin@demo.etalase.id', 'Admin Etalase (demo)', 'admin', null);
  user('pemda.bengkulu@demo.etalase.id', 'Staf Dinas Koperasi dan UKM Kota Bengkulu', 'pemda', gov('bengkulu'));
  user('pemda.serang@demo.etalase.id', 'Staf Diskoperindag Kabupaten Serang', 'pemda', gov('serang'));
  user('pemda.oki@demo.etalase.id', 'Staf Dinas Koperasi dan UKM Kabupaten OKI', 'pemda', gov('oki'));
  user('pemda.ambon@demo.etalase.id', 'Staf Dinas Koperasi dan UKM Kota Ambon', 'pemda', gov('ambon'));
  user('pemda.sulbar@demo.etalase.id', 'Staf Dinas Dagperinkop-UKM Sulawesi Barat', 'pemda', gov('sulbar'));
  user('alfamart@demo.etalase.id', 'Tim Kemitraan UMKM Alfamart', 'retailer', chainId.get('alfamart') as string);
  user('alfamidi@demo.etalase.id', 'Tim Kemitraan UMKM Alfamidi', 'retailer', chainId.get('alfamidi') as string);
  user('indomaret@demo.etalase.id', 'Tim Kemitraan UMKM Indomaret', 'retailer', chainId.get('indomaret') as string);
  user('umkm@demo.etalase.id', DEMO_UMKM.owner, 'umkm', umkmIds.oki[0] as string);
  const mentor = user('mentor@demo.etalase.id', 'Pendamping UMKM OKI (demo)', 'mentor', null);
  for (const umkmId of umkmIds.oki.slice(0, 5)) rows.mentorAssignments.push({ mentor_user_id: mentor, umkm_id: umkmId });
  // Branch staff (last, so every earlier id stays as it was): sees only its branch's outlets, plans, placements.
  user('alfamart.bengkulu@demo.etalase.id', 'Staf Alfamart Cabang Bengkulu', 'retailer', branchId.get('alfamart-bengkulu') as string);
  // Added later, after every earlier row (so their ids stay as they were): Alfamidi's outlets in Kota Makassar,
  // where the Sulawesi Barat products expand to, and the Sulawesi Selatan Dinas that accepts such an expansion.
  addOutlets(MAKASSAR_OUTLETS);
  const sulsel = id();
  rows.organizations.push({
    id: sulsel,
    kind: 'government',
    name: SULSEL.name,
    legal_name: SULSEL.dinas,
    chain_code: null,
    parent_id: null,
    region_code: SULSEL.region,
    province_code: SULSEL.region,
  });
  user('pemda.sulsel@demo.etalase.id', 'Staf Dinas Koperasi dan UKM Sulawesi Selatan', 'pemda', sulsel);
  user('alfamidi.makassar@demo.etalase.id', 'Staf Alfamidi Cabang Makassar', 'retailer', branchId.get('alfamidi-makassar') as string);

  return rows;
}

/** "Emping Melinjo Original 250 g", "Beras Premium Pulen 2,5 kg", "Kue Jojorong Pandan isi 6". */
function productName(variant: Variant): string {
  const [amount, unit] = variant.net;
  if (unit === 'pcs') return amount === 1 ? variant.name : `${variant.name} isi ${amount}`;
  return `${variant.name} ${String(amount).replace('.', ',')} ${unit}`;
}

const DRY_SHELF_DAYS = [90, 120, 150, 180, 240, 270, 365];

function shelfLife(r: Rng, family: Family): number {
  if (family.wet) return r.int(family.shelf[0], family.shelf[1]);
  const options = DRY_SHELF_DAYS.filter((x) => x >= family.shelf[0] && x <= family.shelf[1]);
  return options.length ? r.pick(options) : family.shelf[0];
}
