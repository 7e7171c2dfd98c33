-- The people of the grids as records: 专职网格员 (with the worker id their grid app sends in patrol events, so
-- patrols and reports link to them) and the members of each grid's 1+1+N team (机关干部, 社区干部, 志愿者).
-- Phones are stored in full (the center calls them) and shown masked everywhere else.
CREATE TABLE roster_people (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    worker_id    text UNIQUE,
    name         text NOT NULL CHECK (length(btrim(name)) > 0),
    phone        text,
    team_role    text NOT NULL CHECK (team_role IN ('专职网格员', '机关干部', '社区干部', '志愿者')),
    grid_codes   text[] NOT NULL CHECK (cardinality(grid_codes) > 0),
    active_from  date NOT NULL,
    active_to    date,
    CHECK (active_to IS NULL OR active_to >= active_from),
    CHECK (team_role <> '专职网格员' OR worker_id IS NOT NULL)
);
CREATE INDEX roster_people_grids_idx ON roster_people USING gin (grid_codes);
