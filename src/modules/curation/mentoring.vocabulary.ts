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
};
