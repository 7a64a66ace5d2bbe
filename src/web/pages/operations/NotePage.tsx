// One delivery note (surat jalan): its number and PDF to print or show on the phone, the lines with batch
// and dates, and — once the outlet or DC has recorded it — the goods receipt (BPB) with every difference
// (short, rejected and why) highlighted. The chain records the receipt here: per line accepted and
// rejected with a reason; the shortfall is computed and shown as it is typed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { label, options } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { Field, FormProblem, fieldId, REQUIRED, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, Badge, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import type { Bilingual } from '../../i18n.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { Difference, NoteStatusBadge, orderHref, parseQty, useNum, useToday, useUnits } from './parts.tsx';

type Note = Answer<'/api/operations/delivery-notes/{id}'>;
type Line = Note['lines'][number];
type RejectReason = NonNullable<Line['rejectReason']>;

export function NotePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const me = useUser();
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['operations', 'note', id],
    queryFn: () => api.get<Note>(`/api/operations/delivery-notes/${id}`),
  });
  return (
    <section className="page">
      <BackLink
        href={me.role === 'umkm' && q.data ? orderHref(q.data.orderId) : '/operations/delivery-notes'}
        label={
          me.role === 'umkm'
            ? t('Pesanan', 'Order')
            : me.role === 'retailer'
              ? t('Penerimaan barang', 'Receiving')
              : t('Surat jalan', 'Delivery notes')
        }
      />
      {q.isPending ? <Loading /> : q.error ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <NoteView note={q.data} />}
    </section>
  );
}

function NoteView({ note: n }: { note: Note }) {
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const r = n.receipt;
  return (
    <>
      <PageHeader title={t('Surat jalan {n}', 'Delivery note {n}', { n: n.number })} testId="note-title">
        <NoteStatusBadge status={n.status} />
      </PageHeader>
      <p className="actions">
        <a
          className="btn btn-primary"
          href={`/api/operations/delivery-notes/${n.id}/pdf`}
          target="_blank"
          rel="noopener"
          data-testid="note-pdf"
        >
          {t('Unduh PDF / cetak', 'Download PDF / print')}
        </a>
      </p>
      <Facts
        rows={[
          [
            t('Nomor', 'Number'),
            <span key="k73" translate="no" data-testid="note-number">
              {n.number}
            </span>,
          ],
          [
            t('Pesanan', 'Order'),
            <Link key="k79" href={orderHref(n.orderId)} translate="no">
              {n.orderNumber}
            </Link>,
          ],
          [
            t('UMKM', 'UMKM'),
            <span key="k83" translate="no">
              {n.umkmName}
            </span>,
          ],
          [
            t('Tujuan', 'Destination'),
            <>
              <span translate="no">{n.chainName}</span> · <span translate="no">{n.destinationName}</span> ·{' '}
              {tx(label('deliverTo', n.deliverTo))}
            </>,
          ],
          [t('Tanggal kirim', 'Ship date'), formatDate(n.shipOn, lang)],
          [t('Jumlah', 'Quantity'), unitsOf(n.totals.qty)],
        ]}
      />

      {r && (
        <section className={r.totals.short || r.totals.rejected ? 'card diff' : 'card'} data-testid="receipt">
          <h2>{t('Penerimaan barang (BPB) {n}', 'Goods receipt {n}', { n: r.number })}</h2>
          <p>
            {t('Diterima {d}', 'Received {d}', { d: formatDate(r.receivedOn, lang) })} ·{' '}
            {t('{a} dari {d} unit diterima', '{a} of {d} units accepted', { a: num(r.totals.accepted), d: num(r.totals.delivered) })}
          </p>
          <p>
            <Difference short={r.totals.short} rejected={r.totals.rejected} testId="receipt-difference" />
          </p>
          {r.note && (
            <p>
              {t('Catatan', 'Note')}: <q translate="no">{r.note}</q>
            </p>
          )}
        </section>
      )}

      <h2>{t('Baris ({n})', 'Lines ({n})', { n: num(n.lines.length) })}</h2>
      <ul className="cards" data-testid="note-lines">
        {n.lines.map((l) => (
          <li key={l.id} className={`card item${l.short || l.rejected ? ' diff' : ''}`} data-testid="note-line">
            <p className="item-title" translate="no">
              {l.productName}
            </p>
            <p className="op-meta" translate="no">
              {l.outletName}
            </p>
            <p className="op-meta">
              {t('Batch', 'Batch')} <span translate="no">{l.batchCode}</span> ·{' '}
              {t('produksi {d}', 'made {d}', { d: formatDate(l.producedOn, lang) })} ·{' '}
              {t('kedaluwarsa {d}', 'expires {d}', { d: formatDate(l.expiresOn, lang) })}
            </p>
            <p className="op-meta">
              {t('Dikirim {n}', 'Shipped {n}', { n: num(l.qty) })}
              {l.accepted !== null && <> · {t('diterima {n}', 'accepted {n}', { n: num(l.accepted) })}</>}
            </p>
            {l.accepted !== null && (
              <p>
                <Difference short={l.short} rejected={l.rejected} reason={l.rejectReason} testId="line-difference" />
              </p>
            )}
          </li>
        ))}
      </ul>

      {n.can.receive && <ReceiptForm note={n} />}
    </>
  );
}

