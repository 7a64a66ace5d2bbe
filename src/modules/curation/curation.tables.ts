// Kysely table types of the curation and mentoring module (C2, C3), beside migrations/0002_curation.sql.
export type CurationTables = Record<never, never>;
