-- Geography: 片区 (regions) → 村居 (communities) → 网格 (grids). Outlines of communities and regions are
-- derived from the grids by union at import time, never drawn by hand.
CREATE TABLE regions (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    geom  geometry(MultiPolygon, 4326)
);

CREATE TABLE communities (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('居民区', '社区')),
    region_code text NOT NULL REFERENCES regions (code) ON UPDATE CASCADE,
    geom        geometry(MultiPolygon, 4326)
);

CREATE TABLE grids (
    code           text PRIMARY KEY,
    name           text NOT NULL,
    community_code text NOT NULL REFERENCES communities (code) ON UPDATE CASCADE,
    region_code    text NOT NULL REFERENCES regions (code) ON UPDATE CASCADE,
    households     integer NOT NULL DEFAULT 0,
    population     integer NOT NULL DEFAULT 0,
    team           jsonb NOT NULL DEFAULT '{}'::jsonb,   -- the 1+1+N team: {"cadre":..,"community":..,"volunteers":[..]}
    geom           geometry(MultiPolygon, 4326) NOT NULL,
    area_m2        double precision NOT NULL DEFAULT 0
);
CREATE INDEX grids_geom_idx ON grids USING gist (geom);
CREATE INDEX grids_community_idx ON grids (community_code);

-- Which file the grids came from, so re-importing the same file is recognised as a no-op.
CREATE TABLE grid_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    imported_at timestamptz NOT NULL DEFAULT now(),
    file_name   text NOT NULL,
    sha256      text NOT NULL,
    grid_count  integer NOT NULL
);
