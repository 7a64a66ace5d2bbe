// Environment, parsed and validated once. Everything else receives a Config, never process.env.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { type Clock, systemClock } from './platform/clock.ts';

/** ETALASE_TRUST_PROXY: the addresses of the reverse proxies whose X-Forwarded-* headers are believed, as a
 *  comma-separated list of IPs or CIDRs. Trusting every peer would let any client choose its own address
 *  (and so escape throttling and forge the audit trail): `true` is refused rather than guessed at. */
function parseTrustedProxies(raw: string, ctx: z.RefinementCtx): string[] | false {
  const v = raw.trim();
  if (v === '' || v === 'false') return false;
  const entries = v.split(',').map((x) => x.trim());
  for (const e of entries) {
    const [addr, bits, extra] = e.split('/');
    const family = net.isIP(addr ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !okBits || extra !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          e === 'true' || e === '*'
            ? 'name the proxy addresses to trust (e.g. 127.0.0.1 or 10.0.0.0/8), never every peer / sebutkan alamat proxy yang dipercaya, jangan semua'
            : `"${e}" is not an IP address or CIDR / bukan alamat IP atau CIDR`,
      });
      return z.NEVER;
    }
  }
  return entries;
}

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
  ETALASE_TRUST_PROXY: z.string().default('').transform(parseTrustedProxies),
  ETALASE_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(500 * 1024 * 1024),
  ETALASE_RATE_LIMIT_IP: z.coerce.number().int().positive().default(3000),
  ETALASE_RATE_LIMIT_SESSION: z.coerce.number().int().positive().default(1200),
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
  /** Proxies whose X-Forwarded-For/-Proto are believed (IPs or CIDRs); false: none, the peer is the client. */
  trustProxy: string[] | false;
  /** Stored bytes per organisation (its distinct uploaded files). */
  quotaBytes: number;
  /** Requests per minute per client address, and per signed-in session. */
  rateLimitPerIp: number;
  rateLimitPerSession: number;
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
    quotaBytes: e.ETALASE_QUOTA_BYTES,
    rateLimitPerIp: e.ETALASE_RATE_LIMIT_IP,
    rateLimitPerSession: e.ETALASE_RATE_LIMIT_SESSION,
    tileUrl: e.ETALASE_TILE_URL,
    logLevel: e.LOG_LEVEL,
    demo: false,
    clock: systemClock,
    ...overrides,
  };
}
