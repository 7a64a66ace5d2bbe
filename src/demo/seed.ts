// Loads the deterministic demo data from the reports (BRIEF "Demo data") into an empty installation:
// reads the districts and villages it needs from `regions`, builds every row in memory (generate.ts)
// and inserts them in one transaction, marked by app_settings 'demo_seeded'.
import type { Database } from '../db/client.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { demoCalendar } from './calendar.ts';
import { type DemoRows, generateDemo, REFERENCED_REGIONS, type RegionIndex, type Village } from './generate.ts';
import { REGENCY_GEO } from './geo.ts';
import { MODULE_SEEDS } from './modules.ts';
import { seedDemoPhotos } from './photos.ts';

export const DEMO_PASSWORD = 'etalase-demo';
/** Bump when the demo data changes shape; stored in app_settings so an old demo database is recognisable. */
export const DEMO_VERSION = 1;

export interface DemoAccount {
  email: string;
  role: string;
  what: string;
}

/** Every demo login, as printed when the demo starts. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@demo.etalase.id', role: 'admin', what: 'Administrator instalasi' },
  { email: 'pemda.bengkulu@demo.etalase.id', role: 'pemda', what: 'Dinas Koperasi dan UKM Kota Bengkulu' },
  { email: 'pemda.serang@demo.etalase.id', role: 'pemda', what: 'Dinas Koperasi, Perdagangan dan Industri Kabupaten Serang' },
  { email: 'pemda.oki@demo.etalase.id', role: 'pemda', what: 'Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir' },
  { email: 'pemda.ambon@demo.etalase.id', role: 'pemda', what: 'Dinas Koperasi dan UKM Kota Ambon' },
  { email: 'pemda.sulbar@demo.etalase.id', role: 'pemda', what: 'Dinas Dagperinkop-UKM Provinsi Sulawesi Barat' },
  {
    email: 'pemda.sulsel@demo.etalase.id',
    role: 'pemda',
    what: 'Dinas Koperasi dan UKM Provinsi Sulawesi Selatan (menyetujui ekspansi produk Sulbar ke Makassar)',
  },
  { email: 'alfamart@demo.etalase.id', role: 'retailer', what: 'Kantor pusat Alfamart (PT Sumber Alfaria Trijaya Tbk)' },
  { email: 'alfamidi@demo.etalase.id', role: 'retailer', what: 'Kantor pusat Alfamidi (PT Midi Utama Indonesia Tbk)' },
  { email: 'indomaret@demo.etalase.id', role: 'retailer', what: 'Kantor pusat Indomaret (PT Indomarco Prismatama)' },
  {
    email: 'alfamart.bengkulu@demo.etalase.id',
    role: 'retailer',
    what: 'Staf cabang Alfamart Bengkulu (hanya gerai, rencana dan penempatan cabangnya)',
  },
  {
    email: 'alfamidi.makassar@demo.etalase.id',
    role: 'retailer',
    what: 'Staf cabang Alfamidi Makassar (gerai Sulbar dan Makassar; usulan ekspansi produk Sulbar ke Makassar)',
  },
  {
    email: 'toko@demo.etalase.id',
    role: 'retailer',
    what: 'Staf satu toko Alfamart di Kota Bengkulu (hanya pesanan, penerimaan, stok dan penjualan tokonya)',
  },
  { email: 'umkm@demo.etalase.id', role: 'umkm', what: 'Pembuat terasi udang di Kecamatan Tulung Selapan, OKI' },
  { email: 'mentor@demo.etalase.id', role: 'mentor', what: 'Pendamping lima UMKM unggulan OKI' },
  {
    email: 'bank@demo.etalase.id',
    role: 'bank',
    what: 'Analis pembiayaan Bank Contoh Daerah (fiktif): hanya rekap yang diajukan UMKM kepadanya',
  },
];

export async function isSeeded(db: Database): Promise<boolean> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
  return Boolean(row);
}

/** Seeds the demo once, for the given day (its story's dates move to that day: calendar.ts); on an already
 *  seeded database it changes nothing and returns the accounts. */
