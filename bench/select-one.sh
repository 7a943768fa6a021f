#!/usr/bin/env bash
# select-one.sh: connection + `SELECT 1` latency and throughput, Woolly beside PostgreSQL 15.
#
#   bench/select-one.sh            # starts both servers itself, prints a Markdown table
#
# Starts a throw-away PostgreSQL 15 (as the `postgres` user, since it refuses root) and a
# throw-away Woolly on free ports, then runs `pgbench -n -f select1.sql` for each mode in
# MODES (simple / prepared at 1 and 8 clients, and -C: a new connection per transaction),
# alternating servers, RUNS times each, and reports the median tps and mean latency.
# Environment: DURATION (seconds per run, default 10), RUNS (default 3), PGBIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
. "$here/servers.sh"

echo 'SELECT 1;' > "$work/select1.sql"
chmod 644 "$work/select1.sql"

start_servers "$root"

run() { # server port mode-args... -> "tps latency_ms"
    local port=$1; shift
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U bench -n -f "$work/select1.sql" -T "$DURATION" "$@" postgres 2>&1 |
        awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%s %s\n", tps, lat}'
}

declare -a modes=(
    "simple, 1 client|-M simple -c 1 -j 1"
    "simple, 8 clients|-M simple -c 8 -j 2"
    "prepared, 1 client|-M prepared -c 1 -j 1"
    "prepared, 8 clients|-M prepared -c 8 -j 2"
    "new connection each, 1 client|-M simple -C -c 1 -j 1"
    "new connection each, 8 clients|-M simple -C -c 8 -j 2"
)

# Warm up the JVM's compiler before measuring (PostgreSQL gets the same warm-up run).
run "$woolly_port" -M prepared -c 8 -j 2 >/dev/null
run "$pg_port" -M prepared -c 8 -j 2 >/dev/null

echo "| pgbench -n -f select1.sql -T $DURATION | PostgreSQL 15 tps | Woolly tps | Woolly / PostgreSQL | PostgreSQL latency ms | Woolly latency ms |"
echo "|---|---:|---:|---:|---:|---:|"
for entry in "${modes[@]}"; do
    label=${entry%%|*}
    args=${entry#*|}
    pg_tps=() woolly_tps=() pg_lat=() woolly_lat=()
    for _ in $(seq 1 "$RUNS"); do
        read -r tps lat < <(run "$pg_port" $args); pg_tps+=("$tps"); pg_lat+=("$lat")
        read -r tps lat < <(run "$woolly_port" $args); woolly_tps+=("$tps"); woolly_lat+=("$lat")
    done
    p=$(printf '%s\n' "${pg_tps[@]}" | median)
    w=$(printf '%s\n' "${woolly_tps[@]}" | median)
    pl=$(printf '%s\n' "${pg_lat[@]}" | median)
    wl=$(printf '%s\n' "${woolly_lat[@]}" | median)
    ratio=$(ratio "$w" "$p")
    printf '| %s (%s) | %.0f | %.0f | %s | %.3f | %.3f |\n' "$label" "$args" "$p" "$w" "$ratio" "$pl" "$wl"
done
