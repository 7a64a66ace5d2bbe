// What the operations pages share: the badge of an order's or a note's status, a receipt's differences
// said in words, numbers in the page's language, and today's date where the user is (a form default only:
// the server checks every date on its own clock).
import { label } from '../../../vocabulary.ts';
import type { Item } from '../../api-types.ts';
import { Badge } from '../../components/ui.tsx';
import { formatNumber, formatUnits, todayIn, zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useUser } from '../../session.ts';

export type OrderStatus = Item<'/api/operations/orders'>['status'];
export type NoteStatus = Item<'/api/operations/delivery-notes'>['status'];

const ORDER_TONE: Record<OrderStatus, 'neutral' | 'ok' | 'warn' | 'bad'> = {
  sent: 'warn',
  confirmed: 'ok',
  partly_confirmed: 'ok',
  declined: 'bad',
  cancelled: 'neutral',
  delivered: 'ok',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { tx } = useI18n();
  return (
    <Badge tone={ORDER_TONE[status]}>
      <span data-testid="order-status">{tx(label('orderStatus', status))}</span>
    </Badge>
  );
}

export function NoteStatusBadge({ status }: { status: NoteStatus }) {
  const { tx } = useI18n();
  return (
    <Badge tone={status === 'received' ? 'ok' : status === 'issued' ? 'warn' : 'neutral'}>
      <span data-testid="note-status">{tx(label('deliveryNoteStatus', status))}</span>
    </Badge>
  );
}

/** "1 kurang · 2 ditolak (Rusak)" or "Lengkap": a receipt's difference in words, highlighted when any. */
export function Difference({
  short,
  rejected,
  reason,
  testId,
}: {
  short: number | null;
  rejected: number | null;
  reason?: string | null;
  testId?: string;
}) {
  const { t, tx, lang } = useI18n();
  const parts: string[] = [];
  if (short) parts.push(t('{n} kurang', '{n} short', { n: formatNumber(short, lang) }));
  if (rejected) {
    const why = reason ? ` (${tx(label('rejectReason', reason))})` : '';
    parts.push(t('{n} ditolak', '{n} rejected', { n: formatNumber(rejected, lang) }) + why);
  }
  if (parts.length === 0) {
    return (
      <Badge tone="ok">
        <span data-testid={testId}>{t('Lengkap', 'Complete')}</span>
      </Badge>
    );
  }
  return (
    <Badge tone="bad">
      <span data-testid={testId}>{parts.join(' · ')}</span>
    </Badge>
  );
}

/** Today's date where the signed-in user is (the default of date fields). */
export function useToday(regionCode?: string | null): string {
  const me = useUser();
  return todayIn(zoneOf(regionCode ?? me.regionCode).tz);
}

/** A whole number typed into a box: digits only, empty as null. */
export function parseQty(text: string): number | null {
  const digits = text.replace(/\D/g, '').slice(0, 7);
  return digits ? Number(digits) : null;
}

export function useNum() {
  const { lang } = useI18n();
  return (v: number) => formatNumber(v, lang);
}

export const orderHref = (id: string) => `/operations/orders/${id}`;
export const noteHref = (id: string) => `/operations/delivery-notes/${id}`;
export const returnHref = (id: string) => `/operations/returns/${id}`;

/** "1 unit" / "3 unit" in Indonesian, "1 unit" / "3 units" in English. */
export function useUnits() {
  const { lang } = useI18n();
  return (v: number) => formatUnits(v, lang);
}
