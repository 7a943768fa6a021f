-- Woolly's information_schema (SQL standard part 11), run by initdb in every database after the
-- catalogs are bootstrapped, as PostgreSQL's initdb runs src/backend/catalog/information_schema.sql.
-- Written for Woolly from PostgreSQL 15's documented views; rows and column types follow PostgreSQL 15.
-- Statements are separated by a line holding only ";;" (the runner splits on it).

-- pg_has_role(oid, text), has_column_privilege(oid, smallint, text) and has_any_column_privilege(oid, text),
-- which the visibility rules use, are pg_catalog functions initdb creates (InitDb).
CREATE SCHEMA information_schema
;;
GRANT USAGE ON SCHEMA information_schema TO PUBLIC
;;
SET search_path TO information_schema
;;
CREATE DOMAIN cardinal_number AS integer
    CONSTRAINT cardinal_number_domain_check CHECK (value >= 0)
;;
CREATE DOMAIN character_data AS character varying COLLATE "C"
;;
CREATE DOMAIN sql_identifier AS name
;;
CREATE DOMAIN time_stamp AS timestamp(2) with time zone
    DEFAULT current_timestamp(2)
;;
CREATE DOMAIN yes_or_no AS character varying(3) COLLATE "C"
    CONSTRAINT yes_or_no_check CHECK (value IN ('YES', 'NO'))
