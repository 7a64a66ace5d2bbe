// Unit tests of instance validation: every malformed case must be refused with a message that
// names the record and the field.

import { describe, expect, it } from 'vitest';
import { PlacementValidationError, validateInstance } from './placement.validate.ts';

type Rec = Record<string, unknown>;
/** The example instance as plain JSON data that the cases below mutate into something invalid. */
interface Doc {
  [key: string]: unknown;
  params?: Rec;
  outlets: Rec[];
  umkm: Rec[];
  products: Rec[];
}

function base(): Doc {
  return {
    version: 1,
    params: { firstPlacementBonus: 25 },
    outlets: [{ id: 'o1', chain: 'alfamart', lat: -3.8, lon: 102.27, slots: 6, acceptsPerishable: true }],
    umkm: [{ id: 'u1', lat: -3.79, lon: 102.26, maxOutlets: 12 }],
    products: [
      {
        id: 'p1',
        umkmId: 'u1',
        radiusKm: 15,
        perishable: false,
        maxOutlets: 8,
        weeklyUnits: 20.5,
        chains: ['alfamart', 'indomaret'],
      },
    ],
  };
}

function rejects(mutate: (j: Doc) => void, ...fragments: string[]): void {
  const j = base();
  mutate(j);
  let err: unknown;
  try {
    validateInstance(j);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PlacementValidationError);
  for (const f of fragments) expect((err as Error).message).toContain(f);
}

