import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDiv, type Rupiah, rupiah, split } from './money.ts';

describe('rupiah', () => {
  it('refuses fractions', () => {
    expect(() => rupiah(10.5)).toThrow();
  });

  it('rounds a percentage half up', () => {
    expect(mulDiv(rupiah(10_001), 15n, 100n)).toBe(1500n); // 1500.15
    expect(mulDiv(rupiah(10_010), 15n, 100n)).toBe(1502n); // 1501.5 → 1502
  });

  it('splits so the parts always sum to the whole', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const parts = split(total as Rupiah, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          expect(parts.every((p) => p >= 0n)).toBe(true);
        },
      ),
    );
  });
});
