// Kysely table types of the agreements module (C4), beside migrations/0003_agreements.sql and 0005.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Ts = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: parsed on read, written as a JSON string. */
type JsonCol<T> = ColumnType<T, string | undefined, string>;

export type AgreementKind = 'mou' | 'pks';
export type VersionStatus = 'draft' | 'in_review' | 'signed' | 'superseded' | 'terminated' | 'withdrawn';
export type Party = 'government' | 'chain' | 'umkm';
export type TradeModel = 'konsinyasi' | 'beli_putus';
export type SettlementPeriod = 'weekly' | 'two_weekly' | 'monthly';
export type UnsoldGoods = 'returned_to_umkm' | 'borne_by_chain';
export type QuotaBasis = 'shelf_space' | 'sku';

export interface Signatory {
  party: Party;
  name: string;
  title: string;
}

export interface OtherFee {
  name: string;
  bp: number;
}

export interface AgreementsTable {
  id: Generated<string>;
  kind: AgreementKind;
  number: string;
  government_id: string | null;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string | null;
  mou_id: string | null;
  region_code: string;
  province_code: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AgreementVersionsTable {
  id: Generated<string>;
  agreement_id: string;
  version: number;
  status: ColumnType<VersionStatus, VersionStatus | undefined, VersionStatus>;
  starts_on: DateCol;
  ends_on: DateCol;
  recitals: string | null;
  change_note: string | null;
  signatories: JsonCol<Signatory[]>;
  outlets_with_corner: number | null;
  inside_display_note: string | null;
  outside_spots: number | null;
  promotion_events_per_year: number | null;
  curation_support: boolean | null;
  mentoring_support: boolean | null;
  quota_bp: number | null;
  quota_basis: QuotaBasis | null;
  quota_report_months: number | null;
  pks_witness: boolean | null;
  witness_required: ColumnType<boolean, boolean | undefined, boolean>;
  trade_model: TradeModel | null;
  margin_bp: number | null;
  other_fees: JsonCol<OtherFee[]>;
  /** Calendar days after the billing documents are complete (the TTF); 0 = cash. */
  payment_term_days: number | null;
  /** Permendag 70/2013 only (PKS starting before 2021-05-01): the term for bills up to Rp10.000.000. */
  small_supply_payment_days: number | null;
  /** PP 29/2021 Pasal 95(1)(b): why payment is not in cash (migration 0005). */
  payment_technical_reason: ColumnType<string | null, string | null | undefined, string | null>;
  settlement_period: SettlementPeriod | null;
  unsold_goods: UnsoldGoods | null;
  expired_goods_borne_by: 'umkm' | 'chain' | null;
  perishable_pickup_hours: number | null;
  return_note: string | null;
  delivery_district_codes: ColumnType<string[], string[] | undefined, string[]>;
  delivery_note: string | null;
  document_sha256: string | null;
  document_pdf: Buffer | null;
  submitted_at: NullableTs;
  signed_at: NullableTs;
  superseded_on: NullableDate;
  terminated_on: NullableDate;
  termination_reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Ts;
}

export interface AgreementProductsTable {
  version_id: string;
  product_id: string;
  supplier_price: bigint;
  shelf_price: bigint;
}

export interface AgreementRelaxationsTable {
  version_id: string;
  criterion_code: string;
  note: string;
}

export interface AgreementSignaturesTable {
  id: Generated<string>;
  version_id: string;
  party: Party;
  organization_id: string;
  user_id: string;
  signer_name: string;
  signer_title: string;
  signer_role: string;
  signed_at: Ts;
  document_sha256: string;
  voided_at: NullableTs;
}

/** The last number given under a prefix (migration 0005). */
export interface AgreementCountersTable {
  prefix: string;
  last: number;
}

export interface AgreementTables {
  agreement_counters: AgreementCountersTable;
  agreements: AgreementsTable;
  agreement_versions: AgreementVersionsTable;
  agreement_products: AgreementProductsTable;
  agreement_relaxations: AgreementRelaxationsTable;
  agreement_signatures: AgreementSignaturesTable;
}
