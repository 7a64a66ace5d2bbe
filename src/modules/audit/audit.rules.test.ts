import { describe, expect, it } from 'vitest';
import { changesOf, dayRange, describeValue, referencesOf, summaryOf, type ValueEnv } from './audit.rules.ts';

const env: ValueEnv = {
  names: new Map([['11111111-1111-4111-8111-111111111111', 'Dinas Koperasi Kota Bengkulu']]),
  regions: new Map([['17.71', 'Kota Bengkulu']]),
  timeZone: 'Asia/Jakarta',
  codeLabel: (field, code) => (field === 'role' && code === 'pemda' ? { id: 'Dinas', en: 'Dinas' } : null),
  format: {
    date: (d, lang) => `${d}:${lang}`,
    dateTime: (at, tz, lang) => `${at.toISOString()}@${tz}:${lang}`,
    rupiah: (v) => `Rp${v}`,
    number: (v) => String(v),
    basisPoints: (bp) => `${bp / 100}%`,
  },
};

describe('dayRange', () => {
  it('counts days from midnight in the zone, the end day inclusive', () => {
    expect(dayRange('2026-12-01', '2026-12-01', 'Asia/Jakarta')).toEqual({
      start: new Date('2026-11-30T17:00:00Z'),
      end: new Date('2026-12-01T17:00:00Z'),
    });
    expect(dayRange('2026-12-01', undefined, 'Asia/Makassar').start).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(dayRange(undefined, '2026-12-31', 'Asia/Jayapura').end).toEqual(new Date('2026-12-31T15:00:00Z'));
    expect(dayRange(undefined, undefined, 'Asia/Jakarta')).toEqual({});
  });
});

describe('changesOf', () => {
  it('lists only what differs; an id beside its name is shown once, by the name', () => {
    const before = {
      name: 'A',
      role: 'pemda',
      organizationId: '11111111-1111-4111-8111-111111111111',
      organizationName: 'Lama',
      can: { x: 1 },
    };
    const after = {
      name: 'A',
      role: 'pemda',
      organizationId: '22222222-2222-4222-8222-222222222222',
      organizationName: 'Baru',
      can: { x: 2 },
    };
    expect(changesOf(before, after, env)).toEqual([
      {
        field: 'organizationName',
        label: { id: 'Organisasi', en: 'Organisation' },
        before: { id: 'Lama', en: 'Lama' },
        after: { id: 'Baru', en: 'Baru' },
      },
    ]);
  });

  it('a new record shows its filled fields only; a removed one what it had', () => {
    const created = changesOf(null, { name: 'X', title: null, disabled: false, role: 'pemda' }, env);
    expect(created.map((c) => c.field)).toEqual(['name', 'disabled', 'role']);
    expect(created[1]?.after).toEqual({ id: 'Tidak', en: 'No' });
    expect(created[2]?.after).toEqual({ id: 'Dinas', en: 'Dinas' });
    expect(created.every((c) => c.before === null)).toBe(true);
    const removed = changesOf({ number: 'P-1' }, null, env);
    expect(removed).toEqual([{ field: 'number', label: { id: 'Nomor', en: 'Number' }, before: { id: 'P-1', en: 'P-1' }, after: null }]);
  });

  it('a payload that is not a record is one row', () => {
    expect(changesOf(null, [1, 2], env)).toEqual([
      { field: 'value', label: { id: 'Nilai', en: 'Value' }, before: null, after: { id: '1, 2', en: '1, 2' } },
    ]);
  });
});

describe('describeValue', () => {
  it('writes money, margins, days, instants, regions, record names and fingerprints for people', () => {
    expect(describeValue('retailPrice', '12500', env).id).toBe('Rp12500');
    expect(describeValue('marginBp', 1250, env).id).toBe('12.5%');
    expect(describeValue('issuedOn', '2026-01-02', env)).toEqual({ id: '2026-01-02:id', en: '2026-01-02:en' });
    expect(describeValue('signedAt', '2026-01-02T03:04:05.000Z', env).en).toBe('2026-01-02T03:04:05.000Z@Asia/Jakarta:en');
    expect(describeValue('region_code', '17.71', env).id).toBe('Kota Bengkulu');
    expect(describeValue('mentorUmkmIds', ['11111111-1111-4111-8111-111111111111'], env).id).toBe('Dinas Koperasi Kota Bengkulu');
    expect(describeValue('sha256', 'a'.repeat(64), env).id).toBe('aaaaaaaaaaaa…');
  });

  it('a code without a label is written as words, never as the code', () => {
    expect(describeValue('status', 'belum_lolos', env).id).toBe('Belum lolos');
  });

  it('nested records read as "Label: value", lists of them one per line, long lists cut with a count', () => {
    const permits = [
      { type: 'pirt', number: '123', issuedOn: '2026-01-02' },
      { type: 'halal', number: '456', issuedOn: null },
    ];
    const v = describeValue('permits', permits, env);
    expect(v.id).toBe('Jenis: Pirt; Nomor: 123; Terbit: 2026-01-02:id\nJenis: Halal; Nomor: 456');
    const many = describeValue(
      'productIds',
      Array.from({ length: 60 }, (_, i) => `p${i}`),
      env,
    );
    expect(many.id).toMatch(/… dan 10 lainnya$/);
    expect(many.en).toMatch(/… and 10 more$/);
  });
});

describe('summaryOf and referencesOf', () => {
  it('a sentence from the action and the record', () => {
    expect(summaryOf('update', 'product', 'Terasi')).toEqual({ id: 'Mengubah produk “Terasi”', en: 'Changed product “Terasi”' });
    expect(summaryOf('create', 'umkm', null)).toEqual({ id: 'Membuat UMKM', en: 'Created UMKM' });
    expect(summaryOf('frobnicate', 'widget_thing', null).id).toBe('Frobnicate widget thing');
  });

  it('collects the ids and region codes a payload points to', () => {
    const r = referencesOf([{ umkmId: 'AAAAAAAA-1111-4111-8111-111111111111', district_code: '17.71.01', code: 'izin_edar', n: '17.71' }]);
    expect([...r.ids]).toEqual(['aaaaaaaa-1111-4111-8111-111111111111']);
    expect([...r.regions]).toEqual(['17.71.01']);
  });
});
