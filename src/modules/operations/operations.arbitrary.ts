// Generators of operation sequences for the property tests (the pure model and the DB-backed run): a
// receipt of one of three batches, a day's net sales (negative: till returns), a return, an expiry
// write-off, a count of one batch — each some days after the previous one.
import fc from 'fast-check';
import { addDays } from '../../platform/clock.ts';
import { LedgerModel } from './operations.rules.ts';

export type Op =
  | { op: 'receive'; batch: number; delivered: number; accepted: number; rejected: number; dayStep: number }
  | { op: 'sell'; net: number; dayStep: number }
  | { op: 'return'; batch: number; qty: number; dayStep: number }
  | { op: 'expire'; dayStep: number }
  | { op: 'count'; batch: number; counted: number; dayStep: number };

export const BATCHES = [
  { expiresIn: 3, producedAgo: 10 },
  { expiresIn: 8, producedAgo: 8 },
  { expiresIn: 40, producedAgo: 5 },
];

const dayStep = fc.nat(3);
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc
    .record({ batch: fc.nat(BATCHES.length - 1), delivered: fc.integer({ min: 1, max: 20 }), a: fc.nat(20), r: fc.nat(20), dayStep })
    .map(({ batch, delivered, a, r, dayStep }) => {
      const accepted = Math.min(a, delivered);
      const rejected = Math.min(r, delivered - accepted);
      return { op: 'receive' as const, batch, delivered, accepted, rejected, dayStep };
    }),
  fc.record({ op: fc.constant('sell' as const), net: fc.integer({ min: -5, max: 25 }).filter((n) => n !== 0), dayStep }),
  fc.record({ op: fc.constant('return' as const), batch: fc.nat(BATCHES.length - 1), qty: fc.integer({ min: 1, max: 10 }), dayStep }),
  fc.record({ op: fc.constant('expire' as const), dayStep }),
  fc.record({ op: fc.constant('count' as const), batch: fc.nat(BATCHES.length - 1), counted: fc.nat(15), dayStep }),
);

/** Runs ops on the model from `start`; answers the model and the ops as actually applied (a return is
 *  clamped to what is on hand and skipped at zero; a count only of a batch the outlet has held). */
export function runModel(ops: Op[], start: string) {
  const m = new LedgerModel();
  for (const [i, b] of BATCHES.entries()) m.addBatch(`b${i}`, addDays(start, -b.producedAgo), addDays(start, b.expiresIn));
  let day = start;
  const applied: (Op & { day: string })[] = [];
  for (const o of ops) {
    day = addDays(day, o.dayStep);
    if (o.op === 'receive') m.receive(`b${o.batch}`, o.accepted, day);
    else if (o.op === 'sell') m.sell(o.net, day);
    else if (o.op === 'expire') m.expire(day);
    else if (o.op === 'return') {
      const qty = Math.min(o.qty, Math.max(0, m.onHand(`b${o.batch}`)));
      if (qty === 0) continue;
      m.returnGoods(`b${o.batch}`, qty, day);
      applied.push({ ...o, qty, day });
      continue;
    } else if (o.op === 'count') {
      if (!m.movements.some((x) => x.batchId === `b${o.batch}`)) continue;
      m.count(`b${o.batch}`, o.counted, day);
    }
    applied.push({ ...o, day });
  }
  return { model: m, applied, end: day };
}
