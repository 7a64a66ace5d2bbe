// Settlement (C8) on the phone. A UMKM: "Kapan saya dibayar?" — what she is owed, when, what is late,
// and each statement to accept, dispute line by line, or bill with her invoice. A chain: statements to
// issue, payables by due date, payments. A Dinas: payment delays per chain in its region and the
// statements past the legal deadline (PP 29/2021 Pasal 95: 15 days after billing is complete).
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
import { Link, navigate, useLocation } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { useNum, useToday, useUnits } from '../operations/parts.tsx';
import { FinancingAsk, financingHref } from './FinancingPages.tsx';

type Statement = Item<'/api/settlement/statements'>;
type Detail = Answer<'/api/settlement/statements/{id}'>;
type Summary = Answer<'/api/settlement/summary'>;
type Delays = Answer<'/api/settlement/delays'>;
type View = 'all' | 'to_issue' | 'awaiting_umkm' | 'open' | 'overdue' | 'escalated' | 'paid';

const href = (id: string) => `/settlement/${id}`;
const rp = (v: number | bigint) => formatRupiah(v);

/** Where a statement stands, in words: late, due, or its status. */
function StandBadge({ s }: { s: Statement }) {
  const { t, tx, lang } = useI18n();
  if (s.escalated)
    return (
      <Badge tone="bad">
        <span data-testid="escalated">
          {t('Lewat batas 15 hari — dilaporkan ke Dinas', 'Past the 15-day limit — reported to the Dinas')}
        </span>
      </Badge>
    );
  if (s.overdue) return <Badge tone="bad">{t('Terlambat dibayar', 'Payment overdue')}</Badge>;
  if (s.dueSoon && s.dueOn) return <Badge tone="warn">{t('Jatuh tempo {d}', 'Due {d}', { d: formatDate(s.dueOn, lang) })}</Badge>;
  if (s.issueLate) return <Badge tone="warn">{t('Terlambat diterbitkan', 'Late to be issued')}</Badge>;
  return <Badge tone={s.status === 'paid' ? 'ok' : 'neutral'}>{tx(s.statusLabel)}</Badge>;
}

function StatementCard({ s, as }: { s: Statement; as: 'umkm' | 'chain' | 'dinas' }) {
  const { t, lang } = useI18n();
  return (
    <li className={`card item${s.escalated || s.overdue ? ' diff' : ''}`} data-testid="statement">
      <Link href={href(s.id)} className="item-title" translate="no">
        {s.number}
      </Link>
      <p className="op-meta">
        <span translate="no">{as === 'umkm' ? s.chainName : as === 'chain' ? s.umkmName : `${s.chainName} → ${s.umkmName}`}</span> ·{' '}
        {formatPeriod(s.periodStart, s.periodEnd, lang)}
      </p>
      <p className="op-meta">
        <strong>{rp(s.outstanding > 0 ? s.outstanding : s.net)}</strong>
        {s.outstanding > 0 && s.paid > 0 && ` · ${t('sudah dibayar {p}', '{p} paid', { p: rp(s.paid) })}`}
        {s.dueOn && s.status !== 'paid' && ` · ${t('jatuh tempo {d}', 'due {d}', { d: formatDate(s.dueOn, lang) })}`}
        {s.legalDueOn &&
          s.status !== 'paid' &&
          s.legalDueOn !== s.dueOn &&
          ` · ${t('batas hukum {d}', 'legal limit {d}', { d: formatDate(s.legalDueOn, lang) })}`}
      </p>
      {s.payeeName && s.payeeId !== s.umkmId && <p className="op-meta">{t('Dibayarkan kepada {b}', 'Paid to {b}', { b: s.payeeName })}</p>}
      <p>
        <StandBadge s={s} />
      </p>
    </li>
  );
}

