// One order (pesanan): who ordered what for which outlet, at the PKS price, by when; the maker's answer
// (confirm in full, in part with the quantities per line, or decline with a reason — part and decline ask
// first), the chain's cancel, and once confirmed the delivery note form ("Buat surat jalan"): per line the
// quantity, batch code, production and expiry dates. Its delivery notes and receipts follow.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { addDays } from '../../../platform/clock.ts';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { Field, FormProblem, fieldId, REQUIRED, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatRupiah } from '../../format.ts';
import type { Bilingual } from '../../i18n.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { Difference, NoteStatusBadge, noteHref, OrderStatusBadge, parseQty, useNum, useToday, useUnits } from './parts.tsx';

type Order = Answer<'/api/operations/orders/{id}'>;
type Line = Order['lines'][number];

const orderPath = (id: string) => `/api/operations/orders/${id}`;

export function OrderPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['operations', 'order', id], queryFn: () => api.get<Order>(orderPath(id)) });
  return (
    <section className="page">
      <BackLink href="/operations/orders" label={t('Pesanan', 'Orders')} />
      {q.isPending ? <Loading /> : q.error ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <OrderView order={q.data} />}
    </section>
  );
}

function OrderView({ order: o }: { order: Order }) {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const [mode, setMode] = useState<'view' | 'part' | 'decline' | 'cancel'>('view');
  const [qty, setQty] = useState<Record<string, number | null>>({});
  const orderer = [o.orderedByName, o.chainName, o.branchName].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        title={t('Pesanan {n}', 'Order {n}', { n: o.number })}
        subtitle={<span translate="no">{me.role === 'umkm' ? orderer : o.umkmName}</span>}
        testId="order-title"
      >
        <OrderStatusBadge status={o.status} />
      </PageHeader>
      <Facts
        rows={[
          [
            t('Dipesan oleh', 'Ordered by'),
            <span key="k56" translate="no">
              {orderer}
            </span>,
          ],
          [
            t('UMKM', 'UMKM'),
            <span key="k57" translate="no">
              {o.umkmName}
            </span>,
          ],
          [
            t('PKS', 'PKS'),
            <Link key="k60" href={`/agreements/${o.agreementId}`} translate="no">
              {o.agreementNumber}
            </Link>,
          ],
          [
            t('Dikirim ke', 'Deliver to'),
            <>
              {tx(label('deliverTo', o.deliverTo))}
              {o.outletName && (
                <>
                  {': '}
                  <span translate="no">{o.outletName}</span>
                </>
              )}
            </>,
          ],
          [t('Dipesan pada', 'Ordered on'), formatDate(o.orderedOn, lang)],
          [
            t('Dibutuhkan paling lambat', 'Wanted by'),
            <span key="k77" data-testid="deliver-by">
              {formatDate(o.deliverBy, lang)}
            </span>,
          ],
          [
            o.totals.confirmed === null ? t('Nilai pesanan', 'Order value') : t('Nilai dikonfirmasi', 'Confirmed value'),
            formatRupiah(o.totals.amount),
          ],
          ...(o.note
            ? ([
                [
                  t('Catatan', 'Note'),
                  <span key="k82" translate="no">
                    {o.note}
                  </span>,
                ],
              ] as [string, React.ReactNode][])
            : []),
          ...(o.declineReason
            ? ([
                [
                  t('Alasan', 'Reason'),
                  <q key="k83" translate="no">
                    {o.declineReason}
                  </q>,
                ],
              ] as [string, React.ReactNode][])
            : []),
        ]}
      />

      <h2>{t('Baris pesanan ({n})', 'Order lines ({n})', { n: num(o.lines.length) })}</h2>
      <ul className="cards" data-testid="order-lines">
        {o.lines.map((l) => (
          <li key={l.id} className="card item" data-testid="order-line">
            <p className="item-title" translate="no">
              {l.productName}
            </p>
            <p className="op-meta" translate="no">
              {l.outletName}
            </p>
            <p className="op-meta">
              {t('Dipesan {n}', 'Ordered {n}', { n: num(l.qtyOrdered) })}
              {l.qtySuggested !== null && <> · {t('saran {n}', 'suggested {n}', { n: num(l.qtySuggested) })}</>}
              {l.qtyConfirmed !== null && <> · {t('dikonfirmasi {n}', 'confirmed {n}', { n: num(l.qtyConfirmed) })}</>}
              {l.qtyShipped > 0 && <> · {t('dikirim {n}', 'shipped {n}', { n: num(l.qtyShipped) })}</>}
              {l.qtyAccepted > 0 && <> · {t('diterima {n}', 'accepted {n}', { n: num(l.qtyAccepted) })}</>}
            </p>
            <p className="op-meta">{t('Harga PKS {p} per unit', 'PKS price {p} a unit', { p: formatRupiah(l.unitPrice) })}</p>
            {mode === 'part' && (
              <QtyInput
                name={`qty-${l.id}`}
                label={t('Jumlah yang dikonfirmasi', 'Quantity confirmed')}
                value={qty[l.id] === undefined ? l.qtyOrdered : (qty[l.id] ?? null)}
                max={l.qtyOrdered}
                onChange={(v) => setQty((s) => ({ ...s, [l.id]: v }))}
              />
            )}
          </li>
        ))}
      </ul>

      {o.can.respond && <Respond order={o} mode={mode} setMode={setMode} qty={qty} />}
      {o.can.cancel && <Cancel order={o} open={mode === 'cancel'} setOpen={(v) => setMode(v ? 'cancel' : 'view')} />}
      {o.can.issueDelivery && <DeliveryForm order={o} />}

      {o.deliveryNotes.length > 0 && (
        <>
          <h2>{t('Surat jalan', 'Delivery notes')}</h2>
          <ul className="cards" data-testid="order-notes">
            {o.deliveryNotes.map((n) => (
              <li key={n.id} className="card item">
                <Link href={noteHref(n.id)} className="item-title" translate="no">
                  {n.number}
                </Link>
                <p className="op-meta">
                  {t('Dikirim {d}', 'Shipped {d}', { d: formatDate(n.shipOn, lang) })} · {unitsOf(n.totals.qty)}
                </p>
                <p>
                  <NoteStatusBadge status={n.status} /> {n.receiptId && <Difference short={n.totals.short} rejected={n.totals.rejected} />}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function QtyInput(props: {
  name: string;
  label: string;
  value: number | null;
  max?: number;
  onChange: (v: number | null) => void;
  error?: Bilingual | null;
}) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      inputMode="numeric"
      autoComplete="off"
      value={props.value === null ? '' : String(props.value)}
      onChange={(v) => {
        const n = parseQty(v);
        props.onChange(n === null ? null : props.max !== undefined ? Math.min(n, props.max) : n);
      }}
      error={props.error}
    />
  );
}

function useOrderMutation(o: Order) {
  const qc = useQueryClient();
  return (data: Order) => {
    qc.setQueryData(['operations', 'order', o.id], data);
    qc.invalidateQueries({ queryKey: ['operations'] });
  };
}

function Respond({
  order: o,
  mode,
  setMode,
  qty,
}: {
  order: Order;
  mode: string;
  setMode: (m: 'view' | 'part' | 'decline') => void;
  qty: Record<string, number | null>;
}) {
  const { t, lang } = useI18n();
  const num = useNum();
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  const done = useOrderMutation(o);
  const respond = useMutation({
    mutationFn: (body: Body<'/api/operations/orders/{id}/respond'>) =>
      api.post<Answer<'/api/operations/orders/{id}/respond', 'post'>>(`${orderPath(o.id)}/respond`, body),
    onSuccess: (data) => {
      setMode('view');
      done(data);
    },
    onError: (e) => errors.fromApi(e, (f) => (f === 'reason' ? 'reason' : null)),
  });
  const confirmFull = () => {
    errors.reset();
    respond.mutate({ decision: 'confirm' });
  };
  const confirmPart = async () => {
    errors.reset();
    const lines = o.lines
      .map((l) => ({ line: l, qty: qty[l.id] === undefined ? l.qtyOrdered : (qty[l.id] ?? 0) }))
      .filter((x) => x.qty < x.line.qtyOrdered);
    if (lines.length === 0) return confirmFull();
    const total = o.lines.reduce((s, l) => s + (qty[l.id] === undefined ? l.qtyOrdered : (qty[l.id] ?? 0)), 0);
    const yes = await confirm({
      title: t('Konfirmasi {c} dari {o} unit?', 'Confirm {c} of {o} units?', { c: num(total), o: num(o.totals.ordered) }),
      body: t(
        '{n} baris dikurangi. {chain} akan menerima jawaban ini dan hanya jumlah yang dikonfirmasi yang dapat dikirim; jawaban tidak dapat diubah.',
        '{n} lines are reduced. {chain} is told, and only the confirmed quantities can be shipped; the answer cannot be changed.',
        { n: num(lines.length), chain: o.chainName },
      ),
      confirmLabel: t('Konfirmasi sebagian', 'Confirm in part'),
    });
    if (yes) respond.mutate({ decision: 'confirm', lines: lines.map((x) => ({ lineId: x.line.id, qty: x.qty })) });
  };
  const decline = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return errors.setClient({ reason: REQUIRED });
    errors.reset();
    const yes = await confirm({
      title: t('Tolak pesanan {n}?', 'Decline order {n}?', { n: o.number }),
      body: t(
        '{chain} akan diberi tahu beserta alasannya, dan pesanan ini tidak dapat dikirim. Jawaban tidak dapat diubah.',
        '{chain} is told, with your reason, and this order cannot be shipped. The answer cannot be changed.',
        { chain: o.chainName },
      ),
      confirmLabel: t('Tolak pesanan', 'Decline the order'),
      danger: true,
    });
    if (yes) respond.mutate({ decision: 'decline', reason: reason.trim() });
  };
  return (
    <section className="card" data-testid="respond">
      <h2>{t('Jawab pesanan', 'Answer the order')}</h2>
      <p className="muted">
        {t('Jawab sebelum berproduksi. Dibutuhkan paling lambat {d}.', 'Answer before you produce. Wanted by {d}.', {
          d: formatDate(o.deliverBy, lang),
        })}
      </p>
      <FormProblem error={errors.general} />
      {mode === 'view' && (
        <div className="actions">
          <button type="button" className="btn btn-primary" disabled={respond.isPending} onClick={confirmFull} data-testid="confirm-full">
            {t('Konfirmasi semua ({n} unit)', 'Confirm all ({n} units)', { n: num(o.totals.ordered) })}
          </button>
          <button type="button" className="btn" onClick={() => setMode('part')} data-testid="confirm-part">
            {t('Konfirmasi sebagian', 'Confirm in part')}
          </button>
          <button type="button" className="btn btn-danger" onClick={() => setMode('decline')} data-testid="decline">
            {t('Tolak', 'Decline')}
          </button>
        </div>
      )}
      {mode === 'part' && (
        <>
          <p>{t('Ubah jumlah per baris di atas, lalu kirim.', 'Change the quantity of each line above, then send.')}</p>
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={respond.isPending} onClick={confirmPart} data-testid="send-part">
              {t('Kirim konfirmasi sebagian', 'Send the partial confirmation')}
            </button>
            <button type="button" className="btn" onClick={() => setMode('view')}>
              {t('Batal', 'Cancel')}
            </button>
          </div>
        </>
      )}
      {mode === 'decline' && (
        <form className="form" noValidate onSubmit={decline} data-testid="decline-form">
          <Field name="reason" label={t('Alasan menolak', 'Reason for declining')} error={errors.err('reason')}>
            <textarea
              id={fieldId('reason')}
              rows={3}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                errors.clear('reason');
              }}
              placeholder={t('mis. bahan baku sedang kosong', 'e.g. raw materials are out of stock')}
            />
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-danger" disabled={respond.isPending} data-testid="send-decline">
              {t('Tolak pesanan', 'Decline the order')}
            </button>
            <button type="button" className="btn" onClick={() => setMode('view')}>
              {t('Batal', 'Cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Cancel({ order: o, open, setOpen }: { order: Order; open: boolean; setOpen: (v: boolean) => void }) {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [reason, setReason] = useState('');
  const done = useOrderMutation(o);
  const cancel = useMutation({
    mutationFn: (body: Body<'/api/operations/orders/{id}/cancel'>) =>
      api.post<Answer<'/api/operations/orders/{id}/cancel', 'post'>>(`${orderPath(o.id)}/cancel`, body),
    onSuccess: (data) => {
      setOpen(false);
      done(data);
    },
    onError: (e) => errors.fromApi(e, (f) => (f === 'reason' ? 'cancelReason' : null)),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return errors.setClient({ cancelReason: REQUIRED });
    errors.reset();
    const yes = await confirm({
      title: t('Batalkan pesanan {n}?', 'Cancel order {n}?', { n: o.number }),
      body: t(
        '{umkm} akan diberi tahu beserta alasannya dan tidak perlu memproduksi pesanan ini.',
        '{umkm} is told, with your reason, and need not produce this order.',
        { umkm: o.umkmName },
      ),
      confirmLabel: t('Batalkan pesanan', 'Cancel the order'),
      danger: true,
    });
    if (yes) cancel.mutate({ reason: reason.trim() });
  };
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} data-testid="cancel-order">
          {t('Batalkan pesanan', 'Cancel the order')}
        </button>
      </div>
    );
  }
  return (
    <form className="form card" noValidate onSubmit={submit} data-testid="cancel-form">
      <FormProblem error={errors.general} />
      <Field name="cancelReason" label={t('Alasan pembatalan', 'Reason for cancelling')} error={errors.err('cancelReason')}>
        <textarea
          id={fieldId('cancelReason')}
          rows={3}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            errors.clear('cancelReason');
          }}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-danger" disabled={cancel.isPending} data-testid="send-cancel">
          {t('Batalkan pesanan', 'Cancel the order')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('Kembali', 'Back')}
        </button>
      </div>
    </form>
  );
}

interface DraftLine {
  qty: number | null;
  batchCode: string;
  producedOn: string;
  /** null: the default from the product's shelf life. */
  expiresOn: string | null;
}

const remainderOf = (l: Line) => Math.max(0, (l.qtyConfirmed ?? 0) - l.qtyShipped);

/** "Buat surat jalan": what is shipped now, per confirmed line not yet shipped in full. */
function DeliveryForm({ order: o }: { order: Order }) {
  const { t, lang } = useI18n();
  const num = useNum();
  const today = useToday();
  const errors = useFormErrors();
  const open = o.lines.filter((l) => remainderOf(l) > 0);
  const [shipOn, setShipOn] = useState(today);
  const [draft, setDraft] = useState<Record<string, DraftLine>>(() =>
    Object.fromEntries(open.map((l) => [l.id, { qty: remainderOf(l), batchCode: '', producedOn: today, expiresOn: null }])),
  );
  const qc = useQueryClient();
  const issue = useMutation({
    mutationFn: (body: Body<'/api/operations/orders/{id}/delivery-notes'>) =>
      api.post<Answer<'/api/operations/orders/{id}/delivery-notes', 'post'>>(`${orderPath(o.id)}/delivery-notes`, body),
    onSuccess: (note) => {
      qc.invalidateQueries({ queryKey: ['operations'] });
      navigate(noteHref(note.id));
    },
  });
  if (open.length === 0) return null;
  const set = (id: string, patch: Partial<DraftLine>) => setDraft((d) => ({ ...d, [id]: { ...(d[id] as DraftLine), ...patch } }));
  const expiryOf = (l: Line, d: DraftLine) => d.expiresOn ?? (d.producedOn ? addDays(d.producedOn, l.shelfLifeDays) : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent = open.filter((l) => (draft[l.id]?.qty ?? 0) > 0);
    const problems: Record<string, Bilingual> = {};
    if (!shipOn) problems.shipOn = REQUIRED;
    if (sent.length === 0) {
      for (const l of open) problems[`${l.id}.qty`] = { id: 'Isi paling sedikit satu baris.', en: 'Fill in at least one line.' };
    }
    for (const l of sent) {
      const d = draft[l.id] as DraftLine;
      if (!d.batchCode.trim()) problems[`${l.id}.batchCode`] = REQUIRED;
      if (!d.producedOn) problems[`${l.id}.producedOn`] = REQUIRED;
    }
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    issue.mutate(
      {
        shipOn,
        lines: sent.map((l) => {
          const d = draft[l.id] as DraftLine;
          return {
            orderLineId: l.id,
            qty: d.qty ?? 0,
            batchCode: d.batchCode.trim(),
            producedOn: d.producedOn,
            expiresOn: expiryOf(l, d) || undefined,
          };
        }),
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => {
            if (f === 'shipOn') return 'shipOn';
            const m = /^lines\.(\d+)\.(\w+)$/.exec(f);
            const line = m ? sent[Number(m[1])] : undefined;
            return line && m ? `${line.id}.${m[2]}` : null;
          }),
      },
    );
  };
  return (
    <section className="card" data-testid="delivery-form">
      <h2>{t('Buat surat jalan', 'Issue a delivery note')}</h2>
      <p className="muted">
        {t(
          'Isi kode batch dan tanggal produksi tiap baris. Tanggal kedaluwarsa diisi dari masa simpan produk; ubah bila berbeda.',
          'Type each line’s batch code and production date. The expiry date comes from the product’s shelf life; change it if it differs.',
        )}
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <FormProblem error={errors.general} />
        <TextField
          name="shipOn"
          type="date"
          label={t('Tanggal kirim', 'Ship date')}
          value={shipOn}
          onChange={(v) => {
            setShipOn(v);
            errors.clear('shipOn');
          }}
          error={errors.err('shipOn')}
          hint={shipOn ? formatDate(shipOn, lang) : undefined}
        />
        {open.map((l) => {
          const d = draft[l.id] as DraftLine;
          const expiry = expiryOf(l, d);
          return (
            <fieldset key={l.id} className="card" data-testid="delivery-line">
              <legend translate="no">{l.productName}</legend>
              <p className="op-meta">
                <span translate="no">{l.outletName}</span> ·{' '}
                {t('sisa dikonfirmasi {n}', 'confirmed remainder {n}', { n: num(remainderOf(l)) })}
              </p>
              <QtyInput
                name={`${l.id}.qty`}
                label={t('Jumlah dikirim', 'Quantity shipped')}
                value={d.qty}
                max={remainderOf(l)}
                onChange={(v) => {
                  set(l.id, { qty: v });
                  errors.clear(`${l.id}.qty`);
                }}
                error={errors.err(`${l.id}.qty`)}
              />
              <TextField
                name={`${l.id}.batchCode`}
                label={t('Kode batch', 'Batch code')}
                value={d.batchCode}
                autoComplete="off"
                autoCapitalize="characters"
                onChange={(v) => {
                  set(l.id, { batchCode: v });
                  errors.clear(`${l.id}.batchCode`);
                }}
                error={errors.err(`${l.id}.batchCode`)}
                placeholder={t('mis. TRS-0112', 'e.g. TRS-0112')}
              />
              <TextField
                name={`${l.id}.producedOn`}
                type="date"
                label={t('Tanggal produksi', 'Production date')}
                value={d.producedOn}
                onChange={(v) => {
                  set(l.id, { producedOn: v });
                  errors.clear(`${l.id}.producedOn`);
                }}
                error={errors.err(`${l.id}.producedOn`)}
                hint={d.producedOn ? formatDate(d.producedOn, lang) : undefined}
              />
              <TextField
                name={`${l.id}.expiresOn`}
                type="date"
                label={t('Tanggal kedaluwarsa', 'Expiry date')}
                value={expiry}
                onChange={(v) => {
                  set(l.id, { expiresOn: v || null });
                  errors.clear(`${l.id}.expiresOn`);
                }}
                error={errors.err(`${l.id}.expiresOn`)}
                hint={
                  expiry
                    ? d.expiresOn === null
                      ? t('{d} — dari masa simpan {n} hari', '{d} — from the shelf life of {n} days', {
                          d: formatDate(expiry, lang),
                          n: num(l.shelfLifeDays),
                        })
                      : formatDate(expiry, lang)
                    : undefined
                }
              />
            </fieldset>
          );
        })}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={issue.isPending} data-testid="issue-note">
            {issue.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Terbitkan surat jalan', 'Issue the delivery note')}
          </button>
        </div>
      </form>
    </section>
  );
}
