// The pure rules of operations: document numbers, the suggested order and its caps, the scale-down
// remainder rule, answers, receipt differences, who bears a loss and owns stock, FEFO allocation — and the
// acceptance property on the ledger model: any sequence of deliveries, receipts, sales, returns, expiries
// and counts keeps the reconciliation identity and never drives on hand below zero without a flagged variance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/clock.ts';
import { opArb, runModel } from './operations.arbitrary.ts';
import {
  allocateFefo,
  answeredStatus,
  coverDays,
  documentNumber,
  documentPrefix,
  identityHolds,
  lossBearer,
  orderCancellable,
  orderShippable,
  scaleDown,
  shortOf,
  stockOwner,
  suggestOrder,
  weekStart,
} from './operations.rules.ts';

describe('document numbers', () => {
  it('reads PO/<CHAIN>/<YYYY>/<000001>', () => {
    expect(documentNumber(documentPrefix('PO', 'alfamart', 2026), 1)).toBe('PO/ALFAMART/2026/000001');
    expect(documentNumber(documentPrefix('RTR', 'indomaret', '2027'), 1234567)).toBe('RTR/INDOMARET/2027/1234567');
  });
});

describe('order lifecycle', () => {
  it('answers, cancels and ships only in the right states', () => {
    expect(answeredStatus([{ ordered: 5, confirmed: 5 }])).toBe('confirmed');
    expect(
      answeredStatus([
        { ordered: 5, confirmed: 5 },
        { ordered: 3, confirmed: 0 },
      ]),
    ).toBe('partly_confirmed');
    expect(orderCancellable('sent', 0)).toBe(true);
    expect(orderCancellable('confirmed', 1)).toBe(false);
    expect(orderCancellable('declined', 0)).toBe(false);
    expect(orderShippable('sent', 5)).toBe(false);
    expect(orderShippable('partly_confirmed', 1)).toBe(true);
    expect(orderShippable('confirmed', 0)).toBe(false);
    expect(shortOf({ delivered: 10, accepted: 8, rejected: 1 })).toBe(1);
  });
});

describe('loss and ownership', () => {
  const terms = { unsoldGoods: 'returned_to_umkm' as const, expiredGoodsBorneBy: 'chain' as const };
  it('follows the PKS', () => {
    expect(lossBearer('expired', terms)).toBe('chain');
    expect(lossBearer('written_off', terms)).toBe('chain');
    expect(lossBearer('unsold', terms)).toBe('umkm');
    expect(lossBearer('unsold', { ...terms, unsoldGoods: 'borne_by_chain' })).toBe('chain');
    expect(lossBearer('damaged', terms)).toBe('chain');
    expect(lossBearer('recall', terms)).toBe('umkm');
    expect(lossBearer('expired', { unsoldGoods: null, expiredGoodsBorneBy: null })).toBe('umkm');
    expect(stockOwner('konsinyasi')).toBe('umkm');
    expect(stockOwner('beli_putus')).toBe('chain');
  });
});

