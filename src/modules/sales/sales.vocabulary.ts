// Codes of POS sales (C7) with their labels (gathered in src/vocabulary.ts).
export const SALES_VOCABULARY = {
  salesImportStatus: {
    queued: { id: 'Menunggu giliran', en: 'Queued' },
    running: { id: 'Sedang diimpor', en: 'Importing' },
    done: { id: 'Selesai', en: 'Done' },
    refused: { id: 'Ditolak', en: 'Refused' },
    failed: { id: 'Gagal', en: 'Failed' },
  },
  salesImportSource: {
    upload: { id: 'Unggahan', en: 'Upload' },
    api: { id: 'Sistem jaringan (API)', en: "Chain's system (API)" },
    cli: { id: 'Baris perintah', en: 'Command line' },
  },
  salesRejectCode: {
    missing_value: { id: 'Sel kosong', en: 'Empty cell' },
    bad_date: { id: 'Tanggal salah', en: 'Wrong date' },
    bad_number: { id: 'Angka tidak terbaca', en: 'Unreadable number' },
    bad_line: { id: 'Nomor baris salah', en: 'Wrong line number' },
    unknown_store: { id: 'Toko tidak dikenal', en: 'Unknown store' },
    unknown_gtin: { id: 'Barcode tidak dikenal', en: 'Unknown barcode' },
    no_pks: { id: 'Tanpa PKS berlaku', en: 'No PKS in force' },
    conflict: { id: 'Angka berbeda (konflik)', en: 'Changed figures (conflict)' },
    duplicate_in_file: { id: 'Ganda dalam berkas', en: 'Repeated in the file' },
    missing_column: { id: 'Kolom wajib tidak ada', en: 'Required column missing' },
    duplicate_column: { id: 'Kolom ganda', en: 'Column appears twice' },
    unreadable: { id: 'Berkas tidak terbaca', en: 'Unreadable file' },
    empty: { id: 'Berkas kosong', en: 'Empty file' },
  },
};
