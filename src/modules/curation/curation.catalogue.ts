// The requirement sets chains ask for in practice (persyaratan kurasi), as data: the demo seeds them, the
// benchmark and tests use them. Codes are shared across chains ('halal', 'barcode') so a relaxation or a
// bottleneck names the same requirement whichever chain asks it. Remedies say what to do next, in the
// plain Indonesian a micro-business owner reads on a phone.
import type { Criterion } from './curation.rules.ts';

const FOOD = { food: true };

export const C = {
  nib: {
    code: 'nib',
    kind: 'identifier',
    identifier: 'nib',
    label: 'NIB (Nomor Induk Berusaha) dari OSS',
    remedy: 'Daftarkan usaha Anda di oss.go.id (gratis) untuk mendapatkan NIB. Petugas Dinas Koperasi dan UKM bisa membantu mendaftar.',
  },
  izinEdar: {
    code: 'izin_edar',
    kind: 'permit',
    anyOf: ['pirt', 'bpom_md'],
    label: 'Izin edar pangan: P-IRT atau BPOM MD yang masih berlaku',
    remedy:
      'Urus SPP-IRT lewat OSS dan ikuti Penyuluhan Keamanan Pangan dari Dinas Kesehatan; untuk pangan berisiko tinggi ajukan izin BPOM MD. Perpanjang izin yang sudah habis sebelum kurasi berikutnya.',
    when: { food: true, perishable: false },
  },
  izinEdarMd: {
    code: 'izin_edar',
    kind: 'permit',
    anyOf: ['bpom_md', 'pirt'],
    label: 'Izin edar pangan: BPOM MD (atau P-IRT untuk pangan kering) yang masih berlaku',
    remedy:
      'Ajukan izin BPOM MD lewat e-reg.pom.go.id (fasilitasi Balai POM setempat), atau SPP-IRT lewat OSS untuk pangan olahan kering. Perpanjang izin yang sudah habis.',
    when: { food: true, perishable: false },
  },
  halal: {
    code: 'halal',
    kind: 'permit',
    anyOf: ['halal'],
    label: 'Sertifikat halal BPJPH yang masih berlaku',
    remedy:
      'Ajukan sertifikasi halal gratis (SEHATI, pernyataan pelaku usaha) lewat ptsp.halal.go.id dengan pendamping PPH, atau jalur reguler melalui Lembaga Pemeriksa Halal.',
    when: FOOD,
  },
  barcode: {
    code: 'barcode',
    kind: 'identifier',
    identifier: 'gtin13_id',
    label: 'Barcode GS1 Indonesia (GTIN-13 berawalan 899)',
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
    remedy: 'Produk harus tetap layak jual paling sedikit 2 hari di rak: perbaiki resep, kebersihan produksi dan kemasan.',
  },
  harga85: {
    code: 'harga',
    kind: 'numeric',
    field: 'supplierPricePctOfRetail',
    op: '<=',
    value: 85,
    label: 'Harga pemasok paling tinggi 85% dari harga jual eceran yang disarankan',
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
    remedy:
      'Hitung ulang biaya produksi dan harga jual: sisakan paling sedikit 17% dari harga eceran untuk margin gerai, misalnya dengan bahan baku dibeli bersama atau ukuran kemasan lain.',
  },
  labelKomposisi: {
    code: 'label_komposisi',
    kind: 'attestation',
    label: 'Label memuat nama produk, komposisi, berat bersih, nama dan alamat produsen, dan nomor izin (PerBPOM 31/2018)',
    remedy:
      'Perbaiki label kemasan: tulis nama produk, daftar bahan (komposisi), berat bersih, nama dan alamat usaha, serta nomor P-IRT/BPOM dan logo halal.',
    when: FOOD,
  },
  labelKode: {
    code: 'label_kedaluwarsa',
    kind: 'attestation',
    label: 'Label memuat kode produksi dan tanggal kedaluwarsa',
    remedy: 'Cantumkan kode produksi (nomor batch) dan tulisan "Baik digunakan sebelum" dengan tanggal pada setiap kemasan.',
    when: FOOD,
  },
  labelGizi: {
    code: 'label_gizi',
    kind: 'attestation',
    label: 'Label memuat informasi nilai gizi',
    remedy:
      'Uji kandungan gizi di laboratorium terakreditasi (tanyakan fasilitasi ke Dinas) dan cetak tabel Informasi Nilai Gizi pada kemasan.',
    when: { food: true, perishable: false },
  },
  sni: {
    code: 'sni',
    kind: 'attestation',
    label: 'Bertanda SNI untuk kategori yang wajib SNI (air minum dalam kemasan)',
    remedy: 'Ajukan sertifikasi SNI wajib melalui Lembaga Sertifikasi Produk; Dinas Perindustrian dapat memfasilitasi.',
    when: { categories: ['minuman'] },
  },
  slhs: {
    code: 'laik_higiene',
    kind: 'attestation',
    label: 'Sertifikat Laik Higiene Sanitasi dari Dinas Kesehatan',
    remedy: 'Ajukan Sertifikat Laik Higiene Sanitasi (SLHS) ke Dinas Kesehatan: dapur diperiksa dan penjamah pangan mengikuti pelatihan.',
    when: { food: true, perishable: true },
  },
  kemasan3: {
    code: 'kemasan',
    kind: 'score',
    passMark: 3,
    label: 'Kemasan kuat, rapat, menarik dan tahan distribusi (nilai kurator)',
    remedy:
      'Ikuti pendampingan desain kemasan: pakai kemasan standing pouch atau kotak yang kuat dan rapat, foto produk dan merek yang jelas.',
  },
  kemasan4: {
    code: 'kemasan',
    kind: 'score',
    passMark: 4,
    label: 'Kemasan kuat, higienis dan menarik untuk makanan basah (nilai kurator)',
    remedy: 'Ikuti pendampingan kemasan makanan basah: wadah food grade tertutup rapat, label jelas, tahan guncangan pengiriman.',
  },
  rasa3: {
    code: 'rasa',
    kind: 'score',
    passMark: 3,
    label: 'Uji rasa (nilai kurator)',
    remedy:
      'Perbaiki resep bersama pendamping dan uji rasa ke calon pembeli sebelum kurasi ulang; jaga rasa tetap sama di setiap produksi.',
    when: FOOD,
  },
  rasa4: {
    code: 'rasa',
    kind: 'score',
    passMark: 4,
    label: 'Uji rasa, mutu tinggi (nilai kurator)',
    remedy:
      'Perbaiki resep bersama pendamping dan uji rasa ke calon pembeli sebelum kurasi ulang; jaga rasa tetap sama di setiap produksi.',
    when: FOOD,
  },
  dayaSaing: {
    code: 'daya_saing_harga',
    kind: 'score',
    passMark: 3,
    label: 'Harga bersaing dengan produk sejenis di rak (nilai kurator)',
    remedy: 'Bandingkan harga dengan produk sejenis di gerai; pertimbangkan ukuran kemasan lebih kecil agar harga per bungkus terjangkau.',
  },
  kontinuitas: {
    code: 'kontinuitas',
    kind: 'score',
    passMark: 3,
    label: 'Kesinambungan pasokan: sanggup memasok rutin (nilai kurator)',
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
