// A new order from the suggestions (the chain): pick the UMKM (those with a PKS with this chain), where the
// goods go (one outlet, or the distribution centre for several) and by when; the suggested quantity per
// outlet × product comes with its reasons in words and can be changed; then the order is sent to the maker.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { addDays } from '../../../platform/clock.ts';
import { options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { Field, FormProblem, fieldId, REQUIRED, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatRupiah } from '../../format.ts';
import type { Bilingual } from '../../i18n.tsx';
import { useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { orderHref, parseQty, useNum, useToday, useUnits } from './parts.tsx';

type Suggestions = Answer<'/api/operations/suggestions'>;
type SLine = Suggestions['lines'][number];
type DeliverTo = Body<'/api/operations/orders'>['deliverTo'];

const keyOf = (l: { outletId: string; productId: string }) => `${l.outletId}|${l.productId}`;

export function NewOrderPage() {
  const unitsOf = useUnits();
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const today = useToday();
  const errors = useFormErrors();
  const qc = useQueryClient();
  const me = useUser();
  const store = me.role === 'retailer' ? me.outlet : null;
  const [umkmId, setUmkmId] = useState('');
  const [deliverTo, setDeliverTo] = useState<DeliverTo>('outlet');
  const [outletId, setOutletId] = useState(store?.id ?? '');
  const [deliverBy, setDeliverBy] = useState(addDays(today, 2));
  const [note, setNote] = useState('');
  const [qty, setQty] = useState<Record<string, number | null>>({});

  // UMKM this chain holds a PKS with (the first 100; the PKS list is the chain's own).
  const pks = useQuery({
    queryKey: ['agreements', 'pks-umkm'],
    queryFn: () => api.get<Answer<'/api/agreements'>>(`/api/agreements${qs({ kind: 'pks', limit: 100 })}`),
  });
  const umkm = new Map<string, string>();
  for (const a of pks.data?.items ?? []) if (a.umkm) umkm.set(a.umkm.id, a.umkm.name);
  // Every outlet of the chain where this UMKM's products are placed under a PKS in force, in one call: the
  // outlet choice is among those, and a DC order takes them all.
  const sparams = { umkmId, deliverBy: deliverBy || undefined };
  const sug = useQuery({
    queryKey: ['operations', 'suggestions', sparams],
    queryFn: () => api.get<Suggestions>(`/api/operations/suggestions${qs(sparams)}`),
    enabled: Boolean(umkmId),
  });
  const outletChoices = [...new Map((sug.data?.lines ?? []).map((l) => [l.outletId, l.outletName])).entries()];
  const ready = Boolean(umkmId) && (deliverTo === 'distribution_centre' || Boolean(outletId));
  const lines = (sug.data?.lines ?? []).filter((l) => deliverTo === 'distribution_centre' || l.outletId === outletId);
  const qtyOf = (l: SLine) => (qty[keyOf(l)] === undefined ? l.suggested : (qty[keyOf(l)] ?? 0));
  const save = useMutation({
    mutationFn: (body: Body<'/api/operations/orders'>) =>
      api.post<Answer<'/api/operations/orders', 'post'>>('/api/operations/orders', body),
    onSuccess: (o) => {
      qc.invalidateQueries({ queryKey: ['operations'] });
      navigate(orderHref(o.id));
    },
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = lines.filter((l) => qtyOf(l) > 0);
    const problems: Record<string, Bilingual> = {};
    if (!umkmId) problems.umkmId = REQUIRED;
    if (deliverTo === 'outlet' && !outletId) problems.outletId = REQUIRED;
    if (!deliverBy) problems.deliverBy = REQUIRED;
    if (ready && chosen.length === 0) problems.lines = { id: 'Isi jumlah paling sedikit satu baris.', en: 'Fill in at least one line.' };
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    const units = chosen.reduce((s, l) => s + qtyOf(l), 0);
    const amount = chosen.reduce((s, l) => s + qtyOf(l) * l.unitPrice, 0);
    const yes = await confirm({
      title: t('Kirim pesanan {u}?', 'Send an order of {u}?', { u: unitsOf(units) }),
      body: t(
        '{u} menerima pesanan {l} baris senilai {a} dan menjawabnya sebelum berproduksi.',
        '{u} receives the order of {l} lines worth {a} and answers it before producing.',
        { u: umkm.get(umkmId) ?? '', l: num(chosen.length), a: formatRupiah(amount) },
      ),
      confirmLabel: t('Kirim pesanan', 'Send the order'),
    });
    if (!yes) return;
    save.mutate(
      {
        umkmId,
        deliverTo,
        outletId: deliverTo === 'outlet' ? outletId : undefined,
        deliverBy,
        note: note.trim() || undefined,
        lines: chosen.map((l) => ({ outletId: l.outletId, productId: l.productId, qty: qtyOf(l), qtySuggested: l.suggested })),
      },
      {
        onError: (err) =>
          errors.fromApi(err, (f) => {
            if (['umkmId', 'outletId', 'deliverBy', 'note', 'deliverTo'].includes(f)) return f;
            const m = /^lines\.(\d+)\./.exec(f);
            const l = m ? chosen[Number(m[1])] : undefined;
            return l ? keyOf(l) : null;
          }),
      },
    );
  };
  return (
    <section className="page narrow">
      <BackLink href="/operations/orders" label={t('Pesanan', 'Orders')} />
      <PageHeader title={t('Pesanan baru', 'New order')} testId="new-order-title" />
      <form className="form" noValidate onSubmit={submit} data-testid="order-form">
        <FormProblem error={errors.general} />
        {pks.error && <Problem error={pks.error} onRetry={() => pks.refetch()} />}
        <SelectField
          name="umkmId"
          label={t('UMKM', 'UMKM')}
          value={umkmId}
          onChange={(v) => {
            setUmkmId(v);
            setQty({});
            errors.clear('umkmId');
          }}
          placeholder={pks.isPending ? t('Memuat…', 'Loading…') : t('— Pilih UMKM —', '— Choose a UMKM —')}
          options={[...umkm.entries()].sort((a, b) => a[1].localeCompare(b[1]))}
          error={errors.err('umkmId')}
          hint={t('UMKM yang memiliki PKS dengan jaringan Anda.', 'UMKM holding a PKS with your chain.')}
        />
        <SelectField
          name="deliverTo"
          label={t('Dikirim ke', 'Deliver to')}
          value={deliverTo}
          onChange={(v) => {
            setDeliverTo(v);
            setQty({});
          }}
          // outlet staff order for their own store (a distribution centre's orders are the branch's)
          options={(options('deliverTo', lang) as [DeliverTo, string][]).filter(([v]) => !store || v === 'outlet')}
        />
        {deliverTo === 'outlet' && (
          <SelectField
            name="outletId"
            label={t('Gerai', 'Outlet')}
            value={outletId}
            onChange={(v) => {
              setOutletId(v);
              setQty({});
              errors.clear('outletId');
            }}
            placeholder={t('— Pilih gerai —', '— Choose an outlet —')}
            options={outletChoices}
            error={errors.err('outletId')}
            hint={
              umkmId && sug.data && outletChoices.length === 0
                ? t('Produk UMKM ini belum dipajang di gerai Anda.', 'This UMKM’s products are not placed in your outlets yet.')
                : t('Gerai tempat produk UMKM ini dipajang.', 'Outlets where this UMKM’s products are placed.')
            }
          />
        )}
        <TextField
          name="deliverBy"
          type="date"
          label={t('Dibutuhkan paling lambat', 'Wanted by')}
          value={deliverBy}
          onChange={(v) => {
            setDeliverBy(v);
            errors.clear('deliverBy');
          }}
          error={errors.err('deliverBy')}
          hint={deliverBy ? formatDate(deliverBy, lang) : undefined}
        />
        <div data-field="lines">
          <h2>{t('Saran pesanan', 'Suggested order')}</h2>
          {!ready ? (
            <p className="empty">
              {t('Pilih UMKM dan tujuan untuk melihat saran.', 'Choose the UMKM and destination to see suggestions.')}
            </p>
          ) : sug.isPending ? (
            <Loading />
          ) : sug.error ? (
            <Problem error={sug.error} onRetry={() => sug.refetch()} />
          ) : lines.length === 0 ? (
            <p className="empty">
              {t(
                'Tidak ada produk UMKM ini yang dipajang di gerai tersebut dan tercakup PKS yang berlaku.',
                'No product of this UMKM is placed there under a PKS in force.',
              )}
            </p>
          ) : (
            <>
              <p className="muted">
                {t(
                  'Kapasitas mingguan UMKM {w} unit; sudah dikonfirmasi {c}; sisa {l}.',
                  'The UMKM’s weekly capacity is {w} units; {c} already confirmed; {l} left.',
                  { w: num(sug.data.capacity.weekly), c: num(sug.data.capacity.confirmed), l: num(sug.data.capacity.left) },
                )}
              </p>
              {lines.map((l) => (
                <fieldset key={keyOf(l)} className="card" data-testid="suggestion">
                  <legend translate="no">{l.productName}</legend>
                  <p className="op-meta">
                    <span translate="no">{l.outletName}</span> · {formatRupiah(l.unitPrice)} {t('per unit', 'a unit')}
                  </p>
                  <p className="op-meta">
                    {t(
                      'Laju {v} unit/hari · stok {s} · belum diterima {o} · saran {n}',
                      'Rate {v} units/day · stock {s} · open {o} · suggested {n}',
                      {
                        v: num(Math.round(l.velocity * 10) / 10),
                        s: num(l.onHand),
                        o: num(l.open),
                        n: num(l.suggested),
                      },
                    )}
                  </p>
                  <ul className="plain-list small">
                    {l.reasons.map((r) => (
                      <li key={r.code}>{tx(r.label)}</li>
                    ))}
                  </ul>
                  <TextField
                    name={keyOf(l)}
                    label={t('Jumlah dipesan', 'Quantity ordered')}
                    inputMode="numeric"
                    autoComplete="off"
                    value={String(qtyOf(l))}
                    onChange={(v) => {
                      setQty((q) => ({ ...q, [keyOf(l)]: parseQty(v) }));
                      errors.clear(keyOf(l));
                      errors.clear('lines');
                    }}
                    error={errors.err(keyOf(l))}
                  />
                </fieldset>
              ))}
            </>
          )}
          {errors.err('lines') && (
            <p className="field-error" role="alert">
              {tx(errors.err('lines') as Bilingual)}
            </p>
          )}
        </div>
        <Field name="note" label={t('Catatan untuk UMKM (tidak wajib)', 'Note to the UMKM (optional)')} error={errors.err('note')}>
          <textarea id={fieldId('note')} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="send-order">
            {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Kirim pesanan', 'Send the order')}
          </button>
        </div>
      </form>
    </section>
  );
}
