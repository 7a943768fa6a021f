#!/usr/bin/env bash
# bloat.sh: does storage stay the size of its data under an update-heavy load? (issue 12's figure)
#
#   bench/bloat.sh                  # 30 minutes of pgbench on both servers at once
#   QUICK=1 bench/bloat.sh          # 5 minutes (windows of 1 minute)
#   DURATION=600 WINDOW=120 bench/bloat.sh
#
# Starts a throw-away PostgreSQL 15 and a throw-away Woolly (servers.sh; default settings, so
# autovacuum on, plus log_autovacuum_min_duration=0 and log_checkpoints=on on both), runs
# `pgbench -i -s SCALE` on each, records the size of every pgbench table (pg_relation_size and
# pg_total_relation_size) and primary key and of pg_wal, then runs the tpcb-like pgbench
# (`pgbench -n -c CLIENTS -j JOBS -T DURATION -P PROGRESS`: three UPDATEs, a SELECT and an INSERT
# per transaction) on BOTH servers AT THE SAME TIME, so they share the machine's load. While it
# runs, pg_wal's size is sampled every SAMPLE seconds (its peak is reported) and
# pg_stat_user_tables' n_dead_tup / autovacuum_count every PROGRESS seconds (in the log).
# Before all this, WARMUP seconds of the same pgbench on a scale-1 database that is then dropped
# (Woolly's JIT compiler would otherwise make its first minute several times slower).
# At the end it prints, per relation, final size over initial size on each server; tps of the
# first WINDOW seconds and of the last WINDOW seconds (from the -P lines) and their ratio; and
# the peak pg_wal size beside max_wal_size.
#
# Environment: DURATION (seconds, default 1800; QUICK=1 makes it 300), WINDOW (seconds averaged
# at each end, default 300, QUICK 60), WARMUP (seconds, default 60, QUICK 30, 0 for none),
# PROGRESS (pgbench -P, default 60, QUICK 10), SAMPLE
# (pg_wal sampling period, default 5), SCALE (default 10), CLIENTS (4), JOBS (2),
# SERVER_SETTINGS / WOOLLY_SETTINGS (as servers.sh), PG_PORT (5705), WOOLLY_PORT (5605),
# OUT (directory kept for the raw logs, default /tmp/woolly-bloat.DATE), PGBIN.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [ "${QUICK:-0}" = 1 ]; then
    DURATION=${DURATION:-300}
    WINDOW=${WINDOW:-60}
    PROGRESS=${PROGRESS:-10}
    WARMUP=${WARMUP:-30}
fi
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-1800}
WINDOW=${WINDOW:-300}
PROGRESS=${PROGRESS:-60}
SAMPLE=${SAMPLE:-5}
SCALE=${SCALE:-10}
CLIENTS=${CLIENTS:-4}
JOBS=${JOBS:-2}
export PG_PORT=${PG_PORT:-5705} WOOLLY_PORT=${WOOLLY_PORT:-5605}
SERVER_SETTINGS="log_autovacuum_min_duration=0 log_checkpoints=on ${SERVER_SETTINGS:-}"
OUT=${OUT:-/tmp/woolly-bloat.$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
. "$here/servers.sh"

declare -A port=([pg]=$pg_port [woolly]=$woolly_port) wal_dir=([pg]="$work/pgdir/data/pg_wal" [woolly]="$work/woolly/pg_wal")
servers="pg woolly"
relations="pgbench_accounts pgbench_branches pgbench_tellers pgbench_history pgbench_accounts_pkey pgbench_branches_pkey pgbench_tellers_pkey"

psql_on() { # server, then psql arguments
    local server=$1; shift
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port[$server]}" -U bench -d postgres "$@"
}

wal_bytes() { du -sb "${wal_dir[$1]}" 2>/dev/null | cut -f1; }

sizes() { # server -> lines "relation relation_size total_relation_size", then "pg_wal bytes bytes"
    local rel
    for rel in $relations; do
        psql_on "$1" -Atc "SELECT '$rel', pg_relation_size('$rel'), pg_total_relation_size('$rel')" | tr '|' ' '
    done
    local wal; wal=$(wal_bytes "$1")
    echo "pg_wal $wal $wal"
}

dead_tuples() { # server -> one line per pgbench table: its pg_stat_user_tables counters
    psql_on "$1" -Atc "SELECT relname, n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count,
            coalesce(to_char(last_autovacuum, 'HH24:MI:SS'), '-')
        FROM pg_stat_user_tables WHERE relname LIKE 'pgbench%' ORDER BY relname" | tr '|' ' '
}

start_servers "$root"
{
    echo "Woolly $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') beside PostgreSQL $("$PGBIN/postgres" -V | awk '{print $3}'), $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "uptime at start: $(uptime)"
} | tee "$OUT/summary.txt"

# Warm-up, so the first window measures the server and not a JVM compiling its code: the same
# pgbench on a scale-1 copy in a database of its own, dropped before the measured tables exist.
warm_up() { # server
    psql_on "$1" -c "DROP DATABASE IF EXISTS bloat_warmup" -c "CREATE DATABASE bloat_warmup"
    "$PGBIN/pgbench" -h 127.0.0.1 -p "${port[$1]}" -U bench -i -s 1 -q bloat_warmup
    "$PGBIN/pgbench" -h 127.0.0.1 -p "${port[$1]}" -U bench -n -c "$CLIENTS" -j "$JOBS" -T "$WARMUP" bloat_warmup
    psql_on "$1" -c "DROP DATABASE bloat_warmup"
}
if [ "$WARMUP" -gt 0 ]; then
    warm_pids=()
    for s in $servers; do
        warm_up "$s" >"$OUT/$s.warmup" 2>&1 &
        warm_pids+=($!)
    done
    wait "${warm_pids[@]}"