describe('suggested order', () => {
  const base = {
    key: 'a',
    perishable: false,
    shelfLifeDays: 365,
    acceptsPerishable: false,
    soldUnits: 56,
    historyDays: 28,
    expectedWeeklyUnits: null,
    onHand: 0,
    open: 0,
  };
  it('is velocity × cover − on hand − open, from history, else from the plan', () => {
    expect(suggestOrder([base], null)[0]).toMatchObject({ velocity: 2, coverDays: 14, suggested: 28, reasons: ['velocity_history'] });
    expect(suggestOrder([{ ...base, onHand: 10, open: 5 }], null)[0]?.suggested).toBe(13);
    expect(suggestOrder([{ ...base, soldUnits: null, expectedWeeklyUnits: 14 }], null)[0]).toMatchObject({ velocity: 2, suggested: 28 });
    expect(suggestOrder([{ ...base, soldUnits: null }], null)[0]).toMatchObject({ suggested: 0, reasons: ['no_velocity'] });
    expect(suggestOrder([{ ...base, onHand: 40 }], null)[0]).toMatchObject({ suggested: 0 });
  });
  it('keeps perishables to a few days within shelf life, and off outlets that refuse them', () => {
    expect(coverDays({ perishable: true, shelfLifeDays: 5 })).toBe(3);
    expect(coverDays({ perishable: true, shelfLifeDays: 2 })).toBe(1);
    const wet = { ...base, perishable: true, shelfLifeDays: 2, acceptsPerishable: true, soldUnits: 280 };
    expect(suggestOrder([wet], null)[0]).toMatchObject({ coverDays: 1, suggested: 10 });
    expect(suggestOrder([{ ...wet, acceptsPerishable: false }], null)[0]?.suggested).toBe(0);
    // Never more than sells before expiry.
    const short = suggestOrder([{ ...base, soldUnits: 42, shelfLifeDays: 5 }], null)[0];
    expect(short).toMatchObject({ coverDays: 5, suggested: 7 });
    expect(short?.reasons).toContain('capped_expiry');
  });
  it('caps the total by the capacity left, scaled down with the remainder rule', () => {
    const lines = suggestOrder([base, { ...base, key: 'b', soldUnits: 28 }, { ...base, key: 'c', soldUnits: 28 }], 20);
    expect(lines.map((l) => l.suggested)).toEqual([10, 5, 5]);
    expect(lines.every((l) => l.reasons.includes('capped_capacity'))).toBe(true);
  });
  it('scaleDown sums to min(total, cap), never grows a part', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 30 }), fc.nat(20000), (parts, cap) => {
        const out = scaleDown(parts, cap);
        const total = parts.reduce((a, b) => a + b, 0);
        expect(out.reduce((a, b) => a + b, 0)).toBe(Math.min(total, cap));
        for (const [i, o] of out.entries()) expect(o).toBeLessThanOrEqual(parts[i]!);
      }),
    );
  });
  it('weeks start on Monday', () => {
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(weekStart('2026-12-01')).toBe('2026-11-30');
  });
});

describe('FEFO', () => {
  it('draws the earliest expiry first, skips what expired before the day, reports what found no batch', () => {
    const batches = [
      { batchId: 'b', expiresOn: '2026-12-10', producedOn: '2026-11-01', onHand: 5 },
      { batchId: 'a', expiresOn: '2026-12-05', producedOn: '2026-11-01', onHand: 3 },
      { batchId: 'x', expiresOn: '2026-11-20', producedOn: '2026-11-01', onHand: 9 },
    ];
    expect(allocateFefo(batches, 6, '2026-11-23')).toEqual({
      draws: [
        { batchId: 'a', qty: 3 },
        { batchId: 'b', qty: 3 },
      ],
      unmatched: 0,
    });
    expect(allocateFefo(batches, 10, '2026-11-23').unmatched).toBe(2);
  });
});

describe('the ledger model (acceptance property)', () => {
  it('keeps the reconciliation identity over any period, and on hand never below zero without a flagged variance', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.nat(20), fc.nat(20), (ops, a, b) => {
        const start = '2026-11-02';
        const { model, end } = runModel(ops, start);
        const span = Math.max(1, Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1);
        const from = addDays(start, Math.min(a % span, b % span));
        const to = addDays(start, Math.max(a % span, b % span));
        const flows = model.flows(from, to);
        expect(identityHolds(flows)).toBe(true);
        // Whole period: delivered (accepted) = sold + returned + written off + on hand ± counted.
        const all = model.flows('2000-01-01', end);
        expect(all.received).toBe(all.sold + all.returned + all.expired + all.closing - all.counted);
        // Every batch: the movements with a batch never sum below zero at any point.
        const running = new Map<string, number>();
        for (const mv of model.movements) {
          if (mv.batchId === null) {
            expect(mv.variance).toBe(true);
            continue;
          }
          const v = (running.get(mv.batchId) ?? 0) + mv.qty;
          running.set(mv.batchId, v);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        // Total on hand below zero only by flagged variances.
        const flagged = model.movements.filter((x) => x.variance).reduce((acc, x) => acc + x.qty, 0);
        expect(model.onHand() - flagged).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