interface Draft {
  accepted: number | null;
  rejected: number | null;
  reason: RejectReason | '';
}

function ReceiptForm({ note: n }: { note: Note }) {
  const { t, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const today = useToday();
  const errors = useFormErrors();
  const qc = useQueryClient();
  const [receivedOn, setReceivedOn] = useState(today);
  const [note, setNote] = useState('');
  const [draft, setDraft] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(n.lines.map((l) => [l.id, { accepted: l.qty, rejected: 0, reason: '' }])),
  );
  const save = useMutation({
    mutationFn: (body: Body<'/api/operations/delivery-notes/{id}/receipt'>) =>
      api.post<Answer<'/api/operations/delivery-notes/{id}/receipt', 'post'>>(`/api/operations/delivery-notes/${n.id}/receipt`, body),
    onSuccess: (data) => {
      qc.setQueryData(['operations', 'note', n.id], data);
      qc.invalidateQueries({ queryKey: ['operations'] });
      window.scrollTo(0, 0);
    },
  });
  const set = (id: string, patch: Partial<Draft>) => setDraft((d) => ({ ...d, [id]: { ...(d[id] as Draft), ...patch } }));
  const shortOf = (l: Line) => {
    const d = draft[l.id] as Draft;
    return l.qty - (d.accepted ?? 0) - (d.rejected ?? 0);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, Bilingual> = {};
    for (const l of n.lines) {
      const d = draft[l.id] as Draft;
      if (d.accepted === null) problems[`${l.id}.accepted`] = REQUIRED;
      if ((d.rejected ?? 0) > 0 && !d.reason) problems[`${l.id}.rejectReason`] = REQUIRED;
      if (shortOf(l) < 0) {
        problems[`${l.id}.accepted`] = {
          id: `Diterima dan ditolak melebihi yang dikirim (${l.qty}).`,
          en: `Accepted and rejected exceed what was shipped (${l.qty}).`,
        };
      }
    }
    if (!receivedOn) problems.receivedOn = REQUIRED;
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    const short = n.lines.reduce((s, l) => s + shortOf(l), 0);
    const rejected = n.lines.reduce((s, l) => s + ((draft[l.id] as Draft).rejected ?? 0), 0);
    if (short + rejected > 0) {
      const yes = await confirm({
        title: t('Catat penerimaan dengan selisih {u}?', 'Record the receipt with a difference of {u}?', {
          u: unitsOf(short + rejected),
        }),
        body: t(
          '{s} unit kurang dan {r} unit ditolak. {umkm} langsung melihat selisih ini; penerimaan tidak dapat diubah.',
          '{s} units short and {r} rejected. {umkm} sees this difference at once; the receipt cannot be changed.',
          { s: num(short), r: num(rejected), umkm: n.umkmName },
        ),
        confirmLabel: t('Catat penerimaan', 'Record the receipt'),
      });
      if (!yes) return;
    }
    save.mutate(
      {
        receivedOn,
        note: note.trim() || undefined,
        lines: n.lines.map((l) => {
          const d = draft[l.id] as Draft;
          return {
            deliveryLineId: l.id,
            accepted: d.accepted ?? 0,
            rejected: d.rejected || undefined,
            rejectReason: (d.rejected ?? 0) > 0 && d.reason ? d.reason : undefined,
          };
        }),
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => {
            if (f === 'receivedOn' || f === 'note') return f;
            const m = /^lines\.(\d+)\.(\w+)$/.exec(f);
            const line = m ? n.lines[Number(m[1])] : undefined;
            return line && m ? `${line.id}.${m[2] === 'deliveryLineId' ? 'accepted' : m[2]}` : null;
          }),
      },
    );
  };
  return (
    <section className="card" data-testid="receipt-form">
      <h2>{t('Catat penerimaan barang (BPB)', 'Record the goods receipt')}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <FormProblem error={errors.general} />
        <TextField
          name="receivedOn"
          type="date"
          label={t('Tanggal terima', 'Received on')}
          value={receivedOn}
          onChange={(v) => {
            setReceivedOn(v);
            errors.clear('receivedOn');
          }}
          error={errors.err('receivedOn')}
          hint={receivedOn ? formatDate(receivedOn, lang) : undefined}
        />
        {n.lines.map((l) => {
          const d = draft[l.id] as Draft;
          const short = shortOf(l);
          return (
            <fieldset key={l.id} className="card" data-testid="receipt-line">
              <legend translate="no">{l.productName}</legend>
              <p className="op-meta">
                <span translate="no">{l.outletName}</span> · {t('Batch', 'Batch')} <span translate="no">{l.batchCode}</span> ·{' '}
                {t('dikirim {n}', 'shipped {n}', { n: num(l.qty) })}
              </p>
              <TextField
                name={`${l.id}.accepted`}
                label={t('Diterima', 'Accepted')}
                inputMode="numeric"
                autoComplete="off"
                value={d.accepted === null ? '' : String(d.accepted)}
                onChange={(v) => {
                  set(l.id, { accepted: parseQty(v) });
                  errors.clear(`${l.id}.accepted`);
                }}
                error={errors.err(`${l.id}.accepted`)}
              />
              <TextField
                name={`${l.id}.rejected`}
                label={t('Ditolak', 'Rejected')}
                inputMode="numeric"
                autoComplete="off"
                value={d.rejected === null ? '' : String(d.rejected)}
                onChange={(v) => {
                  set(l.id, { rejected: parseQty(v) });
                  errors.clear(`${l.id}.rejected`);
                }}
                error={errors.err(`${l.id}.rejected`)}
              />
              {(d.rejected ?? 0) > 0 && (
                <SelectField
                  name={`${l.id}.rejectReason`}
                  label={t('Alasan ditolak', 'Why rejected')}
                  value={d.reason}
                  onChange={(v) => {
                    set(l.id, { reason: v });
                    errors.clear(`${l.id}.rejectReason`);
                  }}
                  placeholder={t('— Pilih —', '— Choose —')}
                  options={options('rejectReason', lang) as [RejectReason, string][]}
                  error={errors.err(`${l.id}.rejectReason`)}
                />
              )}
              <p data-testid="receipt-line-short">
                {short > 0 ? (
                  <Badge tone="bad">{t('Kurang {n}', 'Short {n}', { n: num(short) })}</Badge>
                ) : short === 0 ? (
                  <Badge tone="ok">{t('Tidak ada kekurangan', 'Nothing short')}</Badge>
                ) : (
                  <Badge tone="bad">{t('Melebihi yang dikirim', 'More than shipped')}</Badge>
                )}
              </p>
            </fieldset>
          );
        })}
        <Field name="note" label={t('Catatan (tidak wajib)', 'Note (optional)')} error={errors.err('note')}>
          <textarea id={fieldId('note')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="record-receipt">
            {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Catat penerimaan', 'Record the receipt')}
          </button>
        </div>
      </form>
    </section>
  );
}
