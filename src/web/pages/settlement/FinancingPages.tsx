// Early payment (C8). A UMKM offers an accepted statement to banks she chooses (from the statement page),
// reads their offers here and accepts one; a bank reads what is offered to it with the evidence behind it —
// the statement's lines, the POS sell-out per day and the goods receipts — and makes its offer.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { FormProblem, RupiahField, TextField, useFormErrors } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { BackLink, Badge, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatBasisPoints, formatDate, formatPeriod, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { useUnits } from '../operations/parts.tsx';

type Request = Answer<'/api/settlement/financing/{id}'>;
type RequestItem = Item<'/api/settlement/financing'>;

export const financingHref = (id: string) => `/settlement/financing/${id}`;

function StatusBadge({ status }: { status: RequestItem['status'] }) {
  const { t } = useI18n();
  if (status === 'financed') return <Badge tone="ok">{t('Sudah dibiayai', 'Financed')}</Badge>;
  if (status === 'withdrawn') return <Badge>{t('Ditarik', 'Withdrawn')}</Badge>;
  return <Badge tone="warn">{t('Menunggu penawaran', 'Awaiting offers')}</Badge>;
}

export function FinancingListPage() {
  const me = useUser();
  const { t, lang } = useI18n();
  const lp = useListParams();
  const list = useQuery({
    queryKey: ['settlement', 'financing', lp.offset],
    queryFn: () => api.get<Answer<'/api/settlement/financing'>>(`/api/settlement/financing?limit=${lp.limit}&offset=${lp.offset}`),
  });
  return (
    <section className="page">
      <PageHeader
        title={t('Pembayaran dini', 'Early payment')}
        testId="financing-title"
        subtitle={
          me.role === 'bank'
            ? t('Rekap tagihan yang diajukan UMKM kepada bank Anda.', 'Statements UMKM have offered to your bank.')
            : t('Rekap yang Anda ajukan ke bank untuk dibayar lebih awal.', 'Statements you offered to banks for early payment.')
        }
      />
      <ListBody
        query={list}
        empty={t('Belum ada pengajuan.', 'No requests yet.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="financing-list"
        render={(r: RequestItem) => (
          <li key={r.id} className="card item" data-testid="financing-request">
            <Link href={financingHref(r.id)} className="item-title" translate="no">
              {r.statementNumber}
            </Link>
            <p className="op-meta">
              <span translate="no">
                {r.umkmName} · {r.chainName}
              </span>{' '}
              · {formatPeriod(r.periodStart, r.periodEnd, lang)}
            </p>
            <p className="op-meta">
              <strong>{formatRupiah(r.net)}</strong> ·{' '}
              {r.offers === 0
                ? t('belum ada penawaran', 'no offer yet')
                : t('{n} penawaran, tertinggi {a}', '{n} offers, best {a}', { n: r.offers, a: formatRupiah(r.bestAdvance ?? 0) })}
            </p>
            <p>
              <StatusBadge status={r.status} />
            </p>
          </li>
        )}
      />
    </section>
  );
}

export function FinancingPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['settlement', 'financing', 'one', id],
    queryFn: () => api.get<Request>(`/api/settlement/financing/${id}`),
  });
  return (
    <section className="page">
      <BackLink href="/settlement/financing" label={t('Pembayaran dini', 'Early payment')} />
      {q.isPending ? <Loading /> : q.error ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <RequestView r={q.data} />}
    </section>
  );
}

