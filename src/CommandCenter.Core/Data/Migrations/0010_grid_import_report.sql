-- Geography imports: what each accepted grid file contained, so an operator can see which file is
-- live and what the importer noted about it (CRS conversions, dropped heights, ...).
ALTER TABLE grid_imports
    ADD COLUMN community_count integer NOT NULL DEFAULT 0,
    ADD COLUMN region_count    integer NOT NULL DEFAULT 0,
    ADD COLUMN total_area_m2   double precision NOT NULL DEFAULT 0,
    ADD COLUMN notes           jsonb NOT NULL DEFAULT '[]'::jsonb;
