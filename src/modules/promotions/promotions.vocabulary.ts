// Codes of promotion campaigns (C9), with their labels (gathered in src/vocabulary.ts): where a product is
// displayed, who funds a price promotion, a campaign's phase, and the estimate's verdict and method.
import type { Bilingual } from '../../platform/errors.ts';
import type { Method, Phase, Verdict } from './promotions.rules.ts';
import type { CampaignDisplay, PromotionFunder } from './promotions.tables.ts';

export const PROMOTIONS_VOCABULARY = {
  campaignDisplay: {
    pojok_umkm: { id: 'Pojok UMKM (di dalam gerai)', en: 'UMKM corner (inside)' },
    eye_level: { id: 'Rak setinggi mata (di dalam gerai)', en: 'Eye-level shelf (inside)' },
    end_cap: { id: 'Ujung rak / gondola (di dalam gerai)', en: 'End of aisle (inside)' },
    terrace: { id: 'Teras gerai (di luar gerai)', en: 'Outlet terrace (outside)' },
  } satisfies Record<CampaignDisplay, Bilingual>,
  promotionFunder: {
    chain: { id: 'Ditanggung jaringan ritel', en: 'Funded by the chain' },
    umkm: { id: 'Ditanggung UMKM', en: 'Funded by the UMKM' },
    government: { id: 'Ditanggung pemerintah daerah', en: 'Funded by the local government' },
    shared: { id: 'Dibagi jaringan ritel dan UMKM', en: 'Shared by the chain and the UMKM' },
  } satisfies Record<PromotionFunder, Bilingual>,
  campaignPhase: {
    upcoming: { id: 'Akan datang', en: 'Upcoming' },
    running: { id: 'Sedang berjalan', en: 'Running' },
    ended: { id: 'Selesai', en: 'Ended' },
    cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
  } satisfies Record<Phase, Bilingual>,
  upliftVerdict: {
    up: { id: 'Penjualan naik', en: 'Sales up' },
    down: { id: 'Penjualan turun', en: 'Sales down' },
    unclear: { id: 'Belum dapat dipastikan', en: 'Not certain' },
    insufficient: { id: 'Data terlalu sedikit', en: 'Too little data' },
  } satisfies Record<Verdict, Bilingual>,
  upliftMethod: {
    did: {
      id: 'Dibandingkan dengan hari-hari sebelumnya dan dengan gerai lain yang tidak ikut kampanye',
      en: 'Compared with the days before and with outlets outside the campaign',
    },
    before_after: {
      id: 'Dibandingkan dengan hari-hari sebelumnya saja (tidak ada gerai pembanding)',
      en: 'Compared with the days before only (no comparison outlets)',
    },
  } satisfies Record<Method, Bilingual>,
};
