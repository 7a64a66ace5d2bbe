import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take minutes (servers as child processes, a whole demo seeded again, every route for every
// role) start first: on a fresh clone vitest has no timings yet and would start the largest files first,
// leaving the 4-minute crash test to run alone at the end while the other worker idles. Only an order: a
// file missing from the list just runs in vitest's own order.
const SLOW_FIRST = [
  'tests/process/sales-crash.test.ts',
  'src/demo/seed.test.ts',
  'tests/access-matrix.test.ts',
  'tests/process/crash.test.ts',
  'tests/chain-analytics.test.ts',
  'src/modules/notifications/mailer.test.ts',
  'src/modules/settlement/settlement.property.test.ts',
];

// The slow-client and load-shedding tests time a login against a bound: they run last, once the crash test's
// seeding and restarts (which start beside them otherwise) are over.
const LAST = ['tests/process/serving.test.ts'];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      if (LAST.some((p) => f.moduleId.endsWith(p))) return SLOW_FIRST.length + 1;
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(p));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files share a worker's loaded modules (no file changes module state: no mocks, no stubbed
    // globals; each file opens its own database): the app is imported once per worker, not once per file.
    isolate: false,
    sequence: { sequencer: SlowFirst },
  },
});
