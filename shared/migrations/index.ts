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
  {
    version: 3,
    name: '003-children-data',
    sql: `-- Children's data (DESIGN.md revision 2): analytics keep no child name and no message, child
-- ids are pseudonyms (a keyed hash of account and child id, made by the projector), every row
-- expires, and a ChildErased removes that child's letters for good. Rows written before this
-- migration keep raw child ids in child_id until \`make replay PROJECTION=letters-analytics
-- WIPE=1\` recomputes them from the event log: the key is not in the database.
SET LOCAL lock_timeout = '5s';

ALTER TABLE letters DROP CONSTRAINT letters_content_complete;
ALTER TABLE letters DROP COLUMN child_name, DROP COLUMN message;
ALTER TABLE letters ADD CONSTRAINT letters_content_complete CHECK (
  content_version IS NULL OR (child_id IS NOT NULL AND country IS NOT NULL AND submitted_at IS NOT NULL));
-- now() is evaluated once, so existing rows get one expiry without a rewrite (or a trigger).
-- The writer sets it from RETENTION_DAYS on every write; the purge deletes rows past it.
ALTER TABLE letters ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '400 days';
ALTER TABLE letters ALTER COLUMN expires_at DROP DEFAULT;
CREATE INDEX letters_expires_at ON letters (expires_at);

-- Which child pseudonyms a letter has named, and since when (its earliest content event
-- naming each): an erasure erases every letter that named the child at or before it.
CREATE TABLE analytics_letter_children (
  letter_id  text COLLATE "C" NOT NULL,
  child_key  text COLLATE "C" NOT NULL,
  named_at   timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (letter_id, child_key)
);
CREATE INDEX analytics_letter_children_by_child ON analytics_letter_children (child_key, named_at);
CREATE INDEX analytics_letter_children_expires_at ON analytics_letter_children (expires_at);

-- Tombstones (shared/domain/erasure.ts): per child pseudonym its latest erasure time, per
-- letter the fact that it was erased, so no later or redriven event brings a letter back.
CREATE TABLE analytics_child_tombstones (
  child_key  text COLLATE "C" PRIMARY KEY,
  erased_at  timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX analytics_child_tombstones_expires_at ON analytics_child_tombstones (expires_at);
CREATE TABLE analytics_letter_tombstones (
  letter_id  text COLLATE "C" PRIMARY KEY,
  erased_at  timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX analytics_letter_tombstones_expires_at ON analytics_letter_tombstones (expires_at);

-- One batch of the projection, in one statement: erasures (child_key, erased_at, expires_at)
-- and letter events (the writer's rows). A batch with an erasure takes the lock exclusively,
-- others share it, so an erasure and the letters it erases never pass each other unseen in
-- concurrent transactions; each statement below then sees what committed before the lock.
-- Two batches about one letter also take turns (a lock per letter, in letter order after the
-- shared one, so no two writers deadlock): one erasing the letter and the other re-creating it
-- could otherwise each miss what the other wrote.
CREATE FUNCTION analytics_write(events jsonb, erasures jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  id text;
BEGIN
  IF jsonb_array_length(erasures) > 0 THEN
    PERFORM pg_advisory_xact_lock(hashtext('santas-workshop:analytics-erasure:' || coalesce(current_schema(), '')));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext('santas-workshop:analytics-erasure:' || coalesce(current_schema(), '')));
  END IF;
  FOR id IN SELECT DISTINCT e.letter_id COLLATE "C" FROM jsonb_to_recordset(events) AS e(letter_id text) ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtext('santas-workshop:analytics-letter:' || coalesce(current_schema(), '') || ':' || id));
  END LOOP;

  INSERT INTO analytics_child_tombstones AS t (child_key, erased_at, expires_at)
  SELECT child_key, max(erased_at), max(expires_at)
  FROM jsonb_to_recordset(erasures) AS x(child_key text, erased_at timestamptz, expires_at timestamptz)
  GROUP BY child_key ORDER BY child_key
  ON CONFLICT (child_key) DO UPDATE SET
    erased_at = greatest(t.erased_at, excluded.erased_at), expires_at = greatest(t.expires_at, excluded.expires_at);

  INSERT INTO analytics_letter_children AS n (letter_id, child_key, named_at, expires_at)
  SELECT e.letter_id, e.child_id, min(e.occurred_at), max(e.expires_at)
  FROM jsonb_to_recordset(events) AS e(letter_id text, kind text, occurred_at timestamptz, child_id text, expires_at timestamptz)
  WHERE e.kind <> 'withdrawn'
    AND NOT EXISTS (SELECT FROM analytics_letter_tombstones d WHERE d.letter_id = e.letter_id)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (letter_id, child_key) DO UPDATE SET
    named_at = least(n.named_at, excluded.named_at), expires_at = greatest(n.expires_at, excluded.expires_at);

  -- Letters of the batch's children that named one at or before its latest erasure.
  WITH touched AS (
    SELECT x.child_key FROM jsonb_to_recordset(erasures) AS x(child_key text)
    UNION
    SELECT e.child_id FROM jsonb_to_recordset(events) AS e(kind text, child_id text) WHERE e.kind <> 'withdrawn'
  ), erased AS (
    INSERT INTO analytics_letter_tombstones AS d (letter_id, erased_at, expires_at)
    SELECT n.letter_id, max(t.erased_at), max(t.expires_at)
    FROM analytics_letter_children n
    JOIN analytics_child_tombstones t ON t.child_key = n.child_key AND n.named_at <= t.erased_at
    WHERE n.child_key IN (SELECT child_key COLLATE "C" FROM touched)
    GROUP BY n.letter_id ORDER BY n.letter_id
    ON CONFLICT (letter_id) DO UPDATE SET
      erased_at = greatest(d.erased_at, excluded.erased_at), expires_at = greatest(d.expires_at, excluded.expires_at)
    RETURNING d.letter_id
  ), forgotten AS (
    DELETE FROM analytics_letter_children WHERE letter_id IN (SELECT letter_id FROM erased)
  )
  -- The delete trigger takes the rows out of the aggregates.
  DELETE FROM letters WHERE letter_id IN (SELECT letter_id FROM erased);

  -- The merge of migration 002's rules, for letters not erased:
  -- - content: the latest LetterAmended, else the earliest LetterSubmitted (which only creates);
  -- - status: the latest LetterAmended or LetterWithdrawn, 'active' while there is none;
  -- - version and updated_at: the latest event of any type; submitted_at: the earliest content event.
  -- "Latest" orders by occurredAt, then eventId (one "C"-collated string). Rows that would not
  -- change are not touched (a stale redelivery does not extend a row's life); the triggers of migration 002 move each changed
  -- row's contribution into the aggregates.
  WITH e AS (
    SELECT * FROM jsonb_to_recordset(events) AS e(
      letter_id text, kind text, version text, occurred_at timestamptz, child_id text,
      child_age smallint, country text, toys jsonb, expires_at timestamptz)
    WHERE NOT EXISTS (SELECT FROM analytics_letter_tombstones d WHERE d.letter_id = e.letter_id)
  ), content AS (
    SELECT DISTINCT ON (letter_id) * FROM e WHERE kind <> 'withdrawn'
    ORDER BY letter_id, kind = 'amended' DESC,
             CASE WHEN kind = 'amended' THEN version END COLLATE "C" DESC, version COLLATE "C"
  ), status AS (
    SELECT DISTINCT ON (letter_id) letter_id, kind, version FROM e WHERE kind <> 'submitted'
    ORDER BY letter_id, version COLLATE "C" DESC
  ), latest AS (
    SELECT DISTINCT ON (letter_id) letter_id, version, occurred_at FROM e ORDER BY letter_id, version COLLATE "C" DESC
  ), first_content AS (
    SELECT letter_id, min(occurred_at) AS submitted_at FROM e WHERE kind <> 'withdrawn' GROUP BY letter_id
  ), expiry AS (
    SELECT letter_id, max(expires_at) AS expires_at FROM e GROUP BY letter_id
  )
  INSERT INTO letters AS l (
    letter_id, child_id, child_age, country, status, status_version,
    version, content_version, content_kind, submitted_at, updated_at, toys, expires_at
  )
  SELECT
    latest.letter_id, c.child_id, c.child_age, c.country,
    CASE WHEN s.kind = 'withdrawn' THEN 'withdrawn' ELSE 'active' END, s.version,
    latest.version, c.version, c.kind, f.submitted_at, latest.occurred_at, coalesce(c.toys, '[]'::jsonb), x.expires_at
  FROM latest
  JOIN expiry x ON x.letter_id = latest.letter_id
  LEFT JOIN content c ON c.letter_id = latest.letter_id
  LEFT JOIN status s ON s.letter_id = latest.letter_id
  LEFT JOIN first_content f ON f.letter_id = latest.letter_id
  -- Rows are locked in this order: concurrent batches touching the same letters cannot deadlock.
  ORDER BY latest.letter_id
  ON CONFLICT (letter_id) DO UPDATE SET
    status          = CASE WHEN letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version) THEN excluded.status ELSE l.status END,
    status_version  = CASE WHEN letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version)
                           THEN excluded.status_version ELSE letter_status_version(l.status_version, l.content_kind, l.version) END,
    updated_at      = CASE WHEN excluded.version > l.version THEN excluded.updated_at ELSE l.updated_at END,
    version         = CASE WHEN excluded.version > l.version THEN excluded.version ELSE l.version END,
    child_id        = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.child_id ELSE l.child_id END,
    child_age       = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.child_age ELSE l.child_age END,
    country         = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.country ELSE l.country END,
    toys            = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.toys ELSE l.toys END,
    content_kind    = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version)
                           THEN excluded.content_kind ELSE letter_content_kind(l.content_kind, l.content_version) END,
    content_version = CASE WHEN letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version) THEN excluded.content_version ELSE l.content_version END,
    submitted_at    = least(l.submitted_at, excluded.submitted_at),
    expires_at      = greatest(l.expires_at, excluded.expires_at),
    aggregated      = true
  WHERE excluded.version > l.version
     OR letter_content_wins(excluded.content_kind, excluded.content_version, l.content_kind, l.content_version)
     OR letter_status_wins(excluded.status_version, l.status_version, l.content_kind, l.version)
     OR excluded.submitted_at < l.submitted_at;
END
$$;

-- Deletes everything past its expiry (rows through the delete trigger, so the aggregates stay
-- exact), at most \`batch\` rows of each table per call; returns how many it deleted.
CREATE FUNCTION analytics_purge_expired(cutoff timestamptz, batch integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  purged bigint := 0;
  n bigint;
BEGIN
  -- Shared like any write: it never passes an erasure unseen.
  PERFORM pg_advisory_xact_lock_shared(hashtext('santas-workshop:analytics-erasure:' || coalesce(current_schema(), '')));
  DELETE FROM letters WHERE letter_id IN (
    SELECT letter_id FROM letters WHERE expires_at <= cutoff ORDER BY letter_id LIMIT batch FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
  DELETE FROM analytics_letter_children WHERE (letter_id, child_key) IN (
    SELECT letter_id, child_key FROM analytics_letter_children WHERE expires_at <= cutoff LIMIT batch FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
  DELETE FROM analytics_child_tombstones WHERE child_key IN (
    SELECT child_key FROM analytics_child_tombstones WHERE expires_at <= cutoff LIMIT batch FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
  DELETE FROM analytics_letter_tombstones WHERE letter_id IN (
    SELECT letter_id FROM analytics_letter_tombstones WHERE expires_at <= cutoff LIMIT batch FOR UPDATE SKIP LOCKED);
  GET DIAGNOSTICS n = ROW_COUNT; purged := purged + n;
  RETURN purged;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON letters, analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones
  TO analytics_writer;
-- Readers see aggregates and letters only: no pseudonym history, no tombstones.
REVOKE ALL ON analytics_letter_children, analytics_child_tombstones, analytics_letter_tombstones FROM analytics_reader;

-- analytics_reader may not create temporary tables (nowhere to stash what it reads).
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
`,
  },
  {
    version: 4,
    name: '004-analytics-deltas',
    sql: `-- The peak (DESIGN.md revision 3): no PostgreSQL row is written by every event, or by every
-- letter of a popular toy or country, in concurrent transactions. Until now every batch
-- upserted the shared aggregate rows (a toy, a country, the distinct counts), so concurrent
-- batches queued on their row locks. From here on:
-- - a batch pre-sums its changes per aggregate key and either INSERTs them as new rows of
--   analytics_pending (no row of anyone else's is touched), or, when it finds the fold free
--   (pg_try_advisory_xact_lock, never a wait), adds them and everything pending to the
--   aggregates itself. One transaction at a time folds, so the aggregate rows have one writer;
--   the others never wait for it. Readers add the pending rows to the aggregates, in one
--   snapshot: the fold deletes what it adds in the same transaction, so nothing counts twice.
-- - distinct children per toy, per country and toy, and per country (small groups are hidden
--   from elves) are counted exactly from per-child reference counts, in the child's own row,
--   written only by that child's letters.
-- Everything is recounted: the aggregates are emptied and every letter marked not counted,
-- and the backfill (the migrate function, after the migrations) counts them in again, in
-- small batches while the projector writes.
SET LOCAL lock_timeout = '5s';

TRUNCATE analytics_toys, analytics_country_toys, analytics_countries, analytics_children, analytics_distinct;
-- Dropping and adding a column with a constant default rewrites no row.
ALTER TABLE letters DROP COLUMN aggregated;
ALTER TABLE letters ADD COLUMN aggregated boolean NOT NULL DEFAULT false;
ALTER TABLE letters ALTER COLUMN aggregated SET DEFAULT true;

-- Distinct children with an active letter naming the group; only the fold writes these rows.
ALTER TABLE analytics_toys ADD COLUMN children bigint NOT NULL DEFAULT 0;
ALTER TABLE analytics_country_toys ADD COLUMN children bigint NOT NULL DEFAULT 0;
ALTER TABLE analytics_countries ADD COLUMN children bigint NOT NULL DEFAULT 0;

-- Active letters per group of each child, in the child's own row: {"SE:": n, ":kite": n, "SE:kite": n}
-- for (country), (toy) and (country, toy); a country has no colon. A group's distinct children
-- change only when one of these goes from none to some, or back.
ALTER TABLE analytics_children ADD COLUMN groups jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Adds two such counts key by key; a key whose count is 0 is dropped.
CREATE FUNCTION analytics_add_counts(a jsonb, b jsonb) RETURNS jsonb IMMUTABLE LANGUAGE sql AS $$
  SELECT coalesce(jsonb_object_agg(key, n), '{}'::jsonb) FROM (
    SELECT key, sum(value::bigint) AS n
    FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) e
    GROUP BY key HAVING sum(value::bigint) <> 0
  ) s
$$;

-- Changes not yet folded into the aggregates, pre-summed per batch and key: inserted, never
-- updated. kind 'toy' (toy), 'country-toy' (country, toy), 'country' (country; letters are
-- the active ones), 'all' (children: distinct children over all letters).
CREATE TABLE analytics_pending (
  kind      text NOT NULL CHECK (kind IN ('toy', 'country-toy', 'country', 'all')),
  country   text COLLATE "C" NOT NULL,
  toy       text COLLATE "C" NOT NULL,
  quantity  bigint NOT NULL,
  letters   bigint NOT NULL,
  withdrawn bigint NOT NULL,
  children  bigint NOT NULL
);

-- Folds every committed pending row, and \`extra\` (a batch's own changes), into the aggregates.
-- The caller holds the fold lock. Rows are written in key order.
CREATE FUNCTION analytics_fold_into_aggregates(extra analytics_pending[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH folded AS (
    DELETE FROM analytics_pending RETURNING *
  ), delta AS (
    SELECT kind, country, toy, sum(quantity) AS quantity, sum(letters) AS letters, sum(withdrawn) AS withdrawn, sum(children) AS children
    FROM (SELECT * FROM folded UNION ALL SELECT * FROM unnest(extra)) d
    GROUP BY kind, country, toy
    HAVING sum(quantity) <> 0 OR sum(letters) <> 0 OR sum(withdrawn) <> 0 OR sum(children) <> 0
  ), toys AS (
    INSERT INTO analytics_toys AS a (toy, quantity, letters, children)
    SELECT toy, quantity, letters, children FROM delta WHERE kind = 'toy' ORDER BY toy
    ON CONFLICT (toy) DO UPDATE SET
      quantity = a.quantity + excluded.quantity, letters = a.letters + excluded.letters, children = a.children + excluded.children
    RETURNING a.toy, a.letters
  ), country_toys AS (
    INSERT INTO analytics_country_toys AS a (country, toy, quantity, letters, children)
    SELECT country, toy, quantity, letters, children FROM delta WHERE kind = 'country-toy' ORDER BY country, toy
    ON CONFLICT (country, toy) DO UPDATE SET
      quantity = a.quantity + excluded.quantity, letters = a.letters + excluded.letters, children = a.children + excluded.children
  ), countries AS (
    INSERT INTO analytics_countries AS a (country, shard, active, withdrawn, quantity, children)
    SELECT country, 0, letters, withdrawn, quantity, children FROM delta WHERE kind = 'country' ORDER BY country
    ON CONFLICT (country, shard) DO UPDATE SET
      active = a.active + excluded.active, withdrawn = a.withdrawn + excluded.withdrawn,
      quantity = a.quantity + excluded.quantity, children = a.children + excluded.children
  ), counts AS (
    -- A toy whose active letters went from none to some (+1) or back (-1): before = after - delta.
    SELECT 'toys' AS kind, sum(CASE WHEN t.letters > 0 AND t.letters - d.letters <= 0 THEN 1
                                    WHEN t.letters <= 0 AND t.letters - d.letters > 0 THEN -1 ELSE 0 END) AS n
    FROM toys t JOIN delta d ON d.kind = 'toy' AND d.toy = t.toy
    UNION ALL
    SELECT 'children', sum(children) FROM delta WHERE kind = 'all'
  )
  INSERT INTO analytics_distinct AS a (kind, shard, n)
  SELECT kind, 0, n FROM counts WHERE n <> 0 ORDER BY kind
  ON CONFLICT (kind, shard) DO UPDATE SET n = a.n + excluded.n;
END
$$;

-- The fold lock: one folder at a time, per schema (tests isolate themselves in schemas).
CREATE FUNCTION analytics_fold_lock_key() RETURNS bigint STABLE LANGUAGE sql AS $$
  SELECT hashtext('santas-workshop:analytics-fold:' || coalesce(current_schema(), ''))::bigint
$$;

-- Folds everything pending, waiting for the fold if another transaction has it: the scheduled
-- purge runs it once a day, even when no letter arrives to do it.
CREATE FUNCTION analytics_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(analytics_fold_lock_key());
  PERFORM analytics_fold_into_aggregates('{}');
END
$$;

-- Replaces migration 002's: the same contributions (old out, new in), now as pre-summed deltas.
-- Rows written here are either new (analytics_pending) or one child's own (its counts, locked in
-- key order, so concurrent writers of one child never deadlock in a statement).
CREATE OR REPLACE FUNCTION analytics_apply_changes(changes analytics_change[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  deltas analytics_pending[];
  emptied bigint;
BEGIN
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;

  WITH c AS (
    SELECT sign, letter_id, country COLLATE "C" AS country, child_key COLLATE "C" AS child_key, status, toys FROM unnest(changes)
  ), letter_toys AS (
    -- A letter counts once per toy, even if two of its names share a grouping key.
    SELECT c.sign, c.child_key, c.country, t.toy COLLATE "C" AS toy, sum(t.quantity) AS quantity
    FROM c CROSS JOIN LATERAL jsonb_to_recordset(c.toys) AS t(toy text, quantity integer)
    WHERE c.status = 'active'
    GROUP BY c.sign, c.letter_id, c.child_key, c.country, t.toy
  ), group_delta AS (
    SELECT child_key, country || ':' || toy AS key, country, toy, sum(sign) AS letters FROM (
      SELECT sign, child_key, country, ''::text COLLATE "C" AS toy FROM c WHERE status = 'active'
      UNION ALL SELECT sign, child_key, ''::text COLLATE "C", toy FROM letter_toys
      UNION ALL SELECT sign, child_key, country, toy FROM letter_toys
    ) g GROUP BY child_key, country, toy HAVING sum(sign) <> 0
  ), child_delta AS (
    SELECT child_key, coalesce(l.letters, 0) AS letters, coalesce(g.groups, '{}'::jsonb) AS groups
    FROM (SELECT child_key, sum(sign) AS letters FROM c WHERE status = 'active' GROUP BY 1 HAVING sum(sign) <> 0) l
    FULL JOIN (SELECT child_key, jsonb_object_agg(key, letters) AS groups FROM group_delta GROUP BY 1) g USING (child_key)
  ), children AS (
    INSERT INTO analytics_children AS a (child_key, letters, groups)
    SELECT child_key, letters, groups FROM child_delta ORDER BY child_key
    ON CONFLICT (child_key) DO UPDATE SET letters = a.letters + excluded.letters, groups = analytics_add_counts(a.groups, excluded.groups)
    RETURNING a.child_key, a.letters, a.groups
  ), flips AS (
    -- A child that now has some active letter in the group (+1) or none any more (-1).
    SELECT d.country, d.toy,
           CASE WHEN n > 0 AND n - d.letters <= 0 THEN 1 WHEN n <= 0 AND n - d.letters > 0 THEN -1 ELSE 0 END AS children
    FROM group_delta d JOIN children u USING (child_key)
    CROSS JOIN LATERAL (SELECT coalesce((u.groups ->> d.key)::bigint, 0) AS n) counted
  ), child_flips AS (
    SELECT CASE WHEN u.letters > 0 AND u.letters - d.letters <= 0 THEN 1
                WHEN u.letters <= 0 AND u.letters - d.letters > 0 THEN -1 ELSE 0 END AS children
    FROM children u JOIN child_delta d USING (child_key) WHERE d.letters <> 0
  ), contributions AS (
    SELECT 'toy' AS kind, ''::text COLLATE "C" AS country, toy, sign * quantity AS quantity, sign AS letters, 0 AS withdrawn, 0 AS children
    FROM letter_toys
    UNION ALL
    SELECT 'country-toy', country, toy, sign * quantity, sign, 0, 0 FROM letter_toys
    UNION ALL
    SELECT 'country', c.country, '',
           CASE WHEN c.status = 'active'
                THEN c.sign * (SELECT coalesce(sum(t.quantity), 0) FROM jsonb_to_recordset(c.toys) AS t(quantity integer)) ELSE 0 END,
           CASE WHEN c.status = 'active' THEN c.sign ELSE 0 END,
           CASE WHEN c.status = 'withdrawn' THEN c.sign ELSE 0 END, 0
    FROM c
    UNION ALL
    SELECT CASE WHEN country = '' THEN 'toy' WHEN toy = '' THEN 'country' ELSE 'country-toy' END, country, toy, 0, 0, 0, children
    FROM flips WHERE children <> 0
    UNION ALL
    SELECT 'all', '', '', 0, 0, 0, children FROM child_flips WHERE children <> 0
  )
  -- Every data-modifying CTE runs to completion whether or not it is read.
  SELECT
    (SELECT coalesce(array_agg(ROW(kind, country, toy, quantity, letters, withdrawn, children)::analytics_pending ORDER BY kind, country, toy), '{}')
     FROM (
       SELECT kind, country, toy, sum(quantity)::bigint AS quantity, sum(letters)::bigint AS letters,
              sum(withdrawn)::bigint AS withdrawn, sum(children)::bigint AS children
       FROM contributions GROUP BY kind, country, toy
       HAVING sum(quantity) <> 0 OR sum(letters) <> 0 OR sum(withdrawn) <> 0 OR sum(children) <> 0
     ) d),
    (SELECT count(*) FROM children WHERE letters = 0 AND groups = '{}'::jsonb)
  INTO deltas, emptied;

  -- A child with no active letter keeps no row. Still locked by this transaction, so
  -- no other writer can be counting on these rows.
  IF emptied > 0 THEN
    DELETE FROM analytics_children
    WHERE letters = 0 AND groups = '{}'::jsonb AND child_key IN (SELECT c.child_key COLLATE "C" FROM unnest(changes) AS c);
  END IF;

  IF cardinality(deltas) = 0 THEN
    RETURN;
  END IF;
  IF pg_try_advisory_xact_lock(analytics_fold_lock_key()) THEN
    PERFORM analytics_fold_into_aggregates(deltas);
  ELSE
    INSERT INTO analytics_pending SELECT * FROM unnest(deltas);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION analytics_letters_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE analytics_toys, analytics_country_toys, analytics_countries, analytics_children, analytics_distinct, analytics_pending;
  RETURN NULL;
END
$$;

GRANT SELECT, INSERT, DELETE ON analytics_pending TO analytics_writer;
-- Readers add the pending changes to the aggregates; they see no child pseudonym.
GRANT SELECT ON analytics_pending TO analytics_reader;
REVOKE ALL ON analytics_children FROM analytics_reader;
`,
  },
];