describe('validateInstance', () => {
  it('accepts the documented example and fills in defaults', () => {
    const inst = validateInstance(base());
    expect(inst.products[0]!.chains).toEqual(['alfamart', 'indomaret']);
    const j = base();
    delete j.params;
    expect(validateInstance(j).params.firstPlacementBonus).toBe(0);
    j.params = {};
    expect(validateInstance(j).params.firstPlacementBonus).toBe(0);
  });

  it('accepts empty lists', () => {
    expect(validateInstance({ version: 1, outlets: [], umkm: [], products: [] }).products).toEqual([]);
  });

  it('names the record and field for an unknown umkmId', () => {
    rejects((j) => {
      j.umkm.push({ id: 'u2', lat: 0, lon: 0, maxOutlets: 1 });
      for (let i = 1; i <= 12; i++) j.products.push({ ...j.products[0], id: `p${i + 1}` });
      j.products[12]!.id = 'p9x';
      j.products[12]!.umkmId = 'u77';
    }, 'products[12] (id "p9x"): umkmId "u77" is not a known UMKM');
  });

  it.each([
    ['negative slots', (j: Doc) => (j.outlets[0]!.slots = -1), 'outlets[0] (id "o1"): slots'],
    ['fractional slots', (j: Doc) => (j.outlets[0]!.slots = 2.5), 'outlets[0] (id "o1"): slots'],
    ['negative product maxOutlets', (j: Doc) => (j.products[0]!.maxOutlets = -3), 'products[0] (id "p1"): maxOutlets'],
    ['fractional UMKM maxOutlets', (j: Doc) => (j.umkm[0]!.maxOutlets = 1.5), 'umkm[0] (id "u1"): maxOutlets'],
    ['latitude > 90', (j: Doc) => (j.outlets[0]!.lat = 91), 'outlets[0] (id "o1"): lat'],
    ['longitude < -180', (j: Doc) => (j.umkm[0]!.lon = -181), 'umkm[0] (id "u1"): lon'],
    ['duplicate outlet id', (j: Doc) => j.outlets.push({ ...j.outlets[0] }), 'outlets[1] (id "o1"): id duplicates'],
    ['duplicate product id', (j: Doc) => j.products.push({ ...j.products[0] }), 'products[1] (id "p1"): id duplicates'],
    ['duplicate UMKM id', (j: Doc) => j.umkm.push({ ...j.umkm[0] }), 'umkm[1] (id "u1"): id duplicates'],
    ['string lat', (j: Doc) => (j.outlets[0]!.lat = '-3.8'), 'outlets[0] (id "o1"): lat must be a finite number'],
    ['boolean as string', (j: Doc) => (j.outlets[0]!.acceptsPerishable = 'yes'), 'acceptsPerishable'],
    ['numeric id', (j: Doc) => (j.outlets[0]!.id = 7), 'outlets[0]: id must be a string'],
    ['empty id', (j: Doc) => (j.products[0]!.id = ''), 'products[0] (id ""): id must not be empty'],
    ['chains not an array', (j: Doc) => (j.products[0]!.chains = 'alfamart'), 'products[0] (id "p1"): chains'],
    ['chain entry not a string', (j: Doc) => (j.products[0]!.chains = ['alfamart', 3]), 'chains[1]'],
    ['missing field', (j: Doc) => delete j.products[0]!.weeklyUnits, 'products[0] (id "p1"): weeklyUnits is missing'],
    ['missing chain', (j: Doc) => delete j.outlets[0]!.chain, 'outlets[0] (id "o1"): chain is missing'],
    ['missing list', (j: Doc) => delete (j as Rec).umkm, 'umkm: is missing'],
    ['list not an array', (j: Doc) => ((j as Rec).outlets = {}), 'outlets: must be an array'],
    ['record not an object', (j: Doc) => ((j.products as unknown[])[0] = 5), 'products[0]: must be an object'],
    ['version 2', (j: Doc) => (j.version = 2), 'version: must be 1'],
    ['version "1"', (j: Doc) => (j.version = '1'), 'version: must be 1'],
    ['missing version', (j: Doc) => delete j.version, 'version: is missing'],
    ['NaN weeklyUnits', (j: Doc) => (j.products[0]!.weeklyUnits = Number.NaN), 'weeklyUnits must be a finite number'],
    ['Infinity radius', (j: Doc) => (j.products[0]!.radiusKm = Number.POSITIVE_INFINITY), 'radiusKm must be a finite number'],
    ['negative radius', (j: Doc) => (j.products[0]!.radiusKm = -1), 'products[0] (id "p1"): radiusKm must be >= 0'],
    ['negative weeklyUnits', (j: Doc) => (j.products[0]!.weeklyUnits = -0.5), 'weeklyUnits must be >= 0'],
    ['negative bonus', (j: Doc) => (j.params!.firstPlacementBonus = -1), 'params.firstPlacementBonus'],
    ['string bonus', (j: Doc) => (j.params!.firstPlacementBonus = '25'), 'params.firstPlacementBonus'],
    ['params not an object', (j: Doc) => ((j as Rec).params = []), 'params: must be an object'],
  ])('rejects %s', (_name, mutate, fragment) => {
    rejects(mutate, fragment);
  });

  it('rejects __proto__ keys anywhere (as JSON.parse produces them)', () => {
    const top = JSON.parse('{"version":1,"outlets":[],"umkm":[],"products":[],"__proto__":{"x":1}}');
    expect(() => validateInstance(top)).toThrow(/__proto__/);
    const nested = JSON.parse(
      '{"version":1,"outlets":[{"id":"o1","chain":"a","lat":0,"lon":0,"slots":1,"acceptsPerishable":true,"__proto__":{}}],"umkm":[],"products":[]}',
    );
    expect(() => validateInstance(nested)).toThrow(/outlets\[0\].*__proto__/);
  });

  it('rejects non-objects at the top level', () => {
    for (const v of [null, 3, 'x', [], undefined]) expect(() => validateInstance(v)).toThrow(PlacementValidationError);
  });

  it('reports the failing path on the error', () => {
    try {
      validateInstance({ ...base(), outlets: [{ ...base().outlets[0], slots: -2 }] });
    } catch (e) {
      expect((e as PlacementValidationError).path).toBe('outlets[0].slots');
    }
  });
});
