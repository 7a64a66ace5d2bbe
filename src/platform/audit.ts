// The audit log: one row for every change — who, what, which record, before and after, when (UTC),
// and the request it came from. Written in the same transaction as the change itself.
import type { Database } from '../db/client.ts';
import type { Ctx } from './auth/actor.ts';

const json = (v: unknown) =>
  v === undefined || v === null ? null : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

export async function audit(
  db: Database,
  ctx: Ctx,
  entry: { action: string; entity: string; entityId?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: ctx.actor.userId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      before: json(entry.before),
      after: json(entry.after),
      request_id: ctx.requestId,
    })
    .execute();
}
