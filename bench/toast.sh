#!/bin/bash
# TOAST figures: \copy of 2,000 rows with a 200 kB text value each, once repetitive (compresses)
# and once random base64 (does not), into PostgreSQL 15 and Woolly; prints time and on-disk size.
# Both servers must be running: PG_PORT (default 5707) and WOOLLY_PORT (default 5607), sockets in /tmp.
set -euo pipefail
PG_PORT=${PG_PORT:-5707}
WOOLLY_PORT=${WOOLLY_PORT:-5607}
DATA=${DATA:-/tmp/toast-bench-data}
mkdir -p "$DATA"
[ -f "$DATA/random.tsv" ] || python3 - "$DATA" <<'PY'
import base64, os, random, sys
d = sys.argv[1]
with open(f"{d}/random.tsv", "w") as f:
    for i in range(2000):
        f.write(f"{i}\t{base64.b64encode(os.urandom(150000)).decode()}\n")
words = ["alpha", "beta", "gamma", "delta", "woolly", "toast", "page", "chunk"]
with open(f"{d}/compressible.tsv", "w") as f:
    for i in range(2000):
        r = random.Random(i)
        text = " ".join(r.choice(words) for _ in range(40000))[:200000]
        f.write(f"{i}\t{text}\n")
PY
for server in "PostgreSQL-15 $PG_PORT" "Woolly $WOOLLY_PORT"; do
  set -- $server
  for kind in compressible random; do
    psql -X -q -h /tmp -p "$2" -U postgres -c "DROP TABLE IF EXISTS toast_$kind" -c "CREATE TABLE toast_$kind (id int, v text)"
    start=$(date +%s.%N)
    psql -X -q -h /tmp -p "$2" -U postgres -c "\\copy toast_$kind from $DATA/$kind.tsv"
    end=$(date +%s.%N)
    size=$(psql -X -At -h /tmp -p "$2" -U postgres -c "SELECT pg_size_pretty(pg_total_relation_size('toast_$kind'))")
    echo "$1 $kind: $(echo "$end - $start" | bc) s, $size"
  done
done