function UmkmSummary() {
  const { t, tx, lang } = useI18n();
  const q = useQuery({ queryKey: ['settlement', 'summary'], queryFn: () => api.get<Summary>('/api/settlement/summary') });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data;
  return (
    <div className="card" data-testid="owed-summary">
      <p className="muted">{t('Yang masih harus dibayar kepada Anda', 'Still owed to you')}</p>
      <p className="stat-value" data-testid="owed-total">
        {rp(s.outstanding)}
      </p>
      {s.next?.dueOn && (
        <p data-testid="next-due">
          {t('Berikutnya: {a} dari {c}, paling lambat {d}', 'Next: {a} from {c}, by {d}', {
            a: rp(s.next.outstanding),
            c: s.next.chainName,
            d: formatDate(s.next.dueOn, lang),
          })}
        </p>
      )}
      {s.overdueCount > 0 && (
        <p data-testid="overdue-total">
          <Badge tone="bad">
            {t('{n} tagihan terlambat: {a}', '{n} bills overdue: {a}', { n: s.overdueCount, a: rp(s.overdueAmount) })}
          </Badge>
        </p>
      )}
      {s.awaitingInvoice > 0 && (
        <p>
          {t(
            '{n} rekap sudah Anda setujui: kirim fakturnya agar jam pembayaran mulai berjalan.',
            '{n} statements accepted: send the invoice to start the payment clock.',
            {
              n: s.awaitingInvoice,
            },
          )}
        </p>
      )}
      <ul className="plain" aria-label={t('Umur tagihan', 'Aging')}>
        {s.buckets
          .filter((b) => b.count > 0)
          .map((b) => (
            <li key={b.bucket}>
              {tx(b.label)}: {rp(b.amount)} ({b.count})
            </li>
          ))}
      </ul>
      <p className="muted">
        {t(
          'Menurut PP 29/2021 Pasal 95, toko swalayan membayar UMKM paling lama 15 hari setelah tagihan lengkap.',
          'Under PP 29/2021 Pasal 95, a toko swalayan pays UMKM suppliers at most 15 days after billing is complete.',
        )}
      </p>
    </div>
  );
}

function DinasDelays() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['settlement', 'delays'], queryFn: () => api.get<Delays>('/api/settlement/delays') });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  return (
    <ul className="cards" data-testid="delays">
      {q.data.chains.map((c) => (
        <li key={c.chainId} className={`card${c.escalatedCount ? ' diff' : ''}`}>
          <p className="item-title" translate="no">
            {c.chainName}
          </p>
          <p>
            {c.medianDaysToPay === null
              ? t('Belum ada tagihan yang lunas.', 'No bill paid yet.')
              : t(
                  'Median {d} hari dari tagihan lengkap sampai dibayar ({n} tagihan lunas)',
                  'Median {d} days from complete billing to payment ({n} bills paid)',
                  {
                    d: c.medianDaysToPay,
                    n: c.paidCount,
                  },
                )}
          </p>
          <p>{t('Belum dibayar: {n} tagihan, {a}', 'Unpaid: {n} bills, {a}', { n: c.openCount, a: rp(c.openAmount) })}</p>
          <p>
            {c.overdueCount > 0 ? (
              <Badge tone="bad">
                {t('Terlambat: {n} tagihan, {a}', 'Overdue: {n} bills, {a}', { n: c.overdueCount, a: rp(c.overdueAmount) })}
              </Badge>
            ) : (
              <Badge tone="ok">{t('Tidak ada yang terlambat', 'Nothing overdue')}</Badge>
            )}
          </p>
          {c.escalatedCount > 0 && (
            <p>
              {t(
                'Lewat batas 15 hari (PP 29/2021 Pasal 95): {n} tagihan, {a}',
                'Past the 15-day limit (PP 29/2021 Pasal 95): {n} bills, {a}',
                {
                  n: c.escalatedCount,
                  a: rp(c.escalatedAmount),
                },
              )}
            </p>
          )}
          {c.notIssuedCount > 0 && (
            <p>
              {t(
                '{n} rekap belum diterbitkan lebih dari 7 hari setelah periode berakhir',
                '{n} statements not issued 7 days after the period',
                { n: c.notIssuedCount },
              )}
            </p>
          )}
        </li>
      ))}
      {q.data.chains.length === 0 && (
        <li className="muted">{t('Belum ada rekap tagihan di wilayah ini.', 'No statements in this region yet.')}</li>
      )}
    </ul>
  );
}

