// Rules of user administration that need no database: which organisation a role may belong to, and the
// installation never left without an active administrator.
import type { Role } from '../../db/types.ts';

export type OrganizationKind = 'government' | 'chain' | 'branch' | 'umkm' | 'bank';

/** The kinds of organisation a role's scope may be (null: the role belongs to no organisation). */
export const ORG_KINDS_FOR_ROLE: Record<Role, readonly OrganizationKind[] | null> = {
  admin: null,
  pemda: ['government'],
  retailer: ['chain', 'branch'],
  umkm: ['umkm'],
  mentor: ['government', 'bank', 'chain', 'branch'],
  bank: ['bank'],
};

/** Whether a role needs an organisation at all (a mentor may work on their own; an admin has none). */
export const roleNeedsOrganization = (role: Role) => role !== 'admin' && role !== 'mentor';

/** Why a role cannot have this organisation (kind null: none given), or null when it can. */
export function scopeProblem(role: Role, orgKind: OrganizationKind | null): 'organization_required' | 'organization_kind' | null {
  const kinds = ORG_KINDS_FOR_ROLE[role];
  if (orgKind === null) return roleNeedsOrganization(role) ? 'organization_required' : null;
  return kinds?.includes(orgKind) ? null : 'organization_kind';
}

/** A change to one account that would leave the installation without an active administrator: the
 *  account is an active admin now and will not be one after, and no other active admin exists. */
export function leavesNoActiveAdmin(
  before: { role: Role; disabled: boolean },
  after: { role: Role; disabled: boolean },
  otherActiveAdmins: number,
): boolean {
  const wasActiveAdmin = before.role === 'admin' && !before.disabled;
  const isActiveAdmin = after.role === 'admin' && !after.disabled;
  return wasActiveAdmin && !isActiveAdmin && otherActiveAdmins === 0;
}
