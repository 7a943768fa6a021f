\d information_schema.tables
\d information_schema.key_column_usage
\dT information_schema.*
