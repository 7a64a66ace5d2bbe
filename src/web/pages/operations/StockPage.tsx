// Stok: on hand per outlet × product × batch with its expiry and who owns it (konsinyasi: the UMKM until
// sold; beli putus: the chain), paged with its total. With an outlet chosen the chain can write off what
// has expired (asking first, with the count), record a stock count (stock opname), and create a return
// (nota retur) of chosen batches to the maker.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { label, options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { Field, FormProblem, fieldId, REQUIRED, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, PAGE_SIZE, Pager, SearchBox, useListParams } from '../../components/list.tsx';
import { Badge, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { parseQty, returnHref, useNum, useUnits } from './parts.tsx';

type Row = Item<'/api/operations/stock'>;
type Outlet = Item<'/api/outlets'>;
type ReturnReason = Body<'/api/operations/returns'>['reason'];

export function StockPage() {
  const me = useUser();
  const { t } = useI18n();
  const lp = useListParams();
  // Outlet staff work at one store: it is the outlet here unless another is asked for (the server answers none).
  const outletId = lp.get('outlet') || (me.role === 'retailer' && me.outlet ? me.outlet.id : '');
  const umkmId = lp.get('umkm');
  const [mode, setMode] = useState<'view' | 'count' | 'return'>('view');
  const params = { outletId: outletId || undefined, umkmId: umkmId || undefined, limit: lp.limit, offset: lp.offset };
  const list = useQuery({
    queryKey: ['operations', 'stock', params],
    queryFn: () => api.get<Answer<'/api/operations/stock'>>(`/api/operations/stock${qs(params)}`),
  });
  const writer = me.role === 'retailer';
  return (
    <section className="page">
      <PageHeader
        title={t('Stok di gerai', 'Stock at the outlets')}
        subtitle={t(
          'Per gerai, produk dan batch, dengan tanggal kedaluwarsa dan pemilik stok.',
          'Per outlet, product and batch, with the expiry date and who owns the stock.',
        )}
        testId="stock-title"
      />
      <OutletChooser value={outletId} onChange={(id) => lp.setFilter({ outlet: id || null })} />
      <UmkmChooser value={umkmId} onChange={(id) => lp.setFilter({ umkm: id || null })} />
      {writer && outletId && (
        <div className="actions">
          <button type="button" className="btn" onClick={() => setMode(mode === 'count' ? 'view' : 'count')} data-testid="start-count">
            {mode === 'count' ? t('Tutup stock opname', 'Close the stock count') : t('Stock opname', 'Stock count')}
          </button>
          <button type="button" className="btn" onClick={() => setMode(mode === 'return' ? 'view' : 'return')} data-testid="start-return">
            {mode === 'return' ? t('Tutup retur', 'Close the return') : t('Buat nota retur', 'Create a return')}
          </button>
          <WriteOff outletId={outletId} />
        </div>
      )}
      {writer && !outletId && (
        <p className="muted">
          {t(
            'Pilih gerai untuk menghapus stok kedaluwarsa, stock opname, atau membuat retur.',
            'Choose an outlet to write off expired stock, count stock, or create a return.',
          )}
        </p>
      )}
      {mode !== 'view' && outletId && list.data ? (
        mode === 'count' ? (
          <CountForm outletId={outletId} rows={list.data.items} done={() => setMode('view')} />
        ) : (
          <ReturnForm outletId={outletId} rows={list.data.items} />
        )
      ) : (
        <ListBody
          query={list}
          empty={t('Tidak ada stok tercatat.', 'No stock recorded.')}
          page={lp.page}
          onPage={lp.setPage}
          testId="stock-list"
          render={(r: Row) => <StockCard key={r.id} row={r} />}
        />
      )}
    </section>
  );
}

function ExpiryBadge({ row: r }: { row: Row }) {
  const { t, lang } = useI18n();
  const num = useNum();
  if (!r.expiresOn) return null;
  const d = formatDate(r.expiresOn, lang);
  if (r.daysLeft !== null && r.daysLeft < 0) return <Badge tone="bad">{t('Kedaluwarsa {d}', 'Expired {d}', { d })}</Badge>;
  if (r.daysLeft === 0) return <Badge tone="warn">{t('Kedaluwarsa hari ini', 'Expires today')}</Badge>;
  if (r.daysLeft === 1) return <Badge tone="warn">{t('Kedaluwarsa besok, {d}', 'Expires tomorrow, {d}', { d })}</Badge>;
  if (r.daysLeft !== null && r.daysLeft <= (r.perishable ? 3 : 14)) {
    return <Badge tone="warn">{t('Kedaluwarsa {d} ({n} hari lagi)', 'Expires {d} (in {n} days)', { d, n: num(r.daysLeft) })}</Badge>;
  }
  return <Badge>{t('Kedaluwarsa {d}', 'Expires {d}', { d })}</Badge>;
}

function StockCard({ row: r }: { row: Row }) {
  const { t, tx } = useI18n();
  const unitsOf = useUnits();
  return (
    <li className="card item" data-testid="stock-row">
      <p className="item-title" translate="no">
        {r.productName}
      </p>
      <p className="op-meta">
        <span translate="no">
          {r.outletName} · {r.umkmName}
        </span>
      </p>
      <p className="op-meta">
        {r.batchCode ? (
          <>
            {t('Batch', 'Batch')} <span translate="no">{r.batchCode}</span> ·{' '}
          </>
        ) : (
          <>{t('Tanpa batch', 'No batch')} · </>
        )}
        <strong>{unitsOf(r.onHand)}</strong> · {tx(label('stockOwner', r.owner))}
      </p>
      <p>
        <ExpiryBadge row={r} />
      </p>
      {r.batchId && <History row={r} />}
    </li>
  );
}

/** The batch's ledger at this outlet, newest first: what came in and what went out, loaded when opened. */
function History({ row: r }: { row: Row }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} data-testid="stock-history">
      <summary>{t('Riwayat batch ini', 'This batch’s history')}</summary>
      {open && <Movements row={r} />}
    </details>
  );
}

