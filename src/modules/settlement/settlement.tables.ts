// Kysely table types of settlement (C8): statements, their lines, disputes and payments, and the ledger —
// beside migrations/0014_settlement.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<bigint, bigint | number, bigint | number>;

export type StatementStatus = 'computed' | 'issued' | 'disputed' | 'superseded' | 'accepted' | 'billed' | 'partly_paid' | 'paid';
export type PeriodKind = 'weekly' | 'two_weekly' | 'monthly';
export type LineKind = 'sale' | 'receipt' | 'loss_chain' | 'expired_chain' | 'return_umkm' | 'expired_umkm' | 'fee' | 'adjustment';
export type JournalKind = 'statement_accepted' | 'payment' | 'advance' | 'assignment' | 'reversal';
export type LedgerAccount = 'purchases' | 'payable' | 'fee_income' | 'cash' | 'sales' | 'receivable' | 'fee_expense' | 'financing_cost';

export interface SettlementStatementsTable {
  id: Generated<string>;
  number: string;
  agreement_id: string;
  version_id: string;
  chain_id: string;
  branch_id: string | null;
  umkm_id: string;
  umkm_district_code: string;
  region_code: string;
  trade_model: 'konsinyasi' | 'beli_putus';
  period_kind: PeriodKind;
  period_start: DateCol;
  period_end: DateCol;
  revision: number;
  corrects_id: string | null;
  status: StatementStatus;
  goods: Money;
  fees: Money;
  net: Money;
  paid: Money;
  payment_term_days: number;
  pks_starts_on: DateCol;
  computed_at: ColumnType<Date, Date | string, Date | string>;
  issued_at: NullableTs;
  issued_by: string | null;
  responded_at: NullableTs;
  responded_by: string | null;
  dispute_note: string | null;
  invoice_number: string | null;
  billing_complete_at: NullableTs;
  billing_complete_on: NullableDate;
  due_on: NullableDate;
  legal_due_on: NullableDate;
  paid_at: NullableTs;
  payee_id: string | null;
  created_by: string | null;
}

export interface SettlementLinesTable {
  statement_id: string;
  line_no: number;
  kind: LineKind;
  outlet_id: string | null;
  product_id: string | null;
  qty: number;
  amount: Money;
  fee_name: string | null;
  fee_bp: number | null;
  note: string | null;
  corrects_line: number | null;
}

export interface SettlementDisputesTable {
  statement_id: string;
  line_no: number;
  reason: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SettlementPaymentsTable {
  id: Generated<string>;
  statement_id: string;
  idempotency_key: string;
  payee_id: string;
  reference: string;
  amount: Money;
  paid_on: DateCol;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface LedgerJournalsTable {
  id: Generated<string>;
  idempotency_key: string;
  content_sha256: string;
  kind: JournalKind;
  occurred_on: DateCol;
  statement_id: string | null;
  reverses_id: string | null;
  district_code: string | null;
  memo: string | null;
  created_txid: Generated<string>;
  created_at: Generated<Date>;
}

export interface LedgerEntriesTable {
  id: Generated<string>;
  journal_id: string;
  owner_id: string;
  account: LedgerAccount;
  counterparty_id: string | null;
  amount: Money;
}

export interface FinancingRequestsTable {
  id: Generated<string>;
  statement_id: string;
  umkm_id: string;
  status: ColumnType<'open' | 'financed' | 'withdrawn', 'open' | 'financed' | 'withdrawn' | undefined, 'open' | 'financed' | 'withdrawn'>;
  evidence_pdf: Buffer;
  evidence_sha256: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FinancingRequestBanksTable {
  request_id: string;
  bank_id: string;
}

export interface FinancingOffersTable {
  id: Generated<string>;
  request_id: string;
  statement_id: string;
  bank_id: string;
  rate_bp: number;
  tenor_days: number;
  fee: Money;
  face: Money;
  discount: Money;
  advance: Money;
  status: ColumnType<
    'offered' | 'accepted' | 'declined',
    'offered' | 'accepted' | 'declined' | undefined,
    'offered' | 'accepted' | 'declined'
  >;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  accepted_at: NullableTs;
}

export interface SettlementTables {
  financing_requests: FinancingRequestsTable;
  financing_request_banks: FinancingRequestBanksTable;
  financing_offers: FinancingOffersTable;
  settlement_statements: SettlementStatementsTable;
  settlement_lines: SettlementLinesTable;
  settlement_disputes: SettlementDisputesTable;
  settlement_payments: SettlementPaymentsTable;
  ledger_journals: LedgerJournalsTable;
  ledger_entries: LedgerEntriesTable;
}
