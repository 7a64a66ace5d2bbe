// Demo data of the modules built on the registry: run in this order after the registry's demo data,
// inside the same transaction (use only the `db` given: it is that transaction).
import type { Database } from '../db/client.ts';
import { seedAgreements } from './agreements.ts';
import type { DemoCalendar } from './calendar.ts';
import { seedCuration } from './curation.ts';
import { seedMarketTests } from './markettests.ts';
import { seedOperations } from './operations.ts';
import { seedOutletStaff } from './outletstaff.ts';
import { seedPlacement } from './placement.ts';
import { seedPromotions } from './promotions.ts';
import { seedPublication } from './publication.ts';
import { seedSettlement } from './settlement.ts';

export type ModuleSeed = (db: Database, log: (s: string) => void, cal: DemoCalendar) => Promise<void>;

export const MODULE_SEEDS: ModuleSeed[] = [
  // curation and mentoring (C2, C3)
  seedCuration,
  // agreements (C4)
  seedAgreements,
  // placement planning (C5)
  seedPlacement,
  // operations after the shelf door (C7): needs the placements' PKS
  seedOperations,
  // outlet staff (issue 10): a store account at the Bengkulu outlet with the most receipts
  seedOutletStaff,
  // settlement (C8): statements of the closed periods, paid, late, disputed and waiting
  seedSettlement,
  // promotion campaigns (C9): Alfamart Bengkulu's past campaigns, the Festival and the last HUT Kota Bengkulu (their
  // uplift is in the operations sales), and the planned next HUT
  seedPromotions,
  // market tests (C6): OKI's placements read as eight-week tests — one passed, one failed, one to decide (after the
  // campaigns: a test's weeks under a campaign are marked)
  seedMarketTests,
  // the public catalogue (C11): what makers with goods on a shelf chose to show
  seedPublication,
];