const HISTORY_PAGE = PAGE_SIZE;

function Movements({ row: r }: { row: Row }) {
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const [page, setPage] = useState(1);
  const params = {
    outletId: r.outletId,
    productId: r.productId,
    batchId: r.batchId ?? undefined,
    limit: HISTORY_PAGE,
    offset: (page - 1) * HISTORY_PAGE,
  };
  const q = useQuery({
    queryKey: ['operations', 'movements', params],
    queryFn: () => api.get<Answer<'/api/operations/stock/movements'>>(`/api/operations/stock/movements${qs(params)}`),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <ul className="op-ledger">
        {q.data.items.map((m) => (
          <li key={m.id}>
            <span>{formatDate(m.occurredOn, lang)}</span> · <span>{tx(label('movementKind', m.kind))}</span> ·{' '}
            <strong>{m.qty > 0 ? `+${num(m.qty)}` : `−${num(-m.qty)}`}</strong>
            {m.variance && (
              <>
                {' '}
                <Badge tone="warn">{t('Selisih', 'Variance')}</Badge>
              </>
            )}
          </li>
        ))}
      </ul>
      <Pager page={page} total={q.data.total} onPage={setPage} />
    </>
  );
}

/** The chain's outlets found by name or store code; the choice is kept in the address. */
function OutletChooser({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['outlets', 'pick', q],
    queryFn: () => api.get<Answer<'/api/outlets'>>(`/api/outlets${qs({ q, limit: 50 })}`),
  });
  const chosen = useQuery({
    queryKey: ['outlet', value],
    queryFn: () => api.get<Answer<'/api/outlets/{id}'>>(`/api/outlets/${value}`),
    enabled: Boolean(value),
  });
  const items: Outlet[] = found.data?.items ?? [];
  const shown = chosen.data && !items.some((o) => o.id === value) ? [chosen.data as Outlet, ...items] : items;
  return (
    <div className="filters" data-testid="outlet-chooser">
      <SearchBox value={q} onChange={setQ} label={t('Cari gerai', 'Search outlets')} />
      <label>
        {t('Gerai', 'Outlet')}{' '}
        <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="outlet-select">
          <option value="">{t('Semua gerai', 'All outlets')}</option>
          {shown.map((o) => (
            <option key={o.id} value={o.id} translate="no">
              {o.name}
            </option>
          ))}
        </select>
      </label>
      {found.data && found.data.total > items.length && (
        <span className="muted small">
          {t('{n} pertama dari {total}; ketik untuk mencari.', 'First {n} of {total}; type to search.', {
            n: String(items.length),
            total: String(found.data.total),
          })}
        </span>
      )}
    </div>
  );
}

