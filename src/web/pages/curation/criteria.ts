// A criterion of a requirement set in words, for the curator's page and the requirement set editor: what
// it checks (permits accepted, identifier, numeric rule with its unit, curator check or score with its
// pass mark) and where it applies. Texts come from the vocabulary and the rules, never the codes.
import { DEFAULT_RUBRIC, numericRule } from '../../../modules/curation/curation.rules.ts';
import type { Bilingual } from '../../../platform/errors.ts';
import { label, VOCABULARY } from '../../../vocabulary.ts';
import type { Answer } from '../../api-types.ts';

export { DEFAULT_RUBRIC };
export type CriterionValue = Answer<'/api/curation/requirement-sets/{id}'>['criteria'][number];

const join = (parts: Bilingual[], id: string, en: string): Bilingual => ({
  id: parts.map((p) => p.id).join(id),
  en: parts.map((p) => p.en).join(en),
});

/** What a criterion checks, in a sentence. */
export function criterionRule(c: CriterionValue): Bilingual {
  switch (c.kind) {
    case 'permit': {
      const accepted = join(
        c.anyOf.map((p) => label('permitType', p)),
        ' atau ',
        ' or ',
      );
      return {
        id: `Izin yang diterima: ${accepted.id}, berlaku pada tanggal kurasi`,
        en: `Accepted: ${accepted.en}, valid on the curation date`,
      };
    }
    case 'identifier': {
      const l = label('identifierKind', c.identifier);
      return { id: `Wajib ada: ${l.id}`, en: `Required: ${l.en}` };
    }
    case 'numeric':
      return numericRule(c);
    case 'attestation':
      return { id: 'Diperiksa kurator: ya atau tidak', en: 'Checked by a curator: yes or no' };
    case 'score':
      return { id: `Nilai kurator 1–5, batas lolos ${c.passMark}`, en: `Curator's score 1–5, pass mark ${c.passMark}` };
  }
}

/** Where a criterion applies, or null when everywhere. */
export function criterionScope(c: CriterionValue): Bilingual | null {
  const w = c.when;
  if (!w) return null;
  const parts: Bilingual[] = [];
  if (w.food === true) parts.push({ id: 'pangan', en: 'food' });
  if (w.food === false) parts.push({ id: 'bukan pangan', en: 'non-food' });
  if (w.perishable === true) parts.push({ id: 'makanan basah', en: 'wet food' });
  if (w.perishable === false) parts.push({ id: 'tahan lama', en: 'keeping longer' });
  if (w.categories?.length)
    parts.push(
      join(
        w.categories.map((k) => label('category', k)),
        ', ',
        ', ',
      ),
    );
  if (parts.length === 0) return null;
  const all = join(parts, ', ', ', ');
  return { id: `Berlaku untuk: ${all.id}`, en: `Applies to: ${all.en}` };
}

/** A criterion's short name for lists and badges (the vocabulary's), else its label in the set. */
export function shortCriterion(code: string, fallback: Bilingual): Bilingual {
  const known = (VOCABULARY.criterion as Record<string, Bilingual>)[code];
  return known ?? fallback;
}
