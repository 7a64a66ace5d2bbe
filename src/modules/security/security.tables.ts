// Table types of the security log (migrations/0006_hardening.sql).
import type { Generated } from 'kysely';
import type { Json } from '../../db/types.ts';

export const SECURITY_EVENT_KINDS = [
  'login_failed',
  'login_throttled',
  'cross_site_refused',
  'policy_refused',
  'cross_tenant_refused',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEventsTable {
  id: Generated<bigint>;
  at: Generated<Date>;
  kind: SecurityEventKind;
  ip: string;
  actor_id: string | null;
  email: string | null;
  method: string;
  url: string;
  detail: Json;
  request_id: string | null;
}

export interface SecurityTables {
  security_events: SecurityEventsTable;
}
