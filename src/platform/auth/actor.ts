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
  /** retailer: its chain (head office) and, for branch staff, its branch. */
  chainId: string | null;
  branchId: string | null;
  chainCode: ChainCode | null;
}

export const PUBLIC_ACTOR: Actor = {
  userId: null,
  role: 'public',
  organizationId: null,
  regionCode: null,
  chainId: null,
  branchId: null,
  chainCode: null,
};

/** What a service call knows of its caller: the actor and the request it belongs to (for the audit log). */
export interface Ctx {
  actor: Actor;
  requestId: string | null;
}

export const systemCtx = (requestId: string | null = null): Ctx => ({
  actor: { ...PUBLIC_ACTOR, role: 'admin' },
  requestId,
});
