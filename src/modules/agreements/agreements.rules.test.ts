// Pure rules of agreements: the lifecycle table, in-force and phase on edge dates, prices, settlement
// periods (the rules of trade are tested in compliance.rules.test.ts).
import { describe, expect, it } from 'vitest';
import { rupiah } from '../../platform/money.ts';
import {
  canApply,
  inForceOn,
  type LifecycleEvent,
  localDate,
  markup,
  periodProblems,
  phaseOn,
  requiredParties,
  settlementPeriodEnd,
  shelfPriceFor,
  TRANSITIONS,
  whenPaid,
} from './agreements.rules.ts';
import type { VersionStatus } from './agreements.tables.ts';

const signed = {
  status: 'signed' as VersionStatus,
  starts_on: '2027-01-01',
  ends_on: '2027-12-31',
  superseded_on: null,
  terminated_on: null,
};

describe('lifecycle table', () => {
  it('allows exactly the listed transitions', () => {
    const all: VersionStatus[] = ['draft', 'in_review', 'signed', 'superseded', 'terminated', 'withdrawn'];
    const expected: Record<LifecycleEvent, VersionStatus[]> = {
      edit: ['draft'],
      submit: ['draft'],
      return: ['in_review'],
      sign: ['in_review'],
      withdraw: ['draft', 'in_review'],
      terminate: ['signed'],
      amend: ['signed'],
    };
    for (const event of Object.keys(TRANSITIONS) as LifecycleEvent[]) {
      for (const s of all) expect(canApply(event, s), `${event} from ${s}`).toBe(expected[event].includes(s));
    }
  });

  it('names the signing parties; the government witnesses a PKS only when the MoU says so', () => {
    expect(requiredParties('mou', false)).toEqual(['government', 'chain']);
    expect(requiredParties('pks', false)).toEqual(['chain', 'umkm']);
    expect(requiredParties('pks', true)).toEqual(['chain', 'umkm', 'government']);
  });
});

describe('in force and phase on edge dates', () => {
  it('binds from the start day through the end day, inclusive', () => {
    expect(inForceOn(signed, '2026-12-31')).toBe(false);
    expect(inForceOn(signed, '2027-01-01')).toBe(true);
    expect(inForceOn(signed, '2027-12-31')).toBe(true);
    expect(inForceOn(signed, '2028-01-01')).toBe(false);
    expect(phaseOn(signed, '2026-12-31')).toBe('signed');
    expect(phaseOn(signed, '2027-01-01')).toBe('active');
    expect(phaseOn(signed, '2028-01-01')).toBe('expired');
  });

  it('stops on the termination day and on the day an amendment takes over', () => {
    const t = { ...signed, status: 'terminated' as VersionStatus, terminated_on: '2027-06-01' };
    expect(inForceOn(t, '2027-05-31')).toBe(true);
    expect(inForceOn(t, '2027-06-01')).toBe(false);
    expect(phaseOn(t, '2027-05-31')).toBe('active');
    expect(phaseOn(t, '2027-06-01')).toBe('terminated');
    const s = { ...signed, status: 'superseded' as VersionStatus, superseded_on: '2027-03-01' };
    expect(inForceOn(s, '2027-02-28')).toBe(true);
    expect(inForceOn(s, '2027-03-01')).toBe(false);
  });

  it('never binds a draft, a version in review or a withdrawn one', () => {
    for (const status of ['draft', 'in_review', 'withdrawn'] as VersionStatus[]) {
      expect(inForceOn({ ...signed, status }, '2027-06-01')).toBe(false);
    }
  });

  it('counts today in the region’s own zone', () => {
    const at = new Date('2026-11-23T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(localDate('17.71', at)).toBe('2026-11-23');
    expect(localDate('76.04', at)).toBe('2026-11-24');
    expect(localDate('81.71', at)).toBe('2026-11-24');
  });
});

describe('prices and payment dates', () => {
  it('shows the markup beside the supplier price and rounds a margin-derived shelf price up to Rp100', () => {
    expect(markup(rupiah(12_000), rupiah(15_000))).toEqual({ rupiah: 3000n, bpOfShelf: 2000 });
    expect(shelfPriceFor(rupiah(12_000), 2000)).toBe(15_000n);
    expect(shelfPriceFor(rupiah(12_345), 2000)).toBe(15_500n);
  });

  it('ends settlement periods on calendar months or on 7/14-day blocks from the start', () => {
    expect(settlementPeriodEnd('2026-02-01', 'monthly', '2026-02-10')).toBe('2026-02-28');
    expect(settlementPeriodEnd('2026-04-01', 'two_weekly', '2026-04-01')).toBe('2026-04-14');
    expect(settlementPeriodEnd('2026-04-01', 'two_weekly', '2026-04-15')).toBe('2026-04-28');
    expect(settlementPeriodEnd('2026-04-01', 'weekly', '2026-04-07')).toBe('2026-04-07');
    const w = whenPaid({ tradeModel: 'konsinyasi', settlementPeriod: 'monthly', paymentTermDays: 14, startsOn: '2026-02-01' });
    expect(w.example).toEqual({ periodEnd: '2026-02-28', payBy: '2026-03-14' });
    expect(w.text.id).toContain('paling lambat 14 hari setelah dokumen tagihan lengkap diterima');
    expect(w.text.en).toContain('at the latest 14 days after the complete billing documents are received');
    const cash = whenPaid({ tradeModel: 'beli_putus', settlementPeriod: 'weekly', paymentTermDays: 0, startsOn: '2026-02-01' });
    expect(cash.example.payBy).toBe(cash.example.periodEnd);
    expect(cash.text.id).toContain('tunai');
    expect(cash.text.en).toContain('cash');
  });
});

describe('periods that make sense', () => {
  const fmt = (d: string) => ({ id: d, en: d });
  const running = { startsOn: '2026-01-09', endsOn: '2028-01-08' };
  it('a new PKS cannot start 11 months back, but an amendment of a running one keeps its signed start', () => {
    expect(periodProblems('pks', running, '2026-12-01', 'draft', fmt).map((p) => p.code)).toEqual(['starts_too_early']);
    expect(periodProblems('pks', running, '2026-12-01', 'amendment', fmt)).toEqual([]);
    expect(periodProblems('pks', running, '2026-12-01', 'sign', fmt)).toEqual([]);
  });
  it('an amendment is still refused when its period is wholly past', () => {
    expect(
      periodProblems('pks', { startsOn: '2025-01-01', endsOn: '2025-12-31' }, '2026-12-01', 'amendment', fmt).map((p) => p.code),
    ).toEqual(['period_past']);
  });
});
