// The agreement document: one version rendered to a PDF in Bahasa Indonesia through pdfmake 0.3 —
// parties, recitals, the terms table, the products with supplier and shelf prices, compliance notes and
// signature blocks. The "naskah" (the exact file the parties sign, its SHA-256 in every signing record)
// is rendered once when a version goes to review and stored; the "signed copy" adds the signing records.
import crypto from 'node:crypto';
import pdfmake from 'pdfmake';
import { formatBasisPoints, formatDate, formatDateTime, formatRupiah } from '../../platform/format.ts';
import { label, VOCABULARY, type Vocabulary } from '../../vocabulary.ts';
import { C as CRITERIA } from '../curation/curation.catalogue.ts';
import { PARTY_LABEL, SETTLEMENT_LABEL, TRADE_MODEL_LABEL, UNSOLD_LABEL } from './agreements.rules.ts';
import type {
  AgreementKind,
  OtherFee,
  Party,
  QuotaBasis,
  SettlementPeriod,
  Signatory,
  TradeModel,
  UnsoldGoods,
} from './agreements.tables.ts';
import { type Finding, isListingFee } from './compliance.rules.ts';

// The PDF standard fonts (Helvetica), whose metrics ship inside pdfmake's and pdfkit's npm packages: no
// download, no embedding. Measured here, a PKS renders in ~50 ms with them against ~300 ms with embedded
// Roboto (font parsing and glyph layout per table cell), which matters when the demo seeds 25 documents.
// They cover Windows-1252, i.e. every letter Indonesian uses; other characters are replaced (see `pdfText`).
const STANDARD = new Set(['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']);
pdfmake.setFonts({
  Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
});
// A document never fetches anything: no URLs, no local files (the standard fonts are built in).
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => STANDARD.has(p));

// Windows-1252 beyond Latin-1: the characters the standard fonts can draw in 0x80–0x9F.
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACE: Record<string, string> = { '≤': '<=', '≥': '>=', '→': '->', '×': 'x' };

/** Text the standard fonts can draw: Windows-1252 kept, a few symbols spelled out, anything else '?'. */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 63;
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || c === 0x0a || CP1252_EXTRA.has(ch)) out += ch;
    else out += REPLACE[ch] ?? '?';
  }
  return out;
}

export interface DocumentParty {
  party: Party;
  name: string;
  legalName: string | null;
  detail: string | null;
}

export interface DocumentSignature {
  party: Party;
  signerName: string;
  signerTitle: string;
  signerRole: string;
  signedAt: Date;
  documentSha256: string;
}

export interface DocumentModel {
  kind: AgreementKind;
  number: string;
  version: number;
  regionCode: string;
  regionName: string;
  startsOn: string;
  endsOn: string;
  recitals: string | null;
  changeNote: string | null;
  parties: DocumentParty[];
  signatories: Signatory[];
  requiredParties: Party[];
  mou: {
    outletsWithCorner: number;
    insideDisplayNote: string | null;
    outsideSpots: number;
    promotionEventsPerYear: number;
    curationSupport: boolean;
    mentoringSupport: boolean;
    quota: { bp: number; basis: QuotaBasis; reportEveryMonths: number } | null;
    pksWitness: boolean;
    relaxations: { criterionCode: string; note: string }[];
  } | null;
  pks: {
    mouNumber: string;
    tradeModel: TradeModel;
    marginBp: number;
    otherFees: OtherFee[];
    paymentTermDays: number;
    smallSupplyPaymentDays: number | null;
    /** Permendag 70/2013's term for bills up to Rp10.000.000: printed only for PKS it governs. */
    smallSupplyTermApplies: boolean;
    paymentTechnicalReason: string | null;
    settlementPeriod: SettlementPeriod;
    unsoldGoods: UnsoldGoods;
    expiredGoodsBorneBy: 'umkm' | 'chain';
    perishablePickupHours: number | null;
    returnNote: string | null;
    /** By name ("Tulung Selapan"), never by code. */
    deliveryDistricts: string[];
    deliveryNote: string | null;
    products: { name: string; gtin: string | null; supplierPrice: bigint; shelfPrice: bigint }[];
  } | null;
  warnings: Finding[];
}

export type Copy = 'draft' | 'naskah' | 'signed';

// The document is in Bahasa Indonesia: dates "1 Desember 2026", times "08.00 WIB" in the region's zone.
export const tanggal = (d: string) => formatDate(d, 'id');
const rp = (v: bigint) => formatRupiah(v);

const ORDINAL = ['PERTAMA', 'KEDUA', 'KETIGA'];

