// Kysely table types of the agreements module (C4), beside migrations/0003_agreements.sql.
export type AgreementTables = Record<never, never>;
