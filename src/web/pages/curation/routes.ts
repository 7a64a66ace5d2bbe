// The curation and mentoring pages and their paths, lazy-loaded so no role pays for pages it does not
// open (the UMKM's gap list stays out of the entry bundle too). App.tsx adds these to its route table.
import type { ComponentType } from 'react';
import { lazyNamed, lazyRetry } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const CURATION_ROUTES: [string, Page][] = [
  ['/curation/gaps', lazyRetry(() => import('./GapListPage.tsx'))],
  ['/curation/bottlenecks', lazyRetry(() => import('./BottleneckPage.tsx'))],
  ['/curation/requirements', lazyRetry(() => import('./RequirementsPage.tsx'))],
  ['/curation/requirements/:id', lazyNamed(() => import('./RequirementsPage.tsx'), 'RequirementSetPage')],
  ['/curation/rounds', lazyNamed(() => import('./RoundsPage.tsx'), 'RoundListPage')],
  ['/curation/rounds/new', lazyNamed(() => import('./RoundsPage.tsx'), 'NewRoundPage')],
  ['/curation/rounds/:id', lazyNamed(() => import('./RoundDetailPage.tsx'), 'RoundDetailPage')],
  ['/curation/entries/:id', lazyNamed(() => import('./EntryPage.tsx'), 'EntryPage')],
  ['/mentoring', lazyNamed(() => import('../mentoring/ProgramListPage.tsx'), 'ProgramListPage')],
  ['/mentoring/new', lazyNamed(() => import('../mentoring/ProgramFormPage.tsx'), 'ProgramFormPage')],
  ['/mentoring/:id', lazyNamed(() => import('../mentoring/ProgramPage.tsx'), 'ProgramPage')],
];

/** Navigation entries per role . */
export function curationNav(role: string): [string, Bilingual][] {
  switch (role) {
    case 'umkm':
      return [
        ['/curation/gaps', { id: 'Hasil Kurasi', en: 'Curation results' }],
        ['/mentoring', { id: 'Pendampingan', en: 'Mentoring' }],
      ];
    case 'mentor':
      return [['/mentoring', { id: 'Pendampingan', en: 'Mentoring' }]];
    case 'retailer':
      return [
        ['/curation/requirements', { id: 'Persyaratan', en: 'Requirements' }],
        ['/curation/rounds', { id: 'Kurasi', en: 'Curation' }],
        ['/curation/bottlenecks', { id: 'Hambatan', en: 'Bottlenecks' }],
      ];
    case 'pemda':
    case 'admin':
      return [
        ['/curation/rounds', { id: 'Kurasi', en: 'Curation' }],
        ['/curation/bottlenecks', { id: 'Hambatan', en: 'Bottlenecks' }],
        ['/mentoring', { id: 'Pendampingan', en: 'Mentoring' }],
        ['/curation/requirements', { id: 'Persyaratan', en: 'Requirements' }],
      ];
    default:
      return [];
  }
}
