-- Notices of market tests (C6): the maker is told when a test of her product starts (with its criteria) and
-- when the chain decides it. The kinds' CHECK gains the two (src/modules/notifications/notifications.vocabulary.ts).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'statement_issued', 'statement_disputed', 'statement_accepted', 'statement_corrected',
  'payment_due_soon', 'payment_overdue', 'statement_escalated', 'statement_not_issued',
  'financing_offered', 'financing_offer_received', 'financing_accepted', 'statement_paid',
  'market_test_started', 'market_test_decided'));
