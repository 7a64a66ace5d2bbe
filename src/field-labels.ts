// What people call the fields of the API's request bodies and queries, in both languages: one place, so a
// validation message says "Masa simpan terlalu kecil" and never "shelfLifeDays". A body path is named by
// its last segment that has a label (a more specific "parent.field" first), and the index of the array
// element it sits in becomes a number people count from one: `signatories.0.title` → "Jabatan penanda
// tangan 1" / "Title of signatory 1". tests/field-labels.test.ts walks every body and query field of the
// OpenAPI document and fails on one that has no label here.
import type { Bilingual } from './platform/errors.ts';

const L = (id: string, en: string): Bilingual => ({ id, en });

/** Labels by field name (the last path segment), or by "parent.field" where the parent changes the meaning. */
export const FIELD_LABELS: Record<string, Bilingual> = {
  // ---- people, organisations, accounts ----
  email: L('Email', 'Email'),
  password: L('Kata sandi', 'Password'),
  name: L('Nama', 'Name'),
  legalName: L('Nama badan hukum', 'Legal name'),
  role: L('Peran', 'Role'),
  disabled: L('Nonaktif', 'Disabled'),
  organizationId: L('Organisasi', 'Organisation'),
  mentorUmkmIds: L('UMKM dampingan', 'Mentored UMKM'),
  kind: L('Jenis', 'Kind'),
  chainCode: L('Jaringan ritel', 'Retail chain'),
  chainId: L('Jaringan ritel', 'Retail chain'),
  parentId: L('Induk organisasi', 'Parent organisation'),
  regionCode: L('Wilayah', 'Region'),
  governmentId: L('Pemerintah daerah', 'Local government'),
  branchId: L('Cabang', 'Branch'),

  // ---- outlets ----
  storeCode: L('Kode toko', 'Store code'),
  address: L('Alamat', 'Address'),
  districtCode: L('Kecamatan', 'District'),
  lat: L('Lintang', 'Latitude'),
  lon: L('Bujur', 'Longitude'),
  localSlots: L('Slot produk lokal', 'Local product slots'),
  acceptsPerishable: L('Menerima produk mudah rusak', 'Accepts perishable products'),

  // ---- public catalogue ----
  region: L('Wilayah', 'Region'),
  district: L('Kecamatan', 'District'),
  lang: L('Bahasa', 'Language'),
  story: L('Cerita usaha', 'Business story'),
  showPhone: L('Tampilkan nomor telepon', 'Show phone number'),
  size: L('Ukuran foto', 'Photo size'),
  published: L('Tampil di katalog', 'Shown in the catalogue'),

  // ---- UMKM ----
  nib: L('NIB', 'NIB'),
  ownerName: L('Nama pemilik', "Owner's name"),
  phone: L('Nomor telepon', 'Phone number'),
  villageCode: L('Desa/kelurahan', 'Village'),
  weeklyCapacity: L('Kapasitas produksi per minggu', 'Weekly production capacity'),
  umkmId: L('UMKM', 'UMKM'),
  umkmIds: L('UMKM', 'UMKM'),

  // ---- products, permits, photos ----
  category: L('Kategori', 'Category'),
  gtin: L('GTIN (kode batang)', 'GTIN (barcode)'),
  netContent: L('Isi bersih', 'Net content'),
  netUnit: L('Satuan isi', 'Unit'),
  supplierPrice: L('Harga pemasok', 'Supplier price'),
  retailPrice: L('Harga eceran', 'Retail price'),
  shelfLifeDays: L('Masa simpan', 'Shelf life'),
  storage: L('Penyimpanan', 'Storage'),
  perishable: L('Mudah rusak', 'Perishable'),
  permits: L('Izin', 'Permits'),
  'permits.type': L('Jenis', 'Type'),
  'permits.number': L('Nomor', 'Number'),
  type: L('Jenis izin', 'Permit type'),
  number: L('Nomor izin', 'Permit number'),
  issuedOn: L('Tanggal terbit', 'Issue date'),
  expiresOn: L('Tanggal kedaluwarsa', 'Expiry date'),
  scanSha256: L('Pindaian izin', 'Permit scan'),
  photos: L('Foto', 'Photos'),
  purpose: L('Jenis unggahan', 'Kind of upload'),
  file: L('Berkas', 'File'),
  sha256: L('Foto', 'Photo'),
  productId: L('Produk', 'Product'),
  productIds: L('Produk', 'Products'),

  // ---- agreements (MoU, PKS) ----
  startsOn: L('Tanggal mulai', 'Start date'),
  endsOn: L('Tanggal berakhir', 'End date'),
  recitals: L('Pertimbangan', 'Recitals'),
  signatories: L('Penanda tangan', 'Signatories'),
  party: L('Pihak', 'Party'),
  title: L('Jabatan', 'Title'),
  mouId: L('MoU', 'MoU'),
  outletsWithCorner: L('Gerai dengan pojok UMKM', 'Outlets with a UMKM corner'),
  insideDisplayNote: L('Catatan pajangan di dalam gerai', 'Note on the display inside outlets'),
  outsideSpots: L('Tempat usaha di luar gerai', 'Spots outside outlets'),
  promotionEventsPerYear: L('Acara promosi per tahun', 'Promotion events per year'),
  curationSupport: L('Dukungan kurasi', 'Curation support'),
  mentoringSupport: L('Dukungan pendampingan', 'Mentoring support'),
  quota: L('Kuota produk lokal', 'Local product quota'),
  'quota.bp': L('Besaran kuota', 'Quota share'),
  basis: L('Dasar kuota', 'Quota basis'),
  reportEveryMonths: L('Laporan setiap (bulan)', 'Report every (months)'),
  pksWitness: L('Pemda menjadi saksi PKS', 'Government witnesses each PKS'),
  relaxations: L('Kelonggaran persyaratan', 'Relaxed requirements'),
  criterionCode: L('Persyaratan', 'Requirement'),
  tradeModel: L('Model dagang', 'Trade model'),
  marginBp: L('Margin jaringan ritel', "Chain's margin"),
  otherFees: L('Biaya lain', 'Other fees'),
  // Inside an element its noun follows ("Nama biaya lain 1"), so these stay short.
  'otherFees.bp': L('Besaran', 'Rate'),
  paymentTermDays: L('Jangka waktu pembayaran', 'Payment term'),
  smallSupplyPaymentDays: L('Jangka waktu pembayaran pemasok kecil', 'Payment term for small suppliers'),
  paymentTechnicalReason: L('Alasan teknis pembayaran tidak tunai', 'Technical reason for not paying cash'),
  settlementPeriod: L('Periode penyelesaian', 'Settlement period'),
  unsoldGoods: L('Barang tidak laku', 'Unsold goods'),
  expiredGoodsBorneBy: L('Barang kedaluwarsa ditanggung', 'Expired goods borne by'),
  perishablePickupHours: L('Jangka waktu penjemputan produk mudah rusak', 'Pick-up time for perishables'),
  returnNote: L('Catatan pengembalian', 'Note on returns'),
  deliveryDistrictCodes: L('Kecamatan pengiriman', 'Delivery districts'),
  deliveryNote: L('Catatan pengiriman', 'Note on delivery'),
  products: L('Produk', 'Products'),
  shelfPrice: L('Harga rak', 'Shelf price'),
  version: L('Versi', 'Version'),
  note: L('Catatan', 'Note'),
  reason: L('Alasan', 'Reason'),
  effectiveOn: L('Tanggal berlaku', 'Effective date'),
  changeNote: L('Catatan perubahan', 'Note on the change'),
  documentSha256: L('Naskah yang dibaca', 'Document read'),

  // ---- curation and mentoring ----
  criteria: L('Kriteria', 'Criteria'),
  code: L('Kode', 'Code'),
  label: L('Uraian', 'Description'),
  remedy: L('Saran perbaikan', 'Remedy'),
  when: L('Berlaku untuk', 'Applies to'),
  food: L('Hanya pangan', 'Food only'),
  categories: L('Kategori', 'Categories'),
  anyOf: L('Izin yang diterima', 'Permits accepted'),
  identifier: L('Identitas', 'Identifier'),
  field: L('Besaran yang diukur', 'Measured value'),
  op: L('Pembanding', 'Comparison'),
  value: L('Nilai batas', 'Threshold'),
  passMark: L('Nilai lulus', 'Pass mark'),
  curationDate: L('Tanggal kurasi', 'Curation date'),
  allInRegion: L('Semua produk di wilayah', 'Every product in the region'),
  attestations: L('Pernyataan kurator', "Curators' attestations"),
  scores: L('Skor', 'Scores'),
  notes: L('Catatan', 'Notes'),
  criterionCodes: L('Persyaratan', 'Requirements'),
  validFrom: L('Berlaku mulai', 'Valid from'),
  validUntil: L('Berlaku sampai', 'Valid until'),
  topic: L('Topik', 'Topic'),
  capacity: L('Kapasitas peserta', 'Capacity'),
  mentorEmail: L('Email pendamping', "Mentor's email"),
  mentorUserId: L('Pendamping', 'Mentor'),
  myStatus: L('Status keikutsertaan saya', 'My participation'),
  online: L('Daring', 'Online'),
  place: L('Tempat', 'Place'),
  heldOn: L('Tanggal sesi', 'Session date'),
  attendance: L('Kehadiran', 'Attendance'),
  present: L('Hadir', 'Present'),
  accept: L('Jawaban undangan', 'Answer to the invitation'),

  // ---- placement ----
  date: L('Tanggal', 'Date'),
  itemIds: L('Butir rencana', 'Plan items'),
  locked: L('Dikunci', 'Locked'),

  // ---- operations (C7): pesanan, surat jalan, BPB, stock opname, nota retur ----
  deliverTo: L('Tujuan pengiriman', 'Deliver to'),
  deliverBy: L('Tanggal dibutuhkan', 'Wanted by'),
  lines: L('Baris', 'Lines'),
  qty: L('Jumlah', 'Quantity'),
  qtySuggested: L('Jumlah yang disarankan', 'Suggested quantity'),
  decision: L('Jawaban', 'Answer'),
  lineId: L('Baris pesanan', 'Order line'),
  shipOn: L('Tanggal kirim', 'Ship date'),
  orderLineId: L('Baris pesanan', 'Order line'),
  orderId: L('Pesanan', 'Order'),
  batchCode: L('Kode batch', 'Batch code'),
  batchId: L('Batch', 'Batch'),
  producedOn: L('Tanggal produksi', 'Production date'),
  receivedOn: L('Tanggal terima', 'Receipt date'),
  deliveryLineId: L('Baris surat jalan', 'Delivery line'),
  accepted: L('Jumlah diterima', 'Accepted quantity'),
  rejected: L('Jumlah ditolak', 'Rejected quantity'),
  rejectReason: L('Alasan penolakan', 'Reason for rejection'),
  by: L('Dikelompokkan menurut', 'Grouped by'),
  countedOn: L('Tanggal stock opname', 'Count date'),
  counted: L('Jumlah terhitung', 'Counted quantity'),
  agreementId: L('PKS', 'PKS'),

  // ---- list queries ----
  limit: L('Jumlah per halaman', 'Page size'),
  offset: L('Posisi halaman', 'Page offset'),
  cursor: L('Penanda halaman', 'Page cursor'),
  q: L('Pencarian', 'Search'),
  includeArchived: L('Termasuk yang diarsipkan', 'Including archived'),
  unread: L('Belum dibaca saja', 'Unread only'),
  status: L('Status', 'Status'),
  outcome: L('Hasil', 'Outcome'),
  target: L('Target', 'Target'),
  format: L('Format berkas', 'File format'),
  copy: L('Salinan', 'Copy'),
  planId: L('Rencana', 'Plan'),
  outletId: L('Gerai', 'Outlet'),
  id: L('Data', 'Record'),
  permitId: L('Izin', 'Permit'),
  level: L('Tingkat wilayah', 'Region level'),
  parent: L('Wilayah induk', 'Parent region'),
  entity: L('Jenis data', 'Kind of record'),
  entityId: L('Data', 'Record'),
  actorId: L('Pelaku', 'Actor'),
  action: L('Tindakan', 'Action'),
  from: L('Dari tanggal', 'From'),
  to: L('Sampai tanggal', 'To'),
  on: L('Tanggal', 'Date'),
  includeEnded: L('Termasuk yang sudah berakhir', 'Including ended'),
  // ---- curation and mentoring screens ----
  en: L('Teks dalam bahasa Inggris', 'English text'),
  rubric: L('Rubrik penilaian', 'Scoring rubric'),
  requirementSetId: L('Persyaratan kurasi', 'Requirement set'),
  pending: L('Belum dinilai', 'Awaiting assessment'),
  criterion: L('Kriteria', 'Criterion'),
  sort: L('Urutan', 'Sort by'),
  dir: L('Arah urutan', 'Sort direction'),
  // ---- settlement (C8) ----
  view: L('Tampilan', 'View'),
  through: L('Sampai tanggal', 'Through'),
  lineNo: L('Nomor baris', 'Line number'),
  adjustments: L('Penyesuaian', 'Adjustments'),
  amount: L('Jumlah (rupiah)', 'Amount (rupiah)'),
  invoiceNumber: L('Nomor faktur', 'Invoice number'),
  reference: L('Nomor referensi transfer', 'Transfer reference'),
  paidOn: L('Tanggal bayar', 'Paid on'),
  idempotencyKey: L('Kunci idempotensi', 'Idempotency key'),
  bankIds: L('Bank', 'Banks'),
  rateBp: L('Bunga per tahun (basis poin)', 'Yearly rate (basis points)'),
  tenorDays: L('Jangka waktu (hari)', 'Tenor (days)'),
  fee: L('Biaya', 'Fee'),
  // ---- POS sales (C7) ----
  chain: L('Jaringan ritel', 'Retail chain'),
  correction: L('Koreksi', 'Correction'),
  receipt: L('Nomor struk', 'Receipt number'),
  line: L('Baris struk', 'Receipt line'),
  unitPrice: L('Harga satuan', 'Unit price'),
  discount: L('Diskon', 'Discount'),
  // ---- market tests (C6) ----
  outletIds: L('Gerai uji', 'Test outlets'),
  weeks: L('Lama uji (minggu)', 'Test length (weeks)'),
  reviewWeek: L('Minggu ulasan', 'Review week'),
  minUnitsPerStoreWeek: L('Minimal terjual per toko per minggu', 'Minimum units per store per week'),
  minSellThroughBp: L('Minimal tingkat terjual', 'Minimum sell-through'),
  maxLossBp: L('Maksimal retur + kedaluwarsa', 'Maximum returns + expiry'),
  minFillRateBp: L('Minimal pemenuhan pesanan', 'Minimum fill rate'),
  extraWeeks: L('Minggu tambahan', 'Extra weeks'),
  testId: L('Uji pasar', 'Market test'),
  // ---- promotion campaigns (C9) ----
  phase: L('Tahap kampanye', 'Campaign phase'),
  outlets: L('Gerai', 'Outlets'),
  display: L('Pajangan', 'Display'),
  discountBp: L('Potongan harga', 'Price discount'),
  fundedBy: L('Penanggung potongan harga', 'Who funds the discount'),
  umkmShareBp: L('Bagian yang ditanggung UMKM', "The UMKM's share"),
};

