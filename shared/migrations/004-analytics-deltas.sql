-- The peak (DESIGN.md revision 3): no PostgreSQL row is written by every event, or by every
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

-- Folds every committed pending row, and `extra` (a batch's own changes), into the aggregates.
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
