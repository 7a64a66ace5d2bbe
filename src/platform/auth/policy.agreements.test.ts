// The agreements write decisions of the policy module, one per decision, over hand-built actors: who
// signs and as which party, who edits, submits, withdraws, amends, returns and terminates.
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  type AgreementParties,
  agreementPartyOf,
  agreementSigningParty,
  mayAmend,
  mayDraftPks,
  mayEditDraft,
  mayReturn,
  maySubmit,
  mayTerminate,
  mayWithdraw,
} from './policy.ts';

const base: Actor = {
  userId: 'u',
  role: 'public',
  organizationId: null,
  regionCode: null,
  chainId: null,
  branchId: null,
  outletId: null,
  chainCode: null,
};
const admin: Actor = { ...base, role: 'admin' };
const dinas: Actor = { ...base, role: 'pemda', organizationId: 'gov', regionCode: '16.02' };
const otherDinas: Actor = { ...base, role: 'pemda', organizationId: 'gov2', regionCode: '36.04' };
const chain: Actor = { ...base, role: 'retailer', organizationId: 'chain', chainId: 'chain', chainCode: 'alfamart' };
const branchStaff: Actor = { ...chain, organizationId: 'b1', branchId: 'b1' };
const otherBranch: Actor = { ...chain, organizationId: 'b2', branchId: 'b2' };
const otherChain: Actor = { ...base, role: 'retailer', organizationId: 'c2', chainId: 'c2', chainCode: 'indomaret' };
const umkm: Actor = { ...base, role: 'umkm', organizationId: 'umkm' };
const otherUmkm: Actor = { ...base, role: 'umkm', organizationId: 'umkm2' };
const mentor: Actor = { ...base, role: 'mentor' };

const mou: AgreementParties = { kind: 'mou', government_id: 'gov', chain_id: 'chain', branch_id: null, umkm_id: null };
const pks: AgreementParties = { kind: 'pks', government_id: 'gov', chain_id: 'chain', branch_id: 'b1', umkm_id: 'umkm' };
const PKS_WITNESSED = ['chain', 'umkm', 'government'] as const;

describe('the party an actor acts for', () => {
  it('is its own organisation’s role in the agreement, else none', () => {
    expect(agreementPartyOf(dinas, mou)).toBe('government');
    expect(agreementPartyOf(chain, pks)).toBe('chain');
    expect(agreementPartyOf(branchStaff, pks)).toBe('chain');
    expect(agreementPartyOf(otherBranch, pks)).toBeNull();
    expect(agreementPartyOf(umkm, pks)).toBe('umkm');
    for (const a of [admin, otherDinas, otherChain, otherUmkm, mentor]) expect(agreementPartyOf(a, pks)).toBeNull();
  });
});

describe('signing', () => {
  it('each required party signs as itself; the Dinas only when it witnesses; an admin never', () => {
    expect(agreementSigningParty(chain, pks, PKS_WITNESSED)).toBe('chain');
    expect(agreementSigningParty(umkm, pks, PKS_WITNESSED)).toBe('umkm');
    expect(agreementSigningParty(dinas, pks, PKS_WITNESSED)).toBe('government');
    expect(agreementSigningParty(dinas, pks, ['chain', 'umkm'])).toBeNull();
    expect(agreementSigningParty(admin, pks, PKS_WITNESSED)).toBeNull();
    expect(agreementSigningParty(otherUmkm, pks, PKS_WITNESSED)).toBeNull();
    expect(agreementSigningParty(otherBranch, pks, PKS_WITNESSED)).toBeNull();
  });
});

describe('drafting decisions: the drafter (Dinas for an MoU, chain for a PKS) and admins', () => {
  const decisions = { mayEditDraft, maySubmit, mayWithdraw, mayAmend };
  for (const [name, may] of Object.entries(decisions)) {
    it(name, () => {
      expect(may(dinas, mou)).toBe(true);
      expect(may(chain, mou)).toBe(false);
      expect(may(chain, pks)).toBe(true);
      expect(may(branchStaff, pks)).toBe(true);
      expect(may(otherBranch, pks)).toBe(false);
      expect(may(umkm, pks)).toBe(false);
      expect(may(dinas, pks)).toBe(false);
      expect(may(admin, pks)).toBe(true);
      expect(may(otherChain, pks)).toBe(false);
    });
  }

  it('a PKS is drafted under an MoU only by that MoU’s chain', () => {
    expect(mayDraftPks(chain, mou)).toBe(true);
    expect(mayDraftPks(otherChain, mou)).toBe(false);
    expect(mayDraftPks(dinas, mou)).toBe(false);
    expect(mayDraftPks(admin, mou)).toBe(true);
  });
});

describe('returning and terminating', () => {
  it('any party that must sign may send a version back; others may not', () => {
    expect(mayReturn(umkm, pks, PKS_WITNESSED)).toBe(true);
    expect(mayReturn(dinas, pks, PKS_WITNESSED)).toBe(true);
    expect(mayReturn(dinas, pks, ['chain', 'umkm'])).toBe(false);
    expect(mayReturn(admin, pks, ['chain', 'umkm'])).toBe(true);
    expect(mayReturn(otherUmkm, pks, PKS_WITNESSED)).toBe(false);
  });

  it('the parties to the trade terminate a PKS, not the witnessing Dinas; either party an MoU', () => {
    expect(mayTerminate(chain, pks)).toBe(true);
    expect(mayTerminate(umkm, pks)).toBe(true);
    expect(mayTerminate(dinas, pks)).toBe(false);
    expect(mayTerminate(dinas, mou)).toBe(true);
    expect(mayTerminate(chain, mou)).toBe(true);
    expect(mayTerminate(otherChain, mou)).toBe(false);
    expect(mayTerminate(admin, pks)).toBe(true);
  });
});
