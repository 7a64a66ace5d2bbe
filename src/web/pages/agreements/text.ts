// Texts and shapes of the agreement pages (MoU and PKS), Indonesian first; t() picks by language.
import type { Answer, Item } from '../../api-types.ts';
import type { Bilingual } from '../../i18n.tsx';

export type Detail = Answer<'/api/agreements/{id}'>;
export type Summary = Item<'/api/agreements'>;
export type Version = Detail['current'];
export type Party = Version['requiredParties'][number];
export type Event = Detail['allowed'][number];
/** A finding of the rules of trade: a blocking one stops sending and signing the PKS. */
export type Finding = Summary['warnings'][number];
export type ProductTerm = NonNullable<Version['pks']>['products'][number];

export const SEVERITY: Record<Finding['severity'], Bilingual> = {
  blocking: { id: 'Melanggar aturan', en: 'Breaks the rules' },
  warning: { id: 'Catatan kepatuhan', en: 'Compliance note' },
};

export const phaseTone = (phase: string): 'ok' | 'warn' | 'bad' | 'neutral' =>
  phase === 'active'
    ? 'ok'
    : phase === 'in_review' || phase === 'signed' || phase === 'draft'
      ? 'warn'
      : phase === 'terminated'
        ? 'bad'
        : 'neutral';