/** What one element of a list is called, counted from one in a message ("penanda tangan 2"). */
export const ELEMENT_LABELS: Record<string, Bilingual> = {
  signatories: L('penanda tangan', 'signatory'),
  permits: L('izin', 'permit'),
  products: L('produk', 'product'),
  otherFees: L('biaya lain', 'other fee'),
  relaxations: L('kelonggaran', 'relaxation'),
  deliveryDistrictCodes: L('kecamatan pengiriman', 'delivery district'),
  photos: L('foto', 'photo'),
  criteria: L('kriteria', 'criterion'),
  anyOf: L('izin yang diterima', 'accepted permit'),
  categories: L('kategori', 'category'),
  attendance: L('peserta', 'participant'),
  productIds: L('produk', 'product'),
  umkmIds: L('UMKM', 'UMKM'),
  mentorUmkmIds: L('UMKM dampingan', 'mentored UMKM'),
  criterionCodes: L('persyaratan', 'requirement'),
  itemIds: L('butir rencana', 'plan item'),
  outlets: L('gerai', 'outlet'),
};

const isIndex = (s: string) => /^\d+$/.test(s);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The label of the field a path ends in, or null when neither it nor any parent has one. */
function leafOf(segments: string[]): { label: Bilingual; at: number } | null {
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i] as string;
    if (isIndex(s)) continue;
    let parent: string | undefined;
    for (let j = i - 1; j >= 0; j--) {
      if (!isIndex(segments[j] as string)) {
        parent = segments[j];
        break;
      }
    }
    const label = (parent && FIELD_LABELS[`${parent}.${s}`]) || FIELD_LABELS[s];
    if (label) return { label, at: i };
  }
  return null;
}

