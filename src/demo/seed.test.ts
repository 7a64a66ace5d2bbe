// The demo data keeps the reports' facts (173 outlets in Kota Bengkulu, 375 UMKM in Kabupaten Serang,
// 14 in OKI over its 18 districts), valid identifiers, plausible places and prices, every demo login,
// and is the same on every fresh database.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../tests/db.ts';
import { createPglite, type Database, type DbHandle, fromPglite } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { ensureRegions } from '../modules/regions/regions.load.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { isInIndonesia, isValidGtin13, isValidPermitNumber, type PermitType } from '../platform/identifiers.ts';
import { DEMO_ANCHOR } from './calendar.ts';
import { HUB_RADIUS_KM, hubDistanceKm, REGENCY_GEO } from './geo.ts';
import { pastAnniversary } from './promotions.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from './seed.ts';

let handle: DbHandle;
let db: Database;
beforeAll(async () => {
  handle = await testDb();
  db = handle.db;
});
afterAll(() => handle.close());

/** The demo on a second, fresh in-memory database, seeded for `today` (the caller closes it). */
async function freshDemo(today?: string): Promise<DbHandle> {
  const fresh = fromPglite(await createPglite());
  await migrate(fresh.db);
  await ensureRegions(fresh.db);
  await seedDemo(fresh.db, { today });
  return fresh;
}

const rows = async <T>(text: string, on: Database = db): Promise<T[]> => (await sql.raw<T>(text).execute(on)).rows;

