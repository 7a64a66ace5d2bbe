// The web's API types are generated from the routes' schemas: a route changed without regenerating them
// fails here (run `npm run gen:api-types`).
import fs from 'node:fs';
import { expect, test } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../src/tools/api-types.ts';

test('src/web/api-types.gen.ts is what the routes describe today', async () => {
  const fresh = await generateApiTypes();
  const stored = fs.readFileSync(API_TYPES_FILE, 'utf8');
  expect(stored === fresh, 'src/web/api-types.gen.ts is stale: run `npm run gen:api-types` and commit it').toBe(true);
}, 60_000);