/** The UMKM this chain holds a PKS with (its first 100), to see one maker's stock. */
function UmkmChooser({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const pks = useQuery({
    queryKey: ['agreements', 'pks-umkm'],
    queryFn: () => api.get<Answer<'/api/agreements'>>(`/api/agreements${qs({ kind: 'pks', limit: 100 })}`),
  });
  const umkm = new Map<string, string>();
  for (const a of pks.data?.items ?? []) if (a.umkm) umkm.set(a.umkm.id, a.umkm.name);
  return (
    <div className="filters">
      <label>
        {t('UMKM', 'UMKM')}{' '}
        <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="umkm-select">
          <option value="">{t('Semua UMKM', 'All UMKM')}</option>
          {[...umkm.entries()]
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([id, name]) => (
              <option key={id} value={id} translate="no">
                {name}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

function WriteOff({ outletId }: { outletId: string }) {
  const { t, tx } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const qc = useQueryClient();
  // Exactly what the write-off would take out now (the server's own list), to name it before asking.
  const preview = useQuery({
    queryKey: ['operations', 'expiries', outletId],
    queryFn: () => api.get<Answer<'/api/operations/expiries'>>(`/api/operations/expiries${qs({ outletId })}`),
  });
  const expired = preview.data?.writtenOff ?? [];
  const units = preview.data?.total ?? 0;
  const write = useMutation({
    mutationFn: () => api.post<Answer<'/api/operations/expiries', 'post'>>('/api/operations/expiries', { outletId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['operations'] }),
  });
  const go = async () => {
    const yes = await confirm({
      title: t('Hapus buku {n} unit kedaluwarsa?', 'Write off {n} expired units?', { n: num(units) }),
      body: t(
        '{b} batch yang sudah lewat tanggal kedaluwarsa dikeluarkan dari stok gerai ini: {umkm} unit ditanggung UMKM, {chain} unit ditanggung ritel, sesuai PKS. UMKM melihat penghapusan ini.',
        '{b} batches past their expiry date leave this outlet’s stock: {umkm} units borne by the UMKM and {chain} by the chain, as the PKS says. The UMKM sees the write-off.',
        {
          b: num(expired.length),
          umkm: num(expired.filter((w) => w.borneBy === 'umkm').reduce((a, w) => a + w.qty, 0)),
          chain: num(expired.filter((w) => w.borneBy === 'chain').reduce((a, w) => a + w.qty, 0)),
        },
      ),
      confirmLabel: t('Hapus buku stok kedaluwarsa', 'Write off expired stock'),
      danger: true,
    });
    if (yes) write.mutate();
  };
  return (
    <>
      <button type="button" className="btn btn-danger" disabled={units === 0 || write.isPending} onClick={go} data-testid="write-off">
        {t('Hapus stok kedaluwarsa ({n})', 'Write off expired ({n})', { n: num(units) })}
      </button>
      {write.error && <Problem error={write.error} />}
      {write.data && (
        <div className="alert alert-ok" role="status" data-testid="write-off-done">
          <p>{t('{n} unit dihapusbukukan.', '{n} units written off.', { n: num(write.data.total) })}</p>
          {write.data.writtenOff.length > 0 && (
            <ul>
              {write.data.writtenOff.map((w) => (
                <li key={w.batchId}>
                  <span translate="no">{w.productName}</span> · {t('batch', 'batch')} <span translate="no">{w.batchCode}</span>:{' '}
                  {unitsOf(w.qty)} · {tx(label('lossBearer', w.borneBy))}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}

/** Stock opname of the rows shown: the counted quantity per batch (defaulting to what the ledger says). */
function CountForm({ outletId, rows, done }: { outletId: string; rows: Row[]; done: () => void }) {
  const { t } = useI18n();
  const num = useNum();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  const save = useMutation({
    mutationFn: (body: Body<'/api/operations/stock-counts'>) =>
      api.post<Answer<'/api/operations/stock-counts', 'post'>>('/api/operations/stock-counts', body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['operations'] });
      done();
    },
  });
  const value = (r: Row) => (counted[r.id] === undefined ? r.onHand : counted[r.id]);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const missing = rows.filter((r) => value(r) === null);
    if (missing.length) return errors.setClient(Object.fromEntries(missing.map((r) => [r.id, REQUIRED])));
    errors.reset();
    const diffs = rows.filter((r) => value(r) !== r.onHand);
    const yes = await confirm({
      title: t('Simpan stock opname {n} baris?', 'Save the stock count of {n} lines?', { n: num(rows.length) }),
      body: t(
        '{d} baris berbeda dari buku stok; selisihnya dicatat sebagai penyesuaian dan tampil di rekonsiliasi.',
        '{d} lines differ from the ledger; the differences are recorded as adjustments and shown in the reconciliation.',
        { d: num(diffs.length) },
      ),
      confirmLabel: t('Simpan stock opname', 'Save the stock count'),
    });
    if (!yes) return;
    save.mutate(
      {
        outletId,
        lines: rows.map((r) => ({ productId: r.productId, batchId: r.batchId ?? undefined, counted: value(r) ?? 0 })),
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => {
            const m = /^lines\.(\d+)\./.exec(f);
            return m ? (rows[Number(m[1])]?.id ?? null) : null;
          }),
      },
    );
  };
  return (
    <form className="form" noValidate onSubmit={submit} data-testid="count-form">
      <h2>{t('Stock opname', 'Stock count')}</h2>
      <FormProblem error={errors.general} />
      {rows.map((r) => (
        <TextField
          key={r.id}
          name={r.id}
          label={`${r.productName}${r.batchCode ? ` · ${r.batchCode}` : ''}`}
          inputMode="numeric"
          autoComplete="off"
          value={value(r) === null ? '' : String(value(r))}
          onChange={(v) => {
            setCounted((c) => ({ ...c, [r.id]: parseQty(v) }));
            errors.clear(r.id);
          }}
          error={errors.err(r.id)}
          hint={t('Menurut buku: {n}', 'Ledger says: {n}', { n: num(r.onHand) })}
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-count">
          {t('Simpan stock opname', 'Save the stock count')}
        </button>
      </div>
    </form>
  );
}

/** A return note of chosen batches at one outlet back to their maker. */
function ReturnForm({ outletId, rows }: { outletId: string; rows: Row[] }) {
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [reason, setReason] = useState<ReturnReason | ''>('');
  const [note, setNote] = useState('');
  const [qty, setQty] = useState<Record<string, number | null>>({});
  const batches = rows.filter((r) => r.batchId && r.onHand > 0);
  const save = useMutation({
    mutationFn: (body: Body<'/api/operations/returns'>) =>
      api.post<Answer<'/api/operations/returns', 'post'>>('/api/operations/returns', body),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ['operations'] });
      navigate(returnHref(r.id));
    },
  });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = batches.filter((r) => (qty[r.id] ?? 0) > 0);
    const problems: Record<string, typeof REQUIRED> = {};
    if (!reason) problems.reason = REQUIRED;
    if (chosen.length === 0 && batches[0])
      problems[batches[0].id] = { id: 'Isi jumlah paling sedikit satu batch.', en: 'Fill in at least one batch.' };
    for (const r of chosen) {
      if ((qty[r.id] ?? 0) > r.onHand) problems[r.id] = { id: `Paling banyak ${r.onHand}.`, en: `At most ${r.onHand}.` };
    }
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    const units = chosen.reduce((s, r) => s + (qty[r.id] ?? 0), 0);
    const makers = [...new Set(chosen.map((r) => r.umkmName))].join(', ');
    const yes = await confirm({
      title: t('Retur {n} unit ke UMKM?', 'Return {n} units to the UMKM?', { n: num(units) }),
      body: t(
        'Barang keluar dari stok gerai dan {m} diberi tahu untuk mengambilnya; penanggung kerugian mengikuti PKS.',
        'The goods leave the outlet’s stock and {m} is told to pick them up; the loss is borne as the PKS says.',
        { m: makers },
      ),
      confirmLabel: t('Buat nota retur', 'Create the return note'),
      danger: true,
    });
    if (!yes) return;
    save.mutate(
      {
        outletId,
        reason: reason as ReturnReason,
        note: note.trim() || undefined,
        lines: chosen.map((r) => ({ batchId: r.batchId as string, qty: qty[r.id] ?? 0 })),
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => {
            if (f === 'reason' || f === 'note') return f;
            const m = /^lines\.(\d+)\./.exec(f);
            return m ? (chosen[Number(m[1])]?.id ?? null) : null;
          }),
      },
    );
  };
  if (batches.length === 0)
    return <p className="empty">{t('Tidak ada batch di gerai ini untuk diretur.', 'No batches at this outlet to return.')}</p>;
  return (
    <form className="form" noValidate onSubmit={submit} data-testid="return-form">
      <h2>{t('Buat nota retur', 'Create a return note')}</h2>
      <FormProblem error={errors.general} />
      <SelectField
        name="reason"
        label={t('Alasan retur', 'Reason')}
        value={reason}
        onChange={(v) => {
          setReason(v);
          errors.clear('reason');
        }}
        placeholder={t('— Pilih —', '— Choose —')}
        options={options('returnReason', lang) as [ReturnReason, string][]}
        error={errors.err('reason')}
      />
      {batches.map((r) => (
        <TextField
          key={r.id}
          name={r.id}
          label={`${r.productName} · ${r.batchCode ?? ''}`}
          inputMode="numeric"
          autoComplete="off"
          value={qty[r.id] == null ? '' : String(qty[r.id])}
          onChange={(v) => {
            setQty((c) => ({ ...c, [r.id]: parseQty(v) }));
            errors.clear(r.id);
          }}
          error={errors.err(r.id)}
          hint={`${t('Ada {n} unit', '{n} units on hand', { n: num(r.onHand) })}${r.expiresOn ? ` · ${formatDate(r.expiresOn, lang)}` : ''} · ${tx(label('stockOwner', r.owner))}`}
        />
      ))}
      <Field name="note" label={t('Catatan (tidak wajib)', 'Note (optional)')} error={errors.err('note')}>
        <textarea id={fieldId('note')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="save-return">
          {t('Buat nota retur', 'Create the return note')}
        </button>
      </div>
    </form>
  );
}
