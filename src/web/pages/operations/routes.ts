// The operations pages after the shelf door (C7): orders, delivery notes and receipts, sell-out, stock,
// returns and reconciliation; lazy-loaded so a phone downloads each only when it is opened. App.tsx adds
// these to its route table and the menu entries per role.
import type { ComponentType } from 'react';
import { lazyNamed } from '../../components/resilience.tsx';
import type { Bilingual } from '../../i18n.tsx';

type Page = ComponentType<{ params: Record<string, string> }>;

export const OPERATIONS_ROUTES: [string, Page][] = [
  ['/operations/orders', lazyNamed(() => import('./OrdersPage.tsx'), 'OrdersPage')],
  ['/operations/orders/new', lazyNamed(() => import('./NewOrderPage.tsx'), 'NewOrderPage')],
  ['/operations/orders/:id', lazyNamed(() => import('./OrderPage.tsx'), 'OrderPage')],
  ['/operations/delivery-notes', lazyNamed(() => import('./NotesPage.tsx'), 'NotesPage')],
  ['/operations/delivery-notes/:id', lazyNamed(() => import('./NotePage.tsx'), 'NotePage')],
  ['/operations/sales', lazyNamed(() => import('./SalesPage.tsx'), 'SalesPage')],
  ['/operations/stock', lazyNamed(() => import('./StockPage.tsx'), 'StockPage')],
  ['/operations/returns', lazyNamed(() => import('./ReturnsPage.tsx'), 'ReturnsPage')],
  ['/operations/returns/:id', lazyNamed(() => import('./ReturnsPage.tsx'), 'ReturnPage')],
  ['/operations/reconciliation', lazyNamed(() => import('./ReconciliationPage.tsx'), 'ReconciliationPage')],
];

/** Menu entries per role: the maker answers orders, ships, and follows her sales and returns; the chain
 *  orders, receives, keeps stock, returns and reconciles; the Dinas and the administrator read. */
export function operationsNav(role: string): [string, Bilingual][] {
  const orders: [string, Bilingual] = ['/operations/orders', { id: 'Pesanan', en: 'Orders' }];
  switch (role) {
    case 'umkm':
      return [orders, ['/operations/sales', { id: 'Penjualan', en: 'Sales' }], ['/operations/returns', { id: 'Retur', en: 'Returns' }]];
    case 'retailer':
      return [
        orders,
        ['/operations/delivery-notes', { id: 'Penerimaan', en: 'Receiving' }],
        ['/operations/stock', { id: 'Stok', en: 'Stock' }],
        ['/operations/returns', { id: 'Retur', en: 'Returns' }],
        ['/operations/reconciliation', { id: 'Rekonsiliasi', en: 'Reconciliation' }],
      ];
    case 'pemda':
    case 'admin':
      return [
        orders,
        ['/operations/delivery-notes', { id: 'Pengiriman', en: 'Deliveries' }],
        ['/operations/reconciliation', { id: 'Rekonsiliasi', en: 'Reconciliation' }],
      ];
    default:
      return [];
  }
}
