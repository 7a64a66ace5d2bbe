// Where a passed product could go next: ranked by how near the new outlets are to the test (its zone, the
// province, other provinces), reachable directly or through a distribution centre, within the maker's capacity.
import { describe, expect, it } from 'vitest';
import { type CandidateOutlet, expansionCandidates, needsGovernment, spareCapacity, WAVE_OUTLETS } from './expansion.rules.ts';

const o = (id: string, districtCode: string, distanceKm: number, over: Partial<CandidateOutlet> = {}): CandidateOutlet => ({
  id,
  districtCode,
  distanceKm,
  branchId: 'b-1',
  freeSlots: 2,
  ...over,
});
const base = {
  rate: 5,
  weeklyCapacity: 100,
  currentOutlets: 3,
  makerProvince: '16',
  testRegencies: new Set(['16.02']),
  radiusKm: 30,
};

describe('expansion candidates', () => {
  it('ranks the test’s zone, then the province, then other provinces; direct before a distribution centre', () => {
    const r = expansionCandidates({
      ...base,
      outlets: [
        o('far', '17.71.01', 300),
        o('dc-zone', '16.02.05', 60),
        o('zone', '16.02.01', 12),
        o('prov', '16.10.02', 25),
        o('none', '36.04.01', 500, { branchId: null }),
      ],
    });
    expect(r.groups.map((g) => [g.regionCode, g.tier, g.route])).toEqual([
      ['16.02', 'zone', 'direct'],
      ['16.02', 'zone', 'distribution_centre'],
      ['16.10', 'province', 'direct'],
      ['17.71', 'other_province', 'distribution_centre'],
    ]);
    // beyond the radius with no branch to carry it: not reachable
    expect(r.unreachable).toBe(1);
    expect(r.groups[0]?.reason.id).toContain('dikirim langsung oleh UMKM');
  });

  it('takes only as many outlets as the maker’s spare capacity covers, in rank order', () => {
    // 100 a week, 3 outlets at 5 already: 85 spare → 17 outlets at 5
    expect(spareCapacity(base)).toBe(85);
    const many = Array.from({ length: 12 }, (_, i) => o(`z${i}`, '16.02.01', i + 1));
    const more = Array.from({ length: 12 }, (_, i) => o(`p${i}`, '16.10.01', i + 1));
    const r = expansionCandidates({ ...base, outlets: [...many, ...more] });
    expect(r.groups.map((g) => g.withinCapacity)).toEqual([WAVE_OUTLETS, 7]);
    expect(r.groups[0]?.expectedWeeklyUnits).toBe(50);
    expect(r.groups[0]?.outletIds.slice(0, 2)).toEqual(['z0', 'z1']);
    const full = expansionCandidates({ ...base, weeklyCapacity: 15, outlets: many });
    expect(full.groups[0]?.withinCapacity).toBe(0);
    expect(full.groups[0]?.reason.id).toContain('cukup untuk 0 gerai');
  });

  it('skips outlets with no free slot, and a zero rate leaves nothing to propose', () => {
    const r = expansionCandidates({ ...base, outlets: [o('a', '16.02.01', 3, { freeSlots: 0 }), o('b', '16.02.01', 4)] });
    expect(r.groups[0]?.outletIds).toEqual(['b']);
    expect(expansionCandidates({ ...base, rate: 0, outlets: [o('b', '16.02.01', 4)] }).groups[0]?.withinCapacity).toBe(0);
  });

  it('needs the other region’s Dinas only across a province border', () => {
    expect(needsGovernment('16', '17.71')).toBe(true);
    expect(needsGovernment('76', '73.71')).toBe(true);
    expect(needsGovernment('16', '16.10')).toBe(false);
  });
});
