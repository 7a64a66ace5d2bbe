// The promotion campaign pages (C9); lazy-loaded. App.tsx adds these to its route table and the menu entry
// per role.
import type { ComponentType } from 'react';
import { lazyNamed } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;
const load = () => import('./PromotionPages.tsx');

export const PROMOTION_ROUTES: [string, Page][] = [
  ['/promotions', lazyNamed(load, 'PromotionListPage')],
  ['/promotions/new', lazyNamed(load, 'PromotionFormPage')],
  ['/promotions/:id', lazyNamed<{ params: Record<string, string> }, 'PromotionPage'>(load, 'PromotionPage')],
  ['/promotions/:id/materials', lazyNamed<{ params: Record<string, string> }, 'MaterialsPage'>(load, 'MaterialsPage')],
];

/** The chain runs campaigns, its stores set them up, the Dinas and the makers follow them; mentors and
 *  banks have no part in them. */
export function promotionsNav(role: string, outletStaff: boolean): [string, Bilingual][] {
  if (outletStaff) return [['/promotions', { id: 'Promosi', en: 'Promotions' }]];
  switch (role) {
    case 'retailer':
    case 'pemda':
    case 'admin':
    case 'umkm':
      return [['/promotions', { id: 'Kampanye promosi', en: 'Promotions' }]];
    default:
      return [];
  }
}
