// One seeded demo per browser-test run: the real CLI (`etalase seed`: migrate, load the 91k regions, seed the
// demo) runs once on a template data directory, which is closed cleanly; every test file's server then starts
// on its own copy of it (tests/e2e/harness.ts), so no file sees another's changes. The demo's story is told
// for the WIB day it was seeded (app_settings 'demo_seeded' holds {today}); a run that crosses midnight WIB
// seeds a new template for the new day before the next server starts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/client.ts';
import { localDate } from '../../src/platform/clock.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoTemplate {
  /** The data directory (PGlite's pgdata and the files), closed: copy it, never start a server on it. */
  dir: string;
  /** The WIB day the demo was seeded for (its app_settings 'demo_seeded'). */
  today: string;
}

/** The WIB calendar day now, as the CLI computes the day it seeds the demo for (src/cli.ts). */
export const wibToday = () => localDate('31', new Date());

/** The browser tests run on PGlite data directories: a DATABASE_URL in the environment is not theirs. */
export function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: withoutDatabaseUrl({ ...process.env, ...env, LOG_LEVEL: 'warn' }),
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`tsx ${args.join(' ')} ended with ${code ?? signal}:\n${output.slice(-4000)}`)),
    );
  });
}

/** The day the demo in a (closed) data directory was seeded for, read from its app_settings. */
export async function seededDay(dir: string): Promise<string> {
  const handle = await openDatabase({ dataDir: dir });
  try {
    const row = await handle.db.selectFrom('app_settings').select('value').where('key', '=', 'demo_seeded').executeTakeFirst();
    if (!row) throw new Error(`${dir} holds no demo (app_settings 'demo_seeded' is missing)`);
    const value = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as { today?: string };
    if (!value.today) throw new Error(`${dir}: 'demo_seeded' names no day: ${JSON.stringify(row.value)}`);
    return value.today;
  } finally {
    await handle.close();
  }
}

/** Seeds a new template directory through the real CLI and reads back the day it was seeded for. */
export async function seedTemplate(): Promise<DemoTemplate> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-e2e-template-'));
  try {
    await run(['src/cli.ts', 'seed'], { ETALASE_DATA_DIR: dir });
    return { dir, today: await seededDay(dir) };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The run's template, recorded in `file` (globalSetup creates it; vitest hands its path to every file). */
export function readTemplate(file: string): DemoTemplate {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoTemplate;
}

/** The run's template for today (WIB): reseeded, and the old one removed, when the day has changed since. */
export async function templateForToday(file: string): Promise<DemoTemplate> {
  const current = readTemplate(file);
  if (current.today === wibToday() && fs.existsSync(current.dir)) return current;
  const fresh = await seedTemplate();
  console.log(`e2e: the WIB day is ${fresh.today}, the demo was seeded for ${current.today}: seeded again (${fresh.dir})`);
  fs.writeFileSync(file, JSON.stringify(fresh));
  fs.rmSync(current.dir, { recursive: true, force: true });
  return fresh;
}

/** A fresh data directory holding a copy of the template (the lock file, if any, is not copied). */
export function copyTemplate(template: DemoTemplate): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-e2e-data-'));
  fs.cpSync(template.dir, dir, { recursive: true, filter: (src) => path.basename(src) !== 'etalase.lock' });
  return dir;
}