const split = (path: string | readonly (string | number)[]) =>
  (typeof path === 'string' ? path.split('.') : path.map(String)).filter((s) => s !== '');

/** Whether a field (with its parent, when it has one) has a label of its own. */
export function hasLabel(name: string, parent?: string): boolean {
  return Boolean((parent && FIELD_LABELS[`${parent}.${name}`]) || FIELD_LABELS[name]);
}

/**
 * The field a body path names, as people call it: "Jabatan penanda tangan 1" for `signatories.0.title`,
 * "Produk 2" for `products.1`, "Kecamatan pengiriman 3" for `deliveryDistrictCodes.2`. A path with no
 * label at all (never in a schema the test has seen) is called "Isian" / "Field", never by its code.
 */
export function fieldLabel(path: string | readonly (string | number)[]): Bilingual {
  const segments = split(path);
  // The element a path is in: the nearest array index, and the list it indexes.
  let element: { list: string; n: number } | null = null;
  for (let i = segments.length - 1; i > 0; i--) {
    const s = segments[i] as string;
    if (isIndex(s) && !isIndex(segments[i - 1] as string)) {
      element = { list: segments[i - 1] as string, n: Number(s) + 1 };
      break;
    }
  }
  const last = segments[segments.length - 1];
  const noun = element ? ELEMENT_LABELS[element.list] : undefined;
  // The element itself (`products.1`): "Produk 2".
  if (element && noun && last !== undefined && isIndex(last) && segments.length >= 2 && segments[segments.length - 2] === element.list) {
    return { id: `${cap(noun.id)} ${element.n}`, en: `${cap(noun.en)} ${element.n}` };
  }
  const leaf = leafOf(segments);
  if (!leaf) return { id: 'Isian', en: 'Field' };
  // A field inside an element: "Jabatan penanda tangan 1" / "Title of signatory 1".
  if (element && noun && segments[leaf.at] !== element.list) {
    return { id: `${leaf.label.id} ${noun.id} ${element.n}`, en: `${leaf.label.en} of ${noun.en} ${element.n}` };
  }
  return leaf.label;
}
