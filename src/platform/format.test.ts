import { describe, expect, test } from 'vitest';
import {
  formatBasisPoints,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRupiah,
  formatTime,
  formatTotal,
  formatUnits,
} from './format.ts';

describe('the one formatter', () => {
  test('rupiah as on a price tag, in both languages', () => {
    expect(formatRupiah(1_234_500)).toBe('Rp1.234.500');
    expect(formatRupiah(10_000_000n)).toBe('Rp10.000.000');
    expect(formatRupiah(-28_000)).toBe('-Rp28.000');
    expect(formatRupiah(0)).toBe('Rp0');
  });
  test('numbers and percentages by language', () => {
    expect(formatNumber(949, 'id')).toBe('949');
    expect(formatNumber(12_345, 'id')).toBe('12.345');
    // A list's estimated total says it is one (a list of a country's UMKM is not counted on every page).
    expect(formatTotal(980_000, true, 'id')).toBe('sekitar 980.000');
    expect(formatTotal(980_000, true, 'en')).toBe('about 980,000');
    expect(formatTotal(1_818, false, 'id')).toBe('1.818');
    expect(formatNumber(12_345, 'en')).toBe('12,345');
    expect(formatPercent(0.125, 'id')).toBe('12,5%');
    expect(formatPercent(0.125, 'en')).toBe('12.5%');
    expect(formatBasisPoints(1500, 'id')).toBe('15%');
    expect(formatBasisPoints(1275, 'id')).toBe('12,75%');
  });
  test('units of goods: no plural in Indonesian, one in English', () => {
    expect([1, 3, 1_200].map((n) => formatUnits(n, 'id'))).toEqual(['1 unit', '3 unit', '1.200 unit']);
    expect([1, 3, 1_200].map((n) => formatUnits(n, 'en'))).toEqual(['1 unit', '3 units', '1,200 units']);
  });
  test('calendar dates in words, never shifted by a zone', () => {
    expect(formatDate('2026-12-01', 'id')).toBe('1 Desember 2026');
    expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026');
    expect(formatDate('2026-01-31T17:00:00.000Z', 'id')).toBe('31 Januari 2026');
  });
  test('times carry their zone: WIB, WITA, WIT', () => {
    const at = '2026-01-30T01:00:00Z';
    expect(formatTime(at, '17.71', 'id')).toBe('08.00 WIB');
    expect(formatTime(at, '73.71', 'en')).toBe('09:00 WITA');
    expect(formatTime(at, 'Asia/Jayapura', 'id')).toBe('10.00 WIT');
    expect(formatDateTime('2026-01-30T17:30:00Z', '17.71', 'id')).toBe('31 Januari 2026 00.30 WIB');
  });
});
