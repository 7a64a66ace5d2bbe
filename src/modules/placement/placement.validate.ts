// Validation of the placement instance format v1 (docs/PLACEMENT.md). Turns untrusted JSON into a
// typed PlacementInstance, or throws PlacementValidationError whose message names the record and field,
// so a planner can fix a 100k-line file without guessing.

import type { Outlet, PlacementInstance, Product, Umkm } from './placement.types.ts';

export class PlacementValidationError extends Error {
  /** Where the problem is, e.g. `products[12].umkmId`. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'PlacementValidationError';
    this.path = path;
  }
}

type Rec = Record<string, unknown>;

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

function isPlainObject(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/**
 * JSON.parse turns a "__proto__" key into an own property; if that object were later spread or merged
 * it could change prototypes, so such input is refused outright, at any depth.
 */
function rejectProtoKeys(v: unknown, path: string): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) rejectProtoKeys(v[i], `${path}[${i}]`);
    return;
  }
  if (typeof v !== 'object' || v === null) return;
  if (hasOwn(v, '__proto__')) {
    throw new PlacementValidationError(`${path}.__proto__`, `${path || 'instance'}: key "__proto__" is not allowed`);
  }
  for (const k of Object.keys(v)) rejectProtoKeys((v as Rec)[k], path ? `${path}.${k}` : k);
}

/** Reads fields of one record and reports errors as `list[i] (id "x"): field ...`. */
class RecordReader {
  private readonly label: string;
  constructor(
    private readonly rec: Rec,
    private readonly path: string,
  ) {
    const id = rec.id;
    this.label = typeof id === 'string' ? `${path} (id ${JSON.stringify(id)})` : path;
  }

  fail(field: string, problem: string): never {
    throw new PlacementValidationError(`${this.path}.${field}`, `${this.label}: ${field} ${problem}`);
  }

  private raw(field: string): unknown {
    if (!hasOwn(this.rec, field) || this.rec[field] === undefined) this.fail(field, 'is missing');
    return this.rec[field];
  }

  string(field: string): string {
    const v = this.raw(field);
    if (typeof v !== 'string') this.fail(field, `must be a string, got ${describe(v)}`);
    return v;
  }

  id(): string {
    const v = this.string('id');
    if (v.length === 0) this.fail('id', 'must not be empty');
    return v;
  }

  boolean(field: string): boolean {
    const v = this.raw(field);
    if (typeof v !== 'boolean') this.fail(field, `must be true or false, got ${describe(v)}`);
    return v;
  }

  number(field: string, min: number, max: number): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, `must be a finite number, got ${describe(v)}`);
    if (v < min || v > max) {
      const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
      this.fail(field, `must be ${range}, got ${v}`);
    }
    return v;
  }

  count(field: string): number {
    const v = this.raw(field);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, `must be a finite number, got ${describe(v)}`);
    if (!Number.isInteger(v) || v < 0) this.fail(field, `must be a non-negative integer, got ${v}`);
    // Capacities are clamped to pair counts later, but must first be exactly representable.
    if (!Number.isSafeInteger(v)) this.fail(field, `is too large (${v})`);
    return v;
  }

  stringArray(field: string): string[] {
    const v = this.raw(field);
    if (!Array.isArray(v)) this.fail(field, `must be an array of strings, got ${describe(v)}`);
    const out: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const s: unknown = v[i];
      if (typeof s !== 'string') this.fail(`${field}[${i}]`, `must be a string, got ${describe(s)}`);
      out.push(s);
    }
    return out;
  }
}

function list(root: Rec, field: string): Rec[] {
  if (!hasOwn(root, field) || root[field] === undefined) {
    throw new PlacementValidationError(field, `${field}: is missing (an array is required, it may be empty)`);
  }
  const v = root[field];
  if (!Array.isArray(v)) throw new PlacementValidationError(field, `${field}: must be an array, got ${describe(v)}`);
  for (let i = 0; i < v.length; i++) {
    if (!isPlainObject(v[i])) {
      throw new PlacementValidationError(`${field}[${i}]`, `${field}[${i}]: must be an object, got ${describe(v[i])}`);
    }
  }
  return v as Rec[];
}

