-- Curation and mentoring (C2, C3): the chains' requirement sets (versioned), curation rounds with their
-- products and append-only evaluations, relaxations agreed between a government and a chain (a stand-in
-- until MoUs exist), and mentoring programs with enrolment, sessions and attendance.

-- A requirement set (persyaratan) of one chain for one product category (NULL: every category without a
-- set of its own). Each version is its own row; a published version never changes (a curation records
-- the version it used), an edit makes the next version as a draft.
CREATE TABLE requirement_sets (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id      uuid NOT NULL REFERENCES organizations(id),
  category      text,
  version       integer NOT NULL CHECK (version > 0),
  status        text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  name          text NOT NULL,
  criteria      jsonb NOT NULL,                 -- Criterion[] (curation.rules.ts), validated on write
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
-- COALESCE: one sequence of versions per chain and category, the all-categories set included.
CREATE UNIQUE INDEX requirement_sets_version_idx ON requirement_sets (chain_id, (COALESCE(category, '')), version);

-- A curation round (kurasi): products of one region curated against one chain's requirements on a date.
CREATE TABLE curation_rounds (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL,
  chain_id          uuid NOT NULL REFERENCES organizations(id),
  organizer_id      uuid NOT NULL REFERENCES organizations(id),   -- the government or chain running it
  region_code       text NOT NULL REFERENCES regions(code),
  province_code     text NOT NULL,
  curation_date     date NOT NULL,                                  -- permits must be valid on this day
  status            text NOT NULL CHECK (status IN ('open', 'closed')),
  kind              text NOT NULL DEFAULT 'initial' CHECK (kind IN ('initial', 'recuration')),
  program_id        uuid,                                            -- re-curation after this mentoring program
  created_by        uuid REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz
);
CREATE INDEX curation_rounds_chain_idx ON curation_rounds (chain_id, region_code);

-- A product in a round, with the curators' input (attestations, scores 1–5, notes).
CREATE TABLE curation_entries (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id            uuid NOT NULL REFERENCES curation_rounds(id),
  product_id          uuid NOT NULL REFERENCES products(id),
  umkm_id             uuid NOT NULL REFERENCES organizations(id),
  village_code        text NOT NULL,                                  -- the UMKM's village: region scope
  province_code       text NOT NULL,
  requirement_set_id  uuid NOT NULL REFERENCES requirement_sets(id),
  attestations        jsonb NOT NULL DEFAULT '{}'::jsonb,             -- criterion code → true/false
  scores              jsonb NOT NULL DEFAULT '{}'::jsonb,             -- criterion code → 1..5
  notes               text,                                           -- curators' notes: never shown to the UMKM
  previous_entry_id   uuid REFERENCES curation_entries(id),           -- re-curation: the entry before mentoring
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, product_id)
);
CREATE INDEX curation_entries_product_idx ON curation_entries (product_id);
CREATE INDEX curation_entries_umkm_idx ON curation_entries (umkm_id);

-- Every evaluation of an entry is a new row: results are history and are never overwritten.
CREATE TABLE curation_evaluations (
  id               bigserial PRIMARY KEY,
  entry_id         uuid NOT NULL REFERENCES curation_entries(id),
  round_id         uuid NOT NULL,
  product_id       uuid NOT NULL,
  province_code    text NOT NULL,
  evaluated_at     timestamptz NOT NULL DEFAULT now(),
  outcome          text NOT NULL CHECK (outcome IN ('lolos', 'belum_lolos', 'menunggu')),
  failed           text[] NOT NULL,          -- criterion codes failed after relaxations
  relaxed          text[] NOT NULL,          -- criterion codes passed only thanks to a relaxation
  results          jsonb NOT NULL            -- per criterion: outcome, detail, relaxation used
);
CREATE INDEX curation_evaluations_entry_idx ON curation_evaluations (entry_id, id DESC);
CREATE INDEX curation_evaluations_round_idx ON curation_evaluations (round_id);

-- A relaxation (pelonggaran): a government and a chain agree to waive named criteria for UMKM of the
-- government's region. Read only through relaxationsFor() so the agreements module (MoUs) can take over.
CREATE TABLE curation_relaxations (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  government_id    uuid NOT NULL REFERENCES organizations(id),
  chain_id         uuid NOT NULL REFERENCES organizations(id),
  region_code      text NOT NULL REFERENCES regions(code),
  criterion_codes  text[] NOT NULL CHECK (cardinality(criterion_codes) > 0),
  valid_from       date NOT NULL,
  valid_until      date,
  note             text NOT NULL,
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  archived_at      timestamptz,
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX curation_relaxations_chain_idx ON curation_relaxations (chain_id, region_code);

-- Mentoring (pendampingan): a program on a topic, linked to the criteria it helps to close.
CREATE TABLE mentoring_programs (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  topic            text NOT NULL,
  organizer_id     uuid NOT NULL REFERENCES organizations(id),
  chain_id         uuid REFERENCES organizations(id),             -- whose requirements it prepares for
  region_code      text NOT NULL REFERENCES regions(code),
  province_code    text NOT NULL,
  mentor_user_id   uuid REFERENCES users(id),
  place            text,
  online           boolean NOT NULL DEFAULT false,
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  capacity         integer NOT NULL CHECK (capacity > 0),
  criterion_codes  text[] NOT NULL,
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX mentoring_programs_region_idx ON mentoring_programs (region_code);

CREATE TABLE mentoring_enrolments (
  program_id   uuid NOT NULL REFERENCES mentoring_programs(id),
  umkm_id      uuid NOT NULL REFERENCES organizations(id),
  status       text NOT NULL CHECK (status IN ('invited', 'enrolled', 'declined', 'completed')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, umkm_id)
);
CREATE INDEX mentoring_enrolments_umkm_idx ON mentoring_enrolments (umkm_id);

CREATE TABLE mentoring_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  program_id   uuid NOT NULL REFERENCES mentoring_programs(id),
  held_on      date NOT NULL,
  topic        text NOT NULL,
  notes        text,                        -- the mentor's notes
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentoring_sessions_program_idx ON mentoring_sessions (program_id, held_on);

CREATE TABLE mentoring_attendance (
  session_id   uuid NOT NULL REFERENCES mentoring_sessions(id),
  umkm_id      uuid NOT NULL REFERENCES organizations(id),
  present      boolean NOT NULL,
  note         text,
  PRIMARY KEY (session_id, umkm_id)
);

ALTER TABLE curation_rounds ADD CONSTRAINT curation_rounds_program_fk FOREIGN KEY (program_id) REFERENCES mentoring_programs(id);
