// Codes of market tests (uji pasar, C6) with their labels (gathered in src/vocabulary.ts): a test's status,
// its phase as of today, and the decisions a chain records.
import type { Bilingual } from '../../platform/errors.ts';
import type { Phase, Recommendation } from './markettests.rules.ts';
import type { MarketTestStatus } from './markettests.tables.ts';

export const MARKET_TESTS_VOCABULARY = {
  marketTestStatus: {
    running: { id: 'Sedang diuji', en: 'Under test' },
    passed: { id: 'Lolos uji pasar — terpajang', en: 'Passed — regularly listed' },
    failed: { id: 'Gagal uji pasar — ditarik', en: 'Failed — delisted' },
  } satisfies Record<MarketTestStatus, Bilingual>,
  marketTestPhase: {
    not_started: { id: 'Belum mulai', en: 'Not started' },
    running: { id: 'Berjalan', en: 'Running' },
    review: { id: 'Masa ulasan', en: 'Under review' },
    complete: { id: 'Periode uji selesai, menunggu keputusan', en: 'Period over, awaiting the decision' },
    ended: { id: 'Sudah diputuskan', en: 'Decided' },
  } satisfies Record<Phase, Bilingual>,
  marketTestDecision: {
    pass: { id: 'Lolos', en: 'Pass' },
    extend: { id: 'Diperpanjang', en: 'Extend' },
    fail: { id: 'Gagal', en: 'Fail' },
  } satisfies Record<Recommendation, Bilingual>,
};
