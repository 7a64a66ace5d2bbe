// Small building blocks every page uses: loading and error states, page headers, cards, badges.
import { type ReactNode, useEffect } from 'react';
import { ApiError } from '../api.ts';
import { formatTotal } from '../format.ts';
import { useI18n } from '../i18n.tsx';
import { Link } from '../router.tsx';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('Memuat…', 'Loading…')}
    </p>
  );
}

/** An error with the server's message in the current language, and a retry when it may help. */
export function Problem({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, tx } = useI18n();
  const text =
    error instanceof ApiError
      ? tx(error.bilingual)
      : t('Terjadi kesalahan yang tidak terduga. Silakan coba lagi.', 'Something unexpected went wrong. Please try again.');
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('Coba lagi', 'Try again')}
        </button>
      )}
    </div>
  );
}

/** Page title (also the document title) with actions on the right (below it on a phone). */
export function PageHeader({
  title,
  subtitle,
  children,
  testId,
}: {
  title: string;
  subtitle?: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  useEffect(() => {
    document.title = `${title} · Etalase`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 data-testid={testId}>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export function ButtonLink({ href, children, primary, testId }: { href: string; children: ReactNode; primary?: boolean; testId?: string }) {
  return (
    <Link href={href} className={primary ? 'btn btn-primary' : 'btn'} data-testid={testId}>
      {children}
    </Link>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'ok' | 'warn' | 'bad'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A count, or a list endpoint's page (its `total`, said to be an estimate when it is), as a link to the list. */
export function StatCard({
  label,
  value,
  href,
  testId,
}: {
  label: string;
  value: number | { total: number; totalEstimated?: boolean } | undefined;
  href?: string;
  testId?: string;
}) {
  const { lang } = useI18n();
  const inner = (
    <>
      <span className="stat-value" data-testid={testId}>
        {value === undefined
          ? '…'
          : typeof value === 'number'
            ? formatTotal(value, false, lang)
            : formatTotal(value.total, value.totalEstimated, lang)}
      </span>
      <span className="stat-label">{label}</span>
    </>
  );
  return href ? (
    <Link href={href} className="stat">
      {inner}
    </Link>
  ) : (
    <div className="stat">{inner}</div>
  );
}

/** Label/value rows of a detail page. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p className="back">
      <Link href={href}>← {label}</Link>
    </p>
  );
}