function partyTitle(m: DocumentModel, p: Party): string {
  if (m.kind === 'pks' && p === 'government') return 'SAKSI';
  const order = m.kind === 'mou' ? ['government', 'chain'] : ['chain', 'umkm'];
  return `PIHAK ${ORDINAL[order.indexOf(p)] ?? ''}`.trim();
}

const row = (label: string, value: string) => [{ text: label, bold: true }, value];

function termsRows(m: DocumentModel): string[][] | unknown[][] {
  const rows: unknown[][] = [
    row('Wilayah', m.regionName),
    row('Jangka waktu', `${tanggal(m.startsOn)} sampai dengan ${tanggal(m.endsOn)}`),
  ];
  if (m.mou) {
    const u = m.mou;
    rows.push(
      row('Gerai dengan pojok produk lokal', `${u.outletsWithCorner} gerai`),
      row('Ruang pajang di dalam gerai', u.insideDisplayNote ?? 'Rak produk lokal di setiap gerai yang ditetapkan'),
      row('Tempat di luar gerai (teras)', `${u.outsideSpots} tempat untuk penyewa UMKM`),
      row('Kegiatan promosi', `${u.promotionEventsPerYear} kali per tahun`),
      row('Dukungan kurasi', u.curationSupport ? 'Ya, bersama Dinas' : 'Tidak'),
      row('Dukungan pendampingan', u.mentoringSupport ? 'Ya, bersama Dinas' : 'Tidak'),
      row(
        'Kuota produk lokal',
        u.quota
          ? `${formatBasisPoints(u.quota.bp, 'id')} dari ${u.quota.basis === 'sku' ? 'jumlah SKU' : 'ruang rak'}, dilaporkan setiap ${u.quota.reportEveryMonths} bulan`
          : 'Tidak ditetapkan',
      ),
      row('PKS disaksikan Pemerintah Daerah', u.pksWitness ? 'Ya' : 'Tidak'),
    );
  }
  if (m.pks) {
    const k = m.pks;
    const fees = k.otherFees.length ? k.otherFees.map((f) => `${f.name} ${formatBasisPoints(f.bp, 'id')}`).join('; ') : 'Tidak ada';
    rows.push(
      row('Berdasarkan Nota Kesepahaman', k.mouNumber),
      row('Model dagang', TRADE_MODEL_LABEL[k.tradeModel].id),
      row('Margin jaringan ritel (potongan harga reguler)', formatBasisPoints(k.marginBp, 'id')),
      row('Biaya lain di luar potongan harga reguler', fees),
      row('Periode penyelesaian', SETTLEMENT_LABEL[k.settlementPeriod].id),
    );
    if (k.smallSupplyTermApplies) {
      // Permendag 70/2013 governs this PKS (it starts before 2021-05-01): its terms as they were written.
      rows.push(
        row('Jangka waktu pembayaran', `${k.paymentTermDays} hari setelah tagihan lengkap`),
        row(
          'Pembayaran tagihan s.d. Rp10.000.000',
          k.smallSupplyPaymentDays === null
            ? `${k.paymentTermDays} hari (sama dengan di atas)`
            : `${k.smallSupplyPaymentDays} hari setelah tagihan lengkap`,
        ),
      );
    } else {
      rows.push(
        row(
          'Jangka waktu pembayaran',
          `${k.paymentTermDays === 0 ? 'tunai' : `paling lambat ${k.paymentTermDays} hari`} setelah seluruh dokumen tagihan diterima lengkap (PP 29/2021 Pasal 95 ayat (1) huruf b)`,
        ),
        row(
          'Alasan teknis pembayaran tidak tunai',
          k.paymentTermDays === 0 ? 'Tidak berlaku (tunai)' : (k.paymentTechnicalReason ?? '(belum diisi)'),
        ),
        row(
          'Biaya pendaftaran (listing fee)',
          k.otherFees.some(isListingFee)
            ? 'Tercantum di atas, bertentangan dengan PP 29/2021 Pasal 95 ayat (1) huruf a (lihat Catatan Kepatuhan)'
            : 'Tidak dipungut (PP 29/2021 Pasal 95 ayat (1) huruf a)',
        ),
      );
    }
    rows.push(
      row('Barang tidak laku', UNSOLD_LABEL[k.unsoldGoods].id),
      row('Barang kedaluwarsa', k.expiredGoodsBorneBy === 'umkm' ? 'ditanggung UMKM' : 'ditanggung jaringan ritel'),
      row(
        'Penjemputan makanan basah',
        k.perishablePickupHours === null ? 'Tidak berlaku' : `paling lambat ${k.perishablePickupHours} jam setelah pemberitahuan`,
      ),
      row('Zona pengiriman', k.deliveryDistricts.length ? k.deliveryDistricts.join(', ') : `Seluruh ${m.regionName}`),
    );
    if (k.returnNote) rows.push(row('Ketentuan retur', k.returnNote));
    if (k.deliveryNote) rows.push(row('Catatan pengiriman', k.deliveryNote));
  }
  return rows;
}

