// Kysely table types of promotion campaigns (C9) — beside migrations/0019_market_tests.sql.
import type { ColumnType, Generated } from 'kysely';

type DateCol = ColumnType<string, string, string>;

export type CampaignDisplay = 'pojok_umkm' | 'eye_level' | 'terrace' | 'end_cap';
export type PromotionFunder = 'chain' | 'umkm' | 'government' | 'shared';

export interface PromotionCampaignsTable {
  id: Generated<string>;
  chain_id: string;
  branch_id: string | null;
  region_code: string;
  province_code: string;
  mou_id: string | null;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol;
  status: ColumnType<'planned' | 'cancelled', 'planned' | 'cancelled' | undefined, 'planned' | 'cancelled'>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PromotionOutletsTable {
  campaign_id: string;
  outlet_id: string;
  district_code: string;
  display: CampaignDisplay;
}

export interface PromotionProductsTable {
  campaign_id: string;
  product_id: string;
  umkm_id: string;
  agreement_id: string;
  discount_bp: number | null;
  funded_by: PromotionFunder | null;
  umkm_share_bp: number | null;
}

export interface PromotionTables {
  promotion_campaigns: PromotionCampaignsTable;
  promotion_outlets: PromotionOutletsTable;
  promotion_products: PromotionProductsTable;
}
