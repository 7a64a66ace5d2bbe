// One curation round: its counts, the products in it (paged, filtered by outcome, work queue, failed
// criterion and district, sorted, the total always shown), adding products (search, or every eligible one
// after a confirmation naming the count) and closing the round after a confirmation naming what it does.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { label } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { SelectField } from '../../components/form.tsx';
import { PAGE_SIZE, Pager, SearchBox, useListParams } from '../../components/list.tsx';
import { BackLink, Badge, Loading, Problem } from '../../components/ui.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { NamedHeader, OutcomeBadge, RoundStatusBadge } from './badges.tsx';
import { shortCriterion } from './criteria.ts';

type Round = Answer<'/api/curation/rounds/{id}'>;
type Entry = Item<'/api/curation/rounds/{id}/entries'>;
type Candidate = Item<'/api/curation/rounds/{id}/candidates'>;

function AddProducts({ round }: { round: Round }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['round', round.id, 'candidates', q, page],
    queryFn: () =>
      api.get<Answer<'/api/curation/rounds/{id}/candidates'>>(
        `/api/curation/rounds/${round.id}/candidates${qs({ q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`,
      ),
  });
  const everything = useQuery({
    queryKey: ['round', round.id, 'candidates', '', 'count'],
    queryFn: () => api.get<Answer<'/api/curation/rounds/{id}/candidates'>>(`/api/curation/rounds/${round.id}/candidates?limit=1`),
  });
  const add = useMutation({
    mutationFn: (body: { productIds?: string[]; allInRegion?: true }) =>
      api.post<Answer<'/api/curation/rounds/{id}/products', 'post'>>(`/api/curation/rounds/${round.id}/products`, body),
    onSuccess: (r) => {
      setDone(t('{n} produk ditambahkan.', '{n} products added.', { n: formatNumber(r.added, lang) }));
      return qc.invalidateQueries({ queryKey: ['round', round.id] });
    },
  });
  const eligible = everything.data?.total ?? 0;
  const addAll = async () => {
    const yes = await confirm({
      title: t('Tambahkan semua produk yang memenuhi syarat?', 'Add every eligible product?'),
      body: t(
        '{n} produk aktif di {r} akan ditambahkan ke putaran ini dan kriteria otomatisnya langsung dinilai.',
        '{n} active products in {r} will be added to this round and their automatic criteria assessed at once.',
        { n: formatNumber(eligible, lang), r: round.regionName },
      ),
      confirmLabel: t('Tambahkan {n} produk', 'Add {n} products', { n: formatNumber(eligible, lang) }),
    });
    if (yes) add.mutate({ allInRegion: true });
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
    setPage(1);
  };
  return (
    <div className="card" data-testid="add-products">
      <h2 className="item-title">{t('Tambah produk', 'Add products')}</h2>
      <form className="search-row" onSubmit={search} noValidate>
        <label htmlFor="candidate-search" className="sr-only">
          {t('Cari nama produk, UMKM atau GTIN', 'Search product, UMKM or GTIN')}
        </label>
        <input
          id="candidate-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('Cari nama produk, UMKM atau GTIN', 'Search product, UMKM or GTIN')}
        />
        <button type="submit" className="btn">
          {t('Cari', 'Search')}
        </button>
      </form>
      {add.error && <Problem error={add.error} />}
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      {candidates.isPending && <Loading />}
      {candidates.error && <Problem error={candidates.error} onRetry={() => candidates.refetch()} />}
      {candidates.data && candidates.data.items.length === 0 && (
        <p className="empty">
          {q
            ? t('Tidak ada produk yang cocok dan belum masuk putaran.', 'No matching product that is not in the round yet.')
            : t('Semua produk yang memenuhi syarat sudah masuk putaran.', 'Every eligible product is already in the round.')}
        </p>
      )}
      {candidates.data && candidates.data.items.length > 0 && (
        <>
          <ul className="plain-list" data-testid="candidates">
            {candidates.data.items.map((c: Candidate) => (
              <li key={c.id} className="candidate">
                <span>
                  <strong translate="no">{c.productName}</strong>
                  <br />
                  <span className="muted small" translate="no">
                    {c.umkmName} · {c.districtName}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn"
                  disabled={add.isPending}
                  onClick={() => add.mutate({ productIds: [c.id] })}
                  data-testid="add-one"
                >
                  {t('Tambah', 'Add')}
                </button>
              </li>
            ))}
          </ul>
          <Pager page={page} total={candidates.data.total} onPage={setPage} />
        </>
      )}
      {eligible > 0 && (
        <button type="button" className="btn btn-primary" disabled={add.isPending} onClick={addAll} data-testid="add-all">
          {t('Tambahkan semua yang memenuhi syarat ({n})', 'Add every eligible product ({n})', { n: formatNumber(eligible, lang) })}
        </button>
      )}
    </div>
  );
}