;;
-- The helpers (schema-qualified where the views call them: a view keeps its query as text) take a column's type and modifier after looking through a domain
-- (PostgreSQL's information_schema._pg_truetypid/information_schema._pg_truetypmod pass whole rows; the views here pass the two values).
CREATE FUNCTION information_schema._pg_truetypid(typtype "char", typbasetype oid, atttypid oid) RETURNS oid
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN typtype = 'd' THEN typbasetype ELSE atttypid END
;;
CREATE FUNCTION information_schema._pg_truetypmod(typtype "char", typtypmod integer, atttypmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN typtype = 'd' THEN typtypmod ELSE atttypmod END
;;
-- character types: the declared length; bit types: the number of bits
CREATE FUNCTION information_schema._pg_char_max_length(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typmod = -1 THEN NULL
                WHEN typid IN (1042, 1043) THEN typmod - 4
                WHEN typid IN (1560, 1562) THEN typmod
           END
;;
-- Woolly's databases are UTF8: 4 bytes at most per character; unbounded text as 1 GB
CREATE FUNCTION information_schema._pg_char_octet_length(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typid NOT IN (25, 1042, 1043) THEN NULL
                WHEN typmod = -1 THEN 1073741824
                ELSE (typmod - 4) * 4
           END
;;
CREATE FUNCTION information_schema._pg_numeric_precision(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE typid
               WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64
               WHEN 700 THEN 24 WHEN 701 THEN 53
               WHEN 1700 THEN CASE WHEN typmod = -1 THEN NULL ELSE ((typmod - 4) >> 16) & 65535 END
           END
;;
CREATE FUNCTION information_schema._pg_numeric_precision_radix(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typid IN (21, 23, 20, 700, 701) THEN 2 WHEN typid = 1700 THEN 10 END
;;
CREATE FUNCTION information_schema._pg_numeric_scale(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typid IN (21, 23, 20) THEN 0
                WHEN typid = 1700 THEN CASE WHEN typmod = -1 THEN NULL ELSE (typmod - 4) & 65535 END
           END
;;
CREATE FUNCTION information_schema._pg_datetime_precision(typid oid, typmod integer) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typid = 1082 THEN 0
                WHEN typid IN (1083, 1114, 1184, 1266) THEN CASE WHEN typmod < 0 THEN 6 ELSE typmod END
                WHEN typid = 1186 THEN CASE WHEN typmod < 0 OR (typmod & 65535) = 65535 THEN 6
                                            ELSE typmod & 65535 END
           END
;;
-- the fields of an interval type (DAY TO SECOND), from its format_type text
CREATE FUNCTION information_schema._pg_interval_type(typid oid, mod integer) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    RETURN CASE WHEN typid = 1186
                THEN upper(substring(pg_catalog.format_type(typid, mod) from '^interval[()0-9]* (.*)$'))
           END
;;
CREATE VIEW information_schema_catalog_name AS
    SELECT CAST(current_database() AS sql_identifier) AS catalog_name
;;
CREATE VIEW schemata AS
    SELECT CAST(current_database() AS sql_identifier) AS catalog_name,
           CAST(n.nspname AS sql_identifier) AS schema_name,
           CAST(u.rolname AS sql_identifier) AS schema_owner,
           CAST(null AS sql_identifier) AS default_character_set_catalog,
           CAST(null AS sql_identifier) AS default_character_set_schema,
           CAST(null AS sql_identifier) AS default_character_set_name,
           CAST(null AS character_data) AS sql_path
      FROM pg_namespace n JOIN pg_authid u ON n.nspowner = u.oid
     WHERE pg_has_role(n.nspowner, 'USAGE') OR has_schema_privilege(n.oid, 'CREATE, USAGE')
;;
CREATE VIEW tables AS
    SELECT CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nc.nspname AS sql_identifier) AS table_schema,
           CAST(c.relname AS sql_identifier) AS table_name,
           CAST(CASE WHEN nc.oid = pg_my_temp_schema() THEN 'LOCAL TEMPORARY'
                     WHEN c.relkind IN ('r', 'p') THEN 'BASE TABLE'
                     WHEN c.relkind = 'v' THEN 'VIEW'
                     WHEN c.relkind = 'f' THEN 'FOREIGN'
                END AS character_data) AS table_type,
           CAST(null AS sql_identifier) AS self_referencing_column_name,
           CAST(null AS character_data) AS reference_generation,
           CAST(CASE WHEN t.typname IS NOT NULL THEN current_database() END AS sql_identifier)
               AS user_defined_type_catalog,
           CAST(nt.nspname AS sql_identifier) AS user_defined_type_schema,
           CAST(t.typname AS sql_identifier) AS user_defined_type_name,
           -- Woolly does not write through views yet: only tables take inserts
           CAST(CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_insertable_into,
           CAST(CASE WHEN t.typname IS NOT NULL THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_typed,
           CAST(null AS character_data) AS commit_action
      FROM pg_namespace nc JOIN pg_class c ON nc.oid = c.relnamespace
           LEFT JOIN (pg_type t JOIN pg_namespace nt ON t.typnamespace = nt.oid) ON c.reloftype = t.oid
     WHERE c.relkind IN ('r', 'v', 'f', 'p')
       AND NOT pg_is_other_temp_schema(nc.oid)
       AND (pg_has_role(c.relowner, 'USAGE')
            OR has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
;;
CREATE VIEW columns AS
    SELECT CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nc.nspname AS sql_identifier) AS table_schema,
           CAST(c.relname AS sql_identifier) AS table_name,
           CAST(a.attname AS sql_identifier) AS column_name,
           CAST(a.attnum AS cardinal_number) AS ordinal_position,
           CAST(CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS character_data)
               AS column_default,
           CAST(CASE WHEN a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) THEN 'NO' ELSE 'YES' END
               AS yes_or_no) AS is_nullable,
           CAST(CASE WHEN t.typtype = 'd' THEN
                         CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
                              WHEN nbt.nspname = 'pg_catalog' THEN format_type(t.typbasetype, null)
                              ELSE 'USER-DEFINED' END
                     ELSE
                         CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                              WHEN nt.nspname = 'pg_catalog' THEN format_type(a.atttypid, null)
                              ELSE 'USER-DEFINED' END
                END AS character_data) AS data_type,
           CAST(information_schema._pg_char_max_length(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                    information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS character_maximum_length,
           CAST(information_schema._pg_char_octet_length(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                      information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS character_octet_length,
           CAST(information_schema._pg_numeric_precision(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                      information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS numeric_precision,
           CAST(information_schema._pg_numeric_precision_radix(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                            information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS numeric_precision_radix,
           CAST(information_schema._pg_numeric_scale(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                  information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS numeric_scale,
           CAST(information_schema._pg_datetime_precision(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                       information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS cardinal_number) AS datetime_precision,
           CAST(information_schema._pg_interval_type(information_schema._pg_truetypid(t.typtype, t.typbasetype, a.atttypid),
                                  information_schema._pg_truetypmod(t.typtype, t.typtypmod, a.atttypmod))
               AS character_data) AS interval_type,
           CAST(null AS cardinal_number) AS interval_precision,
           CAST(null AS sql_identifier) AS character_set_catalog,
           CAST(null AS sql_identifier) AS character_set_schema,
           CAST(null AS sql_identifier) AS character_set_name,
           CAST(CASE WHEN nco.nspname IS NOT NULL THEN current_database() END AS sql_identifier) AS collation_catalog,
           CAST(nco.nspname AS sql_identifier) AS collation_schema,
           CAST(co.collname AS sql_identifier) AS collation_name,
           CAST(CASE WHEN t.typtype = 'd' THEN current_database() END AS sql_identifier) AS domain_catalog,
           CAST(CASE WHEN t.typtype = 'd' THEN nt.nspname END AS sql_identifier) AS domain_schema,
           CAST(CASE WHEN t.typtype = 'd' THEN t.typname END AS sql_identifier) AS domain_name,
           CAST(current_database() AS sql_identifier) AS udt_catalog,
           CAST(coalesce(nbt.nspname, nt.nspname) AS sql_identifier) AS udt_schema,
           CAST(coalesce(bt.typname, t.typname) AS sql_identifier) AS udt_name,
           CAST(null AS sql_identifier) AS scope_catalog,
           CAST(null AS sql_identifier) AS scope_schema,
           CAST(null AS sql_identifier) AS scope_name,
           CAST(null AS cardinal_number) AS maximum_cardinality,
           CAST(a.attnum AS sql_identifier) AS dtd_identifier,
           CAST('NO' AS yes_or_no) AS is_self_referencing,
           CAST(CASE WHEN a.attidentity IN ('a', 'd') THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_identity,
           CAST(CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS character_data)
               AS identity_generation,
           CAST(seq.seqstart AS character_data) AS identity_start,
           CAST(seq.seqincrement AS character_data) AS identity_increment,
           CAST(seq.seqmax AS character_data) AS identity_maximum,
           CAST(seq.seqmin AS character_data) AS identity_minimum,
           CAST(CASE WHEN seq.seqcycle THEN 'YES' ELSE 'NO' END AS yes_or_no) AS identity_cycle,
           CAST(CASE WHEN a.attgenerated <> '' THEN 'ALWAYS' ELSE 'NEVER' END AS character_data) AS is_generated,
           CAST(CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS character_data)
               AS generation_expression,
           -- Woolly does not write through views yet: only table columns are updatable
           CAST(CASE WHEN c.relkind IN ('r', 'p') THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_updatable
      FROM pg_attribute a
           LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
           JOIN pg_class c ON a.attrelid = c.oid
           JOIN pg_namespace nc ON c.relnamespace = nc.oid
           JOIN pg_type t ON a.atttypid = t.oid
           JOIN pg_namespace nt ON t.typnamespace = nt.oid
           LEFT JOIN (pg_type bt JOIN pg_namespace nbt ON bt.typnamespace = nbt.oid)
                  ON t.typtype = 'd' AND t.typbasetype = bt.oid
           LEFT JOIN (pg_collation co JOIN pg_namespace nco ON co.collnamespace = nco.oid)
                  ON a.attcollation = co.oid AND (nco.nspname <> 'pg_catalog' OR co.collname <> 'default')
           LEFT JOIN (pg_depend dep JOIN pg_sequence seq
                          ON dep.classid = 'pg_class'::regclass AND dep.objid = seq.seqrelid AND dep.deptype = 'i')
                  ON dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum
     WHERE NOT pg_is_other_temp_schema(nc.oid)
       AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relkind IN ('r', 'v', 'f', 'p')
       AND (pg_has_role(c.relowner, 'USAGE')
            OR has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
;;
CREATE VIEW views AS
    SELECT CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nc.nspname AS sql_identifier) AS table_schema,
           CAST(c.relname AS sql_identifier) AS table_name,
           CAST(CASE WHEN pg_has_role(c.relowner, 'USAGE') THEN pg_get_viewdef(c.oid) END AS character_data)
               AS view_definition,
           CAST(CASE WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED'
                     WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL'
                     ELSE 'NONE' END AS character_data) AS check_option,
           -- Woolly does not write through views yet
           CAST('NO' AS yes_or_no) AS is_updatable,
           CAST('NO' AS yes_or_no) AS is_insertable_into,
           -- INSTEAD OF triggers: tgtype bits ROW (1), INSTEAD (64) and the event (UPDATE 16, DELETE 8, INSERT 4)
           CAST(CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype::integer & 81 = 81)
                     THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_trigger_updatable,
           CAST(CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype::integer & 73 = 73)
                     THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_trigger_deletable,
           CAST(CASE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = c.oid AND tgtype::integer & 69 = 69)
                     THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_trigger_insertable_into
      FROM pg_namespace nc JOIN pg_class c ON c.relnamespace = nc.oid
     WHERE c.relkind = 'v'
       AND NOT pg_is_other_temp_schema(nc.oid)
       AND (pg_has_role(c.relowner, 'USAGE')
            OR has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES'))
;;
-- PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraints of tables, and one CHECK row per NOT NULL
-- column, named <schema oid>_<table oid>_<column number>_not_null as PostgreSQL names them
CREATE VIEW table_constraints AS
    SELECT CAST(current_database() AS sql_identifier) AS constraint_catalog,
           CAST(nc.nspname AS sql_identifier) AS constraint_schema,
           CAST(c.conname AS sql_identifier) AS constraint_name,
           CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nr.nspname AS sql_identifier) AS table_schema,
           CAST(r.relname AS sql_identifier) AS table_name,
           CAST(CASE c.contype WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'p' THEN 'PRIMARY KEY'
                               WHEN 'u' THEN 'UNIQUE' END AS character_data) AS constraint_type,
           CAST(CASE WHEN c.condeferrable THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_deferrable,
           CAST(CASE WHEN c.condeferred THEN 'YES' ELSE 'NO' END AS yes_or_no) AS initially_deferred,
           CAST('YES' AS yes_or_no) AS enforced,
           CAST(CASE WHEN c.contype = 'u'
                     THEN CASE WHEN (SELECT NOT indnullsnotdistinct FROM pg_index WHERE indexrelid = c.conindid)
                               THEN 'YES' ELSE 'NO' END
                END AS yes_or_no) AS nulls_distinct
      FROM pg_constraint c
           JOIN pg_namespace nc ON nc.oid = c.connamespace
           JOIN pg_class r ON c.conrelid = r.oid
           JOIN pg_namespace nr ON nr.oid = r.relnamespace
     WHERE c.contype NOT IN ('t', 'x')
       AND r.relkind IN ('r', 'p')
       AND NOT pg_is_other_temp_schema(nr.oid)
       AND (pg_has_role(r.relowner, 'USAGE')
            OR has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(r.oid, 'INSERT, UPDATE, REFERENCES'))
    UNION ALL
    SELECT CAST(current_database() AS sql_identifier),
           CAST(nr.nspname AS sql_identifier),
           CAST(nr.oid::text || '_' || r.oid::text || '_' || a.attnum::text || '_not_null' AS sql_identifier),
           CAST(current_database() AS sql_identifier),
           CAST(nr.nspname AS sql_identifier),
           CAST(r.relname AS sql_identifier),
           CAST('CHECK' AS character_data),
           CAST('NO' AS yes_or_no),
           CAST('NO' AS yes_or_no),
           CAST('YES' AS yes_or_no),
           CAST(null AS yes_or_no)
      FROM pg_attribute a
           JOIN pg_class r ON r.oid = a.attrelid
           JOIN pg_namespace nr ON nr.oid = r.relnamespace
     WHERE a.attnotnull AND a.attnum > 0 AND NOT a.attisdropped
       AND r.relkind IN ('r', 'p')
       AND NOT pg_is_other_temp_schema(nr.oid)
       AND (pg_has_role(r.relowner, 'USAGE')
            OR has_table_privilege(r.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(r.oid, 'INSERT, UPDATE, REFERENCES'))
;;
-- one row per column of a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint, in the key's order; a
-- foreign key column also says which column of the referenced key (its index) it matches; a key
-- has at most 32 columns (INDEX_MAX_KEYS)
CREATE VIEW key_column_usage AS
    SELECT CAST(current_database() AS sql_identifier) AS constraint_catalog,
           CAST(nc.nspname AS sql_identifier) AS constraint_schema,
           CAST(c.conname AS sql_identifier) AS constraint_name,
           CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nr.nspname AS sql_identifier) AS table_schema,
           CAST(r.relname AS sql_identifier) AS table_name,
           CAST(a.attname AS sql_identifier) AS column_name,
           CAST(k.n AS cardinal_number) AS ordinal_position,
           CAST(CASE WHEN c.contype = 'f'
                     THEN (SELECT array_position(string_to_array(i.indkey::text, ' ')::smallint[],
                                                 (c.confkey::smallint[])[k.n])
                             FROM pg_index i WHERE i.indexrelid = c.conindid)
                END AS cardinal_number) AS position_in_unique_constraint
      FROM pg_constraint c
           JOIN pg_namespace nc ON nc.oid = c.connamespace
           JOIN pg_class r ON r.oid = c.conrelid
           JOIN pg_namespace nr ON nr.oid = r.relnamespace
           JOIN generate_series(1, 32) AS k(n) ON k.n <= cardinality(c.conkey::smallint[])
           JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = (c.conkey::smallint[])[k.n]
     WHERE c.contype IN ('p', 'u', 'f')
       AND r.relkind IN ('r', 'p')
       AND NOT a.attisdropped
       AND NOT pg_is_other_temp_schema(nr.oid)
       AND (pg_has_role(r.relowner, 'USAGE')
            OR has_column_privilege(r.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES'))
;;
-- the columns a constraint uses: those a CHECK constraint mentions, the key columns of a PRIMARY
-- KEY or UNIQUE constraint, and the referenced columns of a FOREIGN KEY; rows for tables the
-- current user owns (or is a member of the owner of)
CREATE VIEW constraint_column_usage AS
    SELECT CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(x.tblschema AS sql_identifier) AS table_schema,
           CAST(x.tblname AS sql_identifier) AS table_name,
           CAST(x.colname AS sql_identifier) AS column_name,
           CAST(current_database() AS sql_identifier) AS constraint_catalog,
           CAST(x.cstrschema AS sql_identifier) AS constraint_schema,
           CAST(x.cstrname AS sql_identifier) AS constraint_name
      FROM (SELECT DISTINCT nr.nspname, r.relname, r.relowner, a.attname, nc.nspname, c.conname
              FROM pg_constraint c
                   JOIN pg_namespace nc ON nc.oid = c.connamespace
                   JOIN pg_class r ON r.oid = CASE c.contype WHEN 'f' THEN c.confrelid ELSE c.conrelid END
                   JOIN pg_namespace nr ON nr.oid = r.relnamespace
                   JOIN pg_attribute a ON a.attrelid = r.oid
                        AND a.attnum = ANY (CASE c.contype WHEN 'f' THEN c.confkey ELSE c.conkey END::smallint[])
             WHERE NOT a.attisdropped
               AND c.contype IN ('c', 'p', 'u', 'f')
               AND r.relkind IN ('r', 'p')) AS x (tblschema, tblname, tblowner, colname, cstrschema, cstrname)
     WHERE pg_has_role(x.tblowner, 'USAGE')
;;
-- each foreign key with the PRIMARY KEY or UNIQUE constraint of the index it references
CREATE VIEW referential_constraints AS
    SELECT CAST(current_database() AS sql_identifier) AS constraint_catalog,
           CAST(ncon.nspname AS sql_identifier) AS constraint_schema,
           CAST(con.conname AS sql_identifier) AS constraint_name,
           CAST(CASE WHEN npkc.nspname IS NULL THEN NULL ELSE current_database() END AS sql_identifier)
               AS unique_constraint_catalog,
           CAST(npkc.nspname AS sql_identifier) AS unique_constraint_schema,
           CAST(pkc.conname AS sql_identifier) AS unique_constraint_name,
           CAST(CASE con.confmatchtype WHEN 'f' THEN 'FULL' WHEN 'p' THEN 'PARTIAL' WHEN 's' THEN 'NONE' END
               AS character_data) AS match_option,
           CAST(CASE con.confupdtype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                                     WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' END
               AS character_data) AS update_rule,
           CAST(CASE con.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT'
                                     WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' END
               AS character_data) AS delete_rule
      FROM pg_constraint con
           JOIN pg_namespace ncon ON ncon.oid = con.connamespace
           JOIN pg_class c ON con.conrelid = c.oid AND con.contype = 'f'
           LEFT JOIN pg_constraint pkc ON pkc.conindid = con.conindid AND pkc.contype IN ('p', 'u')
                                          AND pkc.conrelid = con.confrelid
           LEFT JOIN pg_namespace npkc ON pkc.connamespace = npkc.oid
     WHERE pg_has_role(c.relowner, 'USAGE')
        OR has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
        OR has_any_column_privilege(c.oid, 'INSERT, UPDATE, REFERENCES')
;;
-- CHECK constraints of tables and domains, and NOT NULL columns as "col IS NOT NULL" checks
CREATE VIEW check_constraints AS
    SELECT CAST(current_database() AS sql_identifier) AS constraint_catalog,
           CAST(rs.nspname AS sql_identifier) AS constraint_schema,
           CAST(con.conname AS sql_identifier) AS constraint_name,
           CAST(substring(pg_get_constraintdef(con.oid) FROM 7) AS character_data) AS check_clause
      FROM pg_constraint con
           LEFT JOIN pg_namespace rs ON rs.oid = con.connamespace
           LEFT JOIN pg_class c ON c.oid = con.conrelid
           LEFT JOIN pg_type t ON t.oid = con.contypid
     WHERE pg_has_role(coalesce(c.relowner, t.typowner), 'USAGE') AND con.contype = 'c'
    UNION
    SELECT CAST(current_database() AS sql_identifier),
           CAST(n.nspname AS sql_identifier),
           CAST(n.oid::text || '_' || r.oid::text || '_' || a.attnum::text || '_not_null' AS sql_identifier),
           CAST(a.attname::text || ' IS NOT NULL' AS character_data)
      FROM pg_namespace n
           JOIN pg_class r ON n.oid = r.relnamespace
           JOIN pg_attribute a ON r.oid = a.attrelid
     WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull
       AND r.relkind IN ('r', 'p')
       AND pg_has_role(r.relowner, 'USAGE')
;;
-- sequences other than those of identity columns
CREATE VIEW sequences AS
    SELECT CAST(current_database() AS sql_identifier) AS sequence_catalog,
           CAST(nc.nspname AS sql_identifier) AS sequence_schema,
           CAST(c.relname AS sql_identifier) AS sequence_name,
           CAST(format_type(s.seqtypid, null) AS character_data) AS data_type,
           CAST(information_schema._pg_numeric_precision(s.seqtypid, -1) AS cardinal_number) AS numeric_precision,
           CAST(2 AS cardinal_number) AS numeric_precision_radix,
           CAST(0 AS cardinal_number) AS numeric_scale,
           CAST(s.seqstart AS character_data) AS start_value,
           CAST(s.seqmin AS character_data) AS minimum_value,
           CAST(s.seqmax AS character_data) AS maximum_value,
           CAST(s.seqincrement AS character_data) AS increment,
           CAST(CASE WHEN s.seqcycle THEN 'YES' ELSE 'NO' END AS yes_or_no) AS cycle_option
      FROM pg_namespace nc
           JOIN pg_class c ON c.relnamespace = nc.oid
           JOIN pg_sequence s ON c.oid = s.seqrelid
     WHERE c.relkind = 'S'
       AND NOT EXISTS (SELECT 1 FROM pg_depend
                        WHERE classid = 'pg_class'::regclass AND objid = c.oid AND deptype = 'i')
       AND NOT pg_is_other_temp_schema(nc.oid)
       AND (pg_has_role(c.relowner, 'USAGE') OR has_sequence_privilege(c.oid, 'SELECT, UPDATE, USAGE'))
;;
CREATE VIEW enabled_roles AS
    SELECT CAST(a.rolname AS sql_identifier) AS role_name
      FROM pg_authid a
     WHERE pg_has_role(a.oid, 'USAGE')
;;
-- the role memberships of the enabled roles; the database's owner is a member of pg_database_owner
CREATE VIEW applicable_roles AS
    SELECT CAST(a.rolname AS sql_identifier) AS grantee,
           CAST(b.rolname AS sql_identifier) AS role_name,
           CAST(CASE WHEN m.admin_option THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_grantable
      FROM (SELECT member, roleid, admin_option FROM pg_auth_members
            UNION
            SELECT d.datdba, r.oid, false
              FROM pg_database d, pg_authid r
             WHERE d.datname = current_database() AND r.rolname = 'pg_database_owner') AS m
           JOIN pg_authid a ON m.member = a.oid
           JOIN pg_authid b ON m.roleid = b.oid
     WHERE pg_has_role(a.oid, 'USAGE')
;;
-- the database's one character set (its encoding), with the collation matching its locale
CREATE VIEW character_sets AS
    SELECT CAST(null AS sql_identifier) AS character_set_catalog,
           CAST(null AS sql_identifier) AS character_set_schema,
           CAST(pg_encoding_to_char(d.encoding) AS sql_identifier) AS character_set_name,
           CAST(CASE WHEN d.encoding = 6 THEN 'UCS' ELSE pg_encoding_to_char(d.encoding) END AS sql_identifier)
               AS character_repertoire,
           CAST(pg_encoding_to_char(d.encoding) AS sql_identifier) AS form_of_use,
           CAST(current_database() AS sql_identifier) AS default_collate_catalog,
           CAST(nc.nspname AS sql_identifier) AS default_collate_schema,
           CAST(c.collname AS sql_identifier) AS default_collate_name
      FROM pg_database d
           LEFT JOIN (pg_collation c JOIN pg_namespace nc ON c.collnamespace = nc.oid)
                  ON d.datcollate = c.collcollate AND d.datctype = c.collctype
     WHERE d.datname = current_database()
     ORDER BY char_length(c.collname) DESC, c.collname
     LIMIT 1
;;
-- every role may use every type in Woolly (type privileges are not there yet), as PUBLIC may by
-- default: every domain is shown
CREATE VIEW domains AS
    SELECT CAST(current_database() AS sql_identifier) AS domain_catalog,
           CAST(nt.nspname AS sql_identifier) AS domain_schema,
           CAST(t.typname AS sql_identifier) AS domain_name,
           CAST(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                     WHEN nbt.nspname = 'pg_catalog' THEN format_type(t.typbasetype, null)
                     ELSE 'USER-DEFINED' END AS character_data) AS data_type,
           CAST(information_schema._pg_char_max_length(t.typbasetype, t.typtypmod) AS cardinal_number) AS character_maximum_length,
           CAST(information_schema._pg_char_octet_length(t.typbasetype, t.typtypmod) AS cardinal_number) AS character_octet_length,
           CAST(null AS sql_identifier) AS character_set_catalog,
           CAST(null AS sql_identifier) AS character_set_schema,
           CAST(null AS sql_identifier) AS character_set_name,
           CAST(CASE WHEN nco.nspname IS NOT NULL THEN current_database() END AS sql_identifier) AS collation_catalog,
           CAST(nco.nspname AS sql_identifier) AS collation_schema,
           CAST(co.collname AS sql_identifier) AS collation_name,
           CAST(information_schema._pg_numeric_precision(t.typbasetype, t.typtypmod) AS cardinal_number) AS numeric_precision,
           CAST(information_schema._pg_numeric_precision_radix(t.typbasetype, t.typtypmod) AS cardinal_number) AS numeric_precision_radix,
           CAST(information_schema._pg_numeric_scale(t.typbasetype, t.typtypmod) AS cardinal_number) AS numeric_scale,
           CAST(information_schema._pg_datetime_precision(t.typbasetype, t.typtypmod) AS cardinal_number) AS datetime_precision,
           CAST(information_schema._pg_interval_type(t.typbasetype, t.typtypmod) AS character_data) AS interval_type,
           CAST(null AS cardinal_number) AS interval_precision,
           CAST(t.typdefault AS character_data) AS domain_default,
           CAST(current_database() AS sql_identifier) AS udt_catalog,
           CAST(nbt.nspname AS sql_identifier) AS udt_schema,
           CAST(bt.typname AS sql_identifier) AS udt_name,
           CAST(null AS sql_identifier) AS scope_catalog,
           CAST(null AS sql_identifier) AS scope_schema,
           CAST(null AS sql_identifier) AS scope_name,
           CAST(null AS cardinal_number) AS maximum_cardinality,
           CAST(1 AS sql_identifier) AS dtd_identifier
      FROM pg_type t
           JOIN pg_namespace nt ON t.typnamespace = nt.oid
           JOIN pg_type bt ON t.typbasetype = bt.oid AND t.typtype = 'd'
           JOIN pg_namespace nbt ON bt.typnamespace = nbt.oid
           LEFT JOIN (pg_collation co JOIN pg_namespace nco ON co.collnamespace = nco.oid)
                  ON t.typcollation = co.oid AND (nco.nspname <> 'pg_catalog' OR co.collname <> 'default')
;;
-- functions, procedures, aggregates and window functions (routine_type null for the last two); specific_name is the name and
-- the OID joined by an underscore (nameconcatoid); every function's EXECUTE is granted to PUBLIC in
-- Woolly (function privileges are not there yet), so every routine is shown
CREATE VIEW routines AS
    SELECT
           CAST(current_database() AS sql_identifier) AS specific_catalog,
           CAST(n.nspname AS sql_identifier) AS specific_schema,
           CAST(p.proname::text || '_' || p.oid::text AS sql_identifier) AS specific_name,
           CAST(current_database() AS sql_identifier) AS routine_catalog,
           CAST(n.nspname AS sql_identifier) AS routine_schema,
           CAST(p.proname AS sql_identifier) AS routine_name,
           CAST(CASE p.prokind WHEN 'f' THEN 'FUNCTION' WHEN 'p' THEN 'PROCEDURE' END AS character_data) AS routine_type,
           CAST(null AS sql_identifier) AS module_catalog,
           CAST(null AS sql_identifier) AS module_schema,
           CAST(null AS sql_identifier) AS module_name,
           CAST(null AS sql_identifier) AS udt_catalog,
           CAST(null AS sql_identifier) AS udt_schema,
           CAST(null AS sql_identifier) AS udt_name,
           CAST(CASE WHEN p.prokind = 'p' THEN NULL WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY' WHEN nt.nspname = 'pg_catalog' THEN format_type(t.oid, null) ELSE 'USER-DEFINED' END AS character_data) AS data_type,
           CAST(null AS cardinal_number) AS character_maximum_length,
           CAST(null AS cardinal_number) AS character_octet_length,
           CAST(null AS sql_identifier) AS character_set_catalog,
           CAST(null AS sql_identifier) AS character_set_schema,
           CAST(null AS sql_identifier) AS character_set_name,
           CAST(null AS sql_identifier) AS collation_catalog,
           CAST(null AS sql_identifier) AS collation_schema,
           CAST(null AS sql_identifier) AS collation_name,
           CAST(null AS cardinal_number) AS numeric_precision,
           CAST(null AS cardinal_number) AS numeric_precision_radix,
           CAST(null AS cardinal_number) AS numeric_scale,
           CAST(null AS cardinal_number) AS datetime_precision,
           CAST(null AS character_data) AS interval_type,
           CAST(null AS cardinal_number) AS interval_precision,
           CAST(CASE WHEN nt.nspname IS NOT NULL THEN current_database() END AS sql_identifier) AS type_udt_catalog,
           CAST(nt.nspname AS sql_identifier) AS type_udt_schema,
           CAST(t.typname AS sql_identifier) AS type_udt_name,
           CAST(null AS sql_identifier) AS scope_catalog,
           CAST(null AS sql_identifier) AS scope_schema,
           CAST(null AS sql_identifier) AS scope_name,
           CAST(null AS cardinal_number) AS maximum_cardinality,
           CAST(CASE WHEN p.prokind <> 'p' THEN 0 END AS sql_identifier) AS dtd_identifier,
           CAST(CASE WHEN l.lanname = 'sql' THEN 'SQL' ELSE 'EXTERNAL' END AS character_data) AS routine_body,
           CAST(CASE WHEN pg_has_role(p.proowner, 'USAGE') THEN p.prosrc END AS character_data) AS routine_definition,
           CAST(CASE WHEN l.lanname = 'c' THEN p.prosrc END AS character_data) AS external_name,
           CAST(upper(l.lanname::text) AS character_data) AS external_language,
           CAST('GENERAL' AS character_data) AS parameter_style,
           CAST(CASE WHEN p.provolatile = 'i' THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_deterministic,
           CAST('MODIFIES' AS character_data) AS sql_data_access,
           CAST(CASE WHEN p.prokind <> 'p' THEN CASE WHEN p.proisstrict THEN 'YES' ELSE 'NO' END END AS yes_or_no) AS is_null_call,
           CAST(null AS character_data) AS sql_path,
           CAST('YES' AS yes_or_no) AS schema_level_routine,
           CAST(0 AS cardinal_number) AS max_dynamic_result_sets,
           CAST(null AS yes_or_no) AS is_user_defined_cast,
           CAST(null AS yes_or_no) AS is_implicitly_invocable,
           CAST(CASE WHEN p.prosecdef THEN 'DEFINER' ELSE 'INVOKER' END AS character_data) AS security_type,
           CAST(null AS sql_identifier) AS to_sql_specific_catalog,
           CAST(null AS sql_identifier) AS to_sql_specific_schema,
           CAST(null AS sql_identifier) AS to_sql_specific_name,
           CAST('NO' AS yes_or_no) AS as_locator,
           CAST(null AS time_stamp) AS created,
           CAST(null AS time_stamp) AS last_altered,
           CAST(null AS yes_or_no) AS new_savepoint_level,
           CAST('NO' AS yes_or_no) AS is_udt_dependent,
           CAST(null AS character_data) AS result_cast_from_data_type,
           CAST(null AS yes_or_no) AS result_cast_as_locator,
           CAST(null AS cardinal_number) AS result_cast_char_max_length,
           CAST(null AS cardinal_number) AS result_cast_char_octet_length,
           CAST(null AS sql_identifier) AS result_cast_char_set_catalog,
           CAST(null AS sql_identifier) AS result_cast_char_set_schema,
           CAST(null AS sql_identifier) AS result_cast_char_set_name,
           CAST(null AS sql_identifier) AS result_cast_collation_catalog,
           CAST(null AS sql_identifier) AS result_cast_collation_schema,
           CAST(null AS sql_identifier) AS result_cast_collation_name,
           CAST(null AS cardinal_number) AS result_cast_numeric_precision,
           CAST(null AS cardinal_number) AS result_cast_numeric_precision_radix,
           CAST(null AS cardinal_number) AS result_cast_numeric_scale,
           CAST(null AS cardinal_number) AS result_cast_datetime_precision,
           CAST(null AS character_data) AS result_cast_interval_type,
           CAST(null AS cardinal_number) AS result_cast_interval_precision,
           CAST(null AS sql_identifier) AS result_cast_type_udt_catalog,
           CAST(null AS sql_identifier) AS result_cast_type_udt_schema,
           CAST(null AS sql_identifier) AS result_cast_type_udt_name,
           CAST(null AS sql_identifier) AS result_cast_scope_catalog,
           CAST(null AS sql_identifier) AS result_cast_scope_schema,
           CAST(null AS sql_identifier) AS result_cast_scope_name,
           CAST(null AS cardinal_number) AS result_cast_maximum_cardinality,
           CAST(null AS sql_identifier) AS result_cast_dtd_identifier
      FROM pg_namespace n
           JOIN pg_proc p ON n.oid = p.pronamespace
           JOIN pg_language l ON p.prolang = l.oid
           LEFT JOIN (pg_type t JOIN pg_namespace nt ON t.typnamespace = nt.oid)
                  ON p.prorettype = t.oid AND p.prokind <> 'p'
;;
-- one row per argument of each function (input and output); proallargtypes when there are OUT
-- arguments, else proargtypes; a function has at most 100 arguments (FUNC_MAX_ARGS)
CREATE VIEW parameters AS
    SELECT CAST(current_database() AS sql_identifier) AS specific_catalog,
           CAST(ss.n_nspname AS sql_identifier) AS specific_schema,
           CAST(ss.proname::text || '_' || ss.p_oid::text AS sql_identifier) AS specific_name,
           CAST(k.n AS cardinal_number) AS ordinal_position,
           CAST(CASE WHEN ss.proargmodes IS NULL THEN 'IN'
                     ELSE CASE (ss.proargmodes::"char"[])[k.n]
                              WHEN 'i' THEN 'IN' WHEN 'o' THEN 'OUT' WHEN 'b' THEN 'INOUT'
                              WHEN 'v' THEN 'IN' WHEN 't' THEN 'OUT' END
                END AS character_data) AS parameter_mode,
           CAST('NO' AS yes_or_no) AS is_result,
           CAST('NO' AS yes_or_no) AS as_locator,
           CAST(nullif((ss.proargnames::text[])[k.n], '') AS sql_identifier) AS parameter_name,
           CAST(CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
                     WHEN nt.nspname = 'pg_catalog' THEN format_type(t.oid, null)
                     ELSE 'USER-DEFINED' END AS character_data) AS data_type,
           CAST(null AS cardinal_number) AS character_maximum_length,
           CAST(null AS cardinal_number) AS character_octet_length,
           CAST(null AS sql_identifier) AS character_set_catalog,
           CAST(null AS sql_identifier) AS character_set_schema,
           CAST(null AS sql_identifier) AS character_set_name,
           CAST(null AS sql_identifier) AS collation_catalog,
           CAST(null AS sql_identifier) AS collation_schema,
           CAST(null AS sql_identifier) AS collation_name,
           CAST(null AS cardinal_number) AS numeric_precision,
           CAST(null AS cardinal_number) AS numeric_precision_radix,
           CAST(null AS cardinal_number) AS numeric_scale,
           CAST(null AS cardinal_number) AS datetime_precision,
           CAST(null AS character_data) AS interval_type,
           CAST(null AS cardinal_number) AS interval_precision,
           CAST(current_database() AS sql_identifier) AS udt_catalog,
           CAST(nt.nspname AS sql_identifier) AS udt_schema,
           CAST(t.typname AS sql_identifier) AS udt_name,
           CAST(null AS sql_identifier) AS scope_catalog,
           CAST(null AS sql_identifier) AS scope_schema,
           CAST(null AS sql_identifier) AS scope_name,
           CAST(null AS cardinal_number) AS maximum_cardinality,
           CAST(k.n AS sql_identifier) AS dtd_identifier,
           CAST(CASE WHEN pg_has_role(ss.proowner, 'USAGE') THEN pg_get_function_arg_default(ss.p_oid, k.n) END
               AS character_data) AS parameter_default
      FROM (SELECT n.nspname AS n_nspname, p.proname, p.oid AS p_oid, p.proowner, p.proargnames, p.proargmodes,
                   coalesce(p.proallargtypes::oid[], string_to_array(p.proargtypes::text, ' ')::oid[]) AS types
              FROM pg_namespace n JOIN pg_proc p ON n.oid = p.pronamespace) AS ss
           JOIN generate_series(1, 100) AS k(n) ON k.n <= cardinality(ss.types)
           JOIN pg_type t ON t.oid = (ss.types)[k.n]
           JOIN pg_namespace nt ON t.typnamespace = nt.oid
;;
-- one row per trigger and event (INSERT 4, DELETE 8, UPDATE 16 in tgtype); action_order numbers
-- the triggers of one table, event, level and timing by name, the order they fire in
CREATE VIEW triggers AS
    SELECT CAST(current_database() AS sql_identifier) AS trigger_catalog,
           CAST(n.nspname AS sql_identifier) AS trigger_schema,
           CAST(t.tgname AS sql_identifier) AS trigger_name,
           CAST(em.text AS character_data) AS event_manipulation,
           CAST(current_database() AS sql_identifier) AS event_object_catalog,
           CAST(n.nspname AS sql_identifier) AS event_object_schema,
           CAST(c.relname AS sql_identifier) AS event_object_table,
           CAST((SELECT count(*) FROM pg_trigger o
                  WHERE o.tgrelid = t.tgrelid AND NOT o.tgisinternal AND o.tgtype::integer & em.num <> 0
                    AND o.tgtype::integer & 1 = t.tgtype::integer & 1
                    AND o.tgtype::integer & 66 = t.tgtype::integer & 66
                    AND o.tgname < t.tgname) + 1 AS cardinal_number) AS action_order,
           CAST(CASE WHEN pg_has_role(c.relowner, 'USAGE')
                     THEN (regexp_match(pg_get_triggerdef(t.oid), '.{35,} WHEN \((.+)\) EXECUTE FUNCTION'))[1] END
               AS character_data) AS action_condition,
           CAST(substring(pg_get_triggerdef(t.oid)
                          FROM position('EXECUTE FUNCTION' IN substring(pg_get_triggerdef(t.oid) FROM 48)) + 47)
               AS character_data) AS action_statement,
           CAST(CASE t.tgtype::integer & 1 WHEN 1 THEN 'ROW' ELSE 'STATEMENT' END AS character_data)
               AS action_orientation,
           CAST(CASE t.tgtype::integer & 66 WHEN 2 THEN 'BEFORE' WHEN 64 THEN 'INSTEAD OF' ELSE 'AFTER' END
               AS character_data) AS action_timing,
           CAST(t.tgoldtable AS sql_identifier) AS action_reference_old_table,
           CAST(t.tgnewtable AS sql_identifier) AS action_reference_new_table,
           CAST(null AS sql_identifier) AS action_reference_old_row,
           CAST(null AS sql_identifier) AS action_reference_new_row,
           CAST(null AS time_stamp) AS created
      FROM pg_namespace n
           JOIN pg_class c ON n.oid = c.relnamespace
           JOIN pg_trigger t ON c.oid = t.tgrelid
           JOIN (VALUES (4, 'INSERT'), (8, 'DELETE'), (16, 'UPDATE')) AS em (num, text)
             ON t.tgtype::integer & em.num <> 0
     WHERE NOT t.tgisinternal
       AND NOT pg_is_other_temp_schema(n.oid)
       AND (pg_has_role(c.relowner, 'USAGE')
            OR has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(c.oid, 'INSERT, UPDATE, REFERENCES'))
;;
-- The privileges of relations, one row per grantor, grantee and privilege, read from the
-- aclitems of relacl ("grantee=privileges/grantor", an empty grantee being PUBLIC, "*" after a
-- letter the grant option); a relation without relacl has its owner's default privileges
-- (acldefault). Privilege letters as aclitem's: a INSERT, r SELECT, w UPDATE, d DELETE,
-- D TRUNCATE, x REFERENCES, t TRIGGER.
CREATE VIEW table_privileges AS
    SELECT CAST(u_grantor.rolname AS sql_identifier) AS grantor,
           CAST(grantee.rolname AS sql_identifier) AS grantee,
           CAST(current_database() AS sql_identifier) AS table_catalog,
           CAST(nc.nspname AS sql_identifier) AS table_schema,
           CAST(c.relname AS sql_identifier) AS table_name,
           CAST(pr.privilege_type AS character_data) AS privilege_type,
           CAST(CASE WHEN grantee.oid = c.relowner OR position(pr.letter || '*' IN acl.privileges) > 0
                     THEN 'YES' ELSE 'NO' END AS yes_or_no) AS is_grantable,
           CAST(CASE WHEN pr.privilege_type = 'SELECT' THEN 'YES' ELSE 'NO' END AS yes_or_no) AS with_hierarchy
      FROM (SELECT r.oid, r.relname, r.relnamespace, r.relkind, r.relowner,
                   btrim(split_part(item, '=', 1), '"') AS grantee_name,
                   split_part(split_part(item, '=', 2), '/', 1) AS privileges,
                   btrim(split_part(split_part(item, '=', 2), '/', 2), '"') AS grantor_name
              FROM pg_class r
                   JOIN pg_authid o ON o.oid = r.relowner
                   CROSS JOIN unnest(coalesce(r.relacl::text[],
                                              ARRAY['"' || o.rolname || '"=arwdDxt/"' || o.rolname || '"'])) AS item
             WHERE r.relkind IN ('r', 'v', 'f', 'p')) AS acl
           JOIN pg_class c ON c.oid = acl.oid
           JOIN pg_namespace nc ON c.relnamespace = nc.oid
           JOIN pg_authid u_grantor ON u_grantor.rolname = acl.grantor_name
           JOIN (SELECT oid, rolname FROM pg_authid UNION ALL SELECT 0::oid, 'PUBLIC') AS grantee (oid, rolname)
             ON grantee.rolname = CASE WHEN acl.grantee_name = '' THEN 'PUBLIC' ELSE acl.grantee_name END
           JOIN (VALUES ('a', 'INSERT'), ('r', 'SELECT'), ('w', 'UPDATE'), ('d', 'DELETE'), ('D', 'TRUNCATE'),
                        ('x', 'REFERENCES'), ('t', 'TRIGGER')) AS pr (letter, privilege_type)
             ON position(pr.letter IN acl.privileges) > 0
     WHERE pg_has_role(u_grantor.oid, 'USAGE') OR pg_has_role(grantee.oid, 'USAGE') OR grantee.rolname = 'PUBLIC'
;;
CREATE VIEW role_table_grants AS
    SELECT grantor, grantee, table_catalog, table_schema, table_name, privilege_type, is_grantable, with_hierarchy
      FROM information_schema.table_privileges
     WHERE grantor IN (SELECT role_name FROM information_schema.enabled_roles)
        OR grantee IN (SELECT role_name FROM information_schema.enabled_roles)
;;
-- Woolly keeps no column privileges: each column has its table's INSERT, SELECT, UPDATE and
-- REFERENCES privileges
CREATE VIEW column_privileges AS
    SELECT CAST(tp.grantor AS sql_identifier) AS grantor,
           CAST(tp.grantee AS sql_identifier) AS grantee,
           CAST(tp.table_catalog AS sql_identifier) AS table_catalog,
           CAST(tp.table_schema AS sql_identifier) AS table_schema,
           CAST(tp.table_name AS sql_identifier) AS table_name,
           CAST(a.attname AS sql_identifier) AS column_name,
           CAST(tp.privilege_type AS character_data) AS privilege_type,
           CAST(tp.is_grantable AS yes_or_no) AS is_grantable
      FROM information_schema.table_privileges tp
           JOIN pg_namespace n ON n.nspname = tp.table_schema
           JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = tp.table_name
           JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE tp.privilege_type IN ('INSERT', 'SELECT', 'UPDATE', 'REFERENCES')
;;
GRANT SELECT ON information_schema_catalog_name, schemata, tables, columns, views, table_constraints,
    key_column_usage, constraint_column_usage, referential_constraints, check_constraints, sequences,
    enabled_roles, applicable_roles, character_sets, domains, routines, parameters, triggers, table_privileges,
    role_table_grants, column_privileges TO PUBLIC
;;
RESET search_path
;;
