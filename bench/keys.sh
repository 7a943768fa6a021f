#!/usr/bin/env bash
# keys.sh: the figures of the keys-and-indexes work, Woolly beside PostgreSQL 15.
#
#   bench/keys.sh            # starts both servers itself, prints a Markdown table
#
# On each server: a table of ROWS rows (default 2^20, built by doubling with INSERT ... SELECT,
# since neither COPY nor generate_series is needed), CREATE UNIQUE INDEX on it (timed with psql's
# \timing), ANALYZE, then pgbench point lookups by key (`SELECT abalance FROM accounts WHERE
# aid = :aid`, prepared, 1 and 8 clients) and single-row INSERTs into a table with a primary key
# and one secondary index (prepared, 1 and 8 clients). RUNS runs per figure (median), servers
# alternating. Environment: DURATION (seconds per pgbench run, default 10), RUNS (default 3),
# DOUBLINGS (default 20: 2^20 rows), PGBIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
DOUBLINGS=${DOUBLINGS:-20}
. "$here/servers.sh"
start_servers "$root"
rows=$((1 << DOUBLINGS))

sql() { # port, then psql arguments
    local port=$1; shift
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U bench -d postgres "$@"
}

load() { # port: the accounts table filled, unindexed
    local port=$1 n=1
    sql "$port" -c "CREATE TABLE accounts (aid int NOT NULL, bid int, abalance int, filler char(84))" \
        -c "INSERT INTO accounts VALUES (1, 1, 0, '')"
    for _ in $(seq 1 "$DOUBLINGS"); do
        sql "$port" -c "INSERT INTO accounts SELECT aid + $n, (aid + $n - 1) / 100000 + 1, 0, '' FROM accounts"
        n=$((n * 2))
    done
    sql "$port" -c "CREATE TABLE inserts (id bigint PRIMARY KEY, k int, note text)" \
        -c "CREATE INDEX inserts_k_idx ON inserts (k)"
}

timed() { # port statement -> milliseconds
    sql "$1" -c '\timing on' -c "$2" | awk '/^Time:/ {print $2}'
}

pgb() { # port script clients -> tps
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$1" -U bench -n -M prepared -f "$2" -c "$3" -j "$(($3 > 1 ? 2 : 1))" \
        -T "$DURATION" postgres 2>&1 | awk '/^tps/ {print $3}'
}

printf '\\set aid random(1, %d)\nSELECT abalance FROM accounts WHERE aid = :aid;\n' "$rows" > "$work/lookup.sql"
printf '\\set id random(1, 9000000000000000000)\n\\set k random(1, 100000)\nINSERT INTO inserts VALUES (:id, :k, '"'"'x'"'"');\n' > "$work/insert.sql"
chmod 644 "$work"/*.sql

declare -A pg woolly
for port in "$pg_port" "$woolly_port"; do
    load "$port"
done
pg[index]=$(timed "$pg_port" "CREATE UNIQUE INDEX accounts_pkey ON accounts (aid)")
woolly[index]=$(timed "$woolly_port" "CREATE UNIQUE INDEX accounts_pkey ON accounts (aid)")
sql "$pg_port" -c "ANALYZE accounts"
sql "$woolly_port" -c "ANALYZE accounts"

# Warm up the JVM's compiler before measuring (PostgreSQL gets the same warm-up run).
pgb "$woolly_port" "$work/lookup.sql" 8 >/dev/null
pgb "$pg_port" "$work/lookup.sql" 8 >/dev/null

declare -a figures=("lookup 1|lookup.sql|1" "lookup 8|lookup.sql|8" "insert 1|insert.sql|1" "insert 8|insert.sql|8")
for entry in "${figures[@]}"; do
    IFS='|' read -r name script clients <<<"$entry"
    p=() w=()
    for _ in $(seq 1 "$RUNS"); do
        p+=("$(pgb "$pg_port" "$work/$script" "$clients")")
        w+=("$(pgb "$woolly_port" "$work/$script" "$clients")")
    done
    pg[$name]=$(printf '%s\n' "${p[@]}" | median)
    woolly[$name]=$(printf '%s\n' "${w[@]}" | median)
done

echo "| figure ($rows rows, pgbench -M prepared -T $DURATION, median of $RUNS) | PostgreSQL 15 | Woolly | Woolly / PostgreSQL |"
echo "|---|---:|---:|---:|"
printf '| CREATE UNIQUE INDEX on %d rows, ms (lower is better) | %.0f | %.0f | %s |\n' "$rows" "${pg[index]}" \
    "${woolly[index]}" "$(ratio "${woolly[index]}" "${pg[index]}")"
for entry in "lookup 1|point lookup by primary key, 1 client" "lookup 8|point lookup by primary key, 8 clients" \
        "insert 1|INSERT into a table with a primary key and one index, 1 client" \
        "insert 8|INSERT into a table with a primary key and one index, 8 clients"; do
    key=${entry%%|*}
    printf '| %s, tps | %.0f | %.0f | %s |\n' "${entry#*|}" "${pg[$key]}" "${woolly[$key]}" \
        "$(ratio "${woolly[$key]}" "${pg[$key]}")"
done