function EntryCard({ e }: { e: Entry }) {
  const { t, tx, lang } = useI18n();
  return (
    <li className="card item" data-testid="entry">
      <Link href={`/curation/entries/${e.id}`} className="item-title" translate="no">
        {e.productName}
      </Link>
      <p className="item-meta">
        <span translate="no">{e.umkmName}</span>
        <span translate="no">{e.districtName}</span>
        <OutcomeBadge outcome={e.outcome} />
        {e.awaitingAssessment && <Badge tone="warn">{t('Perlu dinilai kurator', 'Needs a curator')}</Badge>}
      </p>
      {e.failedLabels.length > 0 && (
        <p className="small">
          <span className="muted">{t('Belum terpenuhi', 'Not met')}:</span>{' '}
          {e.failedLabels.map((l, i) => tx(shortCriterion(e.failed[i] ?? '', l))).join(' · ')}
        </p>
      )}
      {e.evaluatedAt && (
        <p className="small muted">
          {t('Dinilai', 'Evaluated')} {formatDateTime(e.evaluatedAt, e.villageCode, lang)}
        </p>
      )}
    </li>
  );
}

export function RoundDetailPage({ params }: { params: Record<string, string> }) {
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const lp = useListParams();
  const id = params.id as string;
  const show = lp.get('show'); // '' | 'queue' | an outcome
  const filter = {
    outcome: show && show !== 'queue' ? show : undefined,
    pending: show === 'queue' ? 'true' : undefined,
    criterion: lp.get('criterion') || undefined,
    districtCode: lp.get('district') || undefined,
    q: lp.q || undefined,
    sort: lp.get('sort') || undefined,
    dir: lp.get('dir') || undefined,
    limit: lp.limit,
    offset: lp.offset,
  };
  const round = useQuery({ queryKey: ['round', id], queryFn: () => api.get<Round>(`/api/curation/rounds/${id}`) });
  const facets = useQuery({
    queryKey: ['round', id, 'facets'],
    queryFn: () => api.get<Answer<'/api/curation/rounds/{id}/facets'>>(`/api/curation/rounds/${id}/facets`),
    enabled: round.isSuccess,
  });
  const entries = useQuery({
    queryKey: ['round', id, 'entries', filter],
    queryFn: () => api.get<Answer<'/api/curation/rounds/{id}/entries'>>(`/api/curation/rounds/${id}/entries${qs(filter)}`),
    enabled: round.isSuccess,
  });
  const close = useMutation({
    mutationFn: () => api.post<Round>(`/api/curation/rounds/${id}/close`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['round', id] }),
  });
  const [adding, setAdding] = useState(false);
  const r = round.data;
  if (round.isPending) return <Loading />;
  if (round.error || !r)
    return (
      <section className="page">
        <BackLink href="/curation/rounds" label={t('Putaran kurasi', 'Curation rounds')} />
        <Problem error={round.error} onRetry={() => round.refetch()} />
      </section>
    );
  const askClose = async () => {
    const n = r.awaitingAssessment;
    const yes = await confirm({
      title: t('Tutup putaran kurasi?', 'Close the curation round?'),
      body:
        n > 0
          ? t(
              '{n} produk yang belum dinilai akan dinyatakan belum lolos. Hasil menjadi final dan UMKM melihat daftar kekurangannya.',
              '{n} products not yet assessed will be declared not passed. The results become final and the businesses see their gap lists.',
              { n: formatNumber(n, lang) },
            )
          : t(
              'Semua {n} produk sudah dinilai. Hasil menjadi final dan UMKM melihat daftar kekurangannya.',
              'All {n} products are assessed. The results become final and the businesses see their gap lists.',
              { n: formatNumber(r.products, lang) },
            ),
      confirmLabel: t('Tutup putaran', 'Close the round'),
      danger: n > 0,
    });
    if (yes) close.mutate();
  };
  const total = entries.data?.total;
  return (
    <section className="page">
      <BackLink href="/curation/rounds" label={t('Putaran kurasi', 'Curation rounds')} />
      <NamedHeader
        title={r.name}
        subtitle={
          <>
            {tx(label('chain', r.chainCode))} · <span translate="no">{r.regionName}</span> · {formatDate(r.curationDate, lang)}{' '}
            <RoundStatusBadge status={r.status} />
          </>
        }
      >
        {r.can.manage && (
          <button type="button" className="btn" onClick={() => setAdding((x) => !x)} aria-expanded={adding} data-testid="toggle-add">
            {t('Tambah produk', 'Add products')}
          </button>
        )}
        {r.can.manage && (
          <button type="button" className="btn btn-primary" onClick={askClose} disabled={close.isPending} data-testid="close-round">
            {t('Tutup putaran', 'Close round')}
          </button>
        )}
      </NamedHeader>
      {close.error && <Problem error={close.error} />}
      <p data-testid="round-counts">
        {t(
          '{n} produk: {a} lolos, {b} belum lolos, {c} menunggu penilaian.',
          '{n} products: {a} passed, {b} not passed yet, {c} awaiting assessment.',
          {
            n: formatNumber(r.products, lang),
            a: formatNumber(r.lolos, lang),
            b: formatNumber(r.belumLolos, lang),
            c: formatNumber(r.menunggu, lang),
          },
        )}{' '}
        {r.requirementSet && (
          <>
            {t('Persyaratan versi {v}:', 'Requirement set version {v}:', { v: String(r.requirementSet.version) })}{' '}
            <span translate="no">{r.requirementSet.name}</span>
          </>
        )}
      </p>
      {r.status === 'open' && r.awaitingAssessment > 0 && (
        <p>
          <Link href={`/curation/rounds/${id}?show=queue`} data-testid="queue-link">
            {t('Antrean kerja: {n} produk perlu dinilai kurator', 'Work queue: {n} products need a curator', {
              n: formatNumber(r.awaitingAssessment, lang),
            })}
          </Link>
        </p>
      )}
      {adding && r.can.manage && <AddProducts round={r} />}
      <div className="filters" data-testid="entry-filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari produk, UMKM atau GTIN', 'Search product, UMKM or GTIN')}
        />
        <SelectField
          name="show"
          label={t('Hasil', 'Result')}
          value={show}
          onChange={(v) => lp.setFilter({ show: v || null })}
          placeholder={t('Semua', 'All')}
          options={[
            ['queue', t('Antrean kerja (belum dinilai)', 'Work queue (not assessed)')],
            ['lolos', tx(label('productOutcome', 'lolos'))],
            ['belum_lolos', tx(label('productOutcome', 'belum_lolos'))],
            ['menunggu', tx(label('productOutcome', 'menunggu'))],
          ]}
        />
        <SelectField
          name="criterion"
          label={t('Belum memenuhi', 'Failing')}
          value={lp.get('criterion')}
          onChange={(v) => lp.setFilter({ criterion: v || null })}
          placeholder={t('Kriteria apa pun', 'Any criterion')}
          options={(facets.data?.criteria ?? []).map((c) => [c.code, `${tx(c.label)} (${formatNumber(c.failing, lang)})`])}
        />
        <SelectField
          name="district"
          label={t('Kecamatan', 'District')}
          value={lp.get('district')}
          onChange={(v) => lp.setFilter({ district: v || null })}
          placeholder={t('Semua kecamatan', 'All districts')}
          options={(facets.data?.districts ?? []).map((d) => [d.code, `${d.name} (${formatNumber(d.entries, lang)})`])}
        />
        <SelectField
          name="sort"
          label={t('Urutkan', 'Sort by')}
          value={`${lp.get('sort') || 'umkm'}:${lp.get('dir') || 'asc'}`}
          onChange={(v) => {
            const [sort, dir] = v.split(':');
            lp.setFilter({ sort: sort === 'umkm' ? null : (sort ?? null), dir: dir === 'asc' ? null : (dir ?? null) });
          }}
          options={[
            ['umkm:asc', t('UMKM (A–Z)', 'UMKM (A–Z)')],
            ['product:asc', t('Nama produk (A–Z)', 'Product name (A–Z)')],
            ['product:desc', t('Nama produk (Z–A)', 'Product name (Z–A)')],
            ['outcome:asc', t('Hasil', 'Result')],
            ['evaluated:desc', t('Penilaian terakhir (terbaru dulu)', 'Latest evaluation (newest first)')],
            ['evaluated:asc', t('Penilaian terakhir (terlama dulu)', 'Latest evaluation (oldest first)')],
          ]}
        />
      </div>
      {total !== undefined && (
        <p className="muted" data-testid="entry-total">
          {t('{n} produk ditemukan', '{n} products found', { n: formatNumber(total, lang) })}
        </p>
      )}
      {entries.isPending && <Loading />}
      {entries.error && <Problem error={entries.error} onRetry={() => entries.refetch()} />}
      {entries.data && entries.data.items.length === 0 && (
        <p className="empty">{t('Tidak ada produk dengan pilihan ini.', 'No products with these filters.')}</p>
      )}
      {entries.data && entries.data.items.length > 0 && (
        <ul className="cards" data-testid="entry-table">
          {entries.data.items.map((e) => (
            <EntryCard key={e.id} e={e} />
          ))}
        </ul>
      )}
      {entries.data && entries.data.total > 0 && <Pager page={lp.page} total={entries.data.total} onPage={lp.setPage} />}
    </section>
  );
}
