// Write decisions live in the policy module and the web shows exactly what the server accepts: each
// record's `can` is what the same policy function answers, and acting without it is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/platform/auth/actor.ts';
import { PUBLIC_ACTOR } from '../src/platform/auth/actor.ts';
import {
  chainActedFor,
  mayApprovePlan,
  mayEditRequirementSet,
  mayLockPlacement,
  mayManageProgram,
  mayManageRound,
  mayOpenRound,
  mayRecordSession,
} from '../src/platform/auth/policy.ts';
import { demo, type TestApp, testApp } from './app.ts';

const actor = (a: Partial<Actor>): Actor => ({ ...PUBLIC_ACTOR, ...a });
const alfaHq = actor({ role: 'retailer', userId: 'u1', chainId: 'alfa', chainCode: 'alfamart' });
const alfaBranch = actor({ role: 'retailer', userId: 'u2', chainId: 'alfa', chainCode: 'alfamart', branchId: 'bkl' });
const indo = actor({ role: 'retailer', userId: 'u3', chainId: 'indo', chainCode: 'indomaret' });
const sulbar = actor({ role: 'pemda', userId: 'u4', regionCode: '76' });
const mamuju = actor({ role: 'pemda', userId: 'u5', regionCode: '76.02' });
const mentor = actor({ role: 'mentor', userId: 'm1' });

