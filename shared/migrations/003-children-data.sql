-- Children's data (DESIGN.md revision 2): analytics keep no child name and no message, child
-- ids are pseudonyms (a keyed hash of account and child id, made by the projector), every row
-- expires, and a ChildErased removes that child's letters for good. Rows written before this
-- migration keep raw child ids in child_id until `make replay PROJECTION=letters-analytics
-- WIPE=1` recomputes them from the event log: the key is not in the database.
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
-- exact), at most `batch` rows of each table per call; returns how many it deleted.
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
