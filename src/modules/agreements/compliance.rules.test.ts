// The rules of trade a PKS is judged by: the set in force on its start date, each finding naming its
// article and the field to correct, and the payment clock the settlement module will use.
import { describe, expect, it } from 'vitest';
import { PKS_TEMPLATES } from './agreements.rules.ts';
import { blockingFindings, catalogue, judge, type PksTerms, paymentDueDate, RULES, rulesFor } from './compliance.rules.ts';

const ok: PksTerms = {
  startsOn: '2026-02-01',
  otherFees: [{ name: 'Biaya promosi', bp: 200 }],
  paymentTermDays: 14,
  smallSupplyPaymentDays: null,
  paymentTechnicalReason: 'Transfer bank setelah TTF diterbitkan.',
};
const rules = (t: PksTerms) => judge(t).map((f) => f.rule);

describe('PP 29/2021 Pasal 95 for a PKS starting after 2021-05-01', () => {
  it('a compliant PKS has no finding', () => {
    expect(judge(ok)).toEqual([]);
    expect(judge({ ...ok, paymentTermDays: 15 })).toEqual([]);
    expect(judge({ ...ok, paymentTermDays: 0, paymentTechnicalReason: null })).toEqual([]);
  });

  it('a 30-day term breaks Pasal 95(1)(b) for any amount: blocking, on paymentTermDays, citing the article', () => {
    const [f, ...rest] = judge({ ...ok, paymentTermDays: 30 });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'pp29_2021_p95_1b_payment_term', severity: 'blocking', field: 'paymentTermDays' });
    expect(f?.message.id).toContain('PP 29/2021 Pasal 95 ayat (1) huruf b');
    expect(f?.message.en).toContain('PP 29/2021 Pasal 95 ayat (1) huruf b');
    expect(f?.message.id).not.toContain('Rp10.000.000');
    expect(f?.message.id).not.toContain('70');
  });

  it('a payment other than cash needs its technical reason', () => {
    const [f] = judge({ ...ok, paymentTechnicalReason: '  ' });
    expect(f).toMatchObject({ rule: 'pp29_2021_p95_1b_technical_reason', severity: 'blocking', field: 'paymentTechnicalReason' });
  });

  it('a listing or registration fee is refused under Pasal 95(1)(a), whatever it is called, naming the fee', () => {
    for (const name of ['Listing fee', 'Biaya pendaftaran produk', 'Registrasi item', 'Biaya produk baru']) {
      const fees = [
        { name: 'Biaya promosi', bp: 100 },
        { name, bp: 100 },
      ];
      const [f] = judge({ ...ok, otherFees: fees });
      expect(f, name).toMatchObject({ rule: 'pp29_2021_p95_1a_listing_fee', severity: 'blocking', field: 'otherFees.1.name' });
      expect(f?.message.id).toContain('PP 29/2021 Pasal 95 ayat (1) huruf a');
      expect(f?.message.id).toContain(name);
    }
    expect(judge({ ...ok, otherFees: [{ name: 'Biaya promosi', bp: 100 }] })).toEqual([]);
  });

  it('fees above 15% outside the regular discount are a warning under Permendag 23/2021 Pasal 11', () => {
    const f = judge({
      ...ok,
      otherFees: [
        { name: 'Biaya promosi', bp: 1000 },
        { name: 'Biaya distribusi', bp: 501 },
      ],
    });
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['permendag23_2021_p11_fee_cap', 'warning']]);
    expect(f[0]?.message.id).toContain('15,01%');
    expect(f[0]?.message.id).toContain('Permendag 23/2021 Pasal 11');
    expect(judge({ ...ok, otherFees: [{ name: 'Biaya promosi', bp: 1500 }] })).toEqual([]);
  });

  it('blocking findings come first', () => {
    const t = { ...ok, paymentTermDays: 30, otherFees: [{ name: 'Biaya promosi', bp: 1600 }] };
    expect(rules(t)).toEqual(['pp29_2021_p95_1b_payment_term', 'permendag23_2021_p11_fee_cap']);
    expect(blockingFindings(t).map((f) => f.field)).toEqual(['paymentTermDays']);
  });
});

describe('a PKS is judged by the rules in force on its start date', () => {
  it('before 2021-05-01: Permendag 70/2013 and its Rp10.000.000 threshold, as warnings', () => {
    const old = { ...ok, startsOn: '2020-06-01', paymentTermDays: 30, paymentTechnicalReason: null };
    const f = judge(old);
    expect(f.map((x) => [x.rule, x.severity])).toEqual([['permendag70_small_supply_payment', 'warning']]);
    expect(f[0]?.message.id).toContain('Rp10.000.000');
    expect(f[0]?.message.id).toContain('Permendag No. 70 Tahun 2013');
    // The threshold applies: a shorter term for small bills satisfied 70/2013.
    expect(judge({ ...old, smallSupplyPaymentDays: 7 })).toEqual([]);
    // Its listing-fee ban did not exist then.
    expect(judge({ ...old, smallSupplyPaymentDays: 7, otherFees: [{ name: 'Listing fee', bp: 100 }] })).toEqual([]);
  });

  it('the switch is on 2021-05-01 exactly', () => {
    expect(rulesFor('2021-04-30').map((r) => r.id)).toEqual(['permendag70_other_fees', 'permendag70_small_supply_payment']);
    expect(rulesFor('2021-05-01').map((r) => r.id)).toEqual([
      'pp29_2021_p95_1a_listing_fee',
      'pp29_2021_p95_1b_payment_term',
      'pp29_2021_p95_1b_technical_reason',
      'permendag23_2021_p11_fee_cap',
    ]);
    expect(rules({ ...ok, startsOn: '2021-05-01', paymentTermDays: 30 })).toEqual(['pp29_2021_p95_1b_payment_term']);
  });

  it('the catalogue lists each rule once with its source and dates, and no check function', () => {
    const c = catalogue();
    expect(c.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(new Set(c.map((r) => r.id)).size).toBe(c.length);
    for (const r of c) {
      expect(r.reference).toBeTruthy();
      expect(r.text.id && r.text.en).toBeTruthy();
      expect('check' in r).toBe(false);
    }
  });

  it("every chain's template complies with today's rules", () => {
    for (const [chain, t] of Object.entries(PKS_TEMPLATES)) {
      expect(judge({ ...t, startsOn: '2026-12-01' }), chain).toEqual([]);
    }
  });
});

describe('the payment clock', () => {
  it('counts calendar days from the day the billing documents are complete; cash is that day', () => {
    expect(paymentDueDate({ paymentTermDays: 15 }, '2026-12-20')).toBe('2027-01-04');
    expect(paymentDueDate({ paymentTermDays: 0 }, '2026-02-28')).toBe('2026-02-28');
  });
});
