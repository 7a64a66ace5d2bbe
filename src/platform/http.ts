// The HTTP frame every module's routes run in: one transaction per API request (committed before the
// answer leaves, rolled back on any error), the actor from the session cookie, the policy check from the
// route's declared action, and the one error handler that maps errors to bilingual 4xx answers.
import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ControlledTransaction } from 'kysely';
import type { Database } from '../db/client.ts';
import type { DB } from '../db/types.ts';
import { type Actor, type Ctx, PUBLIC_ACTOR } from './auth/actor.ts';
import { type Action, allows, isAction } from './auth/policy.ts';
import { actorForToken, SESSION_COOKIE } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import { AppError, type Bilingual, forbidden, unauthenticated } from './errors.ts';
import { RULE_MESSAGES } from './validation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    trx: ControlledTransaction<DB> | null;
    actor: Actor;
    /** Commit even though the answer is an error (a failed login attempt is still a recorded fact). */
    commitOnError: boolean;
    /** The instant this request happens at, from the app's clock (platform/clock.ts). */
    now: Date;
  }
  interface FastifyContextConfig {
    policy?: Action;
  }
  interface FastifyInstance {
    /** 'METHOD /url' → declared policy action, for the role × route test and the docs. */
    routePolicies: Map<string, Action>;
  }
}

/** The transaction of this request: services get it as their `db`. */
export function dbOf(req: FastifyRequest): Database {
  if (!req.trx) throw new Error(`No transaction for ${req.method} ${req.url}`);
  return req.trx;
}

export const ctxOf = (req: FastifyRequest): Ctx => ({ actor: req.actor, requestId: String(req.id), now: req.now });

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');

async function finish(req: FastifyRequest, ok: boolean) {
  const trx = req.trx;
  if (!trx || trx.isCommitted || trx.isRolledBack) return;
  if (ok) await trx.commit().execute();
  else await trx.rollback().execute();
}

