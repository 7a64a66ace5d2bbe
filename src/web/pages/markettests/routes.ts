// The market test pages (uji pasar, C6); lazy-loaded. App.tsx adds these to its route table and the menu
// entry per role.
import type { ComponentType } from 'react';
import { lazyNamed } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const MARKET_TEST_ROUTES: [string, Page][] = [
  ['/market-tests', lazyNamed(() => import('./MarketTestPages.tsx'), 'MarketTestListPage')],
  ['/market-tests/new', lazyNamed(() => import('./MarketTestPages.tsx'), 'MarketTestNewPage')],
  ['/expansion', lazyNamed(() => import('./MarketTestPages.tsx'), 'ExpansionListPage')],
  [
    '/expansion/:id',
    lazyNamed<{ params: Record<string, string> }, 'ExpansionPage'>(() => import('./MarketTestPages.tsx'), 'ExpansionPage'),
  ],
  [
    '/market-tests/:id',
    lazyNamed<{ params: Record<string, string> }, 'MarketTestPage'>(() => import('./MarketTestPages.tsx'), 'MarketTestPage'),
  ],
];

/** The chain runs tests, the maker follows hers, a Dinas watches; mentors and banks have no part. */
export function marketTestsNav(role: string): [string, Bilingual][] {
  return ['umkm', 'retailer', 'pemda', 'admin'].includes(role) ? [['/market-tests', { id: 'Uji pasar', en: 'Market tests' }]] : [];
}
