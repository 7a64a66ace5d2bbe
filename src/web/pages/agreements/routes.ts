// The agreement pages (C4), lazy-loaded so a phone downloads them only when opened, and their menu entry.
import { type ComponentType, lazy } from 'react';
import type { Key } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const AGREEMENT_ROUTES: [string, Page][] = [
  ['/agreements', lazy(() => import('./AgreementListPage.tsx'))],
  ['/agreements/mou/new', lazy(() => import('./MouFormPage.tsx'))],
  ['/agreements/pks/new', lazy(() => import('./PksFormPage.tsx'))],
  ['/agreements/:id', lazy(() => import('./AgreementDetailPage.tsx'))],
];

/** Every party to an agreement has the menu entry; a mentor is party to none. */
export function agreementsNav(role: string): [string, Key][] {
  return role === 'mentor' ? [] : [['/agreements', 'nav.agreements']];
}
