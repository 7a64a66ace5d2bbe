// The requirement sets chains ask for in practice (persyaratan kurasi), as data: the demo seeds them, the
// benchmark and tests use them. Codes are shared across chains ('halal', 'barcode') so a relaxation or a
// bottleneck names the same requirement whichever chain asks it. Remedies say what to do next, in the
// plain Indonesian a micro-business owner reads on a phone.
import type { Criterion } from './curation.rules.ts';

const FOOD = { food: true };

/** What each curator's score means, 1 to 5 (shown beside the buttons). */
const RUBRIC = [
  { id: '1 — jauh dari layak jual di gerai', en: '1 — far from fit for sale in an outlet' },
  { id: '2 — banyak yang harus diperbaiki', en: '2 — much to improve' },
  { id: '3 — layak, dengan sedikit perbaikan', en: '3 — fit, with small improvements' },
  { id: '4 — baik, siap dipajang', en: '4 — good, ready for the shelf' },
  { id: '5 — sangat baik, setara merek nasional', en: '5 — excellent, on a par with national brands' },
];

export const C = {
  nib: {
    code: 'nib',
    kind: 'identifier',
    identifier: 'nib',
    label: 'NIB (Nomor Induk Berusaha) dari OSS',
    en: {
      label: 'NIB (business identification number) from OSS',
      remedy: 'Register your business at oss.go.id (free) to get an NIB. Staff of the local SME office (the Dinas) can help you register.',
    },
    remedy: 'Daftarkan usaha Anda di oss.go.id (gratis) untuk mendapatkan NIB. Petugas Dinas Koperasi dan UKM bisa membantu mendaftar.',
  },
  izinEdar: {
    code: 'izin_edar',
    kind: 'permit',
    anyOf: ['pirt', 'bpom_md'],
    label: 'Izin edar pangan: P-IRT atau BPOM MD yang masih berlaku',
    en: {
      label: 'Food distribution permit: a valid P-IRT or BPOM MD',
      remedy:
        'Apply for an SPP-IRT through OSS and attend the food safety course of the Dinas Kesehatan; for high-risk food apply for a BPOM MD permit. Renew an expired permit before the next curation.',
    },
    remedy:
      'Urus SPP-IRT lewat OSS dan ikuti Penyuluhan Keamanan Pangan dari Dinas Kesehatan; untuk pangan berisiko tinggi ajukan izin BPOM MD. Perpanjang izin yang sudah habis sebelum kurasi berikutnya.',
    when: { food: true, perishable: false },
  },
  izinEdarMd: {
    code: 'izin_edar',
    kind: 'permit',
    anyOf: ['bpom_md', 'pirt'],
    label: 'Izin edar pangan: BPOM MD (atau P-IRT untuk pangan kering) yang masih berlaku',
    en: {
      label: 'Food distribution permit: a valid BPOM MD (or P-IRT for dry food)',
      remedy:
        'Apply for a BPOM MD permit at e-reg.pom.go.id (your local Balai POM can help), or an SPP-IRT through OSS for dry processed food. Renew an expired permit.',
    },
    remedy:
      'Ajukan izin BPOM MD lewat e-reg.pom.go.id (fasilitasi Balai POM setempat), atau SPP-IRT lewat OSS untuk pangan olahan kering. Perpanjang izin yang sudah habis.',
    when: { food: true, perishable: false },
  },
  halal: {
    code: 'halal',
    kind: 'permit',
    anyOf: ['halal'],
    label: 'Sertifikat halal BPJPH yang masih berlaku',
    en: {
      label: 'A valid BPJPH halal certificate',
      remedy:
        'Apply for free halal certification (SEHATI, self-declaration) at ptsp.halal.go.id with a PPH facilitator, or the regular route through a Halal Inspection Body.',
    },
    remedy:
      'Ajukan sertifikasi halal gratis (SEHATI, pernyataan pelaku usaha) lewat ptsp.halal.go.id dengan pendamping PPH, atau jalur reguler melalui Lembaga Pemeriksa Halal.',
    when: FOOD,
  },
  barcode: {
    code: 'barcode',
    kind: 'identifier',
    identifier: 'gtin13_id',
    label: 'Barcode GS1 Indonesia (GTIN-13 berawalan 899)',
    en: {
      label: 'GS1 Indonesia barcode (GTIN-13 starting with 899)',
      remedy:
        'Join GS1 Indonesia (gs1-indonesia.or.id) to get a barcode number, then print the barcode on the packaging. Ask the Dinas about help with the fee.',
    },
    remedy:
      'Daftar menjadi anggota GS1 Indonesia (gs1-indonesia.or.id) untuk mendapatkan nomor barcode, lalu cetak barcode pada kemasan. Tanyakan fasilitasi biaya ke Dinas.',
  },
  masaSimpan90: {
    code: 'masa_simpan',
    kind: 'numeric',
    field: 'shelfLifeDays',
    op: '>=',
    value: 90,
    label: 'Masa simpan paling sedikit 90 hari',
    en: {
      label: 'Shelf life of at least 90 days',
      remedy:
        'Extend the shelf life: airtight packaging (vacuum or aluminium foil), lower moisture, hygienic production; test the shelf life again.',
    },
    remedy:
      'Perpanjang daya simpan: kemasan kedap udara (vakum atau aluminium foil), kadar air lebih rendah, proses produksi yang higienis; uji ulang masa simpan.',
    when: { food: true, perishable: false },
  },
  masaSimpan60: {
    code: 'masa_simpan',
    kind: 'numeric',
    field: 'shelfLifeDays',
    op: '>=',
    value: 60,
    label: 'Masa simpan paling sedikit 60 hari',
    en: {
      label: 'Shelf life of at least 60 days',
      remedy:
        'Extend the shelf life: airtight packaging (vacuum or aluminium foil), lower moisture, hygienic production; test the shelf life again.',
    },
    remedy:
      'Perpanjang daya simpan: kemasan kedap udara (vakum atau aluminium foil), kadar air lebih rendah, proses produksi yang higienis; uji ulang masa simpan.',
    when: { food: true, perishable: false },
  },
  masaSimpanBasah: {
    code: 'masa_simpan',
    kind: 'numeric',
    field: 'shelfLifeDays',
    op: '>=',
    value: 2,
    label: 'Masa simpan paling sedikit 2 hari (makanan basah)',
    en: {
      label: 'Shelf life of at least 2 days (wet food)',
      remedy: 'The product must stay fit for sale for at least 2 days on the shelf: improve the recipe, production hygiene and packaging.',
    },
    remedy: 'Produk harus tetap layak jual paling sedikit 2 hari di rak: perbaiki resep, kebersihan produksi dan kemasan.',
  },
  harga85: {
    code: 'harga',
    kind: 'numeric',
    field: 'supplierPricePctOfRetail',
    op: '<=',
    value: 85,
    label: 'Harga pemasok paling tinggi 85% dari harga jual eceran yang disarankan',
    en: {
      label: 'Supplier price at most 85% of the suggested retail price',
      remedy:
        "Recalculate production cost and selling price: leave at least 15% of the retail price for the outlet's margin, for example by buying raw materials together or another pack size.",
    },
    remedy:
      'Hitung ulang biaya produksi dan harga jual: sisakan paling sedikit 15% dari harga eceran untuk margin gerai, misalnya dengan bahan baku dibeli bersama atau ukuran kemasan lain.',
  },
  harga83: {
    code: 'harga',
    kind: 'numeric',
    field: 'supplierPricePctOfRetail',
    op: '<=',
    value: 83,
    label: 'Harga pemasok paling tinggi 83% dari harga jual eceran yang disarankan',
    en: {
      label: 'Supplier price at most 83% of the suggested retail price',
      remedy:
        "Recalculate production cost and selling price: leave at least 17% of the retail price for the outlet's margin, for example by buying raw materials together or another pack size.",
    },
    remedy:
      'Hitung ulang biaya produksi dan harga jual: sisakan paling sedikit 17% dari harga eceran untuk margin gerai, misalnya dengan bahan baku dibeli bersama atau ukuran kemasan lain.',
  },
  labelKomposisi: {
    code: 'label_komposisi',
    kind: 'attestation',
    label: 'Label memuat nama produk, komposisi, berat bersih, nama dan alamat produsen, dan nomor izin (PerBPOM 31/2018)',
    en: {
      label: "The label shows the product name, ingredients, net weight, producer's name and address, and permit number (PerBPOM 31/2018)",
      remedy:
        "Fix the packaging label: write the product name, the list of ingredients, net weight, the business's name and address, and the P-IRT/BPOM number and halal logo.",
    },
    remedy:
      'Perbaiki label kemasan: tulis nama produk, daftar bahan (komposisi), berat bersih, nama dan alamat usaha, serta nomor P-IRT/BPOM dan logo halal.',
    when: FOOD,
  },
  labelKode: {
    code: 'label_kedaluwarsa',
    kind: 'attestation',
    label: 'Label memuat kode produksi dan tanggal kedaluwarsa',
    en: {
      label: 'The label shows a production code and an expiry date',
      remedy: 'Print a production code (batch number) and "Best before" with a date on every pack.',
    },
    remedy: 'Cantumkan kode produksi (nomor batch) dan tulisan "Baik digunakan sebelum" dengan tanggal pada setiap kemasan.',
    when: FOOD,
  },
  labelGizi: {
    code: 'label_gizi',
    kind: 'attestation',
    label: 'Label memuat informasi nilai gizi',
    en: {
      label: 'The label shows nutrition facts',
      remedy:
        'Have the nutrients tested at an accredited laboratory (ask the Dinas about help) and print a Nutrition Facts table on the packaging.',
    },
    remedy:
      'Uji kandungan gizi di laboratorium terakreditasi (tanyakan fasilitasi ke Dinas) dan cetak tabel Informasi Nilai Gizi pada kemasan.',
    when: { food: true, perishable: false },
  },
  sni: {
    code: 'sni',
    kind: 'attestation',
    label: 'Bertanda SNI untuk kategori yang wajib SNI (air minum dalam kemasan)',
    en: {
      label: 'SNI mark for categories where SNI is mandatory (bottled drinking water)',
      remedy: 'Apply for mandatory SNI certification through a Product Certification Body; the Dinas Perindustrian can help.',
    },
    remedy: 'Ajukan sertifikasi SNI wajib melalui Lembaga Sertifikasi Produk; Dinas Perindustrian dapat memfasilitasi.',
    when: { categories: ['minuman'] },
  },
  slhs: {
    code: 'laik_higiene',
    kind: 'attestation',
    label: 'Sertifikat Laik Higiene Sanitasi dari Dinas Kesehatan',
    en: {
      label: 'Hygiene and sanitation certificate from the Dinas Kesehatan',
      remedy:
        'Apply to the Dinas Kesehatan for a hygiene and sanitation certificate (SLHS): the kitchen is inspected and food handlers attend a training.',
    },
    remedy: 'Ajukan Sertifikat Laik Higiene Sanitasi (SLHS) ke Dinas Kesehatan: dapur diperiksa dan penjamah pangan mengikuti pelatihan.',
    when: { food: true, perishable: true },
  },
  kemasan3: {
    code: 'kemasan',
    kind: 'score',
    passMark: 3,
    rubric: RUBRIC,
    label: 'Kemasan kuat, rapat, menarik dan tahan distribusi (nilai kurator)',
    en: {
      label: "Packaging strong, sealed, attractive and fit for distribution (curator's score)",
      remedy: 'Join packaging design mentoring: use a strong, sealed standing pouch or box, with clear product photos and brand.',
    },
    remedy:
      'Ikuti pendampingan desain kemasan: pakai kemasan standing pouch atau kotak yang kuat dan rapat, foto produk dan merek yang jelas.',
  },
  kemasan4: {
    code: 'kemasan',
    kind: 'score',
    passMark: 4,
    rubric: RUBRIC,
    label: 'Kemasan kuat, higienis dan menarik untuk makanan basah (nilai kurator)',
    en: {
      label: "Packaging strong, hygienic and attractive for wet food (curator's score)",
      remedy: 'Join wet-food packaging mentoring: sealed food-grade containers, a clear label, able to withstand transport.',
    },
    remedy: 'Ikuti pendampingan kemasan makanan basah: wadah food grade tertutup rapat, label jelas, tahan guncangan pengiriman.',
  },
  rasa3: {
    code: 'rasa',
    kind: 'score',
    passMark: 3,
    rubric: RUBRIC,
    label: 'Uji rasa (nilai kurator)',
    en: {
      label: "Taste test (curator's score)",
      remedy:
        'Improve the recipe with your mentor and test the taste with potential buyers before re-curation; keep the taste the same in every batch.',
    },
    remedy:
      'Perbaiki resep bersama pendamping dan uji rasa ke calon pembeli sebelum kurasi ulang; jaga rasa tetap sama di setiap produksi.',
    when: FOOD,
  },
  rasa4: {
    code: 'rasa',
    kind: 'score',
    passMark: 4,
    rubric: RUBRIC,
    label: 'Uji rasa, mutu tinggi (nilai kurator)',
    en: {
      label: "Taste test, high quality (curator's score)",
      remedy:
        'Improve the recipe with your mentor and test the taste with potential buyers before re-curation; keep the taste the same in every batch.',
    },
    remedy:
      'Perbaiki resep bersama pendamping dan uji rasa ke calon pembeli sebelum kurasi ulang; jaga rasa tetap sama di setiap produksi.',
    when: FOOD,
  },
  dayaSaing: {
    code: 'daya_saing_harga',
    kind: 'score',
    passMark: 3,
    rubric: RUBRIC,
    label: 'Harga bersaing dengan produk sejenis di rak (nilai kurator)',
    en: {
      label: "Price competitive with similar products on the shelf (curator's score)",
      remedy: 'Compare your price with similar products in the outlet; consider a smaller pack so that the price per pack is affordable.',
    },
    remedy: 'Bandingkan harga dengan produk sejenis di gerai; pertimbangkan ukuran kemasan lebih kecil agar harga per bungkus terjangkau.',
  },
  kontinuitas: {
    code: 'kontinuitas',
    kind: 'score',
    passMark: 3,
    rubric: RUBRIC,
    label: 'Kesinambungan pasokan: sanggup memasok rutin (nilai kurator)',
    en: {
      label: "Continuity of supply: able to deliver regularly (curator's score)",
      remedy: 'Draw up a weekly production plan and a raw-material stock; partner with similar UMKM when capacity is not yet enough.',
    },
    remedy: 'Susun rencana produksi mingguan dan stok bahan baku; bermitra dengan UMKM sejenis bila kapasitas belum cukup.',
  },
} as const satisfies Record<string, Criterion>;

