// The HTTP frame every module's routes run in: one transaction per API request, opened once the body is in
// (committed before the answer leaves, rolled back on any error or when the client left), a bounded wait
// for the connection (503 beyond it), the actor from the session cookie, the policy check from the route's
// declared action, and the one error handler that maps errors to bilingual 4xx answers.
import crypto from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ControlledTransaction } from 'kysely';
import { type Database, isCheckoutTimeout, poolSaturated } from '../db/client.ts';
import type { DB } from '../db/types.ts';
import { fieldLabel } from '../field-labels.ts';
import { type Actor, type Ctx, PUBLIC_ACTOR } from './auth/actor.ts';
import { type Action, allows, isAction } from './auth/policy.ts';
import { actorForToken, SESSION_COOKIE } from './auth/sessions.ts';
import type { Clock } from './clock.ts';
import { AppError, type Bilingual, type FieldProblem, forbidden, unauthenticated } from './errors.ts';
import { messageFor, type SchemaIssue } from './validation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    trx: ControlledTransaction<DB> | null;
    actor: Actor;
    /** Commit even though the answer is an error (a failed login attempt is still a recorded fact). */
    commitOnError: boolean;
    /** The client went away before its answer: whatever the handler did is rolled back. */
    abandoned: boolean;
    /** The instant this request happens at, from the app's clock (platform/clock.ts). */
    now: Date;
  }
  interface FastifyContextConfig {
    policy?: Action;
    /** Cache-Control of a successful answer (an API answer is otherwise `no-store`; an error always is). */
    cache?: string;
  }
  interface FastifyInstance {
    /** 'METHOD /url' → declared policy action, for the role × route test and the docs. */
    routePolicies: Map<string, Action>;
    /** The outer database handle (never a request's transaction). */
    db: Database;
  }
}

/** The transaction of this request: services get it as their `db`. */
export function dbOf(req: FastifyRequest): Database {
  if (!req.trx) throw new Error(`No transaction for ${req.method} ${req.url}`);
  return req.trx;
}

export const ctxOf = (req: FastifyRequest): Ctx => ({ actor: req.actor, requestId: String(req.id), now: req.now });

const isApi = (url: string) => url === '/api' || url.startsWith('/api/');

/** Actions whose handlers read no table: answered without waiting for a connection (a health probe must
 *  not queue behind the database). All three are allowed to everybody, so no actor is needed either. */
const WITHOUT_DATABASE = new Set<string>(['health.read', 'config.read', 'docs.read']);

/** Seconds a client is asked to wait after a 503 (the queue drains in well under a second at the bound). */
const RETRY_AFTER_S = 1;

const busy = () =>
  new AppError(503, 'busy', {
    id: 'Server sedang sibuk; silakan coba lagi sebentar lagi.',
    en: 'The server is busy; please try again in a moment.',
  });

/** The client left before its transaction opened: nobody will read the answer (nginx's 499). */
const clientGone = () => new AppError(499, 'client_closed', { id: 'Klien menutup koneksi.', en: 'The client closed the connection.' });

// Not req.raw.destroyed: a request stream is destroyed as soon as its body has been read.
const gone = (req: FastifyRequest) => req.raw.aborted || req.raw.socket?.destroyed === true;

