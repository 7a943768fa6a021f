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
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
work=$(mktemp -d /tmp/woolly-bench.XXXXXX)
chmod 755 "$work"
pg_port=${PG_PORT:-55439}
woolly_port=${WOOLLY_PORT:-55440}

cleanup() {
    set +e
    if [ -n "${woolly_pid:-}" ]; then
        kill "$woolly_pid" 2>/dev/null
        wait "$woolly_pid" 2>/dev/null
    fi
    su postgres -c "$PGBIN/pg_ctl -D $work/pgdir/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo 'SELECT 1;' > "$work/select1.sql"
chmod 644 "$work/select1.sql"

# PostgreSQL 15, default settings (fsync on), trust on loopback; it runs as `postgres`.
mkdir "$work/pgdir" && chown postgres "$work/pgdir"
su postgres -c "$PGBIN/initdb -D $work/pgdir/data -A trust -U bench --no-locale -E UTF8" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $work/pgdir/data -l $work/pgdir/log -o '-p $pg_port -k $work/pgdir -c listen_addresses=127.0.0.1' -w start" >/dev/null

# Woolly, default settings, the same superuser name.
"$root/woolly" init -D "$work/woolly" -U bench >/dev/null
"$root/woolly" start -D "$work/woolly" -p "$woolly_port" -h 127.0.0.1 -k "" >"$work/woolly.log" 2>&1 &
woolly_pid=$!
for _ in $(seq 1 600); do
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$woolly_port" && break
    sleep 0.1
done

run() { # server port mode-args... -> "tps latency_ms"
    local port=$1; shift
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U bench -n -f "$work/select1.sql" -T "$DURATION" "$@" postgres 2>&1 |
        awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%s %s\n", tps, lat}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

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
    ratio=$(awk -v w="$w" -v p="$p" 'BEGIN { if (p > 0) printf "%.2f", w / p; else print "n/a" }')
    printf '| %s (%s) | %.0f | %.0f | %s | %.3f | %.3f |\n' "$label" "$args" "$p" "$w" "$ratio" "$pl" "$wl"
done