const VIEWS: Record<'umkm' | 'chain' | 'dinas', [View, { id: string; en: string }][]> = {
  umkm: [
    ['all', { id: 'Semua', en: 'All' }],
    ['awaiting_umkm', { id: 'Perlu jawaban saya', en: 'Needs my answer' }],
    ['open', { id: 'Belum dibayar', en: 'Unpaid' }],
    ['overdue', { id: 'Terlambat', en: 'Overdue' }],
    ['paid', { id: 'Lunas', en: 'Paid' }],
  ],
  chain: [
    ['to_issue', { id: 'Perlu diterbitkan', en: 'To issue' }],
    ['awaiting_umkm', { id: 'Menunggu UMKM', en: 'Awaiting the UMKM' }],
    ['open', { id: 'Utang per jatuh tempo', en: 'Payables by due date' }],
    ['overdue', { id: 'Terlambat', en: 'Overdue' }],
    ['paid', { id: 'Lunas', en: 'Paid' }],
  ],
  dinas: [
    ['escalated', { id: 'Lewat batas 15 hari', en: 'Past the 15-day limit' }],
    ['overdue', { id: 'Terlambat', en: 'Overdue' }],
    ['all', { id: 'Semua', en: 'All' }],
  ],
};

export function SettlementPage() {
  const me = useUser();
  const { t, tx } = useI18n();
  const { query } = useLocation();
  const as = me.role === 'umkm' ? 'umkm' : me.role === 'pemda' ? 'dinas' : 'chain';
  const views = VIEWS[as];
  const view = (views.find(([v]) => v === query.get('view'))?.[0] ?? views[0]?.[0] ?? 'all') as View;
  const lp = useListParams();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['settlement', 'statements', view, lp.offset],
    queryFn: () =>
      api.get<Answer<'/api/settlement/statements'>>(`/api/settlement/statements?view=${view}&limit=${lp.limit}&offset=${lp.offset}`),
  });
  const compute = useMutation({
    mutationFn: () => api.post<Answer<'/api/settlement/statements/compute', 'post'>>('/api/settlement/statements/compute', {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['settlement'] }),
  });
  const title =
    as === 'umkm'
      ? t('Kapan saya dibayar?', 'When am I paid?')
      : as === 'dinas'
        ? t('Pembayaran kepada UMKM', 'Payments to UMKM')
        : t('Rekap tagihan UMKM', 'UMKM statements');
  return (
    <section className="page">
      <PageHeader
        title={title}
        testId="settlement-title"
        subtitle={
          as === 'chain'
            ? t(
                'Rekap per periode PKS dari penjualan, penerimaan dan retur; terbitkan, lalu bayar sebelum jatuh tempo.',
                'Statements per PKS period from sales, receipts and returns; issue them, then pay before they fall due.',
              )
            : as === 'dinas'
              ? t(
                  'Keterlambatan pembayaran jaringan ritel kepada UMKM di wilayah Anda.',
                  'How late the chains pay the UMKM of your region.',
                )
              : undefined
        }
      >
        {as === 'chain' && (
          <button type="button" className="btn" onClick={() => compute.mutate()} disabled={compute.isPending} data-testid="compute">
            {t('Hitung periode yang sudah tutup', 'Compute closed periods')}
          </button>
        )}
      </PageHeader>
      {compute.data && (
        <p role="status">
          {compute.data.computed === 0
            ? t('Tidak ada periode baru untuk dihitung.', 'No new period to compute.')
            : t('{n} rekap baru dihitung.', '{n} new statements computed.', { n: compute.data.computed })}
        </p>
      )}
      {as === 'umkm' && <UmkmSummary />}
      {as === 'dinas' && <DinasDelays />}
      <nav className="tabs" aria-label={t('Tampilan', 'View')}>
        {views.map(([v, name]) => (
          <Link
            key={v}
            href={`/settlement?view=${v}`}
            className={v === view ? 'tab active' : 'tab'}
            aria-current={v === view ? 'page' : undefined}
          >
            {tx(name)}
          </Link>
        ))}
      </nav>
      {list.data && list.data.outstanding > 0 && view !== 'paid' && (
        <p className="muted" data-testid="list-outstanding">
          {t('Jumlah belum dibayar: {a}', 'Outstanding: {a}', { a: rp(list.data.outstanding) })}
        </p>
      )}
      <ListBody
        query={list}
        empty={t('Tidak ada rekap di sini.', 'No statements here.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="statement-list"
        render={(s: Statement) => <StatementCard key={s.id} s={s} as={as} />}
      />
    </section>
  );
}

export function StatementPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['settlement', 'statement', id], queryFn: () => api.get<Detail>(`/api/settlement/statements/${id}`) });
  return (
    <section className="page">
      <BackLink href="/settlement" label={t('Rekap tagihan', 'Statements')} />
      {q.isPending ? <Loading /> : q.error ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <StatementView s={q.data} />}
    </section>
  );
}

