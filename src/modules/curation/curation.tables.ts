// Kysely table types of the curation and mentoring module (C2, C3), beside migrations/0002_curation.sql.
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, NullableTimestamp } from '../../db/types.ts';

/** A jsonb column read as parsed JSON and written as a JSON string. */
type JsonOf<T> = ColumnType<T, string, string>;
/** A text[] column. */
type TextArray = ColumnType<string[], string[], string[]>;

export type RequirementSetStatus = 'draft' | 'published' | 'retired';
export type RoundStatus = 'open' | 'closed';
export type RoundKind = 'initial' | 'recuration';
export type ProductOutcome = 'lolos' | 'belum_lolos' | 'menunggu';
export type EnrolmentStatus = 'invited' | 'enrolled' | 'declined' | 'completed';

export interface RequirementSetsTable {
  id: Generated<string>;
  chain_id: string;
  category: string | null;
  version: number;
  status: RequirementSetStatus;
  name: string;
  criteria: JsonOf<unknown>;
  created_by: string | null;
  created_at: Generated<Date>;
  published_at: NullableTimestamp;
}

export interface CurationRoundsTable {
  id: Generated<string>;
  name: string;
  chain_id: string;
  organizer_id: string;
  region_code: string;
  province_code: string;
  curation_date: DateCol;
  status: RoundStatus;
  kind: Generated<RoundKind>;
  program_id: string | null;
  requirement_set_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: NullableTimestamp;
}

export interface CurationEntriesTable {
  id: Generated<string>;
  round_id: string;
  product_id: string;
  umkm_id: string;
  village_code: string;
  province_code: string;
  requirement_set_id: string;
  attestations: ColumnType<Record<string, boolean>, string | undefined, string>;
  scores: ColumnType<Record<string, number>, string | undefined, string>;
  notes: string | null;
  previous_entry_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CurationEvaluationsTable {
  id: Generated<bigint>;
  entry_id: string;
  round_id: string;
  product_id: string;
  province_code: string;
  evaluated_at: Generated<Date>;
  outcome: ProductOutcome;
  failed: TextArray;
  relaxed: TextArray;
  results: JsonOf<unknown>;
}

export interface CurationRelaxationsTable {
  id: Generated<string>;
  government_id: string;
  chain_id: string;
  region_code: string;
  criterion_codes: TextArray;
  valid_from: DateCol;
  valid_until: DateCol | null;
  note: string;
  created_by: string | null;
  created_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface MentoringProgramsTable {
  id: Generated<string>;
  name: string;
  topic: string;
  organizer_id: string;
  chain_id: string | null;
  region_code: string;
  province_code: string;
  mentor_user_id: string | null;
  place: string | null;
  online: Generated<boolean>;
  starts_on: DateCol;
  ends_on: DateCol;
  capacity: number;
  criterion_codes: TextArray;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MentoringEnrolmentsTable {
  program_id: string;
  umkm_id: string;
  status: EnrolmentStatus;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MentoringSessionsTable {
  id: Generated<string>;
  program_id: string;
  held_on: DateCol;
  topic: string;
  notes: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MentoringAttendanceTable {
  session_id: string;
  umkm_id: string;
  present: boolean;
  note: string | null;
}

export interface CurationTables {
  requirement_sets: RequirementSetsTable;
  curation_rounds: CurationRoundsTable;
  curation_entries: CurationEntriesTable;
  curation_evaluations: CurationEvaluationsTable;
  curation_relaxations: CurationRelaxationsTable;
  mentoring_programs: MentoringProgramsTable;
  mentoring_enrolments: MentoringEnrolmentsTable;
  mentoring_sessions: MentoringSessionsTable;
  mentoring_attendance: MentoringAttendanceTable;
}