export interface RequirementSetSpec {
  name: string;
  category: string | null;
  criteria: Criterion[];
}

/** Alfamart and Alfamidi (one group, one practice): all categories. */
export const ALFA_GENERAL: RequirementSetSpec = {
  name: 'Persyaratan Produk UMKM Lokal',
  category: null,
  criteria: [
    C.nib,
    C.izinEdar,
    C.halal,
    C.barcode,
    C.masaSimpan90,
    C.harga85,
    C.labelKomposisi,
    C.labelKode,
    C.kemasan3,
    C.rasa3,
    C.kontinuitas,
  ],
};

/** Indomaret: all categories; stricter on price room and taste, asks nutrition facts and SNI where due. */
export const INDOMARET_GENERAL: RequirementSetSpec = {
  name: 'Persyaratan Produk UMKM Lokal',
  category: null,
  criteria: [
    C.nib,
    C.izinEdarMd,
    C.halal,
    C.barcode,
    C.masaSimpan60,
    C.harga83,
    C.labelKomposisi,
    C.labelKode,
    C.labelGizi,
    C.sni,
    C.kemasan3,
    C.rasa4,
    C.dayaSaing,
    C.kontinuitas,
  ],
};

/** Indomaret takes wet food, "but of really high quality" (Serang): no P-IRT route, hygiene certificate. */
export const INDOMARET_WET: RequirementSetSpec = {
  name: 'Persyaratan Kue dan Makanan Basah UMKM',
  category: 'kue_basah',
  criteria: [C.nib, C.halal, C.slhs, C.masaSimpanBasah, C.harga83, C.labelKomposisi, C.labelKode, C.kemasan4, C.rasa4, C.kontinuitas],
};
