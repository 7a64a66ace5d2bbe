// Kysely table types of market tests (uji pasar, C6) — beside migrations/0019_market_tests.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export type MarketTestStatus = 'running' | 'passed' | 'failed';
export type MarketTestDecision = 'pass' | 'extend' | 'fail';

export interface MarketTestsTable {
  id: Generated<string>;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string;
  product_id: string;
  agreement_id: string;
  umkm_district_code: string;
  province_code: string;
  plan_id: string | null;
  starts_on: DateCol;
  weeks: number;
  review_week: number;
  min_units_per_store_week: number;
  min_sell_through_bp: number;
  max_loss_bp: number;
  min_fill_rate_bp: number;
  status: ColumnType<MarketTestStatus, MarketTestStatus | undefined, MarketTestStatus>;
  ended_on: NullableDate;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface MarketTestOutletsTable {
  test_id: string;
  outlet_id: string;
  placement_id: string;
  district_code: string;
}

export interface MarketTestDecisionsTable {
  id: Generated<string>;
  test_id: string;
  decision: MarketTestDecision;
  decided_on: DateCol;
  extra_weeks: number | null;
  note: string | null;
  standing: ColumnType<unknown, string, never>;
  decided_by: string | null;
  created_at: Generated<Date>;
}

type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type ExpansionStatus = 'proposed' | 'accepted' | 'declined';

export interface ExpansionProposalsTable {
  id: Generated<string>;
  test_id: string;
  chain_id: string;
  product_id: string;
  umkm_id: string;
  umkm_district_code: string;
  province_code: string;
  target_region_code: string;
  target_province_code: string;
  target_branch_id: string | null;
  target_government_id: string | null;
  route: 'direct' | 'distribution_centre';
  expected_weekly_units: number;
  starts_on: DateCol;
  status: ColumnType<ExpansionStatus, ExpansionStatus | undefined, ExpansionStatus>;
  chain_accepted_at: NullableTs;
  chain_accepted_by: string | null;
  government_accepted_at: NullableTs;
  government_accepted_by: string | null;
  declined_at: NullableTs;
  declined_by: string | null;
  decline_note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ExpansionProposalOutletsTable {
  proposal_id: string;
  outlet_id: string;
  district_code: string;
  distance_km: number;
  placement_id: string | null;
}

export interface MarketTestTables {
  market_tests: MarketTestsTable;
  market_test_outlets: MarketTestOutletsTable;
  market_test_decisions: MarketTestDecisionsTable;
  expansion_proposals: ExpansionProposalsTable;
  expansion_proposal_outlets: ExpansionProposalOutletsTable;
}
