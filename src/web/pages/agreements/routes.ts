// The agreement pages (C4), lazy-loaded so a phone downloads them only when opened, and their menu entry.
import type { ComponentType } from 'react';
import { lazyRetry } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const AGREEMENT_ROUTES: [string, Page][] = [
  ['/agreements', lazyRetry(() => import('./AgreementListPage.tsx'))],
  ['/agreements/mou/new', lazyRetry(() => import('./MouFormPage.tsx'))],
  ['/agreements/pks/new', lazyRetry(() => import('./PksFormPage.tsx'))],
  ['/agreements/:id', lazyRetry(() => import('./AgreementDetailPage.tsx'))],
];

/** Every party to an agreement has the menu entry; a mentor is party to none. */
export function agreementsNav(role: string): [string, Bilingual][] {
  return role === 'mentor' ? [] : [['/agreements', { id: 'Perjanjian', en: 'Agreements' }]];
}