function checkUnique(ids: Set<string>, r: RecordReader, id: string, listName: string): void {
  if (ids.has(id)) r.fail('id', `duplicates an earlier id in ${listName}`);
  ids.add(id);
}

/** Validates an already-parsed JSON value against instance format v1. */
export function validateInstance(json: unknown): PlacementInstance {
  if (!isPlainObject(json)) throw new PlacementValidationError('', `instance: must be a JSON object, got ${describe(json)}`);
  rejectProtoKeys(json, '');

  if (!hasOwn(json, 'version')) throw new PlacementValidationError('version', 'version: is missing (must be 1)');
  if (json.version !== 1) {
    throw new PlacementValidationError('version', `version: must be 1, got ${describe(json.version)}`);
  }

  let firstPlacementBonus = 0;
  if (hasOwn(json, 'params') && json.params !== undefined) {
    const p = json.params;
    if (!isPlainObject(p)) throw new PlacementValidationError('params', `params: must be an object, got ${describe(p)}`);
    if (hasOwn(p, 'firstPlacementBonus') && p.firstPlacementBonus !== undefined) {
      const b = p.firstPlacementBonus;
      if (typeof b !== 'number' || !Number.isFinite(b)) {
        throw new PlacementValidationError(
          'params.firstPlacementBonus',
          `params.firstPlacementBonus: must be a finite number, got ${describe(b)}`,
        );
      }
      // A negative bonus would make the first unit dearer than the rest (a concave cost), which the
      // flow model cannot represent exactly; refusing it keeps every answer provably optimal.
      if (b < 0) {
        throw new PlacementValidationError('params.firstPlacementBonus', `params.firstPlacementBonus: must be >= 0, got ${b}`);
      }
      firstPlacementBonus = b;
    }
  }

  const outletRecs = list(json, 'outlets');
  const umkmRecs = list(json, 'umkm');
  const productRecs = list(json, 'products');

  const outlets: Outlet[] = [];
  const outletIds = new Set<string>();
  for (let i = 0; i < outletRecs.length; i++) {
    const r = new RecordReader(outletRecs[i] as Rec, `outlets[${i}]`);
    const id = r.id();
    const o: Outlet = {
      id,
      chain: r.string('chain'),
      lat: r.number('lat', -90, 90),
      lon: r.number('lon', -180, 180),
      slots: r.count('slots'),
      acceptsPerishable: r.boolean('acceptsPerishable'),
    };
    checkUnique(outletIds, r, id, 'outlets');
    outlets.push(o);
  }

  const umkm: Umkm[] = [];
  const umkmIds = new Set<string>();
  for (let i = 0; i < umkmRecs.length; i++) {
    const r = new RecordReader(umkmRecs[i] as Rec, `umkm[${i}]`);
    const id = r.id();
    const u: Umkm = {
      id,
      lat: r.number('lat', -90, 90),
      lon: r.number('lon', -180, 180),
      maxOutlets: r.count('maxOutlets'),
    };
    checkUnique(umkmIds, r, id, 'umkm');
    umkm.push(u);
  }

  const products: Product[] = [];
  const productIds = new Set<string>();
  for (let i = 0; i < productRecs.length; i++) {
    const r = new RecordReader(productRecs[i] as Rec, `products[${i}]`);
    const id = r.id();
    const umkmId = r.string('umkmId');
    if (!umkmIds.has(umkmId)) r.fail('umkmId', `${JSON.stringify(umkmId)} is not a known UMKM`);
    const p: Product = {
      id,
      umkmId,
      radiusKm: r.number('radiusKm', 0, Number.POSITIVE_INFINITY),
      perishable: r.boolean('perishable'),
      maxOutlets: r.count('maxOutlets'),
      weeklyUnits: r.number('weeklyUnits', 0, Number.POSITIVE_INFINITY),
      chains: r.stringArray('chains'),
    };
    checkUnique(productIds, r, id, 'products');
    products.push(p);
  }

  return { version: 1, params: { firstPlacementBonus }, outlets, umkm, products };
}
