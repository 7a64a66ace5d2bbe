// One product in a round, as the curator assesses it: the product (photos, net content, prices, shelf
// life) and its permits (valid or not on the curation date) beside the criteria; attestations (yes/no)
// and scores against the rubric (pass mark shown) with notes; then on to the next entry awaiting
// assessment ("Berikutnya"). The UMKM reads the same page without the controls and the notes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { BackLink, Badge, Facts, Loading, Problem } from '../../components/ui.tsx';
import { formatDate, formatDateTime, formatNumber, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { Thumbs } from '../products/Photos.tsx';
import { NamedHeader, OutcomeBadge } from './badges.tsx';
import { criterionRule, DEFAULT_RUBRIC } from './criteria.ts';

type Entry = Answer<'/api/curation/entries/{id}'>;
type Result = Entry['results'][number];

const TONE: Record<string, 'ok' | 'bad' | 'warn' | 'neutral'> = { pass: 'ok', relaxed: 'ok', fail: 'bad', pending: 'warn', na: 'neutral' };

function CriterionCard({
  r,
  e,
  open,
  onSave,
  busy,
}: {
  r: Result;
  e: Entry;
  open: boolean;
  onSave: (b: Body<'/api/curation/entries/{id}', 'patch'>) => void;
  busy: boolean;
}) {
  const { t, tx, lang } = useI18n();
  const c = e.criteria.find((x) => x.code === r.code);
  const rule = c ? criterionRule(c) : null;
  const rubric = c?.kind === 'score' ? (c.rubric ?? DEFAULT_RUBRIC) : [];
  return (
    <li className="card item" data-testid="criterion" data-kind={r.kind}>
      <p className="item-title">{tx(r.label)}</p>
      <p className="item-meta">
        <Badge tone={TONE[r.outcome]}>{tx(label('criterionOutcome', r.outcome))}</Badge>
        <span className="muted small">{tx(label('criterionKind', r.kind))}</span>
      </p>
      {rule && !(open && c?.kind === 'score') && <p className="small muted">{tx(rule)}</p>}
      {r.detail && <p>{tx(r.detail)}</p>}
      {r.outcome === 'fail' && r.remedy.id && (
        <p className="small">
          <em>{t('Langkah berikutnya', 'Next step')}:</em> {tx(r.remedy)}
        </p>
      )}
      {open && r.kind === 'attestation' && (
        <fieldset className="choice" data-testid="attest">
          <legend className="sr-only">{tx(r.label)}</legend>
          {[true, false].map((v) => (
            <button
              key={String(v)}
              type="button"
              className={e.attestations[r.code] === v ? 'btn btn-primary' : 'btn'}
              aria-pressed={e.attestations[r.code] === v}
              disabled={busy}
              onClick={() => onSave({ attestations: { [r.code]: v } })}
            >
              {v ? t('Ya, terpenuhi', 'Yes, met') : t('Tidak', 'No')}
            </button>
          ))}
        </fieldset>
      )}
      {open && c?.kind === 'score' && (
        <fieldset className="choice" data-testid="score">
          <legend className="small">
            {t('Nilai 1–5; batas lolos {p}', 'Score 1–5; pass mark {p}', { p: formatNumber(c.passMark, lang) })}
          </legend>
          {[1, 2, 3, 4, 5].map((v) => (
            <button
              key={v}
              type="button"
              className={e.scores[r.code] === v ? 'btn btn-primary' : 'btn'}
              aria-pressed={e.scores[r.code] === v}
              title={rubric[v - 1] ? tx(rubric[v - 1] as { id: string; en: string }) : undefined}
              disabled={busy}
              onClick={() => onSave({ scores: { [r.code]: v } })}
            >
              {v}
            </button>
          ))}
        </fieldset>
      )}
      {c?.kind === 'score' && (
        <details className="small">
          <summary>{t('Arti tiap nilai', 'What each score means')}</summary>
          <ol>
            {rubric.map((l, i) => (
              <li key={String(i)}>{tx(l)}</li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

export function EntryPage({ params }: { params: Record<string, string> }) {
  // Keyed by the entry: "Berikutnya" starts the next one with fresh notes.
  return <EntryView key={params.id} id={params.id as string} />;
}

function EntryView({ id }: { id: string }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['entry', id], queryFn: () => api.get<Entry>(`/api/curation/entries/${id}`) });
  const [notes, setNotes] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Body<'/api/curation/entries/{id}', 'patch'>) => api.patch<Entry>(`/api/curation/entries/${id}`, body),
    onSuccess: (e) => {
      qc.setQueryData(['entry', id], e);
      return qc.invalidateQueries({ queryKey: ['round', e.roundId] });
    },
  });
  const e = q.data;
  if (q.isPending) return <Loading />;
  if (q.error || !e) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const open = e.can.assess;
  const p = e.product;
  const date = e.curationDate;
  const toAssess = e.results.filter((r) => r.outcome === 'pending').length;
  return (
    <section className="page">
      <span translate="no">
        <BackLink href={`/curation/rounds/${e.roundId}`} label={e.roundName} />
      </span>
      <NamedHeader
        title={e.productName}
        subtitle={
          <>
            <span translate="no">{e.umkmName}</span> · {tx(label('chain', e.chainCode))} · {formatDate(date, lang)} ·{' '}
            <span translate="no">{e.requirementSetName}</span> ({t('versi', 'version')} {e.requirementSetVersion})
          </>
        }
      >
        <OutcomeBadge outcome={e.outcome} />
      </NamedHeader>
      {save.error && <Problem error={save.error} />}
      <div className="split">
        <div>
          <h2>{t('Produk', 'Product')}</h2>
          <Thumbs photos={p.photos} alt={e.productName} />
          {p.photos.length === 0 && <p className="muted small">{t('Belum ada foto.', 'No photos yet.')}</p>}
          <Facts
            rows={[
              [
                t('UMKM', 'UMKM'),
                <span key="umkm" translate="no">
                  {e.umkmName}
                </span>,
              ],
              [t('Kategori', 'Category'), tx(label('category', e.category))],
              [t('Isi bersih', 'Net content'), `${formatNumber(p.netContent, lang)} ${tx(label('netUnit', p.netUnit))}`],
              [t('Harga pemasok', 'Supplier price'), formatRupiah(p.supplierPrice)],
              [t('Harga jual eceran', 'Retail price'), formatRupiah(p.retailPrice)],
              [
                t('Masa simpan', 'Shelf life'),
                `${formatNumber(p.shelfLifeDays, lang)} ${t('hari', 'days')} · ${tx(label('storage', p.storage))}`,
              ],
              [t('Barcode', 'Barcode'), p.gtin ?? t('Belum ada', 'None yet')],
            ]}
          />
          <h2>{t('Izin', 'Permits')}</h2>
          {e.permits.length === 0 && <p className="muted">{t('Belum ada izin tercatat.', 'No permits recorded.')}</p>}
          <ul className="plain-list" data-testid="permits">
            {e.permits.map((x) => (
              <li key={`${x.type}-${x.number}`} className="permit">
                <strong>{tx(label('permitType', x.type))}</strong> {x.number}{' '}
                <Badge tone={x.validOnCurationDate ? 'ok' : 'bad'}>
                  {x.validOnCurationDate
                    ? t('Berlaku pada tanggal kurasi', 'Valid on the curation date')
                    : t('Tidak berlaku pada tanggal kurasi', 'Not valid on the curation date')}
                </Badge>
                <br />
                <span className="small muted">
                  {t('Terbit {a}', 'Issued {a}', { a: formatDate(x.issuedOn, lang) })}
                  {' · '}
                  {x.expiresOn
                    ? t('berlaku sampai {b}', 'valid until {b}', { b: formatDate(x.expiresOn, lang) })
                    : t('tanpa masa berlaku', 'no expiry')}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2>{t('Kriteria', 'Criteria')}</h2>
          {open && toAssess > 0 && (
            <p className="muted small">
              {t('{n} kriteria menunggu penilaian Anda.', '{n} criteria await your assessment.', { n: String(toAssess) })}
            </p>
          )}
          <ul className="plain-list" data-testid="criteria">
            {e.results.map((r) => (
              <CriterionCard key={r.code} r={r} e={e} open={open} busy={save.isPending} onSave={(b) => save.mutate(b)} />
            ))}
          </ul>
          {(e.notes !== null || open) && (
            <div className="card">
              <label className="field" htmlFor="curator-notes">
                {t('Catatan kurator (tidak terlihat oleh UMKM)', 'Curator notes (not shown to the UMKM)')}
              </label>
              <textarea
                id="curator-notes"
                value={notes ?? e.notes ?? ''}
                readOnly={!open}
                onChange={(x) => setNotes(x.target.value)}
                rows={3}
              />
              {open && (
                <button
                  type="button"
                  className="btn"
                  disabled={save.isPending || notes === null}
                  onClick={() => save.mutate({ notes: notes?.trim() ? notes.trim() : null }, { onSuccess: () => setNotes(null) })}
                >
                  {t('Simpan catatan', 'Save notes')}
                </button>
              )}
            </div>
          )}
          {open && (
            <div className="form-actions">
              {e.nextPendingId ? (
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => navigate(`/curation/entries/${e.nextPendingId}`)}
                  data-testid="next-entry"
                >
                  {t('Berikutnya', 'Next')} ›
                </button>
              ) : (
                <p className="alert alert-ok" role="status" data-testid="queue-done">
                  {t('Tidak ada lagi produk yang menunggu penilaian di putaran ini.', 'No more products await assessment in this round.')}
                </p>
              )}
            </div>
          )}
          {e.history.length > 0 && (
            <details className="small">
              <summary>{t('Riwayat penilaian', 'Evaluation history')}</summary>
              <ul>
                {e.history.map((h) => (
                  <li key={h.evaluatedAt}>
                    {formatDateTime(h.evaluatedAt, e.regionCode, lang)}: {tx(label('productOutcome', h.outcome))}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}
