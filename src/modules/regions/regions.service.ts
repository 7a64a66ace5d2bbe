// Region use cases: list and look up, with the time zone a region's local day is counted in.
import type { Database } from '../../db/client.ts';
import type { RegionsTable } from '../../db/types.ts';
import { notFound } from '../../platform/errors.ts';
import { timeZoneOf } from './regions.rules.ts';
import { findRegion, listRegions, type RegionFilter } from './regions.store.ts';

const view = (r: RegionsTable) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  timeZone: timeZoneOf(r.code),
});

export async function searchRegions(db: Database, f: RegionFilter) {
  const page = await listRegions(db, f);
  return { items: page.items.map(view), total: page.total };
}

export async function getRegion(db: Database, code: string) {
  const r = await findRegion(db, code);
  if (!r) throw notFound({ id: 'Wilayah', en: 'Region' }, 'code');
  return view(r);
}

/** A region code must exist at the expected level (a village for an address, a district for an outlet). */
export async function requireRegion(db: Database, code: string, level: RegionsTable['level'], field: string) {
  const r = await findRegion(db, code);
  if (!r || r.level !== level) {
    const names = { province: 'provinsi', regency: 'kabupaten/kota', district: 'kecamatan', village: 'desa/kelurahan' };
    throw notFound({ id: `Kode ${names[level]} ${code}`, en: `${level} code ${code}` }, field);
  }
  return r;
}
