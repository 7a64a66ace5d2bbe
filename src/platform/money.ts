// Money is integer rupiah, end to end: bigint in TypeScript and in SQL. All arithmetic lives here.
export type Rupiah = bigint & { readonly __brand: 'Rupiah' };

export function rupiah(v: bigint | number | string): Rupiah {
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError(`Not an integer rupiah: ${v}`);
  return BigInt(v) as Rupiah;
}

export const ZERO = 0n as Rupiah;

export const add = (...xs: Rupiah[]): Rupiah => xs.reduce((a, b) => a + b, 0n) as Rupiah;
export const sub = (a: Rupiah, b: Rupiah): Rupiah => (a - b) as Rupiah;

/** a × num / den, rounded half up (for percentages: margin, fees). */
export function mulDiv(a: Rupiah, num: bigint, den: bigint): Rupiah {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  const p = a * num;
  const q = p / den;
  const r = p % den;
  return (2n * (r < 0n ? -r : r) >= den ? q + (p < 0n ? -1n : 1n) : q) as Rupiah;
}

/** Splits a total by weights; the last part is the remainder, so the parts always sum to the total. */
export function split(total: Rupiah, weights: bigint[]): Rupiah[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0) return [];
  if (sum <= 0n) throw new RangeError('weights must sum to a positive number');
  const parts: Rupiah[] = [];
  let given = 0n;
  for (let i = 0; i < weights.length - 1; i++) {
    const part = (total * (weights[i] as bigint)) / sum;
    parts.push(part as Rupiah);
    given += part;
  }
  parts.push((total - given) as Rupiah);
  return parts;
}
