-- Settlement speed (issue 11, point 8; bench/settlement.ts, docs/BENCHMARKS.md), 1 of 2: the period functions.
-- The period functions of 0014 were never inlined: they are IMMUTABLE, but date_trunc of a date resolves
-- to date_trunc(text, timestamptz), which is STABLE (it reads the session's time zone), and PostgreSQL
-- does not inline an immutable SQL function whose body is not. Each call then ran as a function call of its
-- own, ~2 µs: computing a month of 1M sales lines spent ~5 s in them. The same rules on `timestamp` (no
-- zone) are immutable, so the planner inlines them; a date's month is the same in every zone.
CREATE OR REPLACE FUNCTION settlement_period_start(kind text, d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind
    WHEN 'weekly' THEN d - (extract(isodow FROM d)::int - 1)
    WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d::timestamp)::date
                                ELSE date_trunc('month', d::timestamp)::date + 15 END
    ELSE date_trunc('month', d::timestamp)::date END
$$;
CREATE OR REPLACE FUNCTION settlement_period_end(kind text, d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind
    WHEN 'weekly' THEN d - (extract(isodow FROM d)::int - 1) + 6
    WHEN 'two_weekly' THEN CASE WHEN extract(day FROM d) <= 15 THEN date_trunc('month', d::timestamp)::date + 14
                                ELSE (date_trunc('month', d::timestamp) + interval '1 month')::date - 1 END
    ELSE (date_trunc('month', d::timestamp) + interval '1 month')::date - 1 END
$$;
