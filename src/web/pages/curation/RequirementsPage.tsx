// Requirement sets: every signed-in user reads the published ones; a chain sees its own drafts, makes the
// next version of a set (a copy to edit) and publishes it. Criteria are edited as JSON here: the set is
// validated by the server, which answers with the field at fault.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import { BackLink, Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { Link } from '../../router.tsx';
import { useText } from './text.ts';

interface RequirementSet {
  id: string;
  chainCode: string;
  category: string | null;
  version: number;
  status: string;
  name: string;
  criteria: { code: string; kind: string; label: string; remedy: string }[];
  can: { edit: boolean };
}

function SetCard({ s, canEdit, linked = true }: { s: RequirementSet; canEdit: boolean; linked?: boolean }) {
  const { t } = useText();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['requirement-sets'] });
  const refreshOne = () => Promise.all([refresh(), qc.invalidateQueries({ queryKey: ['requirement-set', s.id] })]);
  const copy = useMutation({
    mutationFn: () => api.post('/api/curation/requirement-sets', { category: s.category, name: s.name, criteria: s.criteria }),
    onSuccess: refresh,
  });
  const save = useMutation({
    mutationFn: (criteria: unknown) => api.patch(`/api/curation/requirement-sets/${s.id}`, { criteria }),
    onSuccess: refreshOne,
  });
  const publish = useMutation({ mutationFn: () => api.post(`/api/curation/requirement-sets/${s.id}/publish`), onSuccess: refreshOne });
  const [parseError, setParseError] = useState(false);
  return (
    <li className="card item" data-testid="requirement-set">
      <p className="item-title">
        {linked ? <Link href={`/curation/requirements/${s.id}`}>{s.name}</Link> : s.name} · v{s.version}{' '}
        <Badge tone={s.status === 'published' ? 'ok' : s.status === 'draft' ? 'warn' : 'neutral'}>{s.status}</Badge>
      </p>
      <p className="item-meta">
        {s.chainCode} · {s.category ?? t('semua kategori', 'all categories')}
      </p>
      <ol>
        {s.criteria.map((c) => (
          <li key={c.code}>
            {c.label} <span className="muted">({c.kind})</span>
          </li>
        ))}
      </ol>
      {[copy.error, save.error, publish.error].map((e, i) => e && <Problem key={String(i)} error={e} />)}
      {canEdit && s.status === 'draft' && (
        <>
          <textarea rows={8} value={draft ?? JSON.stringify(s.criteria, null, 2)} onChange={(e) => setDraft(e.target.value)} />
          {parseError && <p className="alert alert-error">{t('JSON tidak valid.', 'Invalid JSON.')}</p>}
          <div className="page-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                try {
                  setParseError(false);
                  save.mutate(JSON.parse(draft ?? JSON.stringify(s.criteria)));
                } catch {
                  setParseError(true);
                }
              }}
            >
              {t('Simpan draf', 'Save draft')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => publish.mutate()}>
              {t('Terbitkan', 'Publish')}
            </button>
          </div>
        </>
      )}
      {canEdit && s.status === 'published' && (
        <button type="button" className="btn" onClick={() => copy.mutate()}>
          {t('Buat versi baru', 'New version')}
        </button>
      )}
    </li>
  );
}

export default function RequirementsPage() {
  const { t } = useText();
  const q = useQuery({
    queryKey: ['requirement-sets'],
    queryFn: () => api.get<{ items: RequirementSet[] }>('/api/curation/requirement-sets?limit=200'),
  });
  return (
    <section className="page">
      <PageHeader title={t('Persyaratan kurasi', 'Curation requirements')} />
      {q.isLoading && <Loading />}
      {q.error && <Problem error={q.error} />}
      <ul className="cards">
        {q.data?.items.map((s) => (
          <SetCard key={s.id} s={s} canEdit={s.can.edit} />
        ))}
      </ul>
    </section>
  );
}

/** One requirement set version by its address (a chain's draft is found only by that chain and admin). */
export function RequirementSetPage({ params }: { params: Record<string, string> }) {
  const { t } = useText();
  const q = useQuery({
    queryKey: ['requirement-set', params.id],
    queryFn: () => api.get<RequirementSet>(`/api/curation/requirement-sets/${params.id}`),
  });
  const s = q.data;
  return (
    <section className="page">
      <BackLink href="/curation/requirements" label={t('Persyaratan kurasi', 'Curation requirements')} />
      {q.isLoading && <Loading />}
      {q.error && <Problem error={q.error} />}
      {s && (
        <>
          <PageHeader title={s.name} subtitle={`${s.chainCode} · v${s.version}`} />
          <ul className="cards">
            <SetCard s={s} linked={false} canEdit={s.can.edit} />
          </ul>
        </>
      )}
    </section>
  );
}
