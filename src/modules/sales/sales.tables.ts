// Kysely table types of POS sales (C7): imports with their counts and rejected rows, and the sales lines —
// beside migrations/0010_operations.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<bigint, bigint | number, bigint | number>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type JsonCol<T> = ColumnType<T, string, string>;

export type ImportSource = 'upload' | 'api' | 'cli';
export type ImportStatus = 'queued' | 'running' | 'done' | 'refused' | 'failed';

export interface SalesImportsTable {
  id: Generated<string>;
  chain_id: string;
  source: ImportSource;
  file_name: string | null;
  file_sha256: string;
  correction: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  job_id: string | null;
  progress: ColumnType<number, number | undefined, number>;
  rows: number | null;
  imported: number | null;
  duplicates: number | null;
  conflicts: number | null;
  rejected: number | null;
  summary: NullableJson<unknown>;
  created_by: string | null;
  created_at: Generated<Date>;
  finished_at: NullableTs;
  /** 0011: the header as uploaded and which column carried which field. */
  headers: NullableJson<{ names: string[]; fields: Record<string, string> }>;
}

export interface SalesImportRejectsTable {
  import_id: string;
  row: number;
  col: string | null;
  code: string;
  raw: JsonCol<Record<string, string>>;
}

export interface SalesLinesTable {
  sales_date: DateCol;
  chain_id: string;
  outlet_id: string;
  receipt: ColumnType<string, string | undefined, string>;
  line: ColumnType<number, number | undefined, number>;
  key_gtin: ColumnType<string, string | undefined, string>;
  revision: ColumnType<number, number | undefined, number>;
  entry: ColumnType<'sale' | 'reversal', 'sale' | 'reversal' | undefined, 'sale' | 'reversal'>;
  gtin: string;
  product_id: string;
  umkm_id: string;
  agreement_id: string;
  province_code: string;
  district_code: string;
  qty: number;
  unit_price: Money;
  discount: ColumnType<bigint, bigint | number | undefined, bigint | number>;
  amount: Money;
  import_id: string;
}

export interface SalesTables {
  sales_imports: SalesImportsTable;
  sales_import_rejects: SalesImportRejectsTable;
  sales_lines: SalesLinesTable;
}
