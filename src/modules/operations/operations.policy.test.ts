// The write decisions of operations (policy.ts), per role: a chain orders, cancels, receives and handles
// stock for its own outlets (a branch for its branch's); the maker answers and ships her own orders; the
// admin and the Dinas watch but do not act; a pickup is recorded once by either side.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { PUBLIC_ACTOR } from '../../platform/auth/actor.ts';
import {
  mayCancelOrder,
  mayIssueDelivery,
  mayOrderFor,
  mayRecordPickup,
  mayRecordReceipt,
  mayRespondToOrder,
  mayWriteStock,
} from '../../platform/auth/policy.ts';

const actor = (a: Partial<Actor>): Actor => ({ ...PUBLIC_ACTOR, ...a });
const hq = actor({ role: 'retailer', userId: 'u1', chainId: 'alfa', chainCode: 'alfamart' });
const branch = actor({ role: 'retailer', userId: 'u2', chainId: 'alfa', chainCode: 'alfamart', branchId: 'bkl' });
const indo = actor({ role: 'retailer', userId: 'u3', chainId: 'indo', chainCode: 'indomaret' });
const maker = actor({ role: 'umkm', userId: 'u4', organizationId: 'm1' });
const other = actor({ role: 'umkm', userId: 'u5', organizationId: 'm2' });
const admin = actor({ role: 'admin', userId: 'u6' });
const dinas = actor({ role: 'pemda', userId: 'u7', regionCode: '17.71' });
/** Outlet staff of o1 (Bengkulu branch). */
const store = actor({ role: 'retailer', userId: 'u8', chainId: 'alfa', chainCode: 'alfamart', branchId: 'bkl', outletId: 'o1' });

describe('operations write decisions', () => {
  const bklOutlet = { id: 'o1', chain_id: 'alfa', branch_id: 'bkl' };
  const otherOutlet = { id: 'o9', chain_id: 'alfa', branch_id: 'plg' };
  it('orders and stock: the chain for its outlets, a branch for its own, nobody else', () => {
    for (const f of [mayOrderFor, mayWriteStock]) {
      expect(f(hq, bklOutlet)).toBe(true);
      expect(f(branch, bklOutlet)).toBe(true);
      expect(f(branch, otherOutlet)).toBe(false);
      expect(f(indo, bklOutlet)).toBe(false);
      expect(f(admin, bklOutlet)).toBe(false);
      expect(f(dinas, bklOutlet)).toBe(false);
      expect(f(maker, bklOutlet)).toBe(false);
      expect(f(store, bklOutlet)).toBe(true);
      expect(f(store, { ...bklOutlet, id: 'o2' })).toBe(false);
      expect(f(store, otherOutlet)).toBe(false);
    }
  });
  it('outlet staff act on their own store only: its orders, its receipts (never a distribution centre’s), its returns', () => {
    expect(mayCancelOrder(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: 'o1', cancellable: true })).toBe(true);
    expect(mayCancelOrder(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: 'o2', cancellable: true })).toBe(false);
    expect(mayCancelOrder(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: null, cancellable: true })).toBe(false);
    expect(mayRecordReceipt(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: 'o1', status: 'issued' })).toBe(true);
    expect(mayRecordReceipt(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: 'o2', status: 'issued' })).toBe(false);
    expect(mayRecordReceipt(store, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: null, status: 'issued' })).toBe(false);
    expect(mayRecordReceipt(branch, { chain_id: 'alfa', branch_id: 'bkl', outlet_id: null, status: 'issued' })).toBe(true);
    const ret = { chain_id: 'alfa', outlet_id: 'o1', outlet_branch_id: 'bkl', umkm_id: 'm1', picked_up: false };
    expect(mayRecordPickup(store, ret)).toBe(true);
    expect(mayRecordPickup(store, { ...ret, outlet_id: 'o2' })).toBe(false);
  });
  it('the maker answers only her own order, only while it is sent; ships only what is shippable', () => {
    expect(mayRespondToOrder(maker, { umkm_id: 'm1', status: 'sent' })).toBe(true);
    expect(mayRespondToOrder(maker, { umkm_id: 'm1', status: 'confirmed' })).toBe(false);
    expect(mayRespondToOrder(other, { umkm_id: 'm1', status: 'sent' })).toBe(false);
    expect(mayRespondToOrder(admin, { umkm_id: 'm1', status: 'sent' })).toBe(false);
    expect(mayIssueDelivery(maker, { umkm_id: 'm1', shippable: true })).toBe(true);
    expect(mayIssueDelivery(maker, { umkm_id: 'm1', shippable: false })).toBe(false);
    expect(mayIssueDelivery(other, { umkm_id: 'm1', shippable: true })).toBe(false);
  });
  it('the ordering chain cancels (a branch its own orders) while cancellable; receipts by the receiving side', () => {
    expect(mayCancelOrder(hq, { chain_id: 'alfa', branch_id: 'bkl', cancellable: true })).toBe(true);
    expect(mayCancelOrder(branch, { chain_id: 'alfa', branch_id: null, cancellable: true })).toBe(false);
    expect(mayCancelOrder(hq, { chain_id: 'alfa', branch_id: null, cancellable: false })).toBe(false);
    expect(mayCancelOrder(indo, { chain_id: 'alfa', branch_id: null, cancellable: true })).toBe(false);
    expect(mayRecordReceipt(branch, { chain_id: 'alfa', branch_id: 'bkl', status: 'issued' })).toBe(true);
    expect(mayRecordReceipt(branch, { chain_id: 'alfa', branch_id: 'bkl', status: 'received' })).toBe(false);
    expect(mayRecordReceipt(branch, { chain_id: 'alfa', branch_id: 'plg', status: 'issued' })).toBe(false);
    expect(mayRecordReceipt(maker, { chain_id: 'alfa', branch_id: 'bkl', status: 'issued' })).toBe(false);
  });
  it('a pickup is recorded once, by the outlet’s chain staff or the maker', () => {
    const ret = { chain_id: 'alfa', outlet_branch_id: 'bkl', umkm_id: 'm1', picked_up: false };
    expect(mayRecordPickup(branch, ret)).toBe(true);
    expect(mayRecordPickup(maker, ret)).toBe(true);
    expect(mayRecordPickup(other, ret)).toBe(false);
    expect(mayRecordPickup(indo, ret)).toBe(false);
    expect(mayRecordPickup(maker, { ...ret, picked_up: true })).toBe(false);
  });
});
