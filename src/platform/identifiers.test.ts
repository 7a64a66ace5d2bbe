import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gtin13,
  isInIndonesia,
  isValidGtin13,
  isValidNib,
  isValidPermitNumber,
  normalizePermitNumber,
  regionLevel,
} from './identifiers.ts';

describe('GTIN-13', () => {
  it('accepts real barcodes and rejects a changed digit', () => {
    expect(isValidGtin13('8992761111113')).toBe(true);
    expect(isValidGtin13('8992761111114')).toBe(false);
    expect(isValidGtin13('899276111111')).toBe(false);
    expect(isValidGtin13('89927611111a3')).toBe(false);
  });

  it('any 12 digits completed by gtin13 are valid, and every other last digit is not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (first12) => {
        const code = gtin13(first12);
        expect(isValidGtin13(code)).toBe(true);
        for (let d = 0; d < 10; d++) {
          if (String(d) !== code[12]) expect(isValidGtin13(first12 + d)).toBe(false);
        }
      }),
    );
  });
});

describe('permits and NIB', () => {
  it('validates each permit type by its own pattern', () => {
    expect(isValidPermitNumber('pirt', '206327401001224')).toBe(true);
    expect(isValidPermitNumber('pirt', '20632740100122')).toBe(false);
    expect(isValidPermitNumber('bpom_md', normalizePermitNumber('bpom_md', 'MD 224510001234'))).toBe(true);
    expect(isValidPermitNumber('bpom_md', 'ML224510001234')).toBe(false);
    expect(isValidPermitNumber('bpom_ml', 'ML224510001234')).toBe(true);
    expect(isValidPermitNumber('halal', 'ID31110000135960822')).toBe(true);
    expect(isValidPermitNumber('halal', 'ID3111')).toBe(false);
    expect(normalizePermitNumber('pirt', ' 2063-2740-1001-224 ')).toBe('206327401001224');
  });

  it('NIB is 13 digits', () => {
    expect(isValidNib('9120001234567')).toBe(true);
    expect(isValidNib('912000123456')).toBe(false);
  });
});

describe('places', () => {
  it('knows Indonesia from elsewhere', () => {
    expect(isInIndonesia(-3.8, 102.27)).toBe(true); // Bengkulu
    expect(isInIndonesia(-8.5, 140.4)).toBe(true); // Merauke
    expect(isInIndonesia(1.35, 103.8)).toBe(true); // Singapore is inside the box: a box, not a border
    expect(isInIndonesia(13.7, 100.5)).toBe(false); // Bangkok
  });

  it('reads the level of a Kemendagri code', () => {
    expect(regionLevel('17')).toBe('province');
    expect(regionLevel('17.71')).toBe('regency');
    expect(regionLevel('17.71.01')).toBe('district');
    expect(regionLevel('17.71.01.1001')).toBe('village');
  });
});
