// Kysely table types of placement planning in the product (C5) and of the jobs table, beside
// migrations/0004_placement.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: parsed on read, written as a JSON string. */
type JsonCol<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type PlanStatus = JobStatus | 'approved' | 'partly_approved';
export type PlanChange = 'new' | 'kept' | 'dropped';

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: JsonCol<Record<string, unknown>>;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  progress: ColumnType<number, number | undefined, number>;
  attempts: ColumnType<number, number | undefined, number>;
  error: string | null;
  created_at: Generated<Date>;
  started_at: NullableTs;
  finished_at: NullableTs;
  updated_at: Ts;
}

export interface PlacementPlansTable {
  id: Generated<string>;
  chain_id: string;
  chain_code: 'alfamart' | 'alfamidi' | 'indomaret';
  branch_id: string | null;
  region_code: string;
  province_code: string;
  plan_date: DateCol;
  status: ColumnType<PlanStatus, PlanStatus | undefined, PlanStatus>;
  progress: ColumnType<number, number | undefined, number>;
  job_id: string | null;
  params: JsonCol<Record<string, unknown>>;
  objective: number | null;
  stats: NullableJson<Record<string, unknown>>;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  finished_at: NullableTs;
  updated_at: Ts;
}

export interface PlacementPlanItemsTable {
  id: Generated<string>;
  plan_id: string;
  product_id: string;
  outlet_id: string;
  umkm_id: string;
  change: PlanChange;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  placement_id: string | null;
  distance_km: number;
  expected_units: number;
  approved_at: NullableTs;
}

export interface PlacementsTable {
  id: Generated<string>;
  product_id: string;
  outlet_id: string;
  chain_id: string;
  umkm_id: string;
  district_code: string;
  province_code: string;
  starts_on: DateCol;
  ends_on: NullableDate;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  plan_id: string | null;
  approved_by: string | null;
  /** Set when the placement is a market test's trial (uji pasar). */
  market_test_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Ts;
}

export interface PlacementTables {
  jobs: JobsTable;
  placement_plans: PlacementPlansTable;
  placement_plan_items: PlacementPlanItemsTable;
  placements: PlacementsTable;
}
