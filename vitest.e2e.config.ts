// Browser tests: the real server (demo data, fresh database) and the built web app in Debian's Chromium.
// Separate from the unit config, which excludes tests/e2e. Run `npm run build:web` first.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 90_000,
    // Starting the server on a fresh data directory migrates, loads 91k regions and seeds the demo.
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
