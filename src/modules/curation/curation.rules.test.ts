// Unit tests of the curation rules: every criterion kind, permit expiry on the curation date,
// alternatives, wet food and P-IRT, relaxations by region, pending versus final, gap lists, bottlenecks.
import { describe, expect, it } from 'vitest';
import { gtin13 } from '../../platform/identifiers.ts';
import { C } from './curation.catalogue.ts';
import {
  bottlenecks,
  type Criterion,
  type CuratorInput,
  evaluate,
  funnelStage,
  gapList,
  greedyRelaxations,
  type ProductFacts,
  tanggal,
} from './curation.rules.ts';

const DATE = '2026-11-23';
const product = (over: Partial<ProductFacts> = {}): ProductFacts => ({
  productId: 'p1',
  umkmId: 'u1',
  villageCode: '76.03.01.2001',
  category: 'makanan_ringan',
  gtin: gtin13('899123450001'),
  nib: '9120000000001',
  netContent: 250,
  supplierPrice: 8000,
  retailPrice: 10000,
  shelfLifeDays: 180,
  perishable: false,
  weeklyCapacity: 300,
  permits: [{ type: 'pirt', number: '212760300010129', issuedOn: '2024-01-10', expiresOn: '2029-01-10' }],
  ...over,
});
const none: CuratorInput = { attestations: {}, scores: {} };
const run = (c: Criterion, p: ProductFacts, input: CuratorInput = none, final = true) =>
  evaluate([c], p, input, { date: DATE, relaxations: [], final }).results[0];

describe('permit criteria', () => {
  it('passes a permit valid through its expiry date and fails it the day after', () => {
    const on = product({ permits: [{ type: 'pirt', number: '1', issuedOn: '2021-11-23', expiresOn: DATE }] });
    expect(run(C.izinEdar, on)?.outcome).toBe('pass');
    const lapsed = product({ permits: [{ type: 'pirt', number: '1', issuedOn: '2021-11-22', expiresOn: '2026-11-22' }] });
    const r = run(C.izinEdar, lapsed);
    expect(r?.outcome).toBe('fail');
    expect(r?.detail?.id).toContain('sudah habis berlaku sejak 22 November 2026');
  });

  it('judges on the curation date, not today: a permit issued after it does not count', () => {
    const later = product({ permits: [{ type: 'pirt', number: '1', issuedOn: '2026-12-01', expiresOn: '2031-12-01' }] });
    expect(run(C.izinEdar, later)?.detail?.id).toContain('sesudah tanggal kurasi');
  });

  it('accepts any of the alternatives (BPOM MD or P-IRT) and names them when none is there', () => {
    const md = product({ permits: [{ type: 'bpom_md', number: 'MD', issuedOn: '2022-01-01', expiresOn: '2027-01-01' }] });
    expect(run(C.izinEdar, md)?.outcome).toBe('pass');
    const halalOnly = product({ permits: [{ type: 'halal', number: 'ID', issuedOn: '2022-01-01', expiresOn: null }] });
    expect(run(C.izinEdar, halalOnly)?.detail?.id).toBe('Belum ada P-IRT atau BPOM MD.');
    // An expired alternative does not hide a valid one.
    const both = product({
      permits: [
        { type: 'pirt', number: '1', issuedOn: '2019-01-01', expiresOn: '2024-01-01' },
        { type: 'bpom_md', number: 'MD', issuedOn: '2022-01-01', expiresOn: '2027-01-01' },
      ],
    });
    expect(run(C.izinEdar, both)?.outcome).toBe('pass');
  });

  it('does not let a P-IRT cover wet food, and treats a certificate without expiry as valid', () => {
    const wet = product({ perishable: true, shelfLifeDays: 3 });
    const pirtOrMd: Criterion = { ...C.izinEdar, when: undefined };
    expect(run(pirtOrMd, wet)?.detail?.id).toContain('tidak berlaku untuk pangan yang hanya tahan 7 hari');
    const halal = product({ permits: [{ type: 'halal', number: 'ID', issuedOn: '2023-05-01', expiresOn: null }] });
    expect(run(C.halal, halal)?.outcome).toBe('pass');
  });

  it('does not apply where the criterion says it does not (wet food, non-food)', () => {
    expect(run(C.izinEdar, product({ perishable: true, shelfLifeDays: 3 }))?.outcome).toBe('na');
    expect(run(C.halal, product({ category: 'kerajinan', permits: [] }))?.outcome).toBe('na');
  });
});

