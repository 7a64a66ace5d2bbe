// Who is asking: the signed-in user with the scope their role grants, or the anonymous public.
import type { ChainCode, Role } from '../../db/types.ts';

export interface Actor {
  userId: string | null;
  role: Role | 'public';
  email?: string;
  name?: string;
  organizationId: string | null;
  /** pemda: the region the government governs (province or regency); umkm: its province. */
  regionCode: string | null;
  /** retailer: its chain (head office) and, for branch staff, its branch. Outlet staff carry the chain and
   *  the branch of their outlet. */
  chainId: string | null;
  branchId: string | null;
  /** Outlet staff (a retailer account bound to one store, users.outlet_id): that outlet; null otherwise. */
  outletId: string | null;
  chainCode: ChainCode | null;
}

export const PUBLIC_ACTOR: Actor = {
  userId: null,
  role: 'public',
  organizationId: null,
  regionCode: null,
  chainId: null,
  branchId: null,
  outletId: null,
  chainCode: null,
};

/** What a service call knows of its caller: the actor, the request it belongs to (for the audit log) and
 *  the instant it happens at — the one clock every business date comes from (platform/clock.ts). */
export interface Ctx {
  actor: Actor;
  requestId: string | null;
  now: Date;
}

/** The system acting on its own (CLI, jobs, seeding): `now` is given by the caller's clock. */
export const systemCtx = (requestId: string | null, now: Date): Ctx => ({
  actor: { ...PUBLIC_ACTOR, role: 'admin' },
  requestId,
  now,
});

/** A context acting as the given actor (an admin unless said otherwise) at `now`: the demo's story and the
 *  tests call services as a party at a moment of their choosing. */
export const actingCtx = (actor: Partial<Actor>, now: Date): Ctx => ({
  actor: { ...PUBLIC_ACTOR, role: 'admin', ...actor },
  requestId: null,
  now,
});
