// The home page of each role: what this role does here, its key counts (the list endpoints' `total`),
// and where to go next. Counts are scoped by the server, so the same call answers per role.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { fetchPage } from '../api.ts';
import { RegionName } from '../components/RegionPicker.tsx';
import { ButtonLink, PageHeader, StatCard } from '../components/ui.tsx';
import { formatNowIn } from '../format.ts';
import { type Key, useI18n } from '../i18n.tsx';
import { useUser } from '../session.ts';
import type { Me, Role } from '../types.ts';
import { AgreementReminders } from './agreements/AgreementReminders.tsx';

type Params = Record<string, string | number | boolean | undefined>;

/** How many rows a list would answer: one row asked, `total` read. */
function useTotal(resource: string, params: Params = {}, enabled = true) {
  const q = useQuery({
    queryKey: ['total', resource, params],
    queryFn: () => fetchPage(resource, { ...params, limit: 1 }),
    enabled,
  });
  return q.data?.total;
}

const TITLE: Record<Role, Key> = {
  admin: 'home.admin.title',
  pemda: 'home.pemda.title',
  retailer: 'home.retailer.title',
  umkm: 'home.umkm.title',
  mentor: 'home.mentor.title',
};
const INTRO: Record<Role, Key> = {
  admin: 'home.admin.intro',
  pemda: 'home.pemda.intro',
  retailer: 'home.retailer.intro',
  umkm: 'home.umkm.intro',
  mentor: 'home.mentor.intro',
};

function Stats({ children }: { children: ReactNode }) {
  return <div className="stats">{children}</div>;
}

function AdminHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('stat.organizations')} value={useTotal('organizations')} href="/organizations" testId="stat-organizations" />
        <StatCard label={t('stat.umkm')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('stat.products')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard label={t('stat.outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
      </Stats>
      <div className="actions">
        <ButtonLink href="/umkm/new" primary>
          {t('umkm.new')}
        </ButtonLink>
        <ButtonLink href="/outlets/new">{t('outlet.new')}</ButtonLink>
        <a className="btn" href="/api/docs">
          {t('home.admin.apiDocs')}
        </a>
      </div>
    </>
  );
}

function PemdaHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('stat.umkm')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('stat.products')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard label={t('stat.perishable')} value={useTotal('products', { perishable: true })} href="/products" />
        <StatCard label={t('stat.outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
      </Stats>
      <div className="actions">
        <ButtonLink href="/umkm/new" primary>
          {t('umkm.new')}
        </ButtonLink>
        <ButtonLink href="/umkm">{t('nav.umkm')}</ButtonLink>
        <ButtonLink href="/outlets">{t('nav.outlets')}</ButtonLink>
        <ButtonLink href="/placement" testId="home-placement">
          {t('placement.home')}
        </ButtonLink>
      </div>
    </>
  );
}

function RetailerHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('stat.outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
        <StatCard label={t('stat.outletsPerishable')} value={useTotal('outlets', { acceptsPerishable: true })} href="/outlets" />
        <StatCard label={t('stat.umkm')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('stat.products')} value={useTotal('products')} href="/products" testId="stat-products" />
      </Stats>
      <div className="actions">
        <ButtonLink href="/outlets/new" primary>
          {t('outlet.new')}
        </ButtonLink>
        <ButtonLink href="/products">{t('home.retailer.browse')}</ButtonLink>
        <ButtonLink href="/placement" testId="home-placement">
          {t('placement.home')}
        </ButtonLink>
      </div>
    </>
  );
}

function UmkmHome({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('stat.myProducts')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard label={t('stat.perishable')} value={useTotal('products', { perishable: true })} href="/products" />
        <StatCard label={t('stat.outletsProvince')} value={useTotal('outlets')} />
      </Stats>
      <div className="actions">
        <ButtonLink href="/products/new" primary testId="home-new-product">
          {t('product.new')}
        </ButtonLink>
        <ButtonLink href="/products">{t('nav.myProducts')}</ButtonLink>
        {me.organizationId && <ButtonLink href={`/umkm/${me.organizationId}`}>{t('nav.myBusiness')}</ButtonLink>}
      </div>
      <section className="card steps">
        <h2>{t('home.umkm.stepsTitle')}</h2>
        <ol>
          <li>{t('home.umkm.step1')}</li>
          <li>{t('home.umkm.step2')}</li>
          <li>{t('home.umkm.step3')}</li>
        </ol>
      </section>
    </>
  );
}

function MentorHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('stat.assignedUmkm')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('stat.products')} value={useTotal('products')} href="/products" testId="stat-products" />
      </Stats>
      <div className="actions">
        <ButtonLink href="/umkm" primary>
          {t('nav.umkm')}
        </ButtonLink>
      </div>
    </>
  );
}

export function HomePage() {
  const me = useUser();
  const { t, locale } = useI18n();
  const subtitle = (
    <>
      {t('home.greeting', { name: me.name })}
      {me.organizationName ? ` · ${me.organizationName}` : ''}
      {me.role === 'pemda' && me.regionCode && (
        <>
          {' · '}
          <RegionName code={me.regionCode} />
        </>
      )}
      <br />
      <span className="small">{formatNowIn(me.regionCode, locale)}</span>
    </>
  );
  return (
    <section className="page" data-role={me.role}>
      <PageHeader title={t(TITLE[me.role])} subtitle={subtitle} testId="home-title" />
      <p className="intro">{t(INTRO[me.role])}</p>
      {me.demo && <p className="badge badge-warn demo-note">{t('home.demo')}</p>}
      {me.role === 'admin' && <AdminHome />}
      {me.role === 'pemda' && <PemdaHome />}
      {me.role === 'retailer' && <RetailerHome />}
      {me.role === 'umkm' && <UmkmHome me={me} />}
      {me.role === 'mentor' && <MentorHome />}
      {me.role !== 'mentor' && <AgreementReminders />}
    </section>
  );
}
