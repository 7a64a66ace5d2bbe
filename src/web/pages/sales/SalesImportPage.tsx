// "Penjualan POS": a chain's staff (or an admin, naming the chain) upload a till export (docs/POS.md),
// follow a large file's job, read the outcome in words with the errors per row, download the rejected
// rows to fix, and see past imports and the last 7 days' sales. Lazy-loaded: never on the UMKM phone path.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { PAGE_SIZE, Pager } from '../../components/list.tsx';
import { Badge, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { dateIn, formatDate, formatDateTime, formatNumber, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useUser } from '../../session.ts';
import type { ChainCode } from '../../types.ts';

type ImportAnswer = Answer<'/api/sales/imports', 'post'>;
type Detail = Answer<'/api/sales/imports/{id}'>;
type Summary = NonNullable<Detail['summary']>;
type ImportItem = Item<'/api/sales/imports'>;
type Queued = { importId: string; status: 'queued' };

const CHAINS: { code: ChainCode; name: string }[] = [
  { code: 'alfamart', name: 'Alfamart' },
  { code: 'alfamidi', name: 'Alfamidi' },
  { code: 'indomaret', name: 'Indomaret' },
];
const STATUS_TONE = { queued: 'neutral', running: 'warn', done: 'ok', refused: 'bad', failed: 'bad' } as const;

/** "1.234 baris diimpor, 12 duplikat, 3 ditolak" */
function OutcomeText({ s }: { s: Summary }) {
  const { t, lang } = useI18n();
  const n = (v: number) => formatNumber(v, lang);
  const parts = [
    t('{n} baris diimpor', '{n} rows imported', { n: n(s.imported) }),
    t('{n} duplikat', '{n} duplicates', { n: n(s.duplicates) }),
  ];
  if (s.conflicts) parts.push(t('{n} konflik', '{n} conflicts', { n: n(s.conflicts) }));
  parts.push(t('{n} ditolak', '{n} rejected', { n: n(s.rejected) }));
  return <p className="lead" data-testid="import-outcome">{`${parts.join(', ')}.`}</p>;
}

function ErrorsTable({ importId, s }: { importId: string; s: Summary }) {
  const { t, tx, lang } = useI18n();
  const [page, setPage] = useState(1);
  const counted = Object.values(s.counts).reduce((a, b) => a + b, 0);
  if (s.errors.length === 0) return null;
  const rows = s.errors.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const refused = s.rows === 0;
  return (
    <section className="card" data-testid="import-errors">
      <h2>{refused ? t('Alasan penolakan', 'Why the file was refused') : t('Baris bermasalah', 'Rows with problems')}</h2>
      <ul className="chips" aria-label={t('Jumlah per jenis', 'Count per kind')}>
        {Object.entries(s.counts).map(([code, count]) => (
          <li key={code}>
            <Badge tone="warn">{`${tx(label('salesRejectCode', code))}: ${formatNumber(count, lang)}`}</Badge>
          </li>
        ))}
      </ul>
      {counted > s.errors.length && (
        <p className="muted">
          {t(
            'Tabel menampilkan {shown} baris pertama dari {all}; unduhan berisi semuanya.',
            'The table shows the first {shown} of {all} rows; the download has them all.',
            {
              shown: formatNumber(s.errors.length, lang),
              all: formatNumber(counted, lang),
            },
          )}
        </p>
      )}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('Baris', 'Row')}</th>
              <th scope="col">{t('Kolom', 'Column')}</th>
              <th scope="col">{t('Masalah', 'Problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={`${e.row}-${e.code}`}>
                <td>{e.row === 0 ? '—' : formatNumber(e.row, lang)}</td>
                <td>{e.column ?? '—'}</td>
                <td>{tx(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} total={s.errors.length} onPage={setPage} />
      {!refused && (
        <p>
          <a className="btn" href={`/api/sales/imports/${importId}/rejects.csv`} download data-testid="rejects-download">
            {t('Unduh baris yang ditolak', 'Download the rejected rows')}
          </a>{' '}
          <span className="muted">{t('Perbaiki lalu unggah lagi berkas itu.', 'Fix them, then upload that file again.')}</span>
        </p>
      )}
    </section>
  );
}

/** Polls a queued import until it is finished, showing its progress. */
function useImport(id: string | null) {
  return useQuery({
    queryKey: ['sales-import', id],
    queryFn: () => api.get<Detail>(`/api/sales/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && ['queued', 'running'].includes(q.state.data.status) ? 1000 : false),
  });
}

function Result({ id, first }: { id: string; first: ImportAnswer | null }) {
  const { t, tx } = useI18n();
  const q = useImport(first ? null : id);
  const summary: Summary | null = first ?? q.data?.summary ?? null;
  if (!first) {
    if (q.isPending) return <Loading />;
    if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
    const d = q.data;
    if (d && (d.status === 'queued' || d.status === 'running')) {
      return (
        <section className="card" data-testid="import-progress">
          <h2>{tx(label('salesImportStatus', d.status))}</h2>
          <progress max={100} value={d.progress} aria-label={t('Kemajuan impor', 'Import progress')} />
          <p className="muted">
            {t(
              'Berkas besar diimpor di latar belakang; halaman ini diperbarui sendiri.',
              'Large files are imported in the background; this page updates itself.',
            )}
          </p>
        </section>
      );
    }
    if (d?.status === 'failed') {
      return (
        <p className="alert alert-error">
          {t(
            'Impor gagal; tidak ada baris yang disimpan. Coba unggah lagi.',
            'The import failed; no rows were stored. Try uploading again.',
          )}
        </p>
      );
    }
  }
  if (!summary) return null;
  return (
    <section data-testid="import-result">
      {summary.rows === 0 ? (
        <p className="alert alert-error">
          {t('Berkas ditolak seluruhnya; tidak ada baris yang disimpan.', 'The whole file was refused; no rows were stored.')}
        </p>
      ) : (
        <OutcomeText s={summary} />
      )}
      <ErrorsTable importId={id} s={summary} />
    </section>
  );
}

function UploadForm({ onDone }: { onDone: (id: string, answer: ImportAnswer | null) => void }) {
  const me = useUser();
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [correction, setCorrection] = useState(false);
  const [chain, setChain] = useState<ChainCode | ''>('');
  const [over, setOver] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const send = useMutation({
    mutationFn: () => {
      const body = new FormData();
      if (me.role === 'admin' && chain) body.set('chain', chain);
      body.set('correction', correction ? 'true' : 'false');
      body.set('file', file as File);
      return api.post<ImportAnswer | Queued>('/api/sales/imports', body);
    },
    onSuccess: (r) => onDone(r.importId, r.status === 'queued' ? null : (r as ImportAnswer)),
  });
  return (
    <form
      className="card form"
      noValidate
      data-testid="sales-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file) return setMissing(t('Pilih berkas dulu.', 'Choose a file first.'));
        if (me.role === 'admin' && !chain) return setMissing(t('Pilih jaringan ritel.', 'Choose the retail chain.'));
        setMissing(null);
        send.mutate();
      }}
    >
      <h2>{t('Unggah penjualan', 'Upload sales')}</h2>
      {me.role === 'admin' && (
        <label className="field">
          <span>{t('Jaringan ritel', 'Retail chain')}</span>
          <select value={chain} onChange={(e) => setChain(e.target.value as ChainCode)} data-testid="sales-chain">
            <option value="">{t('— pilih —', '— choose —')}</option>
            {CHAINS.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) setFile(f);
        }}
      >
        <span translate={file ? 'no' : undefined}>
          {file ? file.name : t('Tarik berkas CSV atau XLSX ke sini, atau pilih berkas', 'Drag a CSV or XLSX file here, or choose a file')}
        </span>
        <input
          ref={input}
          className="file-input"
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          data-testid="sales-file"
        />
      </label>
      <div className="field check">
        <label>
          <input type="checkbox" checked={correction} onChange={(e) => setCorrection(e.target.checked)} data-testid="sales-correction" />
          <span>{t('Ini berkas koreksi', 'This is a correction')}</span>
        </label>
      </div>
      <p className="hint">
        {t(
          'Centang bila berkas ini membetulkan angka yang sudah pernah diimpor: angka lama dibatalkan (dicatat sebagai pembalikan) dan angka baru dipakai. Tanpa centang, angka yang berbeda hanya dilaporkan sebagai konflik dan tidak diubah.',
          'Tick this when the file corrects figures imported before: the old figures are reversed (kept as a reversal) and the new ones used. Unticked, changed figures are only reported as conflicts and nothing is changed.',
        )}
      </p>
      {missing && (
        <p className="field-error" role="alert">
          {missing}
        </p>
      )}
      {send.error && <Problem error={send.error} />}
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="sales-submit">
        {send.isPending ? t('Mengunggah…', 'Uploading…') : t('Impor', 'Import')}
      </button>
      <p className="muted">
        {t('Format berkas: lihat panduan format POS v1 (docs/POS.md).', 'File format: see the POS format v1 guide (docs/POS.md).')}
      </p>
    </form>
  );
}

function LastWeek() {
  const { t, lang } = useI18n();
  const today = dateIn(new Date(), '31');
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
  const q = useQuery({
    queryKey: ['sales-summary', from, today],
    queryFn: () => api.get<Answer<'/api/sales/summary'>>(`/api/sales/summary${qs({ from, to: today })}`),
  });
  return (
    <section className="card" data-testid="sales-last-week">
      <h2>{t('7 hari terakhir', 'Last 7 days')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Problem error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <>
          <p className="muted">{`${formatDate(from, lang)} – ${formatDate(today, lang)}`}</p>
          <Facts
            rows={[
              [t('Unit terjual', 'Units sold'), formatNumber(q.data.units, lang)],
              [t('Omzet', 'Revenue'), formatRupiah(q.data.revenue)],
            ]}
          />
        </>
      )}
    </section>
  );
}

function History({ refreshKey, onOpen }: { refreshKey: number; onOpen: (id: string) => void }) {
  const { t, tx, lang } = useI18n();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['sales-imports', page, refreshKey],
    queryFn: () => api.get<Answer<'/api/sales/imports'>>(`/api/sales/imports${qs({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
    // A refresh after an import keeps the list on screen until the new page is in.
    placeholderData: (previous) => previous,
  });
  return (
    <section data-testid="sales-history">
      <h2>{t('Riwayat impor', 'Import history')}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <Problem error={q.error} onRetry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="empty">{t('Belum ada impor.', 'No imports yet.')}</p>
      ) : (
        <>
          <ul className="cards">
            {q.data.items.map((i: ImportItem) => (
              <li key={i.id} className="card">
                <p>
                  {i.fileName ? <strong translate="no">{i.fileName}</strong> : <strong>{tx(label('salesImportSource', i.source))}</strong>}{' '}
                  <Badge tone={STATUS_TONE[i.status]}>{tx(label('salesImportStatus', i.status))}</Badge>
                  {i.correction && <Badge>{t('Koreksi', 'Correction')}</Badge>}
                </p>
                <p className="muted">
                  {formatDateTime(i.createdAt, '31', lang)} · <span translate="no">{i.createdByName ?? ''}</span>
                  {i.createdByName ? ' · ' : ''}
                  <span translate="no">{i.chainName}</span>
                </p>
                {i.rows !== null && i.status === 'done' && (
                  <p>
                    {t(
                      '{rows} baris: {imported} diimpor, {dup} duplikat, {conflicts} konflik, {rejected} ditolak',
                      '{rows} rows: {imported} imported, {dup} duplicates, {conflicts} conflicts, {rejected} rejected',
                      {
                        rows: formatNumber(i.rows, lang),
                        imported: formatNumber(i.imported ?? 0, lang),
                        dup: formatNumber(i.duplicates ?? 0, lang),
                        conflicts: formatNumber(i.conflicts ?? 0, lang),
                        rejected: formatNumber(i.rejected ?? 0, lang),
                      },
                    )}
                  </p>
                )}
                <p className="muted mono" title="SHA-256">{`SHA-256 ${i.fileSha256.slice(0, 16)}…`}</p>
                <button type="button" className="btn" onClick={() => onOpen(i.id)}>
                  {t('Lihat hasil', 'Show the result')}
                </button>
              </li>
            ))}
          </ul>
          <Pager page={page} total={q.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export default function SalesImportPage() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [current, setCurrent] = useState<{ id: string; answer: ImportAnswer | null } | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const status = useImport(current && !current.answer ? current.id : null).data?.status;
  useEffect(() => {
    if (status === 'done' || status === 'refused' || status === 'failed') {
      setRefreshKey((k) => k + 1);
      client.invalidateQueries({ queryKey: ['sales-summary'] });
    }
  }, [status, client]);
  return (
    <div className="page">
      <PageHeader
        title={t('Penjualan POS', 'POS sales')}
        subtitle={t(
          'Impor penjualan kasir produk UMKM yang dijual di bawah PKS.',
          "Import the tills' sales of UMKM products sold under a PKS.",
        )}
        testId="sales-title"
      />
      <div className="grid-2">
        <UploadForm
          onDone={(id, answer) => {
            setCurrent({ id, answer });
            setRefreshKey((k) => k + 1);
            client.invalidateQueries({ queryKey: ['sales-summary'] });
          }}
        />
        <LastWeek />
      </div>
      {current && <Result key={current.id} id={current.id} first={current.answer} />}
      <History refreshKey={refreshKey} onOpen={(id) => setCurrent({ id, answer: null })} />
    </div>
  );
}
