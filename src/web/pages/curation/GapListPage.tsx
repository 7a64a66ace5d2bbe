// The UMKM's phone page: what each product still lacks for each chain and what to do next (the gap list),
// and the mentoring programs it is invited to, with accept / decline. Light: no chart, no map.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { OUTCOME, useText } from './text.ts';

interface Gap {
  code: string;
  label: string;
  detail: string;
  remedy: string;
}
interface GapItem {
  entryId: string;
  productId: string;
  productName: string;
  chainCode: string;
  roundName: string;
  curationDate: string;
  outcome: string;
  gaps: Gap[];
}
interface Program {
  id: string;
  name: string;
  place: string | null;
  online: boolean;
  startsOn: string;
  endsOn: string;
  myStatus: string | null;
}

export default function GapListPage() {
  const { t } = useText();
  const qc = useQueryClient();
  const gaps = useQuery({
    queryKey: ['curation', 'gaps'],
    queryFn: () => api.get<{ items: GapItem[] }>('/api/curation/gap-lists?limit=100'),
  });
  const programs = useQuery({ queryKey: ['mentoring', 'mine'], queryFn: () => api.get<{ items: Program[] }>('/api/mentoring/programs') });
  const respond = useMutation({
    mutationFn: (v: { id: string; accept: boolean }) => api.post(`/api/mentoring/programs/${v.id}/respond`, { accept: v.accept }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['mentoring'] }),
  });
  const invitations = (programs.data?.items ?? []).filter((p) => p.myStatus === 'invited');
  const mine = (programs.data?.items ?? []).filter((p) => p.myStatus === 'enrolled' || p.myStatus === 'completed');

  return (
    <section className="page narrow">
      <PageHeader
        title={t('Hasil kurasi saya', 'My curation results')}
        subtitle={t('Apa yang masih kurang dan langkah berikutnya', 'What is missing and what to do next')}
      />
      {invitations.map((p) => (
        <div key={p.id} className="card" data-testid="invitation">
          <p className="item-title">
            {t('Undangan pendampingan', 'Mentoring invitation')}: {p.name}
          </p>
          <p className="muted">
            {p.startsOn} – {p.endsOn} · {p.online ? t('daring', 'online') : ''} {p.place ?? ''}
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
      {gaps.isLoading && <Loading />}
      {gaps.error && <Problem error={gaps.error} onRetry={() => gaps.refetch()} />}
      {gaps.data?.items.length === 0 && (
        <p className="muted">{t('Produk Anda belum pernah dikurasi.', 'Your products have not been curated yet.')}</p>
      )}
      {gaps.data?.items.map((g) => {
        const o = OUTCOME[g.outcome] ?? OUTCOME.menunggu;
        return (
          <article key={g.entryId} className="card" data-testid="gap-card">
            <p className="item-title">{g.productName}</p>
            <p className="muted">
              {g.chainCode.toUpperCase()} · {g.roundName} · {g.curationDate} <Badge tone={o?.[2]}>{t(o?.[0] ?? '', o?.[1] ?? '')}</Badge>
            </p>
            {g.gaps.length === 0 ? (
              <p>{t('Semua persyaratan terpenuhi.', 'Every requirement is met.')}</p>
            ) : (
              <ol className="gaps">
                {g.gaps.map((x) => (
                  <li key={x.code}>
                    <strong>{x.label}</strong>
                    <p>{x.detail}</p>
                    <p>
                      <em>{t('Langkah berikutnya', 'Next step')}:</em> {x.remedy}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </article>
        );
      })}
      {mine.length > 0 && (
        <div className="card">
          <p className="item-title">{t('Pendampingan saya', 'My mentoring')}</p>
          <ul>
            {mine.map((p) => (
              <li key={p.id}>
                {p.name} ({p.myStatus === 'completed' ? t('selesai', 'completed') : t('sedang berjalan', 'ongoing')})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
