#!/usr/bin/env bash
# wal-buffers.sh: single-row INSERT throughput before and after one large (~8 MB) transaction.
#
#   bench/wal-buffers.sh [WOOLLY_CHECKOUT]     # default: this repository
#
# Issue 5, item 12: one big transaction used to leave the WAL buffer at its size, so every
# later flush allocated megabytes. Starts a throw-away Woolly of WOOLLY_CHECKOUT (fsync=off,
# so the WAL buffer, not the disk, is what is measured), warms up, runs `pgbench -n -f
# insert.sql -T DURATION`, commits one ~8 MB INSERT ... SELECT, runs pgbench again, prints both tps.
# Environment: DURATION (seconds per run, default 10), PGBIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=${1:-$(cd "$here/.." && pwd)}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DURATION=${DURATION:-10}
port=${WOOLLY_PORT:-55441}
work=$(mktemp -d /tmp/woolly-walbuf.XXXXXX)

cleanup() {
    set +e
    if [ -n "${woolly_pid:-}" ]; then
        kill "$woolly_pid" 2>/dev/null
        wait "$woolly_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$root/woolly" init -D "$work/data" -U bench >/dev/null
"$root/woolly" start -D "$work/data" -p "$port" -h 127.0.0.1 -k "" -c fsync=off >"$work/woolly.log" 2>&1 &
woolly_pid=$!
for _ in $(seq 1 600); do
    "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
done

psql() { "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$port" -U bench -d postgres "$@"; }
psql -c "CREATE TABLE small (n int)" -c "CREATE TABLE big (payload text)"
echo 'INSERT INTO small VALUES (1);' > "$work/insert.sql"

tps() {
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$port" -U bench -n -f "$work/insert.sql" -T "$DURATION" postgres 2>&1 |
        awk '/^tps/ {print $3}'
}

tps >/dev/null   # warm-up (JIT), not counted
before=$(tps)
# 8192 rows of 1000 bytes in one transaction: ~8 MB of WAL
{
    echo "BEGIN;"
    echo "INSERT INTO big VALUES (repeat('x', 1000));"
    for _ in $(seq 1 13); do echo "INSERT INTO big SELECT payload FROM big;"; done
    echo "COMMIT;"
} | psql
after=$(tps)
echo "| single-row INSERT, fsync=off | before the 8 MB transaction | after it | after / before |"
echo "|---|---:|---:|---:|"
awk -v b="$before" -v a="$after" 'BEGIN {printf "| %s | %.0f | %.0f | %.2f |\n", "tps", b, a, a / b}'
