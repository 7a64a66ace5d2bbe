// The administrator's security log: failed and throttled sign-ins, refused cross-site requests, refusals by
// policy and attempts on another tenant's data, newest first, filterable by kind. Cards, so it reads on a phone.
import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../api.ts';
import type { Item } from '../../api-types.ts';
import { SelectField } from '../../components/form.tsx';
import { ListBody, useListParams } from '../../components/list.tsx';
import { Badge, PageHeader } from '../../components/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { type Bilingual, useI18n } from '../../i18n.tsx';

type SecurityEvent = Item<'/api/security-events'>;

const KIND_KEY = {
  login_failed: { id: 'Gagal masuk', en: 'Failed sign-in' },
  login_throttled: { id: 'Masuk ditahan (terlalu sering)', en: 'Sign-in throttled (too many attempts)' },
  cross_site_refused: { id: 'Permintaan dari situs lain ditolak', en: 'Cross-site request refused' },
  policy_refused: { id: 'Akses tidak diizinkan', en: 'Access refused' },
  cross_tenant_refused: { id: 'Percobaan memakai data organisasi lain', en: "Attempt on another organisation's data" },
} as const satisfies Record<string, Bilingual>;
type Kind = keyof typeof KIND_KEY;
const KINDS = Object.keys(KIND_KEY) as Kind[];
const TONE: Record<Kind, 'warn' | 'bad'> = {
  login_failed: 'warn',
  login_throttled: 'bad',
  cross_site_refused: 'bad',
  policy_refused: 'warn',
  cross_tenant_refused: 'bad',
};

/** "1 Desember 2026 08.00 WIB": the installation's log, read in Jakarta time. */

export default function SecurityLogPage() {
  const { t, tx, lang } = useI18n();
  const lp = useListParams();
  const kind = lp.get('kind');
  const params = { kind, limit: lp.limit, offset: lp.offset };
  const q = useQuery({ queryKey: ['security-events', params], queryFn: () => fetchPage<SecurityEvent>('security-events', params) });

  return (
    <section className="page">
      <PageHeader title={t('Log keamanan', 'Security log')} />
      <p className="muted">
        {t(
          'Percobaan masuk yang gagal atau ditahan, permintaan dari situs lain yang ditolak, akses yang tidak diizinkan, dan percobaan memakai data organisasi lain.',
          "Failed or throttled sign-ins, refused cross-site requests, access refused by policy, and attempts to use another organisation's data.",
        )}
      </p>
      <div className="filters">
        <SelectField
          name="kind"
          label={t('Jenis kejadian', 'Kind of event')}
          value={kind as Kind | ''}
          placeholder={t('Semua', 'All')}
          options={KINDS.map((k) => [k, tx(KIND_KEY[k])])}
          onChange={(v) => lp.setFilter({ kind: v })}
        />
      </div>
      <ListBody
        query={q}
        empty={t('Belum ada kejadian keamanan.', 'No security events yet.')}
        page={lp.page}
        onPage={lp.setPage}
        testId="security-events"
        render={(e) => (
          <li key={e.id} className="card">
            <Badge tone={TONE[e.kind]}>{tx(KIND_KEY[e.kind])}</Badge>
            <p>{formatDateTime(e.at, 'Asia/Jakarta', lang)}</p>
            <p>
              {t('Akun', 'Account')}: {e.email ?? t('tanpa akun', 'no account')} · {t('Alamat', 'Address')}:{' '}
              <span className="mono">{e.ip}</span>
            </p>
            <p className="muted mono">
              {e.method} {e.url}
            </p>
          </li>
        )}
      />
    </section>
  );
}