function StatementView({ s }: { s: Detail }) {
  const { t, tx, lang } = useI18n();
  const unitsOf = useUnits();
  const num = useNum();
  const qc = useQueryClient();
  const [disputing, setDisputing] = useState(false);
  const done = (d: Detail) => {
    qc.setQueryData(['settlement', 'statement', d.id], d);
    qc.invalidateQueries({ queryKey: ['settlement'] });
    if (d.id !== s.id) navigate(href(d.id));
  };
  const act = useMutation({
    mutationFn: (what: 'issue' | 'accept') => api.post<Detail>(`/api/settlement/statements/${s.id}/${what}`, {}),
    onSuccess: done,
  });
  const issue = async () => {
    if (
      await confirm({
        title: t('Terbitkan rekap {n}?', 'Issue statement {n}?', { n: s.number }),
        body: t(
          '{u} akan melihat rekap ini dan dapat menyetujui atau menyanggahnya.',
          '{u} will see this statement and can accept or dispute it.',
          { u: s.umkmName },
        ),
        confirmLabel: t('Terbitkan', 'Issue'),
      })
    )
      act.mutate('issue');
  };
  const accept = async () => {
    if (
      await confirm({
        title: t('Setujui rekap {a}?', 'Accept the statement of {a}?', { a: rp(s.net) }),
        body: t(
          'Setelah disetujui, kirim faktur Anda agar jam pembayaran mulai berjalan. Persetujuan tidak dapat dibatalkan.',
          'Once accepted, send your invoice to start the payment clock. Acceptance cannot be undone.',
        ),
        confirmLabel: t('Setujui', 'Accept'),
      })
    )
      act.mutate('accept');
  };
  const byOutlet = new Map<string, Detail['lines']>();
  for (const l of s.lines) {
    const k = l.outletName ? `${l.outletName}${l.storeCode ? ` (${l.storeCode})` : ''}` : t('Seluruh rekap', 'Whole statement');
    byOutlet.set(k, [...(byOutlet.get(k) ?? []), l]);
  }
  return (
    <>
      <PageHeader title={t('Rekap {n}', 'Statement {n}', { n: s.number })} testId="statement-title">
        <StandBadge s={s} />
      </PageHeader>
      <p className="actions">
        <a className="btn" href={`/api/settlement/statements/${s.id}/pdf`} download data-testid="statement-pdf">
          {t('Unduh PDF', 'Download PDF')}
        </a>
        <a className="btn" href={`/api/settlement/statements/${s.id}/xlsx`} download data-testid="statement-xlsx">
          {t('Unduh Excel', 'Download Excel')}
        </a>
      </p>
      <Facts
        rows={[
          [
            t('Jaringan ritel', 'Chain'),
            <span key="c" translate="no">
              {s.chainName}
            </span>,
          ],
          [
            'UMKM',
            <span key="u" translate="no">
              {s.umkmName}
            </span>,
          ],
          [
            t('PKS', 'PKS'),
            <span key="a" translate="no">
              {s.agreementNumber}
            </span>,
          ],
          [t('Periode', 'Period'), formatPeriod(s.periodStart, s.periodEnd, lang)],
          [
            t('Model dagang', 'Trade model'),
            s.tradeModel === 'konsinyasi' ? t('Konsinyasi', 'Consignment') : t('Beli putus', 'Outright purchase'),
          ],
          [t('Nilai barang', 'Goods'), rp(s.goods)],
          [t('Biaya sesuai PKS', 'Fees under the PKS'), rp(s.fees)],
          [
            t('Bersih dibayar', 'Net payable'),
            <strong key="n" data-testid="statement-net">
              {rp(s.net)}
            </strong>,
          ],
          [t('Sudah dibayar', 'Paid'), rp(s.paid)],
          [t('Sisa', 'Outstanding'), rp(s.outstanding)],
          [t('Status', 'Status'), tx(s.statusLabel)],
          ...(s.billingCompleteOn
            ? ([
                [
                  t('Tagihan lengkap', 'Billing complete'),
                  `${formatDate(s.billingCompleteOn, lang)}${s.invoiceNumber ? ` · ${s.invoiceNumber}` : ''}`,
                ],
                [
                  t('Jatuh tempo menurut PKS ({d} hari)', 'Due under the PKS ({d} days)', { d: s.paymentTermDays }),
                  s.dueOn ? formatDate(s.dueOn, lang) : null,
                ],
                [
                  t('Batas menurut hukum', 'Legal deadline'),
                  s.legalDueOn ? (
                    <span key="l" data-testid="legal-due">
                      {formatDate(s.legalDueOn, lang)} ({s.legalReference})
                    </span>
                  ) : null,
                ],
              ] as [string, React.ReactNode][])
            : []),
          ...(s.payeeName && s.payeeId !== s.umkmId
            ? ([
                [
                  t('Dibayarkan kepada', 'Payee'),
                  <span key="p" data-testid="payee">
                    {s.payeeName}
                  </span>,
                ],
              ] as [string, React.ReactNode][])
            : []),
        ]}
      />
      {s.dueOn && s.legalDueOn && s.dueOn > s.legalDueOn && (
        <p className="callout" role="note">
          {t(
            'Jangka bayar PKS ({d} hari) melebihi batas 15 hari PP 29/2021 Pasal 95; yang berlaku adalah batas hukum.',
            'The PKS term ({d} days) exceeds the 15-day limit of PP 29/2021 Pasal 95; the legal limit applies.',
            { d: s.paymentTermDays },
          )}
        </p>
      )}
      {s.disputeNote && (
        <p className="callout">
          {t('Sanggahan UMKM:', 'The UMKM’s dispute:')} <span translate="no">{s.disputeNote}</span>
        </p>
      )}
      <div className="page-actions">
        {s.can.issue && (
          <button type="button" className="btn btn-primary" onClick={issue} disabled={act.isPending} data-testid="issue">
            {t('Terbitkan ke UMKM', 'Issue to the UMKM')}
          </button>
        )}
        {s.can.accept && (
          <button type="button" className="btn btn-primary" onClick={accept} disabled={act.isPending} data-testid="accept">
            {t('Setujui rekap', 'Accept')}
          </button>
        )}
        {s.can.dispute && !disputing && (
          <button type="button" className="btn" onClick={() => setDisputing(true)} data-testid="dispute">
            {t('Sanggah', 'Dispute')}
          </button>
        )}
      </div>
      {act.error && <Problem error={act.error} />}
      {s.can.dispute && disputing && <DisputeForm s={s} onDone={done} onCancel={() => setDisputing(false)} />}
      {s.financing && (
        <p>
          <Link href={financingHref(s.financing.id)} data-testid="financing-link">
            {s.financing.status === 'financed'
              ? t('Dibiayai lebih awal oleh bank: lihat pengajuan', 'Paid early by a bank: see the request')
              : t('Diajukan untuk pembayaran dini: lihat penawaran', 'Offered for early payment: see the offers')}
          </Link>
        </p>
      )}
      {s.can.requestFinancing && <FinancingAsk statementId={s.id} />}
      {s.can.bill && <InvoiceForm s={s} onDone={done} />}
      {s.can.pay && <PaymentForm s={s} onDone={done} />}
      {s.can.correct && <CorrectForm s={s} onDone={done} />}
      <h2>{t('Rincian', 'Lines')}</h2>
      {[...byOutlet.entries()].map(([outlet, lines]) => (
        <div key={outlet} className="card" data-testid="statement-outlet">
          <h3 translate="no">{outlet}</h3>
          <ul className="plain">
            {lines.map((l) => (
              <li key={l.lineNo} data-testid="statement-line">
                <span className="muted">{num(l.lineNo)}.</span> {l.productName ? <span translate="no">{l.productName}</span> : null}{' '}
                {l.kind === 'fee' && l.feeName && l.feeBp !== null ? (
                  `${l.feeName} (${formatBasisPoints(l.feeBp, lang)})`
                ) : l.kind === 'adjustment' ? (
                  <>
                    {tx(l.kindLabel)}: <span translate="no">{l.note ?? ''}</span>
                  </>
                ) : (
                  `${tx(l.kindLabel)} · ${unitsOf(l.qty)}`
                )}{' '}
                — <strong>{rp(l.amount)}</strong>
                {l.disputeReason && (
                  <>
                    {' '}
                    <Badge tone="warn">
                      {t('Disanggah:', 'Disputed:')} <span translate="no">{l.disputeReason}</span>
                    </Badge>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {s.payments.length > 0 && (
        <>
          <h2>{t('Pembayaran', 'Payments')}</h2>
          <ul className="plain" data-testid="payments">
            {s.payments.map((p) => (
              <li key={p.id}>
                {formatDate(p.paidOn, lang)} · {rp(p.amount)} · <span translate="no">{p.reference}</span> ·{' '}
                {t('kepada {p}', 'to {p}', { p: p.payeeName })}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function DisputeForm({ s, onDone, onCancel }: { s: Detail; onDone: (d: Detail) => void; onCancel: () => void }) {
  const { t, tx } = useI18n();
  const f = useFormErrors();
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const send = useMutation({
    mutationFn: () =>
      api.post<Detail>(`/api/settlement/statements/${s.id}/dispute`, {
        note,
        lines: Object.entries(reasons)
          .filter(([, r]) => r.trim())
          .map(([lineNo, reason]) => ({ lineNo: Number(lineNo), reason })),
      }),
    onSuccess: onDone,
    onError: (e) => f.fromApi(e, (field) => (field === 'note' ? 'note' : null)),
  });
  return (
    <form
      className="card form"
      data-testid="dispute-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Sanggah rekap', 'Dispute the statement')}</h2>
      <FormProblem error={f.general} />
      <TextField name="note" label={t('Apa yang salah?', 'What is wrong?')} value={note} onChange={setNote} error={f.err('note')} wide />
      <p className="muted">
        {t('Tulis alasan di baris yang Anda sanggah (boleh lebih dari satu).', 'Give a reason on each line you dispute (one or more).')}
      </p>
      {s.lines
        .filter((l) => l.kind !== 'fee')
        .map((l) => (
          <TextField
            key={l.lineNo}
            name={`line-${l.lineNo}`}
            label={`${l.lineNo}. ${l.productName ?? tx(l.kindLabel)} — ${l.outletName ?? ''} (${rp(l.amount)})`}
            value={reasons[l.lineNo] ?? ''}
            onChange={(v) => setReasons({ ...reasons, [l.lineNo]: v })}
          />
        ))}
      <div className="page-actions">
        <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="send-dispute">
          {t('Kirim sanggahan', 'Send the dispute')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('Batal', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

function InvoiceForm({ s, onDone }: { s: Detail; onDone: (d: Detail) => void }) {
  const { t } = useI18n();
  const f = useFormErrors();
  const [invoice, setInvoice] = useState('');
  const send = useMutation({
    mutationFn: () => api.post<Detail>(`/api/settlement/statements/${s.id}/invoice`, { invoiceNumber: invoice }),
    onSuccess: onDone,
    onError: (e) => f.fromApi(e, (field) => (field === 'invoiceNumber' ? 'invoiceNumber' : null)),
  });
  return (
    <form
      className="card form"
      data-testid="invoice-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Kirim faktur', 'Send the invoice')}</h2>
      <p className="muted">
        {t(
          'Dengan faktur ini tagihan Anda lengkap: {c} wajib membayar paling lama 15 hari kemudian.',
          'With this invoice your billing is complete: {c} must pay within 15 days.',
          {
            c: s.chainName,
          },
        )}
      </p>
      <FormProblem error={f.general} />
      <TextField
        name="invoiceNumber"
        label={t('Nomor faktur', 'Invoice number')}
        value={invoice}
        onChange={setInvoice}
        error={f.err('invoiceNumber')}
      />
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="send-invoice">
        {t('Kirim faktur', 'Send the invoice')}
      </button>
    </form>
  );
}

function PaymentForm({ s, onDone }: { s: Detail; onDone: (d: Detail) => void }) {
  const { t } = useI18n();
  const f = useFormErrors();
  const today = useToday();
  const [reference, setReference] = useState('');
  const [amount, setAmount] = useState<number | null>(Number(s.outstanding));
  const [paidOn, setPaidOn] = useState(today);
  // One key per form shown: a double tap or a retried request records the payment once.
  const [key] = useState(() => `pay-${s.id}-${crypto.randomUUID()}`);
  const send = useMutation({
    mutationFn: () =>
      api.post<Detail>(`/api/settlement/statements/${s.id}/payments`, { reference, amount: amount ?? 0, paidOn, idempotencyKey: key }),
    onSuccess: onDone,
    onError: (e) => f.fromApi(e, (field) => (['reference', 'amount', 'paidOn'].includes(field) ? field : null)),
  });
  return (
    <form
      className="card form"
      data-testid="payment-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Catat pembayaran', 'Record a payment')}</h2>
      {s.payeeName && <p data-testid="pay-to">{t('Dibayarkan kepada: {p}', 'Pay to: {p}', { p: s.payeeName })}</p>}
      <FormProblem error={f.general} />
      <TextField
        name="reference"
        label={t('Nomor referensi transfer', 'Transfer reference')}
        value={reference}
        onChange={setReference}
        error={f.err('reference')}
      />
      <RupiahField name="amount" label={t('Jumlah', 'Amount')} value={amount} onChange={setAmount} error={f.err('amount')} />
      <TextField
        name="paidOn"
        type="date"
        label={t('Tanggal bayar', 'Paid on')}
        value={paidOn}
        onChange={setPaidOn}
        error={f.err('paidOn')}
      />
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="record-payment">
        {t('Catat pembayaran', 'Record the payment')}
      </button>
    </form>
  );
}

function CorrectForm({ s, onDone }: { s: Detail; onDone: (d: Detail) => void }) {
  const { t } = useI18n();
  const f = useFormErrors();
  const disputed = s.lines.filter((l) => l.disputeReason);
  const [amounts, setAmounts] = useState<Record<number, number | null>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [sign, setSign] = useState<Record<number, 1 | -1>>({});
  const send = useMutation({
    mutationFn: () =>
      api.post<Detail>(`/api/settlement/statements/${s.id}/correct`, {
        adjustments: disputed
          .filter((l) => (amounts[l.lineNo] ?? 0) > 0)
          .map((l) => ({ lineNo: l.lineNo, amount: (sign[l.lineNo] ?? 1) * (amounts[l.lineNo] ?? 0), note: notes[l.lineNo] ?? '' })),
      }),
    onSuccess: onDone,
    onError: (e) => f.fromApi(e, () => null),
  });
  return (
    <form
      className="card form"
      data-testid="correct-form"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <h2>{t('Terbitkan rekap koreksi', 'Issue a corrected statement')}</h2>
      <p className="muted">
        {t(
          'Rekap dihitung ulang dari data terbaru (mis. koreksi data kasir). Tambahkan penyesuaian untuk baris yang Anda setujui; rekap lama diganti, tidak diubah.',
          'The statement is computed again from the latest data (e.g. a POS correction). Add an adjustment for each line you agree to; the old statement is replaced, not edited.',
        )}
      </p>
      <FormProblem error={f.general} />
      {disputed.map((l) => (
        <fieldset key={l.lineNo}>
          <legend>
            {l.lineNo}.{' '}
            <span translate="no">
              {l.productName ?? ''} — {l.disputeReason}
            </span>
          </legend>
          <label>
            <input
              type="checkbox"
              checked={(sign[l.lineNo] ?? 1) === -1}
              onChange={(e) => setSign({ ...sign, [l.lineNo]: e.target.checked ? -1 : 1 })}
            />{' '}
            {t('Mengurangi tagihan', 'Reduces the bill')}
          </label>
          <RupiahField
            name={`adj-${l.lineNo}`}
            label={t('Penyesuaian', 'Adjustment')}
            value={amounts[l.lineNo] ?? null}
            onChange={(v) => setAmounts({ ...amounts, [l.lineNo]: v })}
          />
          <TextField
            name={`adjnote-${l.lineNo}`}
            label={t('Alasan', 'Reason')}
            value={notes[l.lineNo] ?? ''}
            onChange={(v) => setNotes({ ...notes, [l.lineNo]: v })}
          />
        </fieldset>
      ))}
      <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="send-correction">
        {t('Terbitkan koreksi', 'Issue the correction')}
      </button>
    </form>
  );
}