describe('identifier, numeric, attestation and score criteria', () => {
  it('checks the GS1 check digit and the Indonesian 899 prefix; NIB is 13 digits', () => {
    expect(run(C.barcode, product())?.outcome).toBe('pass');
    expect(run(C.barcode, product({ gtin: null }))?.detail?.id).toBe('Produk belum memiliki barcode GTIN-13.');
    expect(run(C.barcode, product({ gtin: '8991234500019' }))?.detail?.id).toContain('digit pemeriksa GS1 salah');
    expect(run(C.barcode, product({ gtin: gtin13('400638133393') }))?.detail?.id).toContain('awalan 899');
    expect(run(C.nib, product({ nib: null }))?.outcome).toBe('fail');
  });

  it('compares numeric fields, including the supplier price relative to the retail price', () => {
    expect(run(C.masaSimpan90, product({ shelfLifeDays: 90 }))?.outcome).toBe('pass');
    expect(run(C.masaSimpan90, product({ shelfLifeDays: 60 }))?.detail?.id).toBe('Masa simpan 60 hari; syarat paling sedikit 90 hari.');
    expect(run(C.harga85, product({ supplierPrice: 8500, retailPrice: 10000 }))?.outcome).toBe('pass');
    expect(run(C.harga85, product({ supplierPrice: 8600, retailPrice: 10000 }))?.detail?.id).toBe(
      'Harga pemasok terhadap harga jual eceran 86%; syarat paling tinggi 85%.',
    );
  });

  it('waits for the curators while a round is open and counts what they did not assess as not met once closed', () => {
    expect(run(C.labelKomposisi, product(), none, false)?.outcome).toBe('pending');
    expect(run(C.labelKomposisi, product(), none, true)?.outcome).toBe('fail');
    expect(run(C.labelKomposisi, product(), { attestations: { label_komposisi: true }, scores: {} })?.outcome).toBe('pass');
    expect(run(C.labelKomposisi, product(), { attestations: { label_komposisi: false }, scores: {} })?.outcome).toBe('fail');
  });

  it('passes a score at or above the pass mark', () => {
    expect(run(C.kemasan3, product(), { attestations: {}, scores: { kemasan: 3 } })?.outcome).toBe('pass');
    const r = run(C.kemasan3, product(), { attestations: {}, scores: { kemasan: 2 } });
    expect(r?.outcome).toBe('fail');
    expect(r?.detail?.id).toBe('Nilai kurator 2 dari 5; batas lolos 3.');
  });

  it('gives the product outcome: belum lolos on any failure, menunggu while only assessments are missing', () => {
    const criteria = [C.nib, C.kemasan3];
    const open = evaluate(criteria, product(), none, { date: DATE, relaxations: [], final: false });
    expect(open.outcome).toBe('menunggu');
    const done = evaluate(criteria, product(), { attestations: {}, scores: { kemasan: 4 } }, { date: DATE, relaxations: [], final: false });
    expect(done.outcome).toBe('lolos');
    const noNib = evaluate(criteria, product({ nib: null }), none, { date: DATE, relaxations: [], final: false });
    expect(noNib.outcome).toBe('belum_lolos');
    expect(noNib.failed).toEqual(['nib']);
  });
});

