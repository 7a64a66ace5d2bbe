// Builds one migrated database with the regions and the demo data loaded, once per test run; each test file then gets its
// own copy (tests/db.ts). PGlite: a data-directory dump loaded in memory. PostgreSQL (DATABASE_URL): a
// template database copied with CREATE DATABASE … TEMPLATE.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, fromPglite, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { ensureRegions } from '../src/modules/regions/regions.load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDump: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `etalase_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    await migrate(handle.db);
    await ensureRegions(handle.db);
    await seedDemo(handle.db);
    await handle.close();
    project.provide('templateDatabase', name);
    project.provide('templateDump', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    };
  }
  const lite = await createPglite();
  const handle = fromPglite(lite);
  await migrate(handle.db);
  await ensureRegions(handle.db);
  await seedDemo(handle.db);
  const dump = await lite.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `etalase-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('templateDump', file);
  project.provide('templateDatabase', '');
  return () => fs.rmSync(file, { force: true });
}
