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
  {
    version: 2,
    name: '002-analytics-aggregates',
    sql: `-- Pre-aggregated analytics: the queries read these tables only, so their cost does not grow
-- with the number of letters. Triggers on letters keep them equal to a scan of the letters
-- in the same transaction as every write, from the rows the write actually changed (old
-- contribution out, new contribution in), whichever code writes. Row locks taken by the
-- letters upsert make concurrent batches on the same letters see each other's rows, so
-- duplicates, reordering, redeliveries and replays leave the aggregates exact.

-- Revision 2 of the projection: the earliest LetterSubmitted only creates, the latest
-- LetterAmended always wins over it, and status comes from LetterAmended/LetterWithdrawn only.
-- Rows written before this migration have neither column; the writer treats their content
-- and status as coming from an amendment (what they kept was the latest event), and fills
-- both columns the first time it touches them.
-- ALTER TABLE and CREATE TRIGGER lock letters until this transaction commits (milliseconds:
-- nothing here reads or rewrites a row). Waiting behind a long query would stall every writer
-- queued behind this one, so give up instead; migrate can simply be run again.
SET LOCAL lock_timeout = '5s';

ALTER TABLE letters
  ADD COLUMN content_kind text CHECK (content_kind IN ('submitted', 'amended')),
  ADD COLUMN status_version text COLLATE "C",
  -- Whether the row is in the aggregates. Existing rows are not (the backfill counts them in
  -- small batches, while the projector keeps writing); every row written from now on is.
  ADD COLUMN aggregated boolean NOT NULL DEFAULT false;
ALTER TABLE letters ALTER COLUMN aggregated SET DEFAULT true;

-- The merge rules of the writer's upsert (shared/adapters/analytics-writer.ts), one place each.
-- Versions are "occurredAt#eventId" and order as JavaScript orders strings.
CREATE FUNCTION letter_content_kind(content_kind text, content_version text) RETURNS text
  IMMUTABLE LANGUAGE sql AS $$
  SELECT coalesce(content_kind, CASE WHEN content_version IS NOT NULL THEN 'amended' END)
$$;

-- An amendment beats a submission and an older amendment; a submission beats only a later one.
CREATE FUNCTION letter_content_wins(new_kind text, new_version text, old_kind text, old_version text) RETURNS boolean
  IMMUTABLE LANGUAGE sql AS $$
  SELECT new_kind IS NOT NULL AND CASE letter_content_kind(old_kind, old_version)
    WHEN 'amended' THEN new_kind = 'amended' AND new_version COLLATE "C" > old_version COLLATE "C"
    WHEN 'submitted' THEN new_kind = 'amended' OR new_version COLLATE "C" < old_version COLLATE "C"
    ELSE true
  END
$$;

-- The version a row's status came from; NULL while only a LetterSubmitted has been seen.
CREATE FUNCTION letter_status_version(status_version text, content_kind text, version text) RETURNS text
  IMMUTABLE LANGUAGE sql AS $$
  SELECT coalesce(status_version, CASE WHEN content_kind IS NULL THEN version END)
$$;

CREATE FUNCTION letter_status_wins(new_version text, old_status_version text, old_content_kind text, old_version text) RETURNS boolean
  IMMUTABLE LANGUAGE sql AS $$
  SELECT coalesce(new_version COLLATE "C" > coalesce(letter_status_version(old_status_version, old_content_kind, old_version), '') COLLATE "C", false)
$$;

-- Per toy (grouping key), over active letters. The index serves ORDER BY quantity DESC, toy.
CREATE TABLE analytics_toys (
  toy      text COLLATE "C" PRIMARY KEY,
  quantity bigint NOT NULL,
  letters  bigint NOT NULL
);
CREATE INDEX analytics_toys_top ON analytics_toys (quantity DESC, toy) WHERE letters > 0;

CREATE TABLE analytics_country_toys (
  country  text NOT NULL,
  toy      text COLLATE "C" NOT NULL,
  quantity bigint NOT NULL,
  letters  bigint NOT NULL,
  PRIMARY KEY (country, toy)
);
CREATE INDEX analytics_country_toys_top ON analytics_country_toys (country, quantity DESC, toy) WHERE letters > 0;

-- Per country, split into 8 shards by letter so that concurrent batches rarely wait for
-- the same row; the summary adds the shards up (at most 8 rows per country).
CREATE TABLE analytics_countries (
  country   text NOT NULL,
  shard     smallint NOT NULL,
  active    bigint NOT NULL,
  withdrawn bigint NOT NULL,
  quantity  bigint NOT NULL,
  PRIMARY KEY (country, shard)
);

-- Active letters per child (pseudonymous key); a child with none has no row.
CREATE TABLE analytics_children (
  child_key text COLLATE "C" PRIMARY KEY,
  letters   bigint NOT NULL
);

-- How many toys and children have at least one active letter, in 16 shards by key.
CREATE TABLE analytics_distinct (
  kind  text NOT NULL CHECK (kind IN ('toys', 'children')),
  shard smallint NOT NULL,
  n     bigint NOT NULL,
  PRIMARY KEY (kind, shard)
);

-- One letter's contribution, added (sign 1) or taken out (sign -1).
CREATE TYPE analytics_change AS (sign integer, letter_id text, country text, child_key text, status text, toys jsonb);

-- One statement for every aggregate (a trigger's cost is mostly per statement). Each table's
-- rows are written in key order, and every writer runs this same plan, so concurrent writers
-- wait for each other but never deadlock.
CREATE FUNCTION analytics_apply_changes(changes analytics_change[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;

  WITH c AS (
    SELECT * FROM unnest(changes)
  ), letter_toys AS (
    -- A letter counts once per toy, even if two of its names share a grouping key.
    SELECT c.sign, c.country, t.toy COLLATE "C" AS toy, sum(t.quantity) AS quantity
    FROM c CROSS JOIN LATERAL jsonb_to_recordset(c.toys) AS t(toy text, quantity integer)
    WHERE c.status = 'active'
    GROUP BY c.sign, c.letter_id, c.country, t.toy
  ), country_toy_delta AS (
    SELECT country, toy, sum(sign * quantity) AS quantity, sum(sign) AS letters
    FROM letter_toys GROUP BY country, toy
    HAVING sum(sign * quantity) <> 0 OR sum(sign) <> 0
  ), country_toys AS (
    INSERT INTO analytics_country_toys AS a (country, toy, quantity, letters)
    SELECT country, toy, quantity, letters FROM country_toy_delta ORDER BY country, toy
    ON CONFLICT (country, toy) DO UPDATE SET quantity = a.quantity + excluded.quantity, letters = a.letters + excluded.letters
  ), toy_delta AS (
    SELECT toy, sum(quantity) AS quantity, sum(letters) AS letters
    FROM country_toy_delta GROUP BY toy
    HAVING sum(quantity) <> 0 OR sum(letters) <> 0
  ), toys AS (
    INSERT INTO analytics_toys AS a (toy, quantity, letters)
    SELECT toy, quantity, letters FROM toy_delta ORDER BY toy
    ON CONFLICT (toy) DO UPDATE SET quantity = a.quantity + excluded.quantity, letters = a.letters + excluded.letters
    RETURNING a.toy, a.letters
  ), child_delta AS (
    SELECT c.child_key COLLATE "C" AS child_key, sum(c.sign) AS letters
    FROM c WHERE c.status = 'active'
    GROUP BY 1 HAVING sum(c.sign) <> 0
  ), children AS (
    INSERT INTO analytics_children AS a (child_key, letters)
    SELECT child_key, letters FROM child_delta ORDER BY child_key
    ON CONFLICT (child_key) DO UPDATE SET letters = a.letters + excluded.letters
    RETURNING a.child_key, a.letters
  ), flips AS (
    -- A toy or child whose active letters went from none to some (+1), or back (-1):
    -- before = after - delta.
    SELECT 'toys' AS kind, hashtext(u.toy) & 15 AS shard,
           CASE WHEN u.letters > 0 AND u.letters - d.letters <= 0 THEN 1
                WHEN u.letters <= 0 AND u.letters - d.letters > 0 THEN -1 ELSE 0 END AS n
    FROM toys u JOIN toy_delta d ON d.toy = u.toy
    UNION ALL
    SELECT 'children', hashtext(u.child_key) & 15,
           CASE WHEN u.letters > 0 AND u.letters - d.letters <= 0 THEN 1
                WHEN u.letters <= 0 AND u.letters - d.letters > 0 THEN -1 ELSE 0 END
    FROM children u JOIN child_delta d ON d.child_key = u.child_key
  ), distinct_counts AS (
    INSERT INTO analytics_distinct AS a (kind, shard, n)
    SELECT kind, shard, sum(n) FROM flips GROUP BY kind, shard HAVING sum(n) <> 0 ORDER BY kind, shard
    ON CONFLICT (kind, shard) DO UPDATE SET n = a.n + excluded.n
  ), country_delta AS (
    SELECT c.country, (hashtext(c.letter_id) & 7)::smallint AS shard,
           sum(CASE WHEN c.status = 'active' THEN c.sign ELSE 0 END) AS active,
           sum(CASE WHEN c.status = 'withdrawn' THEN c.sign ELSE 0 END) AS withdrawn,
           sum(CASE WHEN c.status = 'active'
                    THEN c.sign * (SELECT coalesce(sum(t.quantity), 0) FROM jsonb_to_recordset(c.toys) AS t(quantity integer))
                    ELSE 0 END) AS quantity
    FROM c GROUP BY 1, 2
  ), countries AS (
    INSERT INTO analytics_countries AS a (country, shard, active, withdrawn, quantity)
    SELECT country, shard, active, withdrawn, quantity FROM country_delta
    WHERE active <> 0 OR withdrawn <> 0 OR quantity <> 0
    ORDER BY country, shard
    ON CONFLICT (country, shard) DO UPDATE SET
      active = a.active + excluded.active, withdrawn = a.withdrawn + excluded.withdrawn, quantity = a.quantity + excluded.quantity
  )
  -- Every data-modifying CTE runs to completion whether or not it is read.
  SELECT count(*) INTO emptied FROM children WHERE letters = 0;

  -- A child with no active letter keeps no row. Still locked by this transaction, so no
  -- other writer can be counting on these rows.
  IF emptied > 0 THEN
    DELETE FROM analytics_children
    WHERE letters = 0 AND child_key IN (SELECT c.child_key COLLATE "C" FROM unnest(changes) AS c);
  END IF;
END
$$;

-- Only letters whose content is known count (a withdrawal may arrive before its letter).
CREATE FUNCTION analytics_letters_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_apply_changes(ARRAY(
    SELECT ROW(1, n.letter_id, n.country, n.child_id, n.status, n.toys)::analytics_change
    FROM new_letters n WHERE n.aggregated AND n.content_version IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION analytics_letters_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_apply_changes(ARRAY(
    SELECT ROW(-1, o.letter_id, o.country, o.child_id, o.status, o.toys)::analytics_change
    FROM old_letters o WHERE o.aggregated AND o.content_version IS NOT NULL
    UNION ALL
    SELECT ROW(1, n.letter_id, n.country, n.child_id, n.status, n.toys)::analytics_change
    FROM new_letters n WHERE n.aggregated AND n.content_version IS NOT NULL));
  RETURN NULL;
END
$$;

CREATE FUNCTION analytics_letters_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_apply_changes(ARRAY(
    SELECT ROW(-1, o.letter_id, o.country, o.child_id, o.status, o.toys)::analytics_change
    FROM old_letters o WHERE o.aggregated AND o.content_version IS NOT NULL));
  RETURN NULL;
END
$$;

-- TRUNCATE fires no row or DELETE trigger: a wiped letters table wipes its aggregates.
CREATE FUNCTION analytics_letters_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE analytics_toys, analytics_country_toys, analytics_countries, analytics_children, analytics_distinct;
  RETURN NULL;
END
$$;

CREATE TRIGGER analytics_letters_inserted AFTER INSERT ON letters
  REFERENCING NEW TABLE AS new_letters FOR EACH STATEMENT EXECUTE FUNCTION analytics_letters_inserted();
CREATE TRIGGER analytics_letters_updated AFTER UPDATE ON letters
  REFERENCING OLD TABLE AS old_letters NEW TABLE AS new_letters FOR EACH STATEMENT EXECUTE FUNCTION analytics_letters_updated();
CREATE TRIGGER analytics_letters_deleted AFTER DELETE ON letters
  REFERENCING OLD TABLE AS old_letters FOR EACH STATEMENT EXECUTE FUNCTION analytics_letters_deleted();
CREATE TRIGGER analytics_letters_truncated AFTER TRUNCATE ON letters
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_letters_truncated();

GRANT SELECT ON analytics_toys, analytics_country_toys, analytics_countries, analytics_children, analytics_distinct
  TO analytics_reader;
-- The triggers run as the writer that fired them.
GRANT SELECT, INSERT, UPDATE ON analytics_toys, analytics_country_toys, analytics_countries, analytics_distinct
  TO analytics_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_children TO analytics_writer;
`,
  },
];
