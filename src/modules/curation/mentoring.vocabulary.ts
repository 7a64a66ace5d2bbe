// Codes of mentoring, with their labels (gathered in src/vocabulary.ts): programme topics, a participant's
// enrolment status, and where a programme stands in its period.
import type { Bilingual } from '../../platform/errors.ts';
import type { ENROLMENT_STATUSES, MentoringTopic, PROGRAM_PHASES } from './mentoring.rules.ts';

export const MENTORING_VOCABULARY = {
  mentoringTopic: {
    kemasan: { id: 'Kemasan & label', en: 'Packaging & labels' },
    label: { id: 'Label & barcode', en: 'Labels & barcodes' },
    halal: { id: 'Sertifikasi halal', en: 'Halal certification' },
    keamanan_pangan: { id: 'Keamanan pangan & izin edar', en: 'Food safety & distribution permit' },
    harga: { id: 'Harga & margin', en: 'Pricing & margins' },
    perizinan: { id: 'Perizinan usaha', en: 'Business permits' },
    lainnya: { id: 'Lainnya', en: 'Other' },
  } satisfies Record<MentoringTopic, Bilingual>,
  enrolmentStatus: {
    invited: { id: 'Diundang', en: 'Invited' },
    enrolled: { id: 'Peserta', en: 'Enrolled' },
    declined: { id: 'Menolak', en: 'Declined' },
    completed: { id: 'Selesai', en: 'Completed' },
  } satisfies Record<(typeof ENROLMENT_STATUSES)[number], Bilingual>,
  programPhase: {
    upcoming: { id: 'Akan datang', en: 'Upcoming' },
    running: { id: 'Berjalan', en: 'Running' },
    ended: { id: 'Selesai', en: 'Ended' },
  } satisfies Record<(typeof PROGRAM_PHASES)[number], Bilingual>,
  // TEMPORARY, until curation.vocabulary.ts (the "curation" helper's branch) reaches main: the same two kinds
  // with the same labels. Delete these two entries when merging that branch.
  criterion: {
    nib: { id: 'NIB', en: 'NIB (business number)' },
    izin_edar: { id: 'Izin edar pangan', en: 'Food distribution permit' },
    halal: { id: 'Sertifikat halal', en: 'Halal certificate' },
    barcode: { id: 'Barcode GS1', en: 'GS1 barcode' },
    masa_simpan: { id: 'Masa simpan', en: 'Shelf life' },
    harga: { id: 'Ruang harga (margin gerai)', en: 'Price room (outlet margin)' },
    label_komposisi: { id: 'Label komposisi', en: 'Ingredients label' },
    label_kedaluwarsa: { id: 'Kode produksi dan kedaluwarsa', en: 'Production code and expiry date' },
    label_gizi: { id: 'Informasi nilai gizi', en: 'Nutrition facts' },
    sni: { id: 'Tanda SNI', en: 'SNI mark' },
    laik_higiene: { id: 'Laik higiene sanitasi', en: 'Hygiene certificate' },
    kemasan: { id: 'Kemasan', en: 'Packaging' },
    rasa: { id: 'Uji rasa', en: 'Taste test' },
    daya_saing_harga: { id: 'Daya saing harga', en: 'Price competitiveness' },
    kontinuitas: { id: 'Kesinambungan pasokan', en: 'Continuity of supply' },
  } as Record<string, Bilingual>,
  productOutcome: {
    lolos: { id: 'Lolos', en: 'Passed' },
    belum_lolos: { id: 'Belum lolos', en: 'Not passed yet' },
    menunggu: { id: 'Menunggu penilaian', en: 'Awaiting assessment' },
  },
};
