// The settlement pages (C8): statements and payments; lazy-loaded. App.tsx adds these to its route table
// and the menu entry per role.
import type { ComponentType } from 'react';
import { lazyNamed } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const SETTLEMENT_ROUTES: [string, Page][] = [
  ['/settlement', lazyNamed(() => import('./SettlementPages.tsx'), 'SettlementPage')],
  ['/settlement/financing', lazyNamed(() => import('./FinancingPages.tsx'), 'FinancingListPage')],
  [
    '/settlement/financing/:id',
    lazyNamed<{ params: Record<string, string> }, 'FinancingPage'>(() => import('./FinancingPages.tsx'), 'FinancingPage'),
  ],
  ['/settlement/:id', lazyNamed(() => import('./SettlementPages.tsx'), 'StatementPage')],
];

/** The maker asks when she is paid; the chain settles; the Dinas watches delays; outlet staff and mentors
 *  have no part in money. */
export function settlementNav(role: string): [string, Bilingual][] {
  switch (role) {
    case 'umkm':
      return [['/settlement', { id: 'Pembayaran', en: 'Payments' }]];
    case 'bank':
      return [['/settlement/financing', { id: 'Pembayaran dini', en: 'Early payment' }]];
    case 'retailer':
      return [['/settlement', { id: 'Rekap & bayar', en: 'Statements' }]];
    case 'pemda':
    case 'admin':
      return [['/settlement', { id: 'Pembayaran UMKM', en: 'UMKM payments' }]];
    default:
      return [];
  }
}
