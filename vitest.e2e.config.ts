// Browser tests: the real server (demo data, fresh database) and the built web app in Debian's Chromium.
// Separate from the unit config, which excludes tests/e2e. Run `npm run build:web` first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90_000,
    // The demo is seeded once per run (tests/e2e/global-setup.ts: migrate, 91k regions, the demo); each file's
    // server starts on its own copy, seeded again first if the WIB day has changed (a run across midnight).
    globalSetup: ['tests/e2e/global-setup.ts'],
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
