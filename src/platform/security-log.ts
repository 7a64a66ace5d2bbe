// The security log: refused or suspicious requests an administrator should be able to see — failed and
// throttled sign-ins, cross-site requests, policy refusals (403) and cross-tenant attempts. A refused
// request's own transaction is rolled back, so the event is written after it has ended, with the outer
// handle, before the answer leaves (a client that reads the log next sees it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import type { SecurityEventKind } from '../modules/security/security.tables.ts';
import { AppError, type Bilingual } from './errors.ts';

interface SecurityEvent {
  kind: SecurityEventKind;
  detail?: Record<string, unknown>;
}

/** An error that is also a security event: answered like any AppError, and recorded in the log. */
export class RefusedError extends AppError {
  constructor(
    readonly kind: SecurityEventKind,
    status: number,
    code: string,
    message: Bilingual,
    field?: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(status, code, message, field);
  }
}

/** The same answer as `error`, recorded as a security event of `kind`. */
export const refused = (kind: SecurityEventKind, error: AppError, detail?: Record<string, unknown>) =>
  new RefusedError(kind, error.status, error.code, error.bilingual, error.field, detail);

declare module 'fastify' {
  interface FastifyRequest {
    securityEvent: SecurityEvent | null;
  }
}

const LOGIN = '/api/auth/login';

function errorCode(payload: unknown): string | null {
  if (typeof payload !== 'string') return null;
  try {
    return (JSON.parse(payload) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
}

function eventOf(req: FastifyRequest, reply: FastifyReply, payload: unknown): SecurityEvent | null {
  if (req.securityEvent) return req.securityEvent;
  const status = reply.statusCode;
  if (status !== 401 && status !== 403 && status !== 429) return null;
  const code = errorCode(payload);
  if (req.routeOptions.url === LOGIN && req.method === 'POST') {
    if (code === 'invalid_credentials') return { kind: 'login_failed' };
    if (code === 'too_many_attempts') return { kind: 'login_throttled' };
  }
  if (status === 403 && code === 'forbidden') return { kind: 'policy_refused', detail: { role: req.actor?.role ?? 'public' } };
  return null;
}

export async function recordSecurityEvent(db: Database, req: FastifyRequest, event: SecurityEvent) {
  const body = req.body as { email?: unknown } | undefined;
  const email = req.actor?.email ?? (typeof body?.email === 'string' ? body.email.slice(0, 254) : null);
  await db
    .insertInto('security_events')
    .values({
      kind: event.kind,
      ip: req.ip,
      actor_id: req.actor?.userId ?? null,
      email,
      method: req.method,
      url: req.url.slice(0, 500),
      detail: event.detail ? JSON.stringify(event.detail) : null,
      request_id: String(req.id),
    })
    .execute();
}

/** Registered AFTER the request frame, so its onSend runs once the request's transaction has ended. */
export function registerSecurityLog(app: FastifyInstance, db: Database) {
  app.decorateRequest('securityEvent', null);
  app.addHook('onError', async (req, _reply, error) => {
    if (error instanceof RefusedError) req.securityEvent ??= { kind: error.kind, ...(error.detail ? { detail: error.detail } : {}) };
  });
  const write = (req: FastifyRequest, event: SecurityEvent) =>
    recordSecurityEvent(db, req, event).catch((e) => req.log.error(e, 'security event not recorded'));
  const pending = new WeakMap<FastifyRequest, SecurityEvent>();
  app.addHook('onSend', async (req, reply, payload) => {
    const event = eventOf(req, reply, payload);
    if (!event) return payload;
    // Never wait for the one PGlite connection while this request's own transaction still holds it.
    const open = req.trx && !req.trx.isCommitted && !req.trx.isRolledBack;
    if (open) pending.set(req, event);
    else await write(req, event);
    return payload;
  });
  app.addHook('onResponse', async (req) => {
    const event = pending.get(req);
    if (event) await write(req, event);
  });
}
