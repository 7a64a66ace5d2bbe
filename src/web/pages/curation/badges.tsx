// Badges of curation outcomes and round statuses, by their label in the vocabulary.
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