/** A curation requirement by its name, never its code: the vocabulary's once curation declares it there,
 *  else the chains' catalogue's own. */
function criterionName(code: string): string {
  const known = (VOCABULARY as Vocabulary).criterion?.[code];
  if (known) return known.id;
  return Object.values(CRITERIA).find((c) => c.code === code)?.label ?? code.replace(/_/g, ' ');
}

/** The signer's role in words (the signing record keeps the account's role code). */
const roleWord = (role: string) => label('role', role).id;

/** The page's printable width (A4 less the margins) and the gap between signature columns. */
const PAGE_MARGIN = 50;
const A4_WIDTH = 595.28;
const COLUMN_GAP = 16;

function signatureBlock(m: DocumentModel, p: Party, copy: Copy, signatures: DocumentSignature[], width: number) {
  const party = m.parties.find((x) => x.party === p);
  const named = m.signatories.find((s) => s.party === p);
  const sig = copy === 'signed' ? signatures.find((s) => s.party === p) : undefined;
  const stack: unknown[] = [
    { text: partyTitle(m, p), bold: true },
    { text: party?.legalName ?? party?.name ?? PARTY_LABEL[p].id, margin: [0, 0, 0, 6] },
  ];
  if (sig) {
    stack.push(
      { text: 'Ditandatangani secara elektronik', italics: true, color: '#1f5130' },
      { text: `oleh ${sig.signerName}, ${roleWord(sig.signerRole)}`, fontSize: 8 },
      { text: formatDateTime(sig.signedAt, m.regionCode, 'id'), fontSize: 8 },
      // A hash is one unbreakable word, wider than a third of the page: written in groups of 16 so that it
      // wraps inside its column (the footer repeats it whole).
      {
        text: `SHA-256 naskah: ${sig.documentSha256.replace(/(.{16})(?=.)/g, '$1 ')}`,
        fontSize: 6,
        color: '#555555',
        margin: [0, 2, 0, 4],
      },
    );
  } else {
    stack.push({ text: '\n\n\n', margin: [0, 4, 0, 4] });
  }
  stack.push(
    { text: sig?.signerName ?? named?.name ?? '(nama penanda tangan)', bold: true, decoration: 'underline' },
    { text: sig?.signerTitle ?? named?.title ?? '(jabatan)' },
  );
  return { stack, width };
}

