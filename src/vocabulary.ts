// The one catalogue of codes shown to people: every status, kind, criterion, role, chain or permit type has
// its label in Bahasa Indonesia and English here, and the screens, the exports and the documents show the
// label, never the code. Each module declares its own codes in <module>.vocabulary.ts; this file only
// gathers them (one line per module). Shared by the server and the web.

import { ACCOUNTS_VOCABULARY } from './modules/accounts/accounts.vocabulary.ts';
import { AGREEMENTS_VOCABULARY } from './modules/agreements/agreements.vocabulary.ts';
import { AUDIT_VOCABULARY } from './modules/audit/audit.vocabulary.ts';
import { CATALOGUE_VOCABULARY } from './modules/catalogue/catalogue.vocabulary.ts';
import { CURATION_VOCABULARY } from './modules/curation/curation.vocabulary.ts';
import { MENTORING_VOCABULARY } from './modules/curation/mentoring.vocabulary.ts';
import { MARKET_TESTS_VOCABULARY } from './modules/markettests/markettests.vocabulary.ts';
import { NOTIFICATIONS_VOCABULARY } from './modules/notifications/notifications.vocabulary.ts';
import { OPERATIONS_VOCABULARY } from './modules/operations/operations.vocabulary.ts';
import { PROMOTIONS_VOCABULARY } from './modules/promotions/promotions.vocabulary.ts';
import { REGISTRY_VOCABULARY } from './modules/registry/registry.vocabulary.ts';
import { SALES_VOCABULARY } from './modules/sales/sales.vocabulary.ts';
import { SETTLEMENT_VOCABULARY } from './modules/settlement/settlement.vocabulary.ts';
import type { Bilingual } from './platform/errors.ts';
import type { Lang } from './platform/format.ts';

export type Vocabulary = Record<string, Record<string, Bilingual>>;

export const VOCABULARY = {
  ...ACCOUNTS_VOCABULARY,
  ...REGISTRY_VOCABULARY,
  ...AGREEMENTS_VOCABULARY,
  ...CURATION_VOCABULARY,
  ...AUDIT_VOCABULARY,
  ...MENTORING_VOCABULARY,
  ...OPERATIONS_VOCABULARY,
  ...SALES_VOCABULARY,
  ...SETTLEMENT_VOCABULARY,
  ...NOTIFICATIONS_VOCABULARY,
  ...MARKET_TESTS_VOCABULARY,
  ...PROMOTIONS_VOCABULARY,
  ...CATALOGUE_VOCABULARY,
} satisfies Vocabulary;

export type VocabularyKind = keyof typeof VOCABULARY;
export type CodeOf<K extends VocabularyKind> = keyof (typeof VOCABULARY)[K] & string;

const humanise = (code: string): Bilingual => {
  const s = code.replace(/[_-]+/g, ' ').trim();
  const text = s.charAt(0).toUpperCase() + s.slice(1);
  return { id: text, en: text };
};

/** The label of a code; an unknown code is shown humanised (never as `snake_case`); the walk of every page
 *  (tests/e2e/walk.test.ts) fails on a code that reaches a screen. */
export function label<K extends VocabularyKind>(kind: K, code: string | null | undefined): Bilingual {
  if (code === null || code === undefined || code === '') return { id: '—', en: '—' };
  const entry = (VOCABULARY[kind] as Record<string, Bilingual>)[code];
  return entry ?? humanise(code);
}

/** Choices for a select: `[code, label]` in a language, in the catalogue's order. */
export function options<K extends VocabularyKind>(kind: K, lang: Lang): [CodeOf<K>, string][] {
  return Object.entries(VOCABULARY[kind] as Record<string, Bilingual>).map(([code, b]) => [code as CodeOf<K>, b[lang]]);
}
