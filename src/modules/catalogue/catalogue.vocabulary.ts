// Codes of the public catalogue (C11), with their labels (gathered in src/vocabulary.ts).
import type { Bilingual } from '../../platform/errors.ts';
import type { StockEstimate } from './catalogue.rules.ts';

export const CATALOGUE_VOCABULARY = {
  stockEstimate: {
    in_stock: { id: 'Kemungkinan tersedia', en: 'Probably in stock' },
    low: { id: 'Stok tinggal sedikit', en: 'Only a few left' },
    out: { id: 'Kemungkinan habis', en: 'Probably sold out' },
    unknown: { id: 'Stok belum diketahui', en: 'Stock not known' },
  } satisfies Record<StockEstimate, Bilingual>,
} satisfies Record<string, Record<string, Bilingual>>;