/** The pdfmake document definition of one version (pure: no I/O). */
export function documentDefinition(m: DocumentModel, copy: Copy, signatures: DocumentSignature[] = [], createdAt = new Date(0)) {
  const first = m.parties.find((p) => p.party === (m.kind === 'mou' ? 'government' : 'chain'));
  const second = m.parties.find((p) => p.party === (m.kind === 'mou' ? 'chain' : 'umkm'));
  const title = m.kind === 'mou' ? 'NOTA KESEPAHAMAN' : 'PERJANJIAN KERJA SAMA';
  const subject =
    m.kind === 'mou'
      ? 'tentang Kemitraan Pemasaran Produk Usaha Mikro, Kecil dan Menengah Lokal melalui Toko Swalayan'
      : 'tentang Pemasokan dan Penjualan Produk Usaha Mikro, Kecil dan Menengah di Toko Swalayan';
  const recitals =
    m.recitals ??
    (m.kind === 'mou'
      ? 'Para Pihak bermaksud memperluas akses pasar produk UMKM lokal ke jaringan toko swalayan, melalui kurasi, pendampingan, penyediaan ruang pajang dan promosi bersama.'
      : 'Para Pihak bermaksud memasarkan produk UMKM di gerai Pihak Pertama berdasarkan Nota Kesepahaman yang berlaku, dengan ketentuan dagang yang adil dan terbuka.');

  const content: unknown[] = [
    { text: title, style: 'title' },
    { text: `antara ${first?.legalName ?? first?.name ?? ''} dan ${second?.legalName ?? second?.name ?? ''}`, alignment: 'center' },
    { text: subject, alignment: 'center', margin: [0, 2, 0, 4] },
    {
      text: `Nomor: ${m.number} · Versi ${m.version}${m.version > 1 ? ` (Adendum ke-${m.version - 1})` : ''}`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, 0, 0, 12],
    },
    { text: 'PARA PIHAK', style: 'heading' },
  ];
  for (const p of m.requiredParties) {
    const party = m.parties.find((x) => x.party === p);
    const named = m.signatories.find((s) => s.party === p);
    content.push({
      text: [
        { text: `${partyTitle(m, p)}: `, bold: true },
        `${party?.legalName ?? party?.name ?? ''}`,
        party?.detail ? `, ${party.detail}` : '',
        named ? `, dalam hal ini diwakili oleh ${named.name} selaku ${named.title}.` : '.',
      ],
      margin: [0, 0, 0, 4],
    });
  }
  content.push({ text: 'PERTIMBANGAN', style: 'heading' }, { text: recitals });
  if (m.changeNote) content.push({ text: 'PERUBAHAN (ADENDUM)', style: 'heading' }, { text: m.changeNote });
  content.push(
    { text: 'KETENTUAN', style: 'heading' },
    { table: { widths: [170, '*'], body: termsRows(m) }, layout: 'lightHorizontalLines', fontSize: 9 },
  );
  if (m.mou?.relaxations.length) {
    content.push(
      { text: 'KERINGANAN PERSYARATAN BAGI UMKM WILAYAH', style: 'heading' },
      { ul: m.mou.relaxations.map((r) => `${criterionName(r.criterionCode)}: ${r.note}`) },
    );
  }
  if (m.pks) {
    const body: unknown[][] = [
      [
        { text: 'No', bold: true },
        { text: 'Produk', bold: true },
        { text: 'GTIN', bold: true },
        { text: 'Harga pemasok', bold: true, alignment: 'right' },
        { text: 'Harga rak', bold: true, alignment: 'right' },
        { text: 'Selisih', bold: true, alignment: 'right' },
      ],
    ];
    m.pks.products.forEach((p, i) => {
      body.push([
        String(i + 1),
        p.name,
        p.gtin ?? '-',
        { text: rp(p.supplierPrice), alignment: 'right' },
        { text: rp(p.shelfPrice), alignment: 'right' },
        { text: rp(p.shelfPrice - p.supplierPrice), alignment: 'right' },
      ]);
    });
    content.push(
      { text: 'PRODUK DAN HARGA', style: 'heading' },
      { table: { headerRows: 1, widths: [18, '*', 70, 62, 62, 52], body }, layout: 'lightHorizontalLines', fontSize: 8 },
    );
  }
  if (m.warnings.length) {
    content.push(
      { text: 'CATATAN KEPATUHAN', style: 'heading', color: '#8a4b00' },
      { ul: m.warnings.map((w) => `${w.severity === 'blocking' ? 'Pelanggaran' : 'Catatan'}: ${w.message.id}`), color: '#8a4b00' },
    );
  }
  content.push({
    // One block, never split across pages: a signature stays with its heading and the other parties'.
    unbreakable: true,
    stack: [
      { text: 'PENANDATANGANAN', style: 'heading' },
      { text: 'Para Pihak menyetujui dan menandatangani dokumen ini secara elektronik melalui Etalase.', margin: [0, 0, 0, 10] },
      {
        // Fixed widths: a star column grows to fit its widest unbreakable word and pushes the last off the page.
        columns: m.requiredParties.map((p, _i, all) =>
          signatureBlock(m, p, copy, signatures, Math.floor((A4_WIDTH - 2 * PAGE_MARGIN - COLUMN_GAP * (all.length - 1)) / all.length)),
        ),
        columnGap: COLUMN_GAP,
      },
    ],
  });

  const naskahSha = signatures[0]?.documentSha256;
  return {
    info: {
      title: `${title} ${m.number} versi ${m.version}`,
      subject,
      creator: 'Etalase',
      producer: 'Etalase (pdfmake)',
      creationDate: createdAt,
    },
    pageSize: 'A4',
    pageMargins: [PAGE_MARGIN, 50, PAGE_MARGIN, 60],
    ...(copy === 'draft' ? { watermark: { text: 'DRAF', opacity: 0.12, bold: true } } : {}),
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      heading: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      margin: [PAGE_MARGIN, 10, PAGE_MARGIN, 0],
      fontSize: 7,
      color: '#555555',
      columns: [
        {
          text:
            copy === 'signed' && naskahSha
              ? `${m.number} · versi ${m.version} · salinan bertanda tangan; naskah yang ditandatangani: SHA-256 ${naskahSha}`
              : `${m.number} · versi ${m.version}${copy === 'draft' ? ' · DRAF, belum untuk ditandatangani' : ' · naskah untuk ditandatangani'}`,
        },
        { text: `halaman ${page} dari ${pages}`, alignment: 'right', width: 70 },
      ],
    }),
    content,
  };
}

export async function renderDocument(
  m: DocumentModel,
  copy: Copy,
  signatures: DocumentSignature[] = [],
  createdAt = new Date(0),
): Promise<Buffer> {
  return pdfmake.createPdf(documentDefinition(m, copy, signatures, createdAt) as Record<string, unknown>).getBuffer();
}

export const sha256Hex = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
