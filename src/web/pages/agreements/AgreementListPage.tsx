// MoUs and PKS the user may see: a Dinas its region's, a chain its own, a UMKM its own PKS.
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api.ts';
import type { Answer } from '../../api-types.ts';
import { ListBody, SearchBox, useListParams } from '../../components/list.tsx';
import { Badge, ButtonLink, PageHeader } from '../../components/ui.tsx';
import { formatDate } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { useUser } from '../../session.ts';
import { phaseTone, SEVERITY, type Summary } from './text.ts';

export default function AgreementListPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const lp = useListParams();
  const kind = lp.get('kind');
  const params = { kind, q: lp.q, limit: lp.limit, offset: lp.offset };
  const list = useQuery({
    queryKey: ['agreements', params],
    queryFn: () => api.get<Answer<'/api/agreements'>>(`/api/agreements${qs(params)}`),
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
      <div className="filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari nomor, UMKM atau pemerintah daerah', 'Search number, UMKM or government')}
        />
        {me.role !== 'umkm' && (
          <label>
            {t('Jenis', 'Kind')}{' '}
            <select value={kind} onChange={(e) => lp.setFilter({ kind: e.target.value })} data-testid="kind-filter">
              <option value="">{t('Semua', 'All')}</option>
              <option value="mou">MoU</option>
              <option value="pks">PKS</option>
            </select>
          </label>
        )}
      </div>
      <ListBody
        query={list}
        empty={t('Belum ada perjanjian.', 'No agreements yet.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="agreement-list"
        render={(a: Summary) => (
          <li key={a.id} className="card item">
            <Link href={`/agreements/${a.id}`} className="item-title" translate="no">
              {a.kind.toUpperCase()} · {a.kind === 'pks' ? a.umkm?.name : a.government?.name} — {a.chain.name}
            </Link>
            <p className="item-meta">
              <span translate="no">
                {a.number} · {a.regionName}
              </span>{' '}
              · {formatDate(a.startsOn, lang)} – {formatDate(a.endsOn, lang)}
            </p>
            <p>
              <Badge tone={phaseTone(a.phase)}>{tx(a.phaseLabel)}</Badge>{' '}
              {a.openVersion && a.openVersion > 1 && (
                <Badge tone="warn">{t('Adendum versi {v}', 'Amendment v{v}', { v: a.openVersion })}</Badge>
              )}{' '}
              {a.warnings.length > 0 && (
                <Badge tone={a.warnings.some((w) => w.severity === 'blocking') ? 'bad' : 'warn'}>
                  {tx(SEVERITY[a.warnings.some((w) => w.severity === 'blocking') ? 'blocking' : 'warning'])}
                </Badge>
              )}
            </p>
          </li>
        )}
      />
    </section>
  );
}
