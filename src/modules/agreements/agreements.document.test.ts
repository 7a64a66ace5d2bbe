// The agreement PDF measured: with three parties the signature block fits the A4 page's printable width,
// every role is a word, every signature time carries its zone.
import { describe, expect, it } from 'vitest';
import { pdfLayout, pdfText } from '../../../tests/pdf.ts';
import { type DocumentModel, renderDocument } from './agreements.document.ts';

const SHA = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';

const PKS: DocumentModel = {
  kind: 'pks',
  number: 'PKS/ALFAMART/16.02/2026/0001',
  version: 1,
  regionCode: '16.02',
  regionName: 'Kabupaten Ogan Komering Ilir',
  startsOn: '2026-12-01',
  endsOn: '2027-11-30',
  recitals: null,
  changeNote: null,
  parties: [
    { party: 'chain', name: 'Alfamart', legalName: 'PT Sumber Alfaria Trijaya Tbk', detail: null },
    { party: 'umkm', name: 'Terasi Udang Bu Siti', legalName: 'Terasi Udang Bu Siti', detail: 'milik Siti Aminah' },
    { party: 'government', name: 'Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir', legalName: null, detail: null },
  ],
  signatories: [
    { party: 'chain', name: 'Bambang Sutrisno Wicaksono', title: 'Manajer Kemitraan UMKM Regional Sumatera Bagian Selatan' },
    { party: 'umkm', name: 'Siti Aminah Nurhayati', title: 'Pemilik usaha' },
    { party: 'government', name: 'Drs. Hendra Kusumawardhana, M.Si.', title: 'Kepala Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir' },
  ],
  requiredParties: ['chain', 'umkm', 'government'],
  mou: null,
  pks: {
    mouNumber: 'MOU/16.02/ALFAMART/2026/001',
    tradeModel: 'konsinyasi',
    marginBp: 2000,
    otherFees: [],
    paymentTermDays: 14,
    smallSupplyPaymentDays: null,
    smallSupplyTermApplies: false,
    paymentTechnicalReason: 'Transfer bank setelah TTF.',
    settlementPeriod: 'monthly',
    unsoldGoods: 'returned_to_umkm',
    expiredGoodsBorneBy: 'umkm',
    perishablePickupHours: 24,
    returnNote: null,
    deliveryDistricts: ['Tulung Selapan', 'Kayu Agung'],
    deliveryNote: null,
    products: [{ name: 'Terasi Udang Super 250 g', gtin: '8997770000017', supplierPrice: 18000n, shelfPrice: 22500n }],
  },
  warnings: [],
};

const signatures = [
  {
    party: 'chain' as const,
    signerName: 'Bambang Sutrisno Wicaksono',
    signerTitle: 'Manajer Kemitraan UMKM Regional Sumatera Bagian Selatan',
    signerRole: 'retailer',
    signedAt: new Date('2026-12-01T01:00:00Z'),
    documentSha256: SHA,
  },
  {
    party: 'umkm' as const,
    signerName: 'Siti Aminah Nurhayati',
    signerTitle: 'Pemilik usaha',
    signerRole: 'umkm',
    signedAt: new Date('2026-12-01T02:30:00Z'),
    documentSha256: SHA,
  },
  {
    party: 'government' as const,
    signerName: 'Drs. Hendra Kusumawardhana, M.Si.',
    signerTitle: 'Kepala Dinas Koperasi dan UKM Kabupaten Ogan Komering Ilir',
    signerRole: 'pemda',
    signedAt: new Date('2026-12-02T07:15:00Z'),
    documentSha256: SHA,
  },
];

const PRINTABLE = { left: 50, right: 595.28 - 50 };

describe('the PKS document', () => {
  it('three signature columns fit inside the printable width of A4, side by side on one page', async () => {
    for (const copy of ['naskah', 'signed'] as const) {
      const pages = await pdfLayout(await renderDocument(PKS, copy, copy === 'signed' ? signatures : [], new Date('2026-12-02T08:00:00Z')));
      for (const [i, page] of pages.entries()) {
        expect(page.width).toBeCloseTo(595.28, 1); // A4
        for (const item of page.items) {
          expect(item.x, `${copy} p.${i + 1} "${item.text}"`).toBeGreaterThanOrEqual(PRINTABLE.left - 0.5);
          expect(item.x + item.width, `${copy} p.${i + 1} "${item.text}"`).toBeLessThanOrEqual(PRINTABLE.right + 0.5);
        }
      }
      // Each party's column: its heading, the signer's name and jabatan, all on the last page, left to right.
      const last = pages[pages.length - 1]?.items ?? [];
      const heads = ['PIHAK PERTAMA', 'PIHAK KEDUA', 'SAKSI'].map((h) => last.find((x) => x.text === h));
      expect(heads.every(Boolean), copy).toBe(true);
      const xs = heads.map((h) => h?.x ?? 0);
      expect(xs[0]).toBeLessThan(xs[1] as number);
      expect(xs[1]).toBeLessThan(xs[2] as number);
      const columnWidth = (xs[2] as number) - (xs[1] as number);
      expect(columnWidth).toBeGreaterThan(140); // a third of the printable width each
      for (const n of ['Bambang Sutrisno Wicaksono', 'Siti Aminah Nurhayati', 'Drs. Hendra Kusumawardhana, M.Si.']) {
        // A long name wraps inside its column: its first line begins it.
        const name = last.find((x) => n.startsWith(x.text.trim()) && x.text.trim().length >= 5);
        expect(name, `${copy}: ${n}`).toBeTruthy();
        expect((name?.x ?? 0) + (name?.width ?? 0)).toBeLessThanOrEqual(PRINTABLE.right + 0.5);
      }
    }
  });

  it('prints roles as words and signature times with their zone, never a role code', async () => {
    const text = await pdfText(await renderDocument(PKS, 'signed', signatures));
    const block = text.slice(text.indexOf('PENANDATANGANAN'));
    for (const word of ['Peritel', 'Pelaku UMKM', 'Pemerintah daerah (Dinas)']) expect(block).toContain(word);
    for (const code of ['(retailer)', '(umkm)', '(pemda)', 'retailer']) expect(block).not.toContain(code);
    expect(block).toContain('1 Desember 2026 08.00 WIB');
    expect(block).toContain('1 Desember 2026 09.30 WIB');
    expect(block).toContain('2 Desember 2026 14.15 WIB');
    expect(block).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