export async function seedDemo(
  db: Database,
  opts: { today?: string; log?: (s: string) => void; filesDir?: string } = {},
): Promise<DemoAccount[]> {
  const log = opts.log ?? (() => {});
  const cal = demoCalendar(opts.today);
  const started = performance.now();
  // Hashed once for all demo users: argon2id is deliberately slow, a dozen hashes would cost a second.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Everything through `trx`: on PGlite there is one connection and the outer handle would deadlock.
  const inserted = await db.transaction().execute(async (trx) => {
    if (await isSeeded(trx)) {
      log('Data demo sudah ada / demo data already present.');
      return false;
    }
    const index = await loadRegionIndex(trx);
    const rows = generateDemo(index, passwordHash, cal);
    await insertAll(trx, rows, log);
    for (const seed of MODULE_SEEDS) await seed(trx, log, cal);
    // Photos are files besides rows: only with a files directory (the CLI's; not the test suite's template).
    if (opts.filesDir) await seedDemoPhotos(trx, log, opts.filesDir);
    await trx
      .insertInto('app_settings')
      .values({ key: 'demo_seeded', value: JSON.stringify({ version: DEMO_VERSION, today: cal.today }) })
      .execute();
    return true;
  });
  if (inserted) log(`Data demo siap / demo data ready in ${Math.round(performance.now() - started)} ms.`);
  return DEMO_ACCOUNTS;
}

/** The districts and villages of the demo regencies, plus a check that every referenced region exists. */
async function loadRegionIndex(db: Database): Promise<RegionIndex> {
  const regencies = Object.keys(REGENCY_GEO);
  const found = await db.selectFrom('regions').select('code').where('code', 'in', REFERENCED_REGIONS).execute();
  const missing = REFERENCED_REGIONS.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) throw new Error(`demo: regions ${missing.join(', ')} are missing — load regions first`);

  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('level', 'in', ['district', 'village'])
    .where((eb) => eb.or(regencies.map((r) => eb('code', 'like', `${r}.%`))))
    .orderBy('code')
    .execute();
  const index: RegionIndex = { districts: new Map(), villages: new Map() };
  for (const r of rows) {
    if (!r.parent_code) continue;
    if (r.level === 'district') {
      const byName = index.districts.get(r.parent_code) ?? new Map<string, string>();
      byName.set(r.name, r.code);
      index.districts.set(r.parent_code, byName);
    } else {
      const list = index.villages.get(r.parent_code) ?? ([] as Village[]);
      list.push({ code: r.code, name: r.name });
      index.villages.set(r.parent_code, list);
    }
  }
  return index;
}

// 500 rows per statement keeps every insert far below PostgreSQL's 65 535 parameters and makes the whole
// seed a few dozen round trips.
const CHUNK = 500;
function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

async function insertAll(trx: Database, rows: DemoRows, log: (s: string) => void): Promise<void> {
  for (const part of chunks(rows.organizations)) await trx.insertInto('organizations').values(part).execute();
  for (const part of chunks(rows.profiles)) await trx.insertInto('umkm_profiles').values(part).execute();
  log(`  ${rows.organizations.length} organisasi / organisations, ${rows.profiles.length} UMKM`);
  for (const part of chunks(rows.outlets)) await trx.insertInto('outlets').values(part).execute();
  log(`  ${rows.outlets.length} gerai / outlets`);
  for (const part of chunks(rows.products)) await trx.insertInto('products').values(part).execute();
  for (const part of chunks(rows.permits)) await trx.insertInto('product_permits').values(part).execute();
  log(`  ${rows.products.length} produk / products, ${rows.permits.length} izin / permits`);
  for (const part of chunks(rows.users)) await trx.insertInto('users').values(part).execute();
  for (const part of chunks(rows.mentorAssignments)) await trx.insertInto('mentor_assignments').values(part).execute();
  log(`  ${rows.users.length} akun demo / demo accounts`);
}
