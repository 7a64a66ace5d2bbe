// What every request passes before the request frame (platform/http.ts) opens a transaction for it:
// security headers (helmet: CSP, frame-ancestors, HSTS over TLS), rate limits per address and per session,
// refusal of cross-site and non-JSON/multipart mutations (CSRF), a JSON parser that refuses invalid UTF-8,
// and a check that no NUL byte reaches PostgreSQL (which cannot store one in text and would answer 500).
// Registered from app.ts BEFORE the request frame, so a refused request never holds the database.
import { isUtf8 } from 'node:buffer';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { SESSION_COOKIE, sessionTokenHash } from './auth/sessions.ts';
import { AppError, badRequest } from './errors.ts';
import { PAGE_STYLE_HASH } from './page/page.tsx';
import { RefusedError } from './security-log.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACCEPTED_BODY_TYPES = new Set(['application/json', 'multipart/form-data']);

export const tooManyRequests = (seconds: number) =>
  new AppError(429, 'rate_limited', {
    id: `Terlalu banyak permintaan. Coba lagi dalam ${seconds} detik.`,
    en: `Too many requests. Try again in ${seconds} seconds.`,
  });

const crossSite = () =>
  new RefusedError('cross_site_refused', 403, 'cross_site_refused', {
    id: 'Permintaan dari situs lain ditolak. Buka Etalase langsung lalu ulangi.',
    en: 'A request from another site was refused. Open Etalase directly and try again.',
  });

const contentTypeRefused = () =>
  new AppError(
    415,
    'content_type_refused',
    {
      id: 'Perubahan hanya diterima sebagai JSON (application/json) atau berkas (multipart/form-data).',
      en: 'Changes are accepted only as JSON (application/json) or files (multipart/form-data).',
    },
    'content-type',
  );

const invalidUtf8 = () =>
  badRequest('invalid_utf8', { id: 'Isi permintaan bukan teks UTF-8 yang sah.', en: 'The request body is not valid UTF-8 text.' }, 'body');

const nulByte = (field: string) =>
  badRequest(
    'nul_byte',
    {
      id: `Kolom ${field} berisi karakter NUL yang tidak diizinkan.`,
      en: `Field ${field} contains a NUL character, which is not allowed.`,
    },
    field,
  );

/** This server's own origin as the browser sees it (behind a trusted proxy: the forwarded scheme and host). */
const ownOrigin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The first field (dotted path) holding a NUL byte in its name or value, or null. */
export function fieldWithNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const found = fieldWithNul(v, here);
    if (found) return found;
  }
  return null;
}

export async function registerGuards(app: FastifyInstance, config: Config) {
  const tileOrigin = config.tileUrl ? safeOrigin(config.tileUrl) : null;
  await app.register(fastifyHelmet, {
    // The built web app has no inline script or style (checked in tests/hardening.test.ts): 'self' only. The
    // server-rendered pages (sign-in, catalogue) inline one stylesheet, let in by its hash and nothing else.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // data: for the inline SVG favicon; the tile server when one is configured.
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", PAGE_STYLE_HASH],
      },
    },
    // HSTS only over TLS (below): a demo served over plain http on a LAN must not pin browsers to https.
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  // Swagger UI (its own static files) styles elements inline and draws icons from data: URIs.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/docs')) return;
    route.config = {
      ...(route.config ?? {}),
      helmet: {
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            frameAncestors: ["'none'"],
            imgSrc: ["'self'", 'data:'],
            objectSrc: ["'none'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
          },
        },
      },
    } as typeof route.config;
  });
  app.addHook('onRequest', async (req, reply) => {
    // req.protocol is https only when the TLS proxy that says so is trusted (ETALASE_TRUST_PROXY).
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // Rate limits: one bucket per client address, and one per signed-in session (keyed by the token's hash,
  // so a session stays limited whichever address it comes from). Both are checked: a client cannot escape
  // the address limit by sending made-up session cookies.
  await app.register(fastifyRateLimit, { global: false });
  const window = 60_000;
  const byAddress = app.createRateLimit({ max: config.rateLimitPerIp, timeWindow: window, keyGenerator: (req) => `ip:${req.ip}` });
  const sessionOf = (req: FastifyRequest) => {
    const token = req.cookies?.[SESSION_COOKIE];
    return token && token.length <= 100 ? sessionTokenHash(token) : null;
  };
  const bySession = app.createRateLimit({
    max: config.rateLimitPerSession,
    timeWindow: window,
    keyGenerator: (req) => `session:${sessionOf(req) ?? ''}`,
    allowList: (req) => sessionOf(req) === null,
  });
  app.addHook('onRequest', async (req, reply) => {
    for (const limit of [byAddress, bySession]) {
      const r = await limit(req);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw tooManyRequests(r.ttlInSeconds);
      }
    }
  });

  // CSRF: the session cookie is SameSite=Lax, and on top of it a state-changing request must come from this
  // origin (browsers send Origin and Sec-Fetch-Site on every POST/PUT/PATCH/DELETE) and carry a JSON or
  // multipart body, which a cross-site HTML form cannot send. Requests without Origin (curl, scripts) pass.
  app.addHook('onRequest', async (req) => {
    if (!MUTATING.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw crossSite();
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(req)) throw crossSite();
    const type = req.headers['content-type'];
    const hasBody = type !== undefined || Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!hasBody) return;
    const essence = (type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_BODY_TYPES.has(essence)) throw contentTypeRefused();
  });

  // JSON bodies: refuse bytes that are not UTF-8 (the default parser would silently store U+FFFD), then
  // Fastify's own parser (prototype poisoning refused).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) return done(invalidUtf8(), undefined);
    parseJson(req, bytes.toString('utf8'), done);
  });

  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const field = fieldWithNul(part);
      if (field) throw nulByte(field);
    }
  });
}

function safeOrigin(url: string): string | null {
  try {
    // Tile URLs are templates ({s}.tile.example/{z}/{x}/{y}.png): the origin without the subdomain template.
    const u = new URL(url.replace('{s}.', ''));
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.protocol}//${url.includes('{s}.') ? '*.' : ''}${u.host}` : null;
  } catch {
    return null;
  }
}
