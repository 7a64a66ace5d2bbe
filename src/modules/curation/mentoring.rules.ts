// Pure rules of mentoring (C3): which criteria a topic usually works on, whether a session date falls in the
// programme's period, and where a programme stands on a given day. No I/O.
import type { Bilingual } from '../../platform/errors.ts';
import { formatDate } from '../../platform/format.ts';

export const MENTORING_TOPICS = ['kemasan', 'label', 'halal', 'keamanan_pangan', 'harga', 'perizinan', 'lainnya'] as const;
export type MentoringTopic = (typeof MENTORING_TOPICS)[number];

/** The curation criteria a topic is about: the form ticks these when a topic is chosen (the Dinas may
 *  change them; the programme stores the criteria, not the mapping). */
export const TOPIC_CRITERIA: Record<MentoringTopic, string[]> = {
  kemasan: ['kemasan', 'label_komposisi', 'label_kedaluwarsa'],
  label: ['label_komposisi', 'label_kedaluwarsa', 'label_gizi', 'barcode'],
  halal: ['halal'],
  keamanan_pangan: ['izin_edar', 'laik_higiene', 'masa_simpan'],
  harga: ['harga', 'daya_saing_harga'],
  perizinan: ['nib', 'izin_edar', 'halal', 'sni'],
  lainnya: [],
};

export const ENROLMENT_STATUSES = ['invited', 'enrolled', 'declined', 'completed'] as const;
export const PROGRAM_PHASES = ['upcoming', 'running', 'ended'] as const;
export type ProgramPhase = (typeof PROGRAM_PHASES)[number];

/** Before its start, between start and end (inclusive), after its end. */
export function programPhase(p: { startsOn: string; endsOn: string }, today: string): ProgramPhase {
  if (today < p.startsOn) return 'upcoming';
  if (today > p.endsOn) return 'ended';
  return 'running';
}

/** A session is held within the programme's period (both ends included); the message names the period. */
export function sessionDateProblem(heldOn: string, p: { startsOn: string; endsOn: string }): Bilingual | null {
  if (heldOn >= p.startsOn && heldOn <= p.endsOn) return null;
  return {
    id: `Tanggal sesi harus dalam masa program, ${formatDate(p.startsOn, 'id')} sampai ${formatDate(p.endsOn, 'id')}.`,
    en: `The session date must fall within the programme's period, ${formatDate(p.startsOn, 'en')} to ${formatDate(p.endsOn, 'en')}.`,
  };
}
