// Environment, parsed and validated once. Everything else receives a Config, never process.env.
import path from 'node:path';
import { z } from 'zod';
import { type Clock, systemClock } from './platform/clock.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  ETALASE_DATA_DIR: z.string().default('./data'),
  ETALASE_FILES_DIR: z.string().optional(),
  ETALASE_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  ETALASE_TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ETALASE_TILE_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  filesDir: string;
  maxUploadBytes: number;
  trustProxy: boolean;
  tileUrl?: string;
  logLevel: string;
  /** Demo mode: demo accounts with the public demo password exist. Never on a real deployment. */
  demo: boolean;
  /** Where every business date and time comes from (tests pin it). */
  clock: Clock;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Konfigurasi tidak valid / invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.ETALASE_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    filesDir: path.resolve(e.ETALASE_FILES_DIR ?? path.join(dataDir, 'files')),
    maxUploadBytes: e.ETALASE_MAX_UPLOAD_BYTES,
    trustProxy: e.ETALASE_TRUST_PROXY,
    tileUrl: e.ETALASE_TILE_URL,
    logLevel: e.LOG_LEVEL,
    demo: false,
    clock: systemClock,
    ...overrides,
  };
}
