// Generated from the .sql files beside this one by shared/adapters/migrations.test.ts.
// Edit those, then run: npx vitest run shared/adapters/migrations.test.ts --update
// Embedded as text so that Lambda bundles, vitest and tsx carry the SQL without file access or loaders.

/** One numbered SQL migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in version order. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: '001-analytics-schema',
    sql: `-- Letters as the analytics side knows them: one row per letter, folded from its events with
-- the rules of shared/letter-projection.ts. A withdrawal can arrive before the letter it
-- withdraws, so the content columns stay NULL until a Submitted/Amended event is seen.
CREATE TABLE letters (
  letter_id       text PRIMARY KEY,
  child_id        text,
  child_name      text,
  child_age       smallint,
  country         text,
  status          text NOT NULL CHECK (status IN ('active', 'withdrawn')),
  -- Versions ("occurredAt#eventId") must order as JavaScript orders strings, whatever the
  -- database's default collation is.
  version         text COLLATE "C" NOT NULL,
  content_version text COLLATE "C",
  submitted_at    timestamptz,
  updated_at      timestamptz NOT NULL,
  -- [{ "toy": normalised name, "name": as written, "quantity": 1-99 }]
  toys            jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(toys) = 'array'),
  message         text,
  CONSTRAINT letters_content_complete CHECK (
    content_version IS NULL
    OR (child_id IS NOT NULL AND child_name IS NOT NULL AND country IS NOT NULL AND submitted_at IS NOT NULL)
  )
);

-- Every query reads only active letters whose content is known, top toys often per country.
CREATE INDEX letters_active_by_country ON letters (country) INCLUDE (child_id)
  WHERE status = 'active' AND content_version IS NOT NULL;

-- Roles are cluster-wide, so another database or another schema of this one may be creating
-- them at the same moment: "already there" counts as success. They get no password here and
-- no rds_iam: RDS Proxy signs in as them with the password the migrate function sets and
-- stores in each role's secret, and with rds_iam PostgreSQL on RDS refuses passwords.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_reader') THEN
    BEGIN
      CREATE ROLE analytics_reader LOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analytics_writer') THEN
    BEGIN
      CREATE ROLE analytics_writer LOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  -- The schema is whichever one this migration runs in (public in AWS, one per test run).
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO analytics_reader, analytics_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO analytics_reader', current_schema());
END
$$;

GRANT SELECT ON letters TO analytics_reader;
-- The projector upserts; it never deletes.
GRANT SELECT, INSERT, UPDATE ON letters TO analytics_writer;
`,
  },
];