const streamsBody = (req: FastifyRequest) =>
  (req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes?.includes('multipart/form-data') === true;

async function finish(req: FastifyRequest, ok: boolean) {
  const trx = req.trx;
  // Taken off the request first, so that two hooks finishing at once never end it twice (a second
  // ROLLBACK would run on a connection already handed to another request).
  req.trx = null;
  if (!trx || trx.isCommitted || trx.isRolledBack) return;
  if (!ok || req.abandoned) {
    await trx.rollback().execute();
    return;
  }
  try {
    await trx.commit().execute();
  } catch (e) {
    // A failed COMMIT keeps the connection checked out; a rollback releases it even if it fails too.
    await trx
      .rollback()
      .execute()
      .catch(() => {});
    throw e;
  }
}

/** Waits (boundedly) for a connection and begins the request's transaction. */
async function begin(db: Database, reply: FastifyReply): Promise<ControlledTransaction<DB>> {
  if (poolSaturated(db)) {
    reply.header('retry-after', String(RETRY_AFTER_S));
    throw busy();
  }
  try {
    return await db.startTransaction().execute();
  } catch (e) {
    if (!isCheckoutTimeout(e)) throw e;
    reply.header('retry-after', String(RETRY_AFTER_S));
    throw busy();
  }
}

/** The transaction of a request whose body the handler reads itself (multipart uploads): opened once the
 *  body is in, so a slow upload never holds the connection. Other routes use dbOf. */
export async function transactionOf(req: FastifyRequest, reply: FastifyReply): Promise<Database> {
  if (!req.trx) {
    const trx = await begin(req.server.db, reply);
    req.trx = trx;
    if (gone(req)) {
      await finish(req, false);
      throw clientGone();
    }
  }
  return req.trx;
}

export function registerRequestFrame(app: FastifyInstance, db: Database, clock: Clock) {
  app.decorateRequest('trx', null);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('commitOnError', false);
  app.decorateRequest('abandoned', false);
  app.decorateRequest('now', null as unknown as Date);
  app.decorate('routePolicies', new Map<string, Action>());
  app.decorate('db', db);

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
    // Signed out and not a public action: refused before the body is even read, without the database.
    const action = req.routeOptions.config.policy;
    if (isApi(req.url) && action && !req.cookies[SESSION_COOKIE] && !allows(PUBLIC_ACTOR, action)) throw unauthenticated();
  });

  // The transaction opens only once the body has been received and parsed (preValidation runs after
  // parsing), so a client that sends its body slowly holds nothing but its own socket. The policy check
  // is here rather than after validation so that a refused caller gets 401/403, never a schema hint;
  // validation itself is in memory and bounded by the body limit.
  app.addHook('preValidation', async (req, reply) => {
    const action = req.routeOptions.config.policy;
    if (!isApi(req.url) || !action || WITHOUT_DATABASE.has(action)) return;
    const token = req.cookies[SESSION_COOKIE];
    if (streamsBody(req)) {
      // The handler streams the body (an upload); the actor is looked up in one short statement and the
      // transaction waits for transactionOf, called once the body is in.
      if (token) req.actor = (await actorForToken(db, token)) ?? PUBLIC_ACTOR;
    } else {
      if (gone(req)) throw clientGone();
      req.trx = await begin(db, reply);
      // The client may have left while this request waited for the connection: end it now, since no
      // answer (and so no onSend) may ever be written for it.
      if (gone(req)) {
        await finish(req, false);
        throw clientGone();
      }
      if (token) req.actor = (await actorForToken(req.trx, token)) ?? PUBLIC_ACTOR;
    }
    if (!allows(req.actor, action)) throw req.actor.role === 'public' ? unauthenticated() : forbidden();
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (isApi(req.url) && !reply.hasHeader('cache-control')) {
      const cache = reply.statusCode < 400 ? req.routeOptions.config.cache : undefined;
      reply.header('cache-control', cache ?? 'no-store');
    }
    try {
      await finish(req, reply.statusCode < 400 || req.commitOnError);
    } catch (e) {
      req.log.error(e, 'commit failed');
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

  // A client that leaves while its handler runs: the handler still owns the transaction (rolling back
  // under its feet would let its next statement run outside any transaction), so it is only marked; the
  // answer that follows — success or error, every path sends one — rolls it back in onSend.
  const abandon = async (req: FastifyRequest) => {
    req.abandoned = true;
  };
  app.addHook('onRequestAbort', abandon);
  app.addHook('onTimeout', abandon);
  // After the answer (or a failed write of it), nothing may stay open.
  app.addHook('onResponse', async (req) => {
    await finish(req, false).catch((e) => req.log.error(e, 'rollback failed'));
  });
}

export function errorBody(code: string, message: Bilingual, field?: string, fields?: FieldProblem[]) {
  const all = fields?.length ? fields : field ? [{ field, message }] : undefined;
  return { error: { code, message, ...(field ? { field } : {}), ...(all ? { fields: all } : {}) } };
}

/** The value a request sent at a body path (to tell "nothing typed" from "typed wrong"). */
function valueAt(root: unknown, path: string[]): unknown {
  let v = root;
  for (const s of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

const WHOLE_REQUEST: Bilingual = { id: 'Isi permintaan', en: 'The request' };

/** Every issue of the failed schema, one per field (the first a field got), each named as people call the
 *  field; `field` and `message` repeat the first for clients that read only one. */
function validationError(error: FastifyError, req: FastifyRequest): { body: ReturnType<typeof errorBody> } {
  const context = error.validationContext ?? 'body';
  const sent = context === 'querystring' ? req.query : context === 'params' ? req.params : context === 'headers' ? req.headers : req.body;
  const issues = (error.validation ?? []) as unknown as {
    keyword?: string;
    instancePath?: string;
    message?: string;
    params?: SchemaIssue['params'];
  }[];
  const fields: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const i of issues) {
    const path = (i.instancePath ?? '').split('/').filter((s) => s !== '');
    const keys = i.keyword === 'unrecognized_keys' ? (i.params?.keys ?? []) : [];
    const full = keys[0] ? [...path, keys[0]] : path;
    const field = full.join('.') || context;
    if (seen.has(field)) continue;
    seen.add(field);
    const issue: SchemaIssue = { code: i.keyword ?? 'custom', message: i.message, params: i.params ?? {} };
    fields.push({ field, message: messageFor(issue, full.length ? fieldLabel(full) : WHOLE_REQUEST, valueAt(sent, path)) });
  }
  const first = fields[0] ?? { field: context, message: { id: 'Permintaan tidak valid.', en: 'Invalid request.' } };
  return { body: errorBody('validation_failed', first.message, first.field, fields) };
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
      return reply.code(error.status).send(errorBody(error.code, error.bilingual, error.field, error.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      return reply.code(400).send(validationError(error, req).body);
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
