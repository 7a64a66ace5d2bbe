import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instanceArb } from './placement.arbitrary.ts';
import { solvePlacement } from './placement.rules.ts';
import { solveOnWorker } from './placement.worker.ts';

describe('solving on a worker thread', () => {
  it('gives the same plan as solving in the calling thread', async () => {
    const instances = fc.sample(instanceArb(12, 6, 15), { numRuns: 5, seed: 20261123 });
    for (const inst of instances) {
      const here = solvePlacement(inst);
      const there = await solveOnWorker(inst);
      expect(there.placements).toEqual(here.placements);
      expect(there.objective).toBe(here.objective);
    }
  });
});