export function registerRequestFrame(app: FastifyInstance, db: Database, clock: Clock) {
  app.decorateRequest('trx', null);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('commitOnError', false);
  app.decorateRequest('now', null as unknown as Date);
  app.decorate('routePolicies', new Map<string, Action>());

  // Every /api route must declare its policy action; a route without one is refused at start-up.
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    route.config ??= {};
    const config = route.config as { policy?: string };
    if (route.url.startsWith('/api/docs')) config.policy ??= 'docs.read';
    if (!isAction(config.policy)) throw new Error(`Route ${route.method} ${route.url} declares no known policy action`);
    for (const m of [route.method].flat()) app.routePolicies.set(`${m} ${route.url}`, config.policy);
  });

  app.addHook('onRequest', async (req) => {
    req.actor = PUBLIC_ACTOR;
    req.now = clock();
    const action = req.routeOptions.config.policy;
    if (!isApi(req.url) || !action) return;
    req.trx = await db.startTransaction().execute();
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = (await actorForToken(req.trx, token)) ?? PUBLIC_ACTOR;
    if (!allows(req.actor, action)) throw req.actor.role === 'public' ? unauthenticated() : forbidden();
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (isApi(req.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    try {
      await finish(req, reply.statusCode < 400 || req.commitOnError);
    } catch (e) {
      req.log.error(e, 'commit failed');
      await finish(req, false).catch(() => {});
      reply.code(409).type('application/json');
      return JSON.stringify(
        errorBody('commit_failed', {
          id: 'Perubahan bertabrakan dengan perubahan lain; silakan ulangi.',
          en: 'The change conflicted with another one; please retry.',
        }),
      );
    }
    return payload;
  });

  // Whatever happened (client gone, stream error), never leave a transaction open.
  const rollback = async (req: FastifyRequest) => {
    await finish(req, false).catch((e) => req.log.error(e, 'rollback failed'));
  };
  app.addHook('onResponse', rollback);
  app.addHook('onRequestAbort', rollback);
  app.addHook('onTimeout', rollback);
}

export function errorBody(code: string, message: Bilingual, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

const GENERIC_BY_ZOD_CODE: Record<string, (field: string) => Bilingual> = {
  invalid_type: (f) => ({ id: `Kolom ${f} tidak ada atau jenisnya salah.`, en: `Field ${f} is missing or of the wrong type.` }),
  too_small: (f) => ({ id: `Nilai ${f} terlalu kecil atau terlalu pendek.`, en: `Value of ${f} is too small or too short.` }),
  too_big: (f) => ({ id: `Nilai ${f} terlalu besar atau terlalu panjang.`, en: `Value of ${f} is too large or too long.` }),
  invalid_format: (f) => ({ id: `Format ${f} tidak valid.`, en: `Invalid format for ${f}.` }),
  invalid_value: (f) => ({
    id: `Nilai ${f} tidak termasuk pilihan yang diizinkan.`,
    en: `Value of ${f} is not one of the allowed values.`,
  }),
  unrecognized_keys: (f) => ({ id: `Kolom tidak dikenal: ${f}.`, en: `Unknown field: ${f}.` }),
  not_multiple_of: (f) => ({ id: `Nilai ${f} harus bilangan bulat.`, en: `Value of ${f} must be a whole number.` }),
};

function validationError(error: FastifyError): { body: ReturnType<typeof errorBody> } {
  const first = (error.validation ?? [])[0] as
    | { instancePath?: string; keyword?: string; message?: string; params?: { keys?: string[] } }
    | undefined;
  const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  let field = path || error.validationContext || 'body';
  if (first?.keyword === 'unrecognized_keys' && first.params?.keys?.[0]) {
    field = path ? `${path}.${first.params.keys[0]}` : first.params.keys[0];
  }
  const ruled = first?.message ? RULE_MESSAGES[first.message] : undefined;
  const message =
    ruled ??
    (GENERIC_BY_ZOD_CODE[first?.keyword ?? ''] ?? ((f: string) => ({ id: `Nilai ${f} tidak valid.`, en: `Invalid value for ${f}.` })))(
      field,
    );
  return { body: errorBody('validation_failed', message, field) };
}

/** PostgreSQL constraint errors that reach here mean a rule the schemas did not catch (or two requests
 *  raced past a check): still a 4xx. A known constraint names its API field; a constraint's own name is
 *  never sent (it describes our schema), and a duplicate never says whose record holds the value. */
function databaseError(e: { code?: string; constraint?: string }) {
  const KNOWN: Record<string, { field: string; what?: { id: string; en: string } }> = {
    umkm_profiles_nib_key: { field: 'nib', what: { id: 'NIB', en: 'NIB' } },
    products_gtin_idx: { field: 'gtin', what: { id: 'GTIN (kode batang)', en: 'GTIN (barcode)' } },
    users_email_key: { field: 'email', what: { id: 'Email', en: 'Email' } },
    outlets_chain_id_store_code_key: { field: 'storeCode', what: { id: 'Kode toko', en: 'Store code' } },
    agreements_number_key: { field: 'number' },
    curation_entries_round_id_product_id_key: { field: 'productId' },
    requirement_sets_version_idx: { field: 'version' },
  };
  const known = e.constraint ? KNOWN[e.constraint] : undefined;
  const field = known?.field;
  switch (e.code) {
    case '23505': {
      const message = known?.what
        ? { id: `${known.what.id} sudah terdaftar.`, en: `${known.what.en} is already registered.` }
        : {
            id: 'Data yang sama sudah terdaftar. Muat ulang lalu coba lagi.',
            en: 'The same record is already registered. Reload and try again.',
          };
      return { status: 409, body: errorBody('duplicate', message, field) };
    }
    case '23503':
      return {
        status: 400,
        body: errorBody(
          'reference_invalid',
          { id: 'Rujukan ke data lain tidak valid.', en: 'A reference to another record is invalid.' },
          field,
        ),
      };
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return { status: 400, body: errorBody('invalid_value', { id: 'Nilai tidak valid.', en: 'Invalid value.' }, field) };
    default:
      return null;
  }
}

export function registerErrorHandler(app: FastifyInstance) {
  // The transaction is finished by onSend (rolled back for an error answer, unless the route asked to
  // keep what it recorded, as sign-in does for failed attempts).
  app.setErrorHandler(async (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send(errorBody(error.code, error.bilingual, error.field));
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      return reply.code(400).send(validationError(error).body);
    }
    const db = databaseError(error as { code?: string });
    if (db) return reply.code(db.status).send(db.body);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .send(
          errorBody(
            (error.code ?? 'bad_request').toLowerCase(),
            { id: `Permintaan tidak dapat diproses: ${error.message}`, en: `The request cannot be processed: ${error.message}` },
            error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'content-type' : error.code?.startsWith('FST_ERR_CTP') ? 'body' : undefined,
          ),
        );
    }
    const ref = crypto.randomUUID();
    req.log.error({ err: error, ref }, 'unhandled error');
    return reply.code(500).send(
      errorBody('internal', {
        id: `Terjadi kesalahan di server (ref ${ref}). Tidak ada perubahan yang disimpan.`,
        en: `Server error (ref ${ref}). No change was saved.`,
      }),
    );
  });

  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send(errorBody('not_found', { id: 'Alamat tidak ditemukan.', en: 'Route not found.' }));
  });
}
