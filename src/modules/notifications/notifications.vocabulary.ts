// Kinds of notification with their labels (gathered in src/vocabulary.ts): what happened, as the inbox
// names it beside the notice's own title. The list is the CHECK of notifications.kind
// (migrations/0015_notifications.sql); settlement (statements, payments, financing) sends them.
export const NOTIFICATIONS_VOCABULARY = {
  notificationKind: {
    statement_issued: { id: 'Rekap tagihan terbit', en: 'Statement issued' },
    statement_disputed: { id: 'Rekap tagihan disanggah', en: 'Statement disputed' },
    statement_accepted: { id: 'Rekap tagihan disetujui', en: 'Statement accepted' },
    statement_corrected: { id: 'Rekap tagihan dikoreksi', en: 'Statement corrected' },
    payment_due_soon: { id: 'Pembayaran segera jatuh tempo', en: 'Payment due soon' },
    payment_overdue: { id: 'Pembayaran lewat jatuh tempo', en: 'Payment overdue' },
    statement_escalated: { id: 'Rekap tagihan dieskalasi', en: 'Statement escalated' },
    statement_not_issued: { id: 'Rekap tagihan belum terbit', en: 'Statement not issued' },
    financing_offered: { id: 'Rekap tagihan ditawarkan ke bank', en: 'Statement offered for financing' },
    financing_offer_received: { id: 'Tawaran pembiayaan dari bank', en: 'Financing offer from a bank' },
    financing_accepted: { id: 'Pembiayaan disetujui', en: 'Financing accepted' },
    statement_paid: { id: 'Rekap tagihan dibayar', en: 'Statement paid' },
    market_test_started: { id: 'Uji pasar dimulai', en: 'Market test started' },
    market_test_decided: { id: 'Keputusan uji pasar', en: 'Market test decided' },
    expansion_proposed: { id: 'Usulan ekspansi', en: 'Expansion proposed' },
    expansion_decided: { id: 'Keputusan ekspansi', en: 'Expansion decided' },
  },
};

export type NotificationKind = keyof typeof NOTIFICATIONS_VOCABULARY.notificationKind;

/** Every kind, in the catalogue's order (the migration's CHECK lists the same). */
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATIONS_VOCABULARY.notificationKind) as [NotificationKind, ...NotificationKind[]];
