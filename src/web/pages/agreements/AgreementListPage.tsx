// MoUs and PKS the user may see: a Dinas its region's, a chain its own, a UMKM its own PKS.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import { Badge, ButtonLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { Link, useQueryParams } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { phaseTone, SEVERITY, type Summary, useText } from './text.ts';

export default function AgreementListPage() {
  const me = useUser();
  const { t, tx, date } = useText();
  const [query, setQuery] = useQueryParams();
  const kind = query.get('kind') ?? '';
  const list = useQuery({
    queryKey: ['agreements', kind],
    queryFn: () => api.get<{ items: Summary[]; total: number }>(`/api/agreements${qs({ kind, limit: 200 })}`),
  });
  return (
    <section className="page">
      <PageHeader title={t('Perjanjian (MoU dan PKS)', 'Agreements (MoU and PKS)')} testId="agreements-title">
        {(me.role === 'pemda' || me.role === 'admin') && (
          <ButtonLink href="/agreements/mou/new" primary testId="new-mou">
            {t('Buat MoU', 'New MoU')}
          </ButtonLink>
        )}
        {me.role === 'retailer' && (
          <ButtonLink href="/agreements/pks/new" primary testId="new-pks">
            {t('Buat PKS', 'New PKS')}
          </ButtonLink>
        )}
      </PageHeader>
      {me.role !== 'umkm' && (
        <div className="filters">
          <label>
            {t('Jenis', 'Kind')}{' '}
            <select value={kind} onChange={(e) => setQuery({ kind: e.target.value })} data-testid="kind-filter">
              <option value="">{t('Semua', 'All')}</option>
              <option value="mou">MoU</option>
              <option value="pks">PKS</option>
            </select>
          </label>
        </div>
      )}
      {list.isPending && <Loading />}
      {list.isError && <Problem error={list.error} onRetry={() => list.refetch()} />}
      {list.data && list.data.items.length === 0 && <p className="muted">{t('Belum ada perjanjian.', 'No agreements yet.')}</p>}
      <ul className="list" data-testid="agreement-list">
        {list.data?.items.map((a) => (
          <li key={a.id} className="card item">
            <Link href={`/agreements/${a.id}`} className="item-title" translate="no">
              {a.kind.toUpperCase()} · {a.kind === 'pks' ? a.umkm?.name : a.government?.name} — {a.chain.name}
            </Link>
            <p className="item-meta">
              {a.number} · {a.regionName} · {date(a.startsOn)} – {date(a.endsOn)}
            </p>
            <p>
              <Badge tone={phaseTone(a.phase)}>{tx(a.phaseLabel)}</Badge>{' '}
              {a.openVersion && a.openVersion > 1 && (
                <Badge tone="warn">{t(`Adendum versi ${a.openVersion}`, `Amendment v${a.openVersion}`)}</Badge>
              )}{' '}
              {a.warnings.length > 0 && (
                <Badge tone={a.warnings.some((w) => w.severity === 'blocking') ? 'bad' : 'warn'}>
                  {t(...SEVERITY[a.warnings.some((w) => w.severity === 'blocking') ? 'blocking' : 'warning'])}
                </Badge>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