describe('relaxations', () => {
  const relax = { id: 'x1', regionCode: '76.03', criterionCodes: ['barcode'] };

  it('relax a named criterion for businesses inside the region and say which relaxation was used', () => {
    const ev = evaluate([C.barcode, C.nib], product({ gtin: null }), none, { date: DATE, relaxations: [relax], final: true });
    expect(ev.outcome).toBe('lolos');
    expect(ev.relaxed).toEqual(['barcode']);
    expect(ev.results[0]).toMatchObject({ code: 'barcode', outcome: 'relaxed', relaxationId: 'x1' });
  });

  it('do not apply outside the region nor to other criteria', () => {
    const outside = evaluate([C.barcode], product({ gtin: null, villageCode: '76.04.01.2001' }), none, {
      date: DATE,
      relaxations: [relax],
      final: true,
    });
    expect(outside.failed).toEqual(['barcode']);
    const other = evaluate([C.nib], product({ nib: null }), none, { date: DATE, relaxations: [relax], final: true });
    expect(other.failed).toEqual(['nib']);
  });
});

describe('gap list, bottlenecks, funnel', () => {
  it('lists each failed criterion with what is wrong and what to do, in Indonesian', () => {
    const ev = evaluate([C.halal, C.nib], product({ permits: [] }), none, { date: DATE, relaxations: [], final: true });
    expect(gapList([C.halal, C.nib], ev.results)).toEqual([
      {
        code: 'halal',
        label: { id: C.halal.label, en: C.halal.en.label },
        detail: { id: 'Belum ada sertifikat halal.', en: 'No halal certificate yet.' },
        remedy: { id: C.halal.remedy, en: C.halal.en.remedy },
      },
    ]);
    expect(tanggal('2026-03-05')).toBe('5 Maret 2026');
  });

  it('counts products and UMKM failing each criterion and those that pass if it alone is relaxed', () => {
    const rows = [
      { productId: 'a', umkmId: 'u1', failed: ['halal'] },
      { productId: 'b', umkmId: 'u1', failed: ['halal', 'barcode'] },
      { productId: 'c', umkmId: 'u2', failed: ['barcode'] },
      { productId: 'd', umkmId: 'u3', failed: [] },
    ];
    const t = bottlenecks(rows, ['halal', 'barcode', 'nib']);
    expect(t).toMatchObject({ products: 4, umkm: 3, passing: 1 });
    expect(t.criteria).toEqual([
      { code: 'barcode', failingProducts: 2, failingUmkm: 2, passIfRelaxed: 1, passIfRelaxedUmkm: 1 },
      { code: 'halal', failingProducts: 2, failingUmkm: 1, passIfRelaxed: 1, passIfRelaxedUmkm: 1 },
      { code: 'nib', failingProducts: 0, failingUmkm: 0, passIfRelaxed: 0, passIfRelaxedUmkm: 0 },
    ]);
    // Greedy: relax barcode (1 more), then halal (2 more: a and b).
    expect(greedyRelaxations(rows, 3)).toEqual({
      reached: true,
      steps: [
        { code: 'barcode', newlyPassing: 1, cumulative: 1 },
        { code: 'halal', newlyPassing: 2, cumulative: 3 },
      ],
    });
    // When no single relaxation lets anyone pass, it still moves towards those failing several.
    expect(greedyRelaxations([{ productId: 'x', umkmId: 'u', failed: ['a', 'b'] }], 1).steps.map((s) => s.code)).toEqual(['a', 'b']);
  });

  it('derives the funnel stage from facts', () => {
    expect(funnelStage({ latestOutcome: null, inMentoring: true })).toBe('terdaftar');
    expect(funnelStage({ latestOutcome: 'belum_lolos', inMentoring: false })).toBe('dikurasi');
    expect(funnelStage({ latestOutcome: 'belum_lolos', inMentoring: true })).toBe('pendampingan');
    expect(funnelStage({ latestOutcome: 'lolos', inMentoring: true })).toBe('lolos_kurasi');
  });
});
