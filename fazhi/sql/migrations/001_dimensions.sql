-- Conformed dimensions. Their rows are reference data refreshed by fazhi.warehouse.migrate.

-- Every province-, prefecture- and county-level division (GB/T 2260), with or without reports.
CREATE TABLE dim_locality (
    admin_code       VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    level            VARCHAR NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
    province_code    VARCHAR NOT NULL,
    province_name    VARCHAR NOT NULL,
    city_code        VARCHAR,
    city_name        VARCHAR,
    aliases          VARCHAR[] NOT NULL,
    is_function_zone BOOLEAN NOT NULL,
    -- names this division had before a recorded change (e.g. 江干区 before 2021-04-09)
    former_names     VARCHAR[] NOT NULL,
    last_changed_on  DATE
);

-- Recorded renames and re-parentings: the division once at old_* is now new_code.
CREATE TABLE dim_locality_change (
    changed_on        DATE NOT NULL,
    old_province_name VARCHAR,
    old_city_name     VARCHAR,
    old_name          VARCHAR NOT NULL,
    new_province_name VARCHAR,
    new_city_name     VARCHAR,
    new_name          VARCHAR NOT NULL,
    new_code          VARCHAR
);

CREATE TABLE dim_indicator (
    code      VARCHAR PRIMARY KEY,
    ordinal   INTEGER NOT NULL,
    category  VARCHAR NOT NULL,
    name_zh   VARCHAR NOT NULL,
    name_en   VARCHAR NOT NULL,
    unit      VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL CHECK (kind IN ('count', 'stock', 'rate', 'amount')),
    min_value DOUBLE NOT NULL,
    max_value DOUBLE NOT NULL,
    is_additive BOOLEAN NOT NULL
);

-- Report years with the planning periods analysts group by.
CREATE TABLE dim_year (
    year                  INTEGER PRIMARY KEY,
    five_year_plan        VARCHAR,   -- 十一五 … 十五五
    five_year_plan_start  INTEGER,
    pufa_period           VARCHAR,   -- 五五普法 … 九五普法
    pufa_period_start     INTEGER,
    rule_of_law_outline   VARCHAR    -- 法治政府建设实施纲要 period
);
