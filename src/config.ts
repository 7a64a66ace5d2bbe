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

/** The domain of a sender mailbox, `Name <user@domain>` or `user@domain`; null when it is none. */
export function mailboxDomain(from: string): string | null {
  const m = /<([^<>\s@]+)@([^<>\s@]+)>\s*$/.exec(from) ?? /^([^<>\s@]+)@([^<>\s@]+)$/.exec(from.trim());
  return m?.[2] ?? null;
}

const ms = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);

/** Requests allowed to wait for a database connection before the next one is answered 503 (measured in
 *  docs/BENCHMARKS.md: at 200 req/s on PGlite this keeps the p99 of answered requests under 1 s). */
export const DB_QUEUE_DEFAULT = 32;
/** Longest a request may have waited behind a busy server before it is answered 503 (same measurement). */
export const QUEUE_WAIT_DEFAULT = 300;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // No default here: `serve` listens on every interface, the demo (public passwords) on loopback only.
  HOST: z.string().min(1).optional(),
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
  ETALASE_REQUEST_TIMEOUT_MS: ms(30_000),
  ETALASE_HEADERS_TIMEOUT_MS: ms(10_000),
  ETALASE_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
  ETALASE_IDLE_TIMEOUT_MS: ms(60_000),
  ETALASE_STATEMENT_TIMEOUT_MS: ms(30_000),
  ETALASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(15_000),
  ETALASE_DB_CHECKOUT_TIMEOUT_MS: ms(5_000),
  ETALASE_QUEUE_WAIT_MS: ms(QUEUE_WAIT_DEFAULT),
  ETALASE_DB_QUEUE: z.coerce.number().int().min(1).max(10_000).default(DB_QUEUE_DEFAULT),
  ETALASE_SHUTDOWN_TIMEOUT_MS: ms(10_000),
  // Notification mail (src/modules/notifications/mailer.ts): unset, notifications reach the in-app inbox only.
  ETALASE_SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:\/\//.test(u), { message: 'use smtp://user:pass@host:port or smtps://… / pakai smtp:// atau smtps://' })
    .optional(),
  ETALASE_MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .default('Etalase <noreply@etalase.id>')
    .refine((f) => mailboxDomain(f) !== null, {
      message: 'a mailbox such as "Etalase <noreply@etalase.id>" / alamat pengirim seperti "Etalase <noreply@etalase.id>"',
    }),
  ETALASE_PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), { message: 'an http(s) address / alamat http(s)' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Timeouts {
  /** The whole request (headers and body) must arrive within this; then 408 and the socket is closed. */
  request: number;
  headers: number;
  /** An idle keep-alive socket is closed after this. */
  keepAlive: number;
  /** A socket with no traffic at all (e.g. a client that stopped reading the answer) is destroyed. */
  idle: number;
  /** PostgreSQL server: one statement, and a transaction left idle by its client. */
  statement: number;
  idleInTransaction: number;
  /** Waiting for a pooled connection longer than this answers 503. */
  checkout: number;
  /** A request that already waited this long behind a busy event loop (PGlite works on it) answers 503. */
  queueWait: number;
  /** SIGTERM: in-flight requests get this long to finish before connections are cut. */
  shutdown: number;
}

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
  /** How long a client may take and a transaction may last (GUIDE: serving safely). Milliseconds. */
  timeouts: Timeouts;
  /** Bound of the queue of requests waiting for a database connection (the only one, on PGlite). */
  dbQueue: number;
  /** Demo mode: demo accounts with the public demo password exist. Never on a real deployment. */
  demo: boolean;
  /** Where every business date and time comes from (tests pin it). */
  clock: Clock;
  /** SMTP server for notification mail (`smtp://user:pass@host:port`, `smtps://` for TLS from the start);
   *  unset: notifications reach the in-app inbox only and no mail is queued. */
  smtpUrl?: string;
  /** The sender of notification mail, `Etalase <noreply@etalase.id>`. */
  mailFrom: string;
  /** The address people open the app at (`https://etalase.example.go.id`): mail links to it; unset, a mail
   *  names the page in words only. */
  publicUrl?: string;
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
    host: e.HOST ?? (overrides.demo ? '127.0.0.1' : '0.0.0.0'),
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
    timeouts: {
      request: e.ETALASE_REQUEST_TIMEOUT_MS,
      headers: Math.min(e.ETALASE_HEADERS_TIMEOUT_MS, e.ETALASE_REQUEST_TIMEOUT_MS),
      keepAlive: e.ETALASE_KEEP_ALIVE_TIMEOUT_MS,
      idle: e.ETALASE_IDLE_TIMEOUT_MS,
      statement: e.ETALASE_STATEMENT_TIMEOUT_MS,
      idleInTransaction: e.ETALASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      checkout: e.ETALASE_DB_CHECKOUT_TIMEOUT_MS,
      queueWait: e.ETALASE_QUEUE_WAIT_MS,
      shutdown: e.ETALASE_SHUTDOWN_TIMEOUT_MS,
    },
    dbQueue: e.ETALASE_DB_QUEUE,
    demo: false,
    clock: systemClock,
    smtpUrl: e.ETALASE_SMTP_URL,
    mailFrom: e.ETALASE_MAIL_FROM,
    publicUrl: e.ETALASE_PUBLIC_URL?.replace(/\/+$/, ''),
    ...overrides,
  };
}