fi

init_pids=()
for s in $servers; do
    "$PGBIN/pgbench" -h 127.0.0.1 -p "${port[$s]}" -U bench -i -s "$SCALE" -q postgres >"$OUT/$s.init" 2>&1 &
    init_pids+=($!)
done
wait "${init_pids[@]}"  # not a bare wait: Woolly's server is a child of this shell too
for s in $servers; do
    psql_on "$s" -c CHECKPOINT
    sizes "$s" >"$OUT/$s.initial"
done

for s in $servers; do
    "$PGBIN/pgbench" -h 127.0.0.1 -p "${port[$s]}" -U bench -n -c "$CLIENTS" -j "$JOBS" -T "$DURATION" \
        -P "$PROGRESS" postgres >"$OUT/$s.pgbench" 2>&1 &
    eval "bench_$s=\$!"
done
: >"$OUT/pg.wal" >"$OUT/woolly.wal"
start=$SECONDS
last_stats=-$PROGRESS
while kill -0 "$bench_pg" 2>/dev/null || kill -0 "$bench_woolly" 2>/dev/null; do
    for s in $servers; do
        echo "$((SECONDS - start)) $(wal_bytes "$s")" >>"$OUT/$s.wal"
    done
    if [ $((SECONDS - last_stats)) -ge "$PROGRESS" ]; then
        last_stats=$SECONDS
        for s in $servers; do
            { echo "t=$((SECONDS - start))s load $(cut -d' ' -f1-3 /proc/loadavg)"; dead_tuples "$s" 2>&1 || true; } >>"$OUT/$s.stats"
        done
    fi
    sleep "$SAMPLE"
done
wait "$bench_pg" || echo "pgbench on PostgreSQL failed: $(tail -3 "$OUT/pg.pgbench")" >&2
wait "$bench_woolly" || echo "pgbench on Woolly failed: $(tail -3 "$OUT/woolly.pgbench")" >&2
for s in $servers; do
    sizes "$s" >"$OUT/$s.final"
    dead_tuples "$s" >"$OUT/$s.final-stats"
    psql_on "$s" -Atc "SELECT pg_size_bytes(current_setting('max_wal_size'))" >"$OUT/$s.max_wal_size"
done
cp "$work/woolly.log" "$OUT/woolly.log" 2>/dev/null || true
cp "$work/pgdir/log" "$OUT/pg.log" 2>/dev/null || true

mb() { awk -v b="$1" 'BEGIN { if (b == "") print "?"; else if (b < 1048576) printf "%.0f kB", b / 1024; else printf "%.1f MB", b / 1048576 }'; }
col() { awk -v r="$2" -v c="$3" '$1 == r { print $c }' "$1"; }

window_tps() { # server first|last -> mean tps of the -P intervals in the first/last WINDOW seconds
    awk -v which="$2" -v w="$WINDOW" -v d="$DURATION" '
        /^progress:/ { t = $2 + 0; tps = $4 + 0
            if (which == "first" && t <= w) { sum += tps; n++ }
            if (which == "last" && t > d - w) { sum += tps; n++ } }
        END { if (n) printf "%.1f", sum / n; else print "0" }' "$OUT/$1.pgbench"
}

{
    echo "uptime at end: $(uptime)"
    echo "pgbench -n -c $CLIENTS -j $JOBS -T $DURATION -P $PROGRESS (tpcb-like) at scale $SCALE, both servers at once after a ${WARMUP} s warm-up; default settings and autovacuum on"
    echo
    echo "| relation | PostgreSQL 15 initial | final | final / initial | Woolly initial | final | final / initial |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for rel in $relations pg_wal; do
        for c in 2 3; do
            [ "$c" = 3 ] && case $rel in *_pkey|pg_wal) continue ;; esac
            label=$rel
            [ "$c" = 3 ] && label="$rel (total, with indexes)"
            [ "$rel" = pg_wal ] && label="pg_wal (end of run)"
            line="| $label"
            for s in $servers; do
                i=$(col "$OUT/$s.initial" "$rel" $c) f=$(col "$OUT/$s.final" "$rel" $c)
                line+=" | $(mb "$i") | $(mb "$f") | $(awk -v i="$i" -v f="$f" 'BEGIN { if (i > 0) printf "%.2f", f / i; else print "-" }')"
            done
            echo "$line |"
        done
    done
    echo
    echo "| server | transactions | tps (whole run) | tps first ${WINDOW} s | tps last ${WINDOW} s | last / first | peak pg_wal | max_wal_size |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for s in $servers; do
        name=PostgreSQL-15; [ "$s" = woolly ] && name=Woolly
        first=$(window_tps "$s" first) last=$(window_tps "$s" last)
        echo "| $name | $(awk '/^number of transactions actually processed/ {print $NF}' "$OUT/$s.pgbench") |" \
            "$(awk '/^tps/ {printf "%.1f", $3}' "$OUT/$s.pgbench") | $first | $last |" \
            "$(awk -v a="$first" -v b="$last" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }') |" \
            "$(mb "$(sort -k2 -n "$OUT/$s.wal" | tail -1 | cut -d' ' -f2)") | $(mb "$(cat "$OUT/$s.max_wal_size")") |"
    done
    echo
    for s in $servers; do
        echo "$s pg_stat_user_tables at the end (relname n_live_tup n_dead_tup autovacuum_count autoanalyze_count last_autovacuum):"
        sed 's/^/    /' "$OUT/$s.final-stats"
    done
    echo "raw logs in $OUT"
} | tee -a "$OUT/summary.txt"
