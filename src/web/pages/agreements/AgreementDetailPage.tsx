// One MoU or PKS. For a PKS the numbers a UMKM needs come first, in plain words and big type (its price
// beside the shelf price, the chain's margin, when it gets paid, what happens to unsold goods); then the
// rules-of-trade flags, the signatures, the actions this user may take now, the PDFs and the history.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import { confirm } from '../../components/confirm.tsx';
import { BackLink, Badge, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatBasisPoints, formatDate, formatDateTime, formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { matchPath, useLocation } from '../../router.tsx';
import { type Detail, type Event, type Finding, phaseTone, SEVERITY } from './text.ts';

function KeyNumbers({ d }: { d: Detail }) {
  const { t, tx, lang } = useI18n();
  const k = d.current.pks;
  if (!k) return null;
  const unsold =
    k.unsoldGoods === 'returned_to_umkm'
      ? t('Barang yang tidak laku dikembalikan kepada Anda (risiko Anda).', 'Unsold goods come back to you (your risk).')
      : t('Barang yang tidak laku menjadi tanggungan jaringan ritel.', 'Unsold goods are the chain’s risk.');
  return (
    <section className="card key-numbers" data-testid="key-numbers">
      <h2>{t('Angka penting', 'Key numbers')}</h2>
      <ul className="list">
        {k.products.map((p) => (
          <li key={p.productId}>
            <strong>{p.name}</strong>
            <br />
            {t('Harga dari Anda', 'Your price')}: <strong>{formatRupiah(p.supplierPrice)}</strong> · {t('Harga di rak', 'Shelf price')}:{' '}
            <strong>{formatRupiah(p.shelfPrice)}</strong> · {t('Selisih', 'Markup')} {formatRupiah(p.markup)} (
            {formatBasisPoints(p.markupBp, lang)})
          </li>
        ))}
      </ul>
      <p>
        <strong>{t('Margin jaringan ritel', 'Chain margin')}:</strong> {formatBasisPoints(k.marginBp, lang)}
        {k.otherFees.length > 0 && ` + ${k.otherFees.map((f) => `${f.name} ${formatBasisPoints(f.bp, lang)}`).join(', ')}`}
      </p>
      <p>
        <strong>{t('Kapan saya dibayar?', 'When am I paid?')}</strong> {tx(k.whenPaid.text)}{' '}
        {t(
          `Contoh: penjualan sampai ${formatDate(k.whenPaid.example.periodEnd, lang)} dibayar paling lambat ${formatDate(k.whenPaid.example.payBy, lang)}.`,
          `Example: sales up to ${formatDate(k.whenPaid.example.periodEnd, lang)} are paid by ${formatDate(k.whenPaid.example.payBy, lang)}.`,
        )}
      </p>
      <p>
        <strong>{t('Barang tidak laku?', 'Unsold goods?')}</strong> {unsold}{' '}
        {k.perishablePickupHours !== null &&
          t(
            `Makanan basah diambil paling lambat ${k.perishablePickupHours} jam setelah diberi tahu.`,
            `Wet food is picked up within ${k.perishablePickupHours} hours of notice.`,
          )}
      </p>
      <p>
        <strong>{t('Model dagang', 'Trade model')}:</strong>{' '}
        {k.tradeModel === 'konsinyasi' ? t('Konsinyasi (titip jual)', 'Consignment') : t('Beli putus', 'Outright purchase')}
      </p>
    </section>
  );
}

/** The rules of trade this PKS breaks or is flagged by: what is wrong, the article it cites, and what the
 *  rule says — the blocking ones first (they stop sending and signing). */
function Findings({ d }: { d: Detail }) {
  const { t, tx } = useI18n();
  if (d.warnings.length === 0) return null;
  const blocking = d.warnings.some((w) => w.severity === 'blocking');
  return (
    <div className={blocking ? 'alert alert-error' : 'alert card'} role="alert" data-testid="warnings">
      {d.warnings.map((w: Finding) => (
        <div key={w.rule} data-testid={`finding-${w.rule}`} data-severity={w.severity}>
          <p>
            <strong>{tx(SEVERITY[w.severity])}:</strong> {tx(w.message)}
          </p>
          <p className="small">
            {w.reference}: “{tx(w.text)}”
          </p>
        </div>
      ))}
      {blocking && d.phase !== 'draft' && (
        <p className="small">
          {t(
            'Dinas di wilayah ini dan semua pihak melihat catatan ini. Perbaiki melalui adendum.',
            'The Dinas of the region and every party see this. Correct it with an amendment.',
          )}
        </p>
      )}
    </div>
  );
}

/** The drafter corrects the payment terms of a PKS draft in place (the rule most often broken). */
function PaymentTerms({ d }: { d: Detail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const k = d.current.pks;
  const [days, setDays] = useState(String(k?.paymentTermDays ?? 0));
  const [reason, setReason] = useState(k?.paymentTechnicalReason ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.patch<Detail>(`/api/agreements/pks/${d.id}`, { paymentTermDays: Number(days), paymentTechnicalReason: reason.trim() || null }),
    onSuccess: (next) => {
      qc.setQueryData(['agreement', d.id], next);
      qc.invalidateQueries({ queryKey: ['agreements'] });
    },
  });
  if (!k || d.kind !== 'pks' || !d.allowed.includes('edit')) return null;
  return (
    <section className="card" data-testid="payment-terms">
      <h2>{t('Ketentuan pembayaran', 'Payment terms')}</h2>
      {save.isError && <Problem error={save.error} />}
      <div className="field">
        <label htmlFor="pay-days">
          {t(
            'Dibayar paling lambat (hari setelah dokumen tagihan lengkap; 0 = tunai)',
            'Paid within (days after complete billing; 0 = cash)',
          )}
        </label>
        <input id="pay-days" type="number" min={0} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
      </div>
      <div className="field wide">
        <label htmlFor="pay-reason">{t('Alasan teknis bila tidak tunai', 'Technical reason when not cash')}</label>
        <input id="pay-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="button" className="btn" disabled={save.isPending} onClick={() => save.mutate()} data-testid="save-payment">
        {t('Simpan ketentuan pembayaran', 'Save payment terms')}
      </button>
    </section>
  );
}

function Actions({ d }: { d: Detail }) {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [read, setRead] = useState(false);
  const v = d.openVersion ?? d.latestVersion;
  const act = useMutation({
    mutationFn: ({ event, body }: { event: Event; body: Record<string, unknown> }) =>
      api.post<Detail>(`/api/agreements/${d.id}/${event}`, body),
    onSuccess: (next) => {
      qc.setQueryData(['agreement', d.id], next);
      qc.invalidateQueries({ queryKey: ['agreements'] });
      qc.invalidateQueries({ queryKey: ['agreement-reminders'] });
      setNote('');
    },
  });
  if (d.allowed.length === 0) return null;
  const has = (e: Event) => d.allowed.includes(e);
  const others = [d.government?.name, d.chain.name, d.umkm?.name].filter((x): x is string => Boolean(x)).join(', ');
  const what = d.kind === 'pks' ? 'PKS' : 'MoU';
  const terminate = async () => {
    const on = effectiveOn || null;
    const yes = await confirm({
      title: t('Akhiri {what} {number}?', 'End {what} {number}?', { what, number: d.number }),
      body: t(
        '{what} ini tidak berlaku lagi mulai {date}; produk di dalamnya tidak dapat dipajang atau ditempatkan lagi sesudahnya. Tindakan ini tidak dapat dibatalkan. Para pihak ({others}) akan melihat pemberitahuan beserta alasan Anda.',
        'This {what} stops being in force from {date}; its products can no longer be shelved or placed after that. This cannot be undone. The parties ({others}) will see a notice with your reason.',
        { what, date: on ? formatDate(on, lang) : t('hari ini', 'today'), others },
      ),
      confirmLabel: t('Akhiri {what}', 'End the {what}', { what }),
      danger: true,
    });
    if (yes) act.mutate({ event: 'terminate', body: on ? { reason: note, effectiveOn: on } : { reason: note } });
  };
  const withdraw = async () => {
    const yes = await confirm({
      title: t('Tarik {what} {number}?', 'Withdraw {what} {number}?', { what, number: d.number }),
      body: t(
        'Versi yang belum ditandatangani ini ditarik dan tidak dapat ditandatangani lagi; tanda tangan yang sudah ada dibatalkan.',
        'This unsigned version is withdrawn and can no longer be signed; signatures already given are void.',
      ),
      confirmLabel: t('Tarik', 'Withdraw'),
      danger: true,
    });
    if (yes) act.mutate({ event: 'withdraw', body: note.trim() ? { version: v, reason: note } : { version: v } });
  };
  const naskah = `/api/agreements/${d.id}/versions/${v}/document.pdf?copy=naskah`;
  return (
    <section className="card" data-testid="actions">
      <h2>{t('Tindakan', 'Actions')}</h2>
      {act.isError && <Problem error={act.error} />}
      {has('sign') && d.current.documentSha256 && (
        <div className="sign-box">
          <p>
            <a href={naskah} download>
              {t('Unduh dan baca naskah yang akan ditandatangani (PDF)', 'Download and read the document to sign (PDF)')}
            </a>
          </p>
          <label className="check">
            <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} data-testid="read-check" />{' '}
            {t('Saya sudah membaca naskah ini dan menyetujui isinya.', 'I have read this document and agree to it.')}
          </label>
          <p className="small muted">SHA-256: {d.current.documentSha256}</p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!read || act.isPending}
            data-testid="sign"
            onClick={() => act.mutate({ event: 'sign', body: { version: v, documentSha256: d.current.documentSha256 } })}
          >
            {t('Tanda tangani', 'Sign')}
          </button>
        </div>
      )}
      {has('submit') && (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="submit"
          onClick={() => act.mutate({ event: 'submit', body: { version: v } })}
        >
          {t('Ajukan untuk ditandatangani', 'Send for signatures')}
        </button>
      )}
      {(has('return') || has('withdraw') || has('terminate') || has('amend')) && (
        <div className="field wide">
          <label htmlFor="agreement-note">{t('Catatan atau alasan', 'Note or reason')}</label>
          <input id="agreement-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
      )}
      <div className="page-actions">
        {has('return') && (
          <button
            type="button"
            className="btn"
            disabled={!note.trim()}
            onClick={() => act.mutate({ event: 'return', body: { version: v, note } })}
          >
            {t('Kembalikan ke draf', 'Return to draft')}
          </button>
        )}
        {has('withdraw') && (
          <button type="button" className="btn" onClick={withdraw} data-testid="withdraw">
            {t('Tarik', 'Withdraw')}
          </button>
        )}
        {has('amend') && (
          <button
            type="button"
            className="btn"
            disabled={!note.trim()}
            onClick={() => act.mutate({ event: 'amend', body: { changeNote: note } })}
          >
            {t('Buat adendum', 'Amend')}
          </button>
        )}
        {has('terminate') && (
          <>
            <label className="field">
              {t('Berakhir mulai (kosong: hari ini)', 'Effective on (empty: today)')}
              <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
            </label>
            <button type="button" className="btn" disabled={!note.trim()} onClick={terminate} data-testid="terminate">
              {t('Akhiri perjanjian', 'Terminate')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}

export default function AgreementDetailPage() {
  const { path } = useLocation();
  const id = matchPath('/agreements/:id', path)?.id ?? '';
  const { t, tx, lang } = useI18n();
  const q = useQuery({ queryKey: ['agreement', id], queryFn: () => api.get<Detail>(`/api/agreements/${id}`) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const c = d.current;
  const pdf = (version: number, naskah = false) =>
    `/api/agreements/${d.id}/versions/${version}/document.pdf${naskah ? '?copy=naskah' : ''}`;
  const title = d.kind === 'pks' ? `PKS · ${d.umkm?.name ?? ''}` : `MoU · ${d.government?.name ?? ''} – ${d.chain.name}`;
  return (
    <section className="page agreement">
      <BackLink href="/agreements" label={t('Semua perjanjian', 'All agreements')} />
      <PageHeader title={title} subtitle={`${d.number} · ${d.regionName}`} testId="agreement-title" />
      <p>
        <Badge tone={phaseTone(d.phase)}>{tx(d.phaseLabel)}</Badge>{' '}
        {d.openVersion && d.openVersion > 1 && (
          <Badge tone="warn">
            {t(`Adendum versi ${d.openVersion}`, `Amendment v${d.openVersion}`)}: {tx(label('agreementVersionStatus', c.status))}
          </Badge>
        )}{' '}
        {t('Versi', 'Version')} {c.version} · {formatDate(c.startsOn, lang)} – {formatDate(c.endsOn, lang)}
      </p>
      <KeyNumbers d={d} />
      <Findings d={d} />
      <PaymentTerms key={`${d.id}-${c.version}`} d={d} />
      <Actions d={d} />
      <section className="card">
        <h2>{t('Tanda tangan', 'Signatures')}</h2>
        <ul className="list">
          {c.requiredParties.map((p) => {
            const s = c.signatures.find((x) => x.party === p);
            return (
              <li key={p} data-testid={`signature-${p}`} data-signed={s ? 'yes' : 'no'}>
                <strong>{tx(label('party', p))}</strong>:{' '}
                {s ? (
                  <>
                    <span translate="no">
                      {s.signerName} ({s.signerTitle})
                    </span>{' '}
                    · {formatDateTime(s.signedAt, d.regionCode, lang)}
                  </>
                ) : (
                  t('belum menandatangani', 'not signed yet')
                )}
              </li>
            );
          })}
        </ul>
        <p>
          <a href={pdf(c.version)} download data-testid="pdf">
            {t('Unduh PDF', 'Download PDF')}
          </a>
          {c.documentSha256 && (
            <>
              {' · '}
              <a href={pdf(c.version, true)} download>
                {t('Naskah yang ditandatangani', 'Exact document signed')}
              </a>
            </>
          )}
        </p>
      </section>
      {c.mou && (
        <section className="card">
          <h2>{t('Komitmen', 'Commitments')}</h2>
          <Facts
            rows={[
              [t('Gerai dengan pojok produk lokal', 'Outlets with a local corner'), c.mou.outletsWithCorner],
              [t('Tempat di luar gerai (teras)', 'Spots outside outlets'), c.mou.outsideSpots],
              [t('Promosi per tahun', 'Promotions per year'), c.mou.promotionEventsPerYear],
              [
                t('Kuota', 'Quota'),
                c.mou.quota ? `${formatBasisPoints(c.mou.quota.bp, lang)} · ${c.mou.quota.reportEveryMonths} ${t('bulan', 'months')}` : '—',
              ],
              [
                t('PKS disaksikan pemerintah daerah', 'PKS witnessed by the local government'),
                c.mou.pksWitness ? t('Ya', 'Yes') : t('Tidak', 'No'),
              ],
              [
                t('Keringanan persyaratan', 'Relaxed requirements'),
                c.mou.relaxations.length === 0 ? (
                  '—'
                ) : (
                  <ul className="plain-list" key="relaxations">
                    {c.mou.relaxations.map((r) => (
                      <li key={r.criterionCode}>
                        <strong>{tx(label('criterion', r.criterionCode))}</strong>: <span translate="no">{r.note}</span>
                      </li>
                    ))}
                  </ul>
                ),
              ],
            ]}
          />
        </section>
      )}
      <section className="card">
        <h2>{t('Riwayat versi', 'Versions')}</h2>
        <ul className="list">
          {d.versions.map((v) => (
            <li key={v.version}>
              {t('Versi', 'Version')} {v.version} · {tx(label('agreementVersionStatus', v.status))} · {formatDate(v.startsOn, lang)} –{' '}
              {formatDate(v.endsOn, lang)}
              {v.changeNote ? ` · ${v.changeNote}` : ''} ·{' '}
              <a href={pdf(v.version)} download>
                PDF
              </a>
            </li>
          ))}
        </ul>
        {c.terminationReason && (
          <p>
            {t('Diakhiri mulai', 'Terminated from')} {c.terminatedOn && formatDate(c.terminatedOn, lang)}: {c.terminationReason}
          </p>
        )}
      </section>
    </section>
  );
}
