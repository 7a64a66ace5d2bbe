// Codes of market tests (uji pasar, C6) with their labels (gathered in src/vocabulary.ts): a test's status,
// its phase as of today, and the decisions a chain records.
import type { Bilingual } from '../../platform/errors.ts';
import type { Route, Tier } from './expansion.rules.ts';
import type { Phase, Recommendation } from './markettests.rules.ts';
import type { ExpansionStatus, MarketTestStatus } from './markettests.tables.ts';

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
  expansionStatus: {
    proposed: { id: 'Diusulkan, menunggu persetujuan', en: 'Proposed, awaiting acceptance' },
    accepted: { id: 'Disetujui — terpajang di gerai baru', en: 'Accepted — listed at the new outlets' },
    declined: { id: 'Ditolak', en: 'Declined' },
  } satisfies Record<ExpansionStatus, Bilingual>,
  expansionTier: {
    zone: { id: 'Wilayah uji', en: 'The test’s area' },
    province: { id: 'Kabupaten/kota lain di provinsi yang sama', en: 'Another regency of the province' },
    other_province: { id: 'Provinsi lain', en: 'Another province' },
  } satisfies Record<Tier, Bilingual>,
  expansionRoute: {
    direct: { id: 'Dikirim langsung oleh UMKM', en: 'Delivered by the UMKM' },
    distribution_centre: { id: 'Melalui pusat distribusi cabang', en: 'Through the branch’s distribution centre' },
  } satisfies Record<Route, Bilingual>,
};