describe('policy: write decisions', () => {
  it('a chain acts for its own chain only; others must name one', () => {
    expect(chainActedFor(alfaHq, undefined)).toEqual({ chainCode: 'alfamart' });
    expect(chainActedFor(alfaHq, 'indomaret')).toBe('foreign');
    expect(chainActedFor(sulbar, undefined)).toBe('missing');
    expect(chainActedFor(sulbar, 'alfamidi')).toEqual({ chainCode: 'alfamidi' });
  });

  it('a requirement set is edited by its chain head office only', () => {
    expect(mayEditRequirementSet(alfaHq, { chain_id: 'alfa' })).toBe(true);
    expect(mayEditRequirementSet(alfaBranch, { chain_id: 'alfa' })).toBe(false);
    expect(mayEditRequirementSet(indo, { chain_id: 'alfa' })).toBe(false);
    expect(mayEditRequirementSet(sulbar, { chain_id: 'alfa' })).toBe(false);
  });

  it('a province-wide round is run by the province, not by a regency inside it', () => {
    const round = { chain_id: 'alfa', region_code: '76' };
    expect(mayManageRound(sulbar, round)).toBe(true);
    expect(mayManageRound(mamuju, round)).toBe(false);
    expect(mayManageRound(mamuju, { chain_id: 'alfa', region_code: '76.02' })).toBe(true);
    expect(mayManageRound(indo, round)).toBe(false);
    expect(mayManageRound(mentor, round)).toBe(false);
  });

  it('a chain opens a round only under an MoU in force there; a Dinas in its own region', () => {
    expect(mayOpenRound(alfaHq, { region_code: '36.04', chainHasMou: false })).toBe(false);
    expect(mayOpenRound(alfaHq, { region_code: '16.02', chainHasMou: true })).toBe(true);
    expect(mayOpenRound(alfaBranch, { region_code: '16.02', chainHasMou: true })).toBe(false);
    expect(mayOpenRound(mamuju, { region_code: '76.01', chainHasMou: false })).toBe(false);
    expect(mayOpenRound(sulbar, { region_code: '76.01', chainHasMou: false })).toBe(true);
  });

  it('a programme is managed by the Dinas containing it; sessions also by its own mentor', () => {
    const program = { region_code: '76.02', mentor_user_id: 'm1' };
    expect(mayManageProgram(sulbar, program)).toBe(true);
    expect(mayManageProgram(mentor, program)).toBe(false);
    expect(mayRecordSession(mentor, program)).toBe(true);
    expect(mayRecordSession(actor({ role: 'mentor', userId: 'm2' }), program)).toBe(false);
    expect(mayManageProgram(actor({ role: 'pemda', regionCode: '76.01' }), program)).toBe(false);
  });

  it('a plan is approved and a placement locked by its chain; branch staff only for their branch', () => {
    expect(mayApprovePlan(alfaHq, { chain_id: 'alfa', branch_id: 'bkl' })).toBe(true);
    expect(mayApprovePlan(alfaBranch, { chain_id: 'alfa', branch_id: 'bkl' })).toBe(true);
    expect(mayApprovePlan(alfaBranch, { chain_id: 'alfa', branch_id: null })).toBe(false);
    expect(mayApprovePlan(indo, { chain_id: 'alfa', branch_id: null })).toBe(false);
    expect(mayApprovePlan(sulbar, { chain_id: 'alfa', branch_id: null })).toBe(false);
    expect(mayLockPlacement(alfaBranch, { chain_id: 'alfa', outlet_branch_id: 'other' })).toBe(false);
    expect(mayLockPlacement(alfaBranch, { chain_id: 'alfa', outlet_branch_id: 'bkl' })).toBe(true);
  });
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());
const get = (who: string, url: string) => t.as(demo(who), { method: 'GET', url });

describe('the buttons the web shows are the decisions the server makes', () => {
  it("a chain reads another chain's published set but may not edit it (403, not a silent change)", async () => {
    const sets = (await get('alfamart', '/api/curation/requirement-sets?limit=100')).json().items as {
      id: string;
      chainCode: string;
      status: string;
      can: { edit: boolean };
    }[];
    const own = sets.find((s) => s.chainCode === 'alfamart');
    const other = sets.find((s) => s.chainCode === 'indomaret' && s.status === 'published');
    expect(own?.can.edit).toBe(true);
    expect(other?.can.edit).toBe(false);
    const res = await t.as(demo('alfamart'), {
      method: 'PATCH',
      url: `/api/curation/requirement-sets/${other?.id}`,
      payload: { name: 'Diubah pesaing' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message.id).toContain('tidak berwenang');
  });

  it('Alfamart cannot open a round in Serang, where it has no MoU, to reach its businesses; it can in OKI', async () => {
    const round = (regionCode: string) =>
      t.as(demo('alfamart'), {
        method: 'POST',
        url: '/api/curation/rounds',
        payload: { name: 'Kurasi mandiri', regionCode, curationDate: '2026-11-30' },
      });
    const serang = await round('36.04');
    expect(serang.statusCode).toBe(400);
    expect(serang.json().error).toMatchObject({ code: 'mou_required', field: 'regionCode' });
    expect((await round('16.02')).statusCode).toBe(201);
  });

  it('a closed round offers nobody a "close" button and refuses marks', async () => {
    const rounds = (await get('pemda.sulbar', '/api/curation/rounds?limit=50')).json().items as {
      id: string;
      status: string;
      can: { manage: boolean };
    }[];
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) expect(r.can.manage).toBe(r.status === 'open');
    const closed = rounds.find((r) => r.status === 'closed');
    const res = await t.as(demo('pemda.sulbar'), { method: 'POST', url: `/api/curation/rounds/${closed?.id}/close`, payload: {} });
    expect(res.statusCode).toBe(409);
  });

  it('the mentor may record sessions of its programme; the Dinas may also manage it; the UMKM may only answer', async () => {
    const asMentor = (await get('mentor', '/api/mentoring/programs')).json().items as { id: string; can: Record<string, boolean> }[];
    expect(asMentor.length).toBeGreaterThan(0);
    expect(asMentor[0]?.can).toEqual({ manage: false, record: true, respond: false });
    const asDinas = (await get('pemda.oki', `/api/mentoring/programs/${asMentor[0]?.id}`)).json();
    expect(asDinas.can).toMatchObject({ manage: true, record: true });
    const asUmkm = (await get('umkm', '/api/mentoring/programs')).json().items as { myStatus: string; can: Record<string, boolean> }[];
    for (const p of asUmkm) expect(p.can).toEqual({ manage: false, record: false, respond: p.myStatus === 'invited' });
    expect(asUmkm.some((p) => p.can.respond)).toBe(true);
  });

  it('Alfamart may approve its own plan; the Dinas sees it without the button and is refused', async () => {
    const created = await t.as(demo('alfamart'), { method: 'POST', url: '/api/placement/plans', payload: { regionCode: '17.71' } });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json().plan as { id: string; can: { approve: boolean } };
    expect(plan.can.approve).toBe(true);
    const seen = (await get('pemda.bengkulu', `/api/placement/plans/${plan.id}`)).json();
    expect(seen.can.approve).toBe(false);
    const refused = await t.as(demo('pemda.bengkulu'), {
      method: 'POST',
      url: `/api/placement/plans/${plan.id}/approve`,
      payload: { startsOn: '2027-01-04' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
