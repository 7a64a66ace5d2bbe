// The UMKM's phone page: what each product still lacks for each chain and what to do next (the gap list),
// and the mentoring programs it is invited to, with accept / decline. Light: no chart, no map.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { Pager, useListParams } from '../../components/list.tsx';
import { Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatPeriod } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { OutcomeBadge } from './badges.tsx';

type GapItem = Item<'/api/curation/gap-lists'>;
type Program = Item<'/api/mentoring/programs'>;

function GapCard({ g }: { g: GapItem }) {
  const { t, tx, lang } = useI18n();
  return (
    <article className="card" data-testid="gap-card">
      <p className="item-title" translate="no">
        {g.productName}
      </p>
      <p className="item-meta">
        <span>{tx(label('chain', g.chainCode))}</span>
        <span>{formatDate(g.curationDate, lang)}</span>
        <OutcomeBadge outcome={g.outcome} />
      </p>
      <p className="small muted" translate="no">
        {g.roundName}
      </p>
      {g.gaps.length === 0 ? (
        <p>{t('Semua persyaratan terpenuhi.', 'Every requirement is met.')}</p>
      ) : (
        <>
          <p>
            {g.gaps.length === 1
              ? t('1 persyaratan belum terpenuhi:', '1 requirement not met yet:')
              : t('{n} persyaratan belum terpenuhi:', '{n} requirements not met yet:', { n: String(g.gaps.length) })}
          </p>
          <ol className="gaps">
            {g.gaps.map((x) => (
              <li key={x.code}>
                <strong>{tx(x.label)}</strong>
                {x.detail.id && <p>{tx(x.detail)}</p>}
                <p>
                  <em>{t('Langkah berikutnya', 'Next step')}:</em> {tx(x.remedy)}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}

export default function GapListPage() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const lp = useListParams();
  const params = { limit: lp.limit, offset: lp.offset };
  const gaps = useQuery({
    queryKey: ['curation', 'gaps', params],
    queryFn: () => api.get<Answer<'/api/curation/gap-lists'>>(`/api/curation/gap-lists${qs(params)}`),
  });
  const programs = useQuery({
    queryKey: ['mentoring', 'mine'],
    queryFn: () => api.get<Answer<'/api/mentoring/programs'>>('/api/mentoring/programs?limit=100'),
  });
  const respond = useMutation({
    mutationFn: (v: { id: string; accept: boolean }) => api.post(`/api/mentoring/programs/${v.id}/respond`, { accept: v.accept }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['mentoring'] }),
  });
  const items: Program[] = programs.data?.items ?? [];
  const invitations = items.filter((p) => p.myStatus === 'invited');
  const mine = items.filter((p) => p.myStatus === 'enrolled' || p.myStatus === 'completed');

  return (
    <section className="page narrow">
      <PageHeader
        title={t('Hasil kurasi saya', 'My curation results')}
        subtitle={t('Apa yang masih kurang dan langkah berikutnya', 'What is missing and what to do next')}
      />
      {invitations.map((p) => (
        <div key={p.id} className="card" data-testid="invitation">
          <p className="item-title">
            {t('Undangan pendampingan', 'Mentoring invitation')}: <span translate="no">{p.name}</span>
          </p>
          <p className="muted">
            {formatPeriod(p.startsOn, p.endsOn, lang)}
            {p.online ? ` · ${t('daring', 'online')}` : ''}
            {p.place && <span translate="no"> · {p.place}</span>}
          </p>
          {respond.error && <Problem error={respond.error} />}
          <div className="page-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={respond.isPending}
              onClick={() => respond.mutate({ id: p.id, accept: true })}
            >
              {t('Ikut', 'Join')}
            </button>
            <button type="button" className="btn" disabled={respond.isPending} onClick={() => respond.mutate({ id: p.id, accept: false })}>
              {t('Tidak bisa', 'Decline')}
            </button>
          </div>
        </div>
      ))}
      {gaps.isPending && <Loading />}
      {gaps.error && <Problem error={gaps.error} onRetry={() => gaps.refetch()} />}
      {gaps.data?.items.length === 0 && (
        <p className="empty">{t('Produk Anda belum pernah dikurasi.', 'Your products have not been curated yet.')}</p>
      )}
      {gaps.data?.items.map((g) => (
        <GapCard key={g.entryId} g={g} />
      ))}
      {gaps.data && gaps.data.total > 0 && <Pager page={lp.page} total={gaps.data.total} onPage={lp.setPage} />}
      {mine.length > 0 && (
        <div className="card">
          <p className="item-title">{t('Pendampingan saya', 'My mentoring')}</p>
          <ul>
            {mine.map((p) => (
              <li key={p.id}>
                <span translate="no">{p.name}</span> (
                {p.myStatus === 'completed' ? t('selesai', 'completed') : t('sedang berjalan', 'ongoing')})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