function RequestView({ r }: { r: Request }) {
  const { t, tx, lang } = useI18n();
  const unitsOf = useUnits();
  const qc = useQueryClient();
  const s = r.statement;
  const accept = useMutation({
    mutationFn: (offerId: string) => api.post<Request>(`/api/settlement/financing/offers/${offerId}/accept`, {}),
    onSuccess: (d) => {
      qc.setQueryData(['settlement', 'financing', 'one', r.id], d);
      qc.invalidateQueries({ queryKey: ['settlement'] });
    },
  });
  const take = async (o: Request['offers'][number]) => {
    if (
      await confirm({
        title: t('Terima penawaran {b}?', 'Accept the offer of {b}?', { b: o.bankName }),
        body: t(
          'Anda menerima {a} sekarang. {c} akan membayar {f} kepada {b}, bukan kepada Anda. Penawaran lain ditolak; ini tidak dapat dibatalkan.',
          'You receive {a} now. {c} will pay {f} to {b}, not to you. The other offers are declined; this cannot be undone.',
          { a: formatRupiah(o.advance), c: s.chainName, f: formatRupiah(o.face), b: o.bankName },
        ),
        confirmLabel: t('Terima', 'Accept'),
      })
    )
      accept.mutate(o.id);
  };
  return (
    <>
      <PageHeader title={t('Pengajuan {n}', 'Request {n}', { n: s.number })} testId="financing-request-title">
        <StatusBadge status={r.status} />
      </PageHeader>
      <Facts
        rows={[
          [
            'UMKM',
            <span key="u" translate="no">
              {s.umkmName}
            </span>,
          ],
          [
            t('Jaringan ritel (pembayar)', 'Chain (payer)'),
            <span key="c" translate="no">
              {s.chainName}
            </span>,
          ],
          [t('Periode', 'Period'), formatPeriod(s.periodStart, s.periodEnd, lang)],
          [t('Nilai tagihan', 'Amount of the bill'), <strong key="n">{formatRupiah(s.outstanding)}</strong>],
          [t('Status rekap', 'Statement status'), tx(s.statusLabel)],
          [t('Jatuh tempo', 'Due'), s.dueOn ? formatDate(s.dueOn, lang) : t('setelah faktur dikirim', 'once the invoice is sent')],
          [t('Diajukan kepada', 'Offered to'), r.banks.map((b) => b.name).join(', ')],
        ]}
      />
      <h2>{t('Penawaran', 'Offers')}</h2>
      {r.offers.length === 0 && <p className="muted">{t('Belum ada penawaran.', 'No offer yet.')}</p>}
      <ul className="cards">
        {r.offers.map((o) => (
          <li key={o.id} className="card" data-testid="offer">
            <p className="item-title" translate="no">
              {o.bankName}
            </p>
            <p>
              {t('Diterima sekarang:', 'Received now:')} <strong data-testid="offer-advance">{formatRupiah(o.advance)}</strong>
            </p>
            <p className="op-meta">
              {t('Bunga {r} setahun selama {d} hari, biaya {f}: potongan {x}', 'Interest {r} a year for {d} days, fee {f}: discount {x}', {
                r: formatBasisPoints(o.rateBp, lang),
                d: o.tenorDays,
                f: formatRupiah(o.fee),
                x: formatRupiah(o.discount),
              })}
            </p>
            <p>
              {o.status === 'accepted' ? (
                <Badge tone="ok">{t('Diterima', 'Accepted')}</Badge>
              ) : o.status === 'declined' ? (
                <Badge>{t('Tidak dipilih', 'Not chosen')}</Badge>
              ) : (
                <Badge tone="warn">{t('Menunggu keputusan UMKM', 'Awaiting the UMKM')}</Badge>
              )}
            </p>
            {o.can.accept && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => take(o)}
                disabled={accept.isPending}
                data-testid="accept-offer"
              >
                {t('Terima penawaran ini', 'Accept this offer')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {accept.error && <Problem error={accept.error} />}
      {r.can.offer && <OfferForm r={r} />}
      {r.evidence && (
        <>
          <h2>{t('Bukti', 'Evidence')}</h2>
          <p className="muted">
            {t(
              'Rincian rekap dan data di baliknya: penjualan kasir (POS) per hari dan penerimaan barang di gerai.',
              'The statement’s lines and the facts behind them: POS sales per day and goods received at the outlets.',
            )}
          </p>
          <details>
            <summary>{t('Rincian rekap ({n} baris)', 'Statement lines ({n})', { n: s.lines.length })}</summary>
            <ul className="plain" data-testid="evidence-lines">
              {s.lines.map((l) => (
                <li key={l.lineNo}>
                  <span translate="no">{l.outletName ?? ''}</span> ·{' '}
                  {l.productName ? <span translate="no">{l.productName}</span> : tx(l.kindLabel)} ·{' '}
                  {l.kind === 'fee' ? l.feeName : unitsOf(l.qty)} — {formatRupiah(l.amount)}
                </li>
              ))}
            </ul>
          </details>
          <details>
            <summary data-testid="evidence-sellout-summary">
              {t('Penjualan kasir per hari ({n} baris)', 'POS sales per day ({n} rows)', { n: r.evidence.sellOut.length })}
            </summary>
            <ul className="plain" data-testid="evidence-sellout">
              {r.evidence.sellOut.slice(0, 200).map((x) => (
                <li key={`${x.day}|${x.storeCode}|${x.product}`}>
                  {formatDate(x.day, lang)} · <span translate="no">{x.outlet}</span> · <span translate="no">{x.product}</span> ·{' '}
                  {unitsOf(x.qty)}
                </li>
              ))}
            </ul>
            {r.evidence.sellOut.length > 200 && (
              <p className="muted">{t('… dan {n} baris lagi.', '… and {n} more rows.', { n: r.evidence.sellOut.length - 200 })}</p>
            )}
            <h3>{t('Penerimaan barang', 'Goods receipts')}</h3>
            <ul className="plain">
              {r.evidence.receipts.map((x) => (
                <li key={`${x.number}|${x.product}`}>
                  <span translate="no">{x.number}</span> · {formatDate(x.receivedOn, lang)} · <span translate="no">{x.outlet}</span> ·{' '}
                  {unitsOf(x.accepted)}
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </>
  );
}

function OfferForm({ r }: { r: Request }) {
  const { t } = useI18n();
  const f = useFormErrors();
  const qc = useQueryClient();
  const [rate, setRate] = useState('12');
  const [tenor, setTenor] = useState('14');
  const [fee, setFee] = useState<number | null>(0);
  const send = useMutation({
    mutationFn: () =>
      api.post<Request>(`/api/settlement/financing/${r.id}/offers`, {
        rateBp: Math.round(Number(rate.replace(',', '.')) * 100),
        tenorDays: Number(tenor),
        fee: fee ?? 0,
      }),
    onSuccess: (d) => {
      qc.setQueryData(['settlement', 'financing', 'one', r.id], d);
      qc.invalidateQueries({ queryKey: ['settlement'] });
    },
    onError: (e) =>
      f.fromApi(e, (field) => (field === 'rateBp' ? 'rate' : field === 'tenorDays' ? 'tenor' : field === 'fee' ? 'fee' : null)),
  });
  return (
    <form
      className="card form"
      data-testid="offer-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Beri penawaran', 'Make an offer')}</h2>
      <FormProblem error={f.general} />
      <TextField
        name="rate"
        label={t('Bunga per tahun (%)', 'Yearly rate (%)')}
        inputMode="decimal"
        value={rate}
        onChange={setRate}
        error={f.err('rate')}
      />
      <TextField
        name="tenor"
        label={t('Jangka waktu (hari)', 'Tenor (days)')}
        inputMode="numeric"
        value={tenor}
        onChange={setTenor}
        error={f.err('tenor')}
      />
      <RupiahField name="fee" label={t('Biaya', 'Fee')} value={fee} onChange={setFee} error={f.err('fee')} />
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="send-offer">
        {t('Kirim penawaran', 'Send the offer')}
      </button>
    </form>
  );
}

/** On a statement she accepted and nothing is paid on: offer it to banks she picks. */
export function FinancingAsk({ statementId }: { statementId: string }) {
  const { t } = useI18n();
  const f = useFormErrors();
  const qc = useQueryClient();
  const banks = useQuery({
    queryKey: ['settlement', 'banks'],
    queryFn: () => api.get<Answer<'/api/settlement/banks'>>('/api/settlement/banks'),
  });
  const [chosen, setChosen] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: () => api.post<Request>(`/api/settlement/statements/${statementId}/financing`, { bankIds: chosen }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['settlement'] }),
    onError: (e) => f.fromApi(e, () => null),
  });
  return (
    <form
      className="card form"
      data-testid="financing-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Ingin dibayar lebih cepat?', 'Want to be paid sooner?')}</h2>
      <p className="muted">
        {t(
          'Ajukan rekap ini ke bank: bank melihat rekap dan bukti penjualannya, lalu menawarkan pembayaran sekarang dengan potongan. Jika Anda menerima, jaringan ritel membayar ke bank.',
          'Offer this statement to banks: they see it and its sales evidence and offer to pay you now, less a discount. If you accept, the chain pays the bank.',
        )}
      </p>
      <FormProblem error={f.general} />
      <fieldset>
        <legend>{t('Pilih bank', 'Choose banks')}</legend>
        {banks.data?.items.map((b) => (
          <label key={b.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(b.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, b.id] : chosen.filter((x) => x !== b.id))}
            />{' '}
            <span translate="no">{b.name}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={send.isPending || chosen.length === 0} data-testid="send-financing">
        {t('Ajukan pembayaran dini', 'Ask for early payment')}
      </button>
    </form>
  );
}