describe('demo data: the facts from the reports', () => {
  it('puts exactly 98 Indomaret and 75 Alfamart outlets in Kota Bengkulu (17.71)', async () => {
    const counts = await rows<{ chain: string; n: number }>(`
      SELECT c.chain_code AS chain, count(*)::int AS n FROM outlets o JOIN organizations c ON c.id = o.chain_id
      WHERE o.district_code LIKE '17.71.%' GROUP BY 1 ORDER BY 1`);
    expect(counts).toEqual([
      { chain: 'alfamart', n: 75 },
      { chain: 'indomaret', n: 98 },
    ]);
  });

  it('has Indomaret and Alfamidi in Kota Ambon and all three chains in Kabupaten Serang, OKI and Sulbar', async () => {
    const chains = await rows<{ regency: string; chains: string }>(`
      SELECT substr(o.district_code, 1, 5) AS regency, string_agg(DISTINCT c.chain_code, ',' ORDER BY c.chain_code) AS chains
      FROM outlets o JOIN organizations c ON c.id = o.chain_id GROUP BY 1`);
    const of = (r: string) => chains.find((c) => c.regency === r)?.chains;
    expect(of('81.71')).toBe('alfamidi,indomaret');
    expect(of('36.04')).toBe('alfamart,alfamidi,indomaret');
    expect(of('16.02')).toBe('alfamart,indomaret');
    for (const r of ['76.01', '76.02', '76.03', '76.04', '76.05', '76.06']) expect(of(r)).toBeDefined();
  });

  it('has exactly 375 UMKM in Kabupaten Serang, each with 2–3 products, in Pontang and Anyar among others', async () => {
    const [serang] = await rows<{ n: number; bad: number; districts: number }>(`
      WITH u AS (
        SELECT p.organization_id, p.district_code, (SELECT count(*) FROM products x WHERE x.umkm_id = p.organization_id) AS k
        FROM umkm_profiles p JOIN organizations o ON o.id = p.organization_id
        WHERE o.kind = 'umkm' AND p.district_code LIKE '36.04.%')
      SELECT count(*)::int AS n, count(*) FILTER (WHERE k NOT BETWEEN 2 AND 3)::int AS bad,
             count(DISTINCT district_code)::int AS districts FROM u`);
    expect(serang).toEqual({ n: 375, bad: 0, districts: 29 });
    const zones = await rows<{ name: string; n: number }>(`
      SELECT r.name, count(*)::int AS n FROM umkm_profiles p JOIN regions r ON r.code = p.district_code
      WHERE r.parent_code = '36.04' AND r.name IN ('Pontang', 'Anyar') GROUP BY 1 ORDER BY 1`);
    expect(zones.map((z) => z.name)).toEqual(['Anyar', 'Pontang']);
    for (const z of zones) expect(z.n).toBeGreaterThanOrEqual(5);
    // "mostly traditional food, wet and dry"
    const [mix] = await rows<{ wet: number; dry: number }>(`
      SELECT count(*) FILTER (WHERE perishable)::int AS wet, count(*) FILTER (WHERE NOT perishable)::int AS dry
      FROM products WHERE umkm_id IN (SELECT organization_id FROM umkm_profiles WHERE district_code LIKE '36.04.%')`);
    expect(mix?.wet).toBeGreaterThan(100);
    expect(mix?.dry).toBeGreaterThan(mix?.wet ?? 0);
  });

  it('has exactly 14 OKI UMKM spread over its 18 districts, with beras, gula puan, terasi and kemplang', async () => {
    const [districts] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM regions WHERE parent_code = '16.02'`);
    expect(districts?.n).toBe(18);
    const [oki] = await rows<{ n: number; districts: number }>(`
      SELECT count(*)::int AS n, count(DISTINCT district_code)::int AS districts FROM umkm_profiles WHERE district_code LIKE '16.02.%'`);
    expect(oki).toEqual({ n: 14, districts: 14 });
    const names = (
      await rows<{ name: string }>(`SELECT p.name FROM products p JOIN organizations o ON o.id = p.umkm_id WHERE o.region_code = '16.02'`)
    ).map((r) => r.name);
    for (const word of ['Beras', 'Gula Puan', 'Terasi Udang Tulung Selapan', 'Kemplang'])
      expect(names.some((n) => n.includes(word))).toBe(true);
  });

  it('has UMKM in each of the six Sulawesi Barat regencies and in Kota Bengkulu and Kota Ambon', async () => {
    const counts = await rows<{ regency: string; n: number }>(
      `SELECT region_code AS regency, count(*)::int AS n FROM organizations WHERE kind = 'umkm' GROUP BY 1 ORDER BY 1`,
    );
    const of = (r: string) => counts.find((c) => c.regency === r)?.n ?? 0;
    for (const r of ['76.01', '76.02', '76.03', '76.04', '76.05', '76.06']) expect(of(r)).toBeGreaterThanOrEqual(10);
    expect(of('17.71')).toBeGreaterThanOrEqual(10);
    expect(of('81.71')).toBeGreaterThanOrEqual(10);
  });
});

describe('demo data: identifiers and records are valid', () => {
  it('gives ~60% of products a GS1-valid, unique Indonesian GTIN-13', async () => {
    const products = await rows<{ gtin: string | null }>(`SELECT gtin FROM products`);
    const gtins = products.flatMap((p) => (p.gtin ? [p.gtin] : []));
    for (const g of gtins) {
      expect(isValidGtin13(g), g).toBe(true);
      expect(g.startsWith('899'), g).toBe(true);
    }
    expect(new Set(gtins).size).toBe(gtins.length);
    expect(gtins.length / products.length).toBeGreaterThan(0.5);
    expect(gtins.length / products.length).toBeLessThan(0.7);
  });

  it('gives every permit a number valid for its type, and lets about one P-IRT in ten lapse', async () => {
    const permits = await rows<{ type: PermitType; number: string; issued_on: string; expires_on: string | null }>(
      `SELECT type, number, issued_on, expires_on FROM product_permits`,
    );
    expect(permits.length).toBeGreaterThan(500);
    for (const p of permits) {
      expect(isValidPermitNumber(p.type, p.number), `${p.type} ${p.number}`).toBe(true);
      if (p.expires_on) expect(p.expires_on > p.issued_on).toBe(true);
    }
    const pirt = permits.filter((p) => p.type === 'pirt');
    const lapsed = pirt.filter((p) => (p.expires_on as string) < DEMO_ANCHOR).length / pirt.length;
    expect(lapsed).toBeGreaterThan(0.04);
    expect(lapsed).toBeLessThan(0.2);
    expect(permits.some((p) => p.type === 'halal' && p.expires_on === null)).toBe(true);
    expect(permits.some((p) => p.type === 'bpom_md')).toBe(true);
  });

  it('keeps wet food perishable with a shelf life of 2–5 days, dry food 90–365, and a 15–35% margin', async () => {
    const bad = await rows<{ name: string }>(`
      SELECT name FROM products WHERE
        (perishable AND (shelf_life_days NOT BETWEEN 2 AND 5 OR storage = 'frozen'))
        OR (NOT perishable AND (shelf_life_days NOT BETWEEN 90 AND 365 OR storage <> 'ambient'))
        OR retail_price < supplier_price * 1.15 OR retail_price > supplier_price * 1.35 OR supplier_price < 5000`);
    expect(bad).toEqual([]);
  });

  it('gives most UMKM a unique 13-digit NIB and places each in a village of its district', async () => {
    const profiles = await rows<{ nib: string | null; ok: boolean; capacity: number }>(`
      SELECT p.nib, (v.parent_code = p.district_code AND v.level = 'village' AND o.region_code = d.parent_code
                     AND p.province_code = substr(p.district_code, 1, 2)) AS ok, p.weekly_capacity AS capacity
      FROM umkm_profiles p JOIN regions v ON v.code = p.village_code JOIN regions d ON d.code = p.district_code
      JOIN organizations o ON o.id = p.organization_id`);
    expect(profiles.every((p) => p.ok)).toBe(true);
    const nibs = profiles.flatMap((p) => (p.nib ? [p.nib] : []));
    expect(nibs.every((n) => /^\d{13}$/.test(n))).toBe(true);
    expect(new Set(nibs).size).toBe(nibs.length);
    expect(nibs.length / profiles.length).toBeGreaterThan(0.85);
    expect(nibs.length).toBeLessThan(profiles.length);
    expect(profiles.every((p) => p.capacity >= 50 && p.capacity <= 2000)).toBe(true);
  });

  it('gives outlets shelf slots, a branch of their own chain where one exists, and their district’s province', async () => {
    const [o] = await rows<{ n: number; bad: number; branched: number; perishable: number }>(`
      SELECT count(*)::int AS n,
        count(*) FILTER (WHERE o.local_slots NOT BETWEEN 2 AND 8 OR o.province_code <> substr(o.district_code, 1, 2)
                          OR (b.id IS NOT NULL AND b.parent_id <> o.chain_id))::int AS bad,
        count(b.id)::int AS branched, count(*) FILTER (WHERE o.accepts_perishable)::int AS perishable
      FROM outlets o LEFT JOIN organizations b ON b.id = o.branch_id`);
    expect(o?.bad).toBe(0);
    expect(o?.branched).toBeGreaterThan((o?.n ?? 0) * 0.8);
    expect((o?.perishable ?? 0) / (o?.n ?? 1)).toBeGreaterThan(0.25);
    expect((o?.perishable ?? 0) / (o?.n ?? 1)).toBeLessThan(0.5);
  });
});

describe('demo data: places', () => {
  it('puts every outlet and UMKM inside Indonesia and within 40 km of a town of its regency', async () => {
    const points = await rows<{ district: string; lat: number; lon: number }>(`
      SELECT district_code AS district, lat, lon FROM outlets UNION ALL SELECT district_code, lat, lon FROM umkm_profiles`);
    expect(points.length).toBeGreaterThan(900);
    for (const p of points) {
      expect(isInIndonesia(p.lat, p.lon)).toBe(true);
      const km = hubDistanceKm(p.district.slice(0, 5), p.lat, p.lon);
      expect(km, `${p.district} ${p.lat},${p.lon}`).toBeLessThanOrEqual(HUB_RADIUS_KM);
    }
  });

  it('keeps Kota Bengkulu points east of the shoreline', async () => {
    const onLand = REGENCY_GEO['17.71']?.onLand;
    expect(onLand).toBeDefined();
    const points = await rows<{ lat: number; lon: number }>(`
      SELECT lat, lon FROM outlets WHERE district_code LIKE '17.71.%' UNION ALL
      SELECT lat, lon FROM umkm_profiles WHERE district_code LIKE '17.71.%'`);
    for (const p of points) expect(onLand?.(p.lat, p.lon), `${p.lat},${p.lon}`).toBe(true);
  });
});

describe('demo data: accounts', () => {
  it('creates every demo login with the demo password and the right organisation', async () => {
    const users = await rows<{
      email: string;
      role: string;
      kind: string | null;
      region: string | null;
      chain: string | null;
      hash: string;
    }>(`
      SELECT u.email, u.role, o.kind, o.region_code AS region, o.chain_code AS chain, u.password_hash AS hash
      FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.email LIKE '%@demo.etalase.id'`);
    expect(users.map((u) => u.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    const by = (email: string) => users.find((u) => u.email === email);
    for (const a of DEMO_ACCOUNTS) expect(by(a.email)?.role).toBe(a.role);
    expect(by('admin@demo.etalase.id')?.kind).toBeNull();
    expect(by('pemda.bengkulu@demo.etalase.id')).toMatchObject({ kind: 'government', region: '17.71' });
    expect(by('pemda.serang@demo.etalase.id')).toMatchObject({ kind: 'government', region: '36.04' });
    expect(by('pemda.oki@demo.etalase.id')).toMatchObject({ kind: 'government', region: '16.02' });
    expect(by('pemda.ambon@demo.etalase.id')).toMatchObject({ kind: 'government', region: '81.71' });
    expect(by('pemda.sulbar@demo.etalase.id')).toMatchObject({ kind: 'government', region: '76' });
    expect(by('alfamart@demo.etalase.id')).toMatchObject({ kind: 'chain', chain: 'alfamart' });
    expect(by('alfamidi@demo.etalase.id')).toMatchObject({ kind: 'chain', chain: 'alfamidi' });
    expect(by('indomaret@demo.etalase.id')).toMatchObject({ kind: 'chain', chain: 'indomaret' });
    expect(by('alfamart.bengkulu@demo.etalase.id')).toMatchObject({ kind: 'branch', chain: 'alfamart', region: '17.71' });
    expect(by('umkm@demo.etalase.id')?.kind).toBe('umkm');
    expect(by('mentor@demo.etalase.id')?.kind).toBeNull();
    expect(new Set(users.map((u) => u.hash)).size).toBe(1);
    expect(await verifyPassword(users[0]?.hash as string, DEMO_PASSWORD)).toBe(true);
  });

  it('makes the UMKM account a terasi maker in Tulung Selapan with two products, mentored with four other OKI UMKM', async () => {
    const [umkm] = await rows<{ district: string; products: number; name: string }>(`
      SELECT d.name AS district, o.name, (SELECT count(*)::int FROM products x WHERE x.umkm_id = o.id) AS products
      FROM users u JOIN organizations o ON o.id = u.organization_id JOIN umkm_profiles p ON p.organization_id = o.id
      JOIN regions d ON d.code = p.district_code WHERE u.email = 'umkm@demo.etalase.id'`);
    expect(umkm).toMatchObject({ district: 'Tulung Selapan', products: 2 });
    expect(umkm?.name).toMatch(/^Terasi/);
    const assigned = await rows<{ region: string; mine: boolean }>(`
      SELECT o.region_code AS region, o.id = (SELECT organization_id FROM users WHERE email = 'umkm@demo.etalase.id') AS mine
      FROM mentor_assignments m JOIN users u ON u.id = m.mentor_user_id JOIN organizations o ON o.id = m.umkm_id
      WHERE u.email = 'mentor@demo.etalase.id'`);
    expect(assigned).toHaveLength(5);
    expect(assigned.every((a) => a.region === '16.02')).toBe(true);
    expect(assigned.some((a) => a.mine)).toBe(true);
  });
});

describe('demo data: seeding', () => {
  it('is marked as seeded, and seeding again changes nothing', async () => {
    expect(await isSeeded(db)).toBe(true);
    const count = async () =>
      (
        await rows<{ n: number }>(
          `SELECT ((SELECT count(*) FROM organizations) + (SELECT count(*) FROM products) + (SELECT count(*) FROM users))::int AS n`,
        )
      )[0]?.n;
    const before = await count();
    const accounts = await seedDemo(db);
    expect(accounts).toEqual(DEMO_ACCOUNTS);
    expect(await count()).toBe(before);
  });

  it('produces identical data on a second, fresh database', async () => {
    const digest = async (on: Database) =>
      (
        await rows<{ d: string }>(
          `SELECT md5(
            (SELECT string_agg(concat_ws('|', id, kind, name, region_code, parent_id), ',' ORDER BY id) FROM organizations) ||
            (SELECT string_agg(concat_ws('|', chain_id, store_code, name, address, lat, lon, local_slots, accepts_perishable), ',' ORDER BY chain_id, store_code) FROM outlets) ||
            (SELECT string_agg(concat_ws('|', organization_id, nib, owner_name, village_code, lat, lon, weekly_capacity), ',' ORDER BY organization_id) FROM umkm_profiles) ||
            (SELECT string_agg(concat_ws('|', id, umkm_id, name, gtin, supplier_price, retail_price, shelf_life_days), ',' ORDER BY id) FROM products) ||
            (SELECT string_agg(concat_ws('|', id, type, number, issued_on, expires_on), ',' ORDER BY id) FROM product_permits) ||
            (SELECT string_agg(concat_ws('|', email, role, organization_id), ',' ORDER BY email) FROM users) ||
            -- The module demos too: curation outcomes, agreements and placements (their own ids are random).
            (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT concat_ws('|', e.product_id, r.name, ev.outcome, array_to_string(ev.failed, ',')) AS x
              FROM curation_evaluations ev JOIN curation_entries e ON e.id = ev.entry_id JOIN curation_rounds r ON r.id = e.round_id) c) ||
            (SELECT string_agg(concat_ws('|', a.number, v.version, v.status, v.starts_on, v.ends_on), ',' ORDER BY a.number, v.version)
              FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id) ||
            (SELECT string_agg(concat_ws('|', product_id, outlet_id, starts_on, locked), ',' ORDER BY product_id, outlet_id) FROM placements)
          ) AS d`,
          on,
        )
      )[0]?.d;
    // Speed is measured in docs/BENCHMARKS.md, never asserted here.
    const fresh = await freshDemo();
    try {
      const d = await digest(fresh.db);
      expect(d).toMatch(/^[0-9a-f]{32}$/);
      expect(d).toBe(await digest(db));
    } finally {
      await fresh.close();
    }
    // Seeding a whole second demo (eight weeks of operations) takes ~20 s alone, minutes on a loaded machine.
  }, 240_000);
});

describe('demo data: the day it is seeded', () => {
  it('tells the same story on another day: every date moves by the same number of days, outcomes unchanged', async () => {
    const later = '2030-06-15';
    // The story relative to its own day: dates as day offsets, numbers without their year. The HUT season is
    // the one part that keeps to the real calendar (17 March): it is compared relative to its anniversary.
    const story = async (on: Database, today: string) => {
      const hut = pastAnniversary(today);
      return (
        await rows<{ d: string }>(
          `SELECT md5(
            (SELECT string_agg(concat_ws('|', product_id, type, issued_on - DATE '${today}', expires_on - DATE '${today}'), ',' ORDER BY product_id, type, issued_on)
              FROM product_permits) ||
            (SELECT string_agg(x, ',' ORDER BY x) FROM (SELECT concat_ws('|', e.product_id, r.curation_date - DATE '${today}', ev.outcome,
                array_to_string(ev.failed, ',')) AS x
              FROM curation_evaluations ev JOIN curation_entries e ON e.id = ev.entry_id JOIN curation_rounds r ON r.id = e.round_id) c) ||
            (SELECT string_agg(concat_ws('|', regexp_replace(a.number, '/20[0-9][0-9]/', '/'), v.version, v.status,
                v.starts_on - DATE '${today}', v.ends_on - DATE '${today}'), ',' ORDER BY a.number, v.version)
              FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id) ||
            (SELECT string_agg(concat_ws('|', product_id, outlet_id, starts_on - DATE '${today}'), ',' ORDER BY product_id, outlet_id)
              FROM placements WHERE ends_on IS DISTINCT FROM DATE '${hut.clearedOn}') ||
            (SELECT string_agg(concat_ws('|', product_id, outlet_id, starts_on - DATE '${hut.date}', ends_on - DATE '${hut.date}'), ',' ORDER BY product_id, outlet_id)
              FROM placements WHERE ends_on = DATE '${hut.clearedOn}') ||
            (SELECT string_agg(concat_ws('|', sales_date - DATE '${hut.date}', outlet_id, product_id, qty), ',' ORDER BY sales_date, outlet_id, receipt, line)
              FROM sales_lines WHERE sales_date < DATE '${hut.clearedOn}')
          ) AS d`,
          on,
        )
      )[0]?.d;
    };
    const fresh = await freshDemo(later);
    try {
      const [a, b] = [await story(db, DEMO_ANCHOR), await story(fresh.db, later)];
      expect(a).toMatch(/^[0-9a-f]{32}$/);
      expect(b).toBe(a);
      // And on that day the PKS are in force (none has ended, every signed one has started).
      const pks = await rows<{ n: number; live: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE v.starts_on <= DATE '${later}' AND v.ends_on >= DATE '${later}')::int AS live
           FROM agreement_versions v JOIN agreements a ON a.id = v.agreement_id WHERE a.kind = 'pks' AND v.status = 'signed'`,
        fresh.db,
      );
      expect(pks[0]?.n).toBeGreaterThan(10);
      expect(pks[0]?.live).toBe(pks[0]?.n);
    } finally {
      await fresh.close();
    }
    // a whole fresh demo is seeded here, as in the test above
  }, 240_000);
});
