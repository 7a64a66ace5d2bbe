// Curation rounds for a Dinas or a chain: the list, one round's products with their results, and one
// product's results per criterion where curators enter attestations, scores and notes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import { BackLink, Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { Link } from '../../router.tsx';
import { OUTCOME, useText } from './text.ts';

interface Round {
  id: string;
  name: string;
  chainCode: string;
  regionName: string;
  curationDate: string;
  status: string;
  kind: string;
  products: number;
  lolos: number;
  belumLolos: number;
  menunggu: number;
  can: { manage: boolean };
}
interface EntrySummary {
  id: string;
  productName: string;
  umkmName: string;
  outcome: string | null;
  failed: string[];
}
interface Entry extends EntrySummary {
  roundId: string;
  roundName: string;
  roundStatus: string;
  curationDate: string;
  requirementSetVersion: number;
  notes: string | null;
  attestations: Record<string, boolean>;
  scores: Record<string, number>;
  results: { code: string; label: string; kind: string; outcome: string; detail: string | null }[];
  history: { evaluatedAt: string; outcome: string }[];
  can: { assess: boolean };
}

function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const { t } = useText();
  const o = OUTCOME[outcome ?? 'menunggu'] ?? OUTCOME.menunggu;
  return <Badge tone={o?.[2]}>{t(o?.[0] ?? '', o?.[1] ?? '')}</Badge>;
}

export function RoundListPage() {
  const { t, n } = useText();
  const q = useQuery({ queryKey: ['rounds'], queryFn: () => api.get<{ items: Round[] }>('/api/curation/rounds?limit=200') });
  return (
    <section className="page">
      <PageHeader title={t('Putaran kurasi', 'Curation rounds')} />
      {q.isLoading && <Loading />}
      {q.error && <Problem error={q.error} />}
      <ul className="cards" data-testid="round-list">
        {q.data?.items.map((r) => (
          <li key={r.id} className="card item">
            <Link href={`/curation/rounds/${r.id}`} className="item-title">
              {r.name}
            </Link>
            <p className="item-meta">
              {r.chainCode} · {r.regionName} · {r.curationDate} · {r.status === 'closed' ? t('selesai', 'closed') : t('berjalan', 'open')}
              {r.kind === 'recuration' ? ` · ${t('kurasi ulang', 're-curation')}` : ''}
            </p>
            <p>
              {n(r.products)} {t('produk', 'products')}: {n(r.lolos)} {t('lolos', 'passed')}, {n(r.belumLolos)}{' '}
              {t('belum lolos', 'not yet')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RoundDetailPage({ params }: { params: Record<string, string> }) {
  const { t } = useText();
  const qc = useQueryClient();
  const round = useQuery({ queryKey: ['round', params.id], queryFn: () => api.get<Round>(`/api/curation/rounds/${params.id}`) });
  const entries = useQuery({
    queryKey: ['round', params.id, 'entries'],
    queryFn: () => api.get<{ items: EntrySummary[]; total: number }>(`/api/curation/rounds/${params.id}/entries?limit=500`),
  });
  const close = useMutation({
    mutationFn: () => api.post(`/api/curation/rounds/${params.id}/close`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['round', params.id] }),
  });
  const r = round.data;
  return (
    <section className="page">
      <BackLink href="/curation/rounds" label={t('Putaran kurasi', 'Curation rounds')} />
      {round.error && <Problem error={round.error} />}
      {r && (
        <PageHeader title={r.name} subtitle={`${r.chainCode} · ${r.regionName} · ${r.curationDate}`}>
          {r.can.manage && (
            <button type="button" className="btn btn-primary" onClick={() => close.mutate()} disabled={close.isPending}>
              {t('Tutup putaran', 'Close round')}
            </button>
          )}
        </PageHeader>
      )}
      {close.error && <Problem error={close.error} />}
      {entries.isLoading && <Loading />}
      {/* A round this user may not see (or that does not exist) shows the message only, no empty table. */}
      {!round.error && (
        <div className="table-wrap">
          <table className="table" data-testid="entry-table">
            <thead>
              <tr>
                <th>{t('Produk', 'Product')}</th>
                <th>UMKM</th>
                <th>{t('Hasil', 'Result')}</th>
                <th>{t('Belum terpenuhi', 'Not met')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.data?.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/curation/entries/${e.id}`}>{e.productName}</Link>
                  </td>
                  <td>{e.umkmName}</td>
                  <td>
                    <OutcomeBadge outcome={e.outcome} />
                  </td>
                  <td>{e.failed.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function EntryPage({ params }: { params: Record<string, string> }) {
  const { t } = useText();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['entry', params.id], queryFn: () => api.get<Entry>(`/api/curation/entries/${params.id}`) });
  const [notes, setNotes] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: unknown) => api.patch<Entry>(`/api/curation/entries/${params.id}`, body),
    onSuccess: (e) => qc.setQueryData(['entry', params.id], e),
  });
  const e = q.data;
  if (q.isLoading) return <Loading />;
  if (q.error || !e) return <Problem error={q.error} />;
  const open = e.can.assess;
  return (
    <section className="page narrow">
      <BackLink href={`/curation/rounds/${e.roundId}`} label={e.roundName} />
      <PageHeader title={e.productName} subtitle={`${e.umkmName} · ${e.curationDate} · v${e.requirementSetVersion}`}>
        <OutcomeBadge outcome={e.outcome} />
      </PageHeader>
      {save.error && <Problem error={save.error} />}
      <ul className="cards">
        {e.results.map((r) => (
          <li key={r.code} className="card item">
            <p className="item-title">
              {r.label}{' '}
              <Badge tone={r.outcome === 'pass' || r.outcome === 'relaxed' ? 'ok' : r.outcome === 'fail' ? 'bad' : 'neutral'}>
                {r.outcome}
              </Badge>
            </p>
            {r.detail && <p className="muted">{r.detail}</p>}
            {open && r.kind === 'attestation' && (
              <div className="page-actions">
                {[true, false].map((v) => (
                  <button
                    key={String(v)}
                    type="button"
                    className={e.attestations[r.code] === v ? 'btn btn-primary' : 'btn'}
                    onClick={() => save.mutate({ attestations: { [r.code]: v } })}
                  >
                    {v ? t('Ya', 'Yes') : t('Tidak', 'No')}
                  </button>
                ))}
              </div>
            )}
            {open && r.kind === 'score' && (
              <div className="page-actions">
                {[1, 2, 3, 4, 5].map((v) => (
                  <button
                    key={v}
                    type="button"
                    className={e.scores[r.code] === v ? 'btn btn-primary' : 'btn'}
                    onClick={() => save.mutate({ scores: { [r.code]: v } })}
                  >
                    {v}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      {e.notes !== null || open ? (
        <div className="card">
          <label className="field">
            {t('Catatan kurator (tidak terlihat oleh UMKM)', 'Curator notes (not shown to the UMKM)')}
            <textarea value={notes ?? e.notes ?? ''} readOnly={!open} onChange={(x) => setNotes(x.target.value)} rows={3} />
          </label>
          {open && (
            <button type="button" className="btn" onClick={() => save.mutate({ notes: notes?.trim() ? notes.trim() : null })}>
              {t('Simpan catatan', 'Save notes')}
            </button>
          )}
        </div>
      ) : null}
      <p className="muted">
        {t('Riwayat penilaian', 'Evaluation history')}: {e.history.map((h) => `${h.evaluatedAt.slice(0, 10)} ${h.outcome}`).join(' · ')}
      </p>
    </section>
  );
}
