// Retur (nota retur): goods going back from an outlet to the maker, with the reason and who bears the
// loss under the PKS; perishables must be picked up within the PKS's hours — due and overdue are flagged.
// The maker (or the outlet) records the pickup. The chain creates a return from its stock page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { label } from '../../../vocabulary.ts';
import { api } from '../../api.ts';
import type { Answer, Item } from '../../api-types.ts';
import { confirm } from '../../components/confirm.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { BackLink, Badge, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { returnHref, useNum, useUnits } from './parts.tsx';

type Return = Item<'/api/operations/returns'>;
type ReturnDetail = Answer<'/api/operations/returns/{id}'>;

function PickupState({ r }: { r: Return }) {
  const { t, lang } = useI18n();
  // The pickup deadline is told in the outlet's own zone (WIB, WITA or WIT), where the goods wait.
  const place = r.districtCode;
  if (r.pickedUpAt) {
    return <Badge tone="ok">{t('Diambil {d}', 'Picked up {d}', { d: formatDateTime(r.pickedUpAt, place, lang) })}</Badge>;
  }
  if (!r.pickupDueAt) return <Badge>{t('Menunggu diambil', 'Awaiting pickup')}</Badge>;
  return r.overdue ? (
    <Badge tone="bad">
      <span data-testid="pickup-overdue">
        {t('Terlambat: batas {d}', 'Overdue: due {d}', { d: formatDateTime(r.pickupDueAt, place, lang) })}
      </span>
    </Badge>
  ) : (
    <Badge tone="warn">{t('Ambil paling lambat {d}', 'Pick up by {d}', { d: formatDateTime(r.pickupDueAt, place, lang) })}</Badge>
  );
}

export function ReturnsPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const unitsOf = useUnits();
  const lp = useListParams();
  const params = { limit: lp.limit, offset: lp.offset };
  const list = useQuery({
    queryKey: ['operations', 'returns', params],
    queryFn: () => api.get<Answer<'/api/operations/returns'>>(`/api/operations/returns?limit=${params.limit}&offset=${params.offset}`),
  });
  return (
    <section className="page">
      <PageHeader
        title={t('Retur', 'Returns')}
        subtitle={
          me.role === 'umkm'
            ? t(
                'Barang yang dikembalikan gerai kepada Anda. Produk basah harus diambil dalam batas waktu PKS.',
                'Goods the outlets return to you. Perishables must be picked up within the PKS’s hours.',
              )
            : t(
                'Nota retur kepada UMKM, dengan alasan dan penanggung kerugian.',
                'Return notes to UMKM, with the reason and who bears the loss.',
              )
        }
        testId="returns-title"
      >
        {me.role === 'retailer' && (
          <ButtonLink href="/operations/stock" primary testId="new-return">
            {t('Buat retur dari stok', 'Return from stock')}
          </ButtonLink>
        )}
      </PageHeader>
      <ListBody
        query={list}
        empty={t('Belum ada retur.', 'No returns yet.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="return-list"
        render={(r: Return) => (
          <li key={r.id} className={`card item${r.overdue ? ' diff' : ''}`} data-testid="return">
            <Link href={returnHref(r.id)} className="item-title" translate="no">
              {r.number}
            </Link>
            <p className="op-meta">
              <span translate="no">{me.role === 'umkm' ? `${r.chainName} · ${r.outletName}` : `${r.umkmName} · ${r.outletName}`}</span>
            </p>
            <p className="op-meta">
              {formatDate(r.returnedOn, lang)} · {unitsOf(r.qty)} · {tx(label('returnReason', r.reason))} ·{' '}
              {tx(label('lossBearer', r.borneBy))}
            </p>
            <p>
              <PickupState r={r} />
            </p>
          </li>
        )}
      />
    </section>
  );
}

export function ReturnPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['operations', 'return', id],
    queryFn: () => api.get<ReturnDetail>(`/api/operations/returns/${id}`),
  });
  return (
    <section className="page">
      <BackLink href="/operations/returns" label={t('Retur', 'Returns')} />
      {q.isPending ? <Loading /> : q.error ? <Problem error={q.error} onRetry={() => q.refetch()} /> : <ReturnView r={q.data} />}
    </section>
  );
}

function ReturnView({ r }: { r: ReturnDetail }) {
  const { t, tx, lang } = useI18n();
  const num = useNum();
  const unitsOf = useUnits();
  const qc = useQueryClient();
  const pickup = useMutation({
    mutationFn: () => api.post<Answer<'/api/operations/returns/{id}/pickup', 'post'>>(`/api/operations/returns/${r.id}/pickup`),
    onSuccess: (data) => {
      qc.setQueryData(['operations', 'return', r.id], data);
      qc.invalidateQueries({ queryKey: ['operations'] });
    },
  });
  const record = async () => {
    const yes = await confirm({
      title: t('Catat pengambilan {u}?', 'Record the pickup of {u}?', { u: unitsOf(r.qty) }),
      body: t(
        'Barang retur {n} dari {o} tercatat sudah diambil; pihak lain melihatnya dan catatan ini tidak dapat dibatalkan.',
        'The goods of return {n} from {o} are recorded as picked up; the other party sees it and it cannot be undone.',
        { n: r.number, o: r.outletName },
      ),
      confirmLabel: t('Catat pengambilan', 'Record the pickup'),
    });
    if (yes) pickup.mutate();
  };
  return (
    <>
      <PageHeader title={t('Nota retur {n}', 'Return note {n}', { n: r.number })} testId="return-title">
        <PickupState r={r} />
      </PageHeader>
      <Facts
        rows={[
          [t('Gerai', 'Outlet'), <span key="k149" translate="no">{`${r.chainName} · ${r.outletName}`}</span>],
          [
            t('UMKM', 'UMKM'),
            <span key="k150" translate="no">
              {r.umkmName}
            </span>,
          ],
          [t('Tanggal retur', 'Returned on'), formatDate(r.returnedOn, lang)],
          [t('Alasan', 'Reason'), tx(label('returnReason', r.reason))],
          [t('Kerugian', 'Loss'), tx(label('lossBearer', r.borneBy))],
          [t('Jumlah', 'Quantity'), unitsOf(r.qty)],
          ...(r.note
            ? ([
                [
                  t('Catatan', 'Note'),
                  <q key="k155" translate="no">
                    {r.note}
                  </q>,
                ],
              ] as [string, React.ReactNode][])
            : []),
        ]}
      />
      {pickup.error && <Problem error={pickup.error} />}
      {r.can.pickup && (
        <p className="actions">
          <button type="button" className="btn btn-primary" onClick={record} disabled={pickup.isPending} data-testid="record-pickup">
            {t('Catat sudah diambil', 'Record the pickup')}
          </button>
        </p>
      )}
      <h2>{t('Barang ({n} baris)', 'Goods ({n} lines)', { n: num(r.lines.length) })}</h2>
      <ul className="cards">
        {r.lines.map((l) => (
          <li key={l.batchId} className="card item">
            <p className="item-title" translate="no">
              {l.productName}
            </p>
            <p className="op-meta">
              {t('Batch', 'Batch')} <span translate="no">{l.batchCode}</span> ·{' '}
              {t('kedaluwarsa {d}', 'expires {d}', { d: formatDate(l.expiresOn, lang) })} · {unitsOf(l.qty)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
