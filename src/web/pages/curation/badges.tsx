// Badges of curation outcomes and round statuses, by their label in the vocabulary.
import { type ReactNode, useEffect } from 'react';
import { label } from '../../../vocabulary.ts';
import { Badge } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const { tx } = useI18n();
  const o = outcome ?? 'menunggu';
  return <Badge tone={o === 'lolos' ? 'ok' : o === 'belum_lolos' ? 'bad' : 'warn'}>{tx(label('productOutcome', o))}</Badge>;
}

export function RoundStatusBadge({ status }: { status: string }) {
  const { tx } = useI18n();
  return <Badge tone={status === 'open' ? 'warn' : 'neutral'}>{tx(label('roundStatus', status))}</Badge>;
}

/** A page header whose title is a name (a round's, a product's, a set's): the same markup as PageHeader,
 *  the title marked translate="no" (a name is not translated). */
export function NamedHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Etalase`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 translate="no">{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
      </div>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}
