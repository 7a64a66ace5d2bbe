// The curation and mentoring pages and their paths, lazy-loaded so no role pays for pages it does not
// open (the UMKM's gap list stays out of the entry bundle too). App.tsx adds these to its route table.
import { type ComponentType, lazy } from 'react';
import type { Key } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

const named = <K extends string>(load: () => Promise<Record<K, Page>>, key: K) => lazy(async () => ({ default: (await load())[key] }));

export const CURATION_ROUTES: [string, Page][] = [
  ['/curation/gaps', lazy(() => import('./GapListPage.tsx'))],
  ['/curation/bottlenecks', lazy(() => import('./BottleneckPage.tsx'))],
  ['/curation/requirements', lazy(() => import('./RequirementsPage.tsx'))],
  ['/curation/requirements/:id', named(() => import('./RequirementsPage.tsx'), 'RequirementSetPage')],
  ['/curation/rounds', named(() => import('./RoundsPage.tsx'), 'RoundListPage')],
  ['/curation/rounds/:id', named(() => import('./RoundsPage.tsx'), 'RoundDetailPage')],
  ['/curation/entries/:id', named(() => import('./RoundsPage.tsx'), 'EntryPage')],
  ['/mentoring', named(() => import('./MentoringPage.tsx'), 'ProgramListPage')],
  ['/mentoring/:id', named(() => import('./MentoringPage.tsx'), 'ProgramPage')],
];

/** Navigation entries per role (labels are keys of i18n/{id,en}.json). */
export function curationNav(role: string): [string, Key][] {
  switch (role) {
    case 'umkm':
      return [['/curation/gaps', 'nav.curationGaps']];
    case 'mentor':
      return [['/mentoring', 'nav.mentoring']];
    case 'retailer':
      return [
        ['/curation/requirements', 'nav.requirements'],
        ['/curation/rounds', 'nav.curation'],
        ['/curation/bottlenecks', 'nav.bottlenecks'],
      ];
    case 'pemda':
    case 'admin':
      return [
        ['/curation/rounds', 'nav.curation'],
        ['/curation/bottlenecks', 'nav.bottlenecks'],
        ['/mentoring', 'nav.mentoring'],
        ['/curation/requirements', 'nav.requirements'],
      ];
    default:
      return [];
  }
}
