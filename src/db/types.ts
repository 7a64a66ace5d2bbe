// Table types for Kysely, kept by hand beside migrations/. A column added in SQL is added here too.
import type { ColumnType, Generated } from 'kysely';
import type { AgreementTables } from '../modules/agreements/agreements.tables.ts';
import type { CurationTables } from '../modules/curation/curation.tables.ts';
import type { MarketTestTables } from '../modules/markettests/markettests.tables.ts';
import type { NotificationTables } from '../modules/notifications/notifications.tables.ts';
import type { OperationTables } from '../modules/operations/operations.tables.ts';
import type { PlacementTables } from '../modules/placement/placement.tables.ts';
import type { PromotionTables } from '../modules/promotions/promotions.tables.ts';
import type { SalesTables } from '../modules/sales/sales.tables.ts';
import type { SecurityTables } from '../modules/security/security.tables.ts';
import type { SettlementTables } from '../modules/settlement/settlement.tables.ts';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A `date` column: read as 'YYYY-MM-DD' (we install no parser that would shift it by a time zone). */
export type DateCol = ColumnType<string, string, string>;
export type Json = ColumnType<unknown, string | null, string | null>;

export interface RegionsTable {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
  parent_code: string | null;
  province_code: string;
}

export interface FilesTable {
  sha256: string;
  mime: string;
  size_bytes: number;
  created_at: Generated<Date>;
}

/** Who uploaded a file (migration 0006): attach rights and the storage quota follow the tenant. */
export interface FileUploadsTable {
  sha256: string;
  tenant_id: string;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export type OrganizationKind = 'government' | 'chain' | 'branch' | 'umkm' | 'bank';
export type ChainCode = 'alfamart' | 'alfamidi' | 'indomaret';

export interface OrganizationsTable {
  id: Generated<string>;
  kind: OrganizationKind;
  name: string;
  legal_name: string | null;
  chain_code: ChainCode | null;
  parent_id: string | null;
  region_code: string | null;
  province_code: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface UmkmProfilesTable {
  organization_id: string;
  nib: string | null;
  owner_name: string;
  phone: string | null;
  address: string;
  village_code: string;
  district_code: string;
  province_code: string;
  lat: number;
  lon: number;
  weekly_capacity: number;
  /** Her words for the public catalogue (C11). */
  story: ColumnType<string | null, string | null | undefined, string | null>;
  /** Her phone number shown on her public page. */
  show_phone: Generated<boolean>;
}

export interface OutletsTable {
  id: Generated<string>;
  chain_id: string;
  branch_id: string | null;
  store_code: string;
  name: string;
  address: string;
  district_code: string;
  province_code: string;
  lat: number;
  lon: number;
  local_slots: number;
  accepts_perishable: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface ProductsTable {
  id: Generated<string>;
  umkm_id: string;
  province_code: string;
  name: string;
  category: string;
  gtin: string | null;
  net_content: number;
  net_unit: 'g' | 'kg' | 'ml' | 'l' | 'pcs';
  supplier_price: bigint;
  retail_price: bigint;
  shelf_life_days: number;
  storage: 'ambient' | 'chilled' | 'frozen';
  perishable: Generated<boolean>;
  /** When its maker put it in the public catalogue (C11); NULL: not public. */
  published_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export type PermitType = 'pirt' | 'bpom_md' | 'bpom_ml' | 'halal';

export interface ProductPermitsTable {
  id: Generated<string>;
  product_id: string;
  type: PermitType;
  number: string;
  issued_on: DateCol;
  expires_on: DateCol | null;
  scan_sha256: string | null;
  created_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export interface ProductPhotosTable {
  id: Generated<string>;
  product_id: string;
  sha256: string;
  created_at: Generated<Date>;
  archived_at: NullableTimestamp;
}

export type Role = 'admin' | 'pemda' | 'retailer' | 'umkm' | 'mentor' | 'bank';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  organization_id: string | null;
  /** Jabatan, printed under the signature (migration 0005). */
  title: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outlet staff: the one outlet (store) a retailer account works for (migration 0013); NULL otherwise. */
  outlet_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  disabled_at: NullableTimestamp;
}

export interface MentorAssignmentsTable {
  mentor_user_id: string;
  umkm_id: string;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<bigint>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<bigint>;
  at: Generated<Date>;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
}

/** The foundation's tables; each module adds its own (its `<module>.tables.ts`). */
export interface CoreTables {
  regions: RegionsTable;
  files: FilesTable;
  file_uploads: FileUploadsTable;
  organizations: OrganizationsTable;
  umkm_profiles: UmkmProfilesTable;
  outlets: OutletsTable;
  products: ProductsTable;
  product_permits: ProductPermitsTable;
  product_photos: ProductPhotosTable;
  users: UsersTable;
  mentor_assignments: MentorAssignmentsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  app_settings: AppSettingsTable;
}

export interface DB
  extends CoreTables,
    CurationTables,
    AgreementTables,
    PlacementTables,
    SecurityTables,
    OperationTables,
    SalesTables,
    SettlementTables,
    NotificationTables,
    MarketTestTables,
    PromotionTables {}
