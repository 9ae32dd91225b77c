#!/usr/bin/env bash
# Runs every test suite: unit + integration on SQLite and on a throw-away PostgreSQL, and the browser suite in
# the system Chromium. Installs what is missing (as root), starts and stops what it needs, exits non-zero on
# any failure. Extra arguments go to `dotnet test` (for example --filter ...).
set -euo pipefail
cd "$(dirname "$0")"

need_packages=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
# Chinese glyphs for the browser's screenshots and the poster's PDF.
[ -d /usr/share/fonts/opentype/noto ] || need_packages+=(fonts-noto-cjk)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${need_packages[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${need_packages[*]} (run as root, or: sudo apt-get install ${need_packages[*]})" >&2
    exit 1
  fi
fi
command -v npm >/dev/null 2>&1 || { echo "npm is required (Node.js) to restore front-end libraries" >&2; exit 1; }

# A throw-away PostgreSQL on a private port and socket folder.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/huying-pg.XXXXXX)
pg_port=${HUYING_PG_PORT:-55432}
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() {
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/replica' -m immediate stop" >/dev/null 2>&1 || true
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -w -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
export HUYING_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true;Maximum Pool Size=40"
# Its streaming replica (the read replica's tests pause its replay to tell the servers apart).
replica_port=$((pg_port + 1))
run_pg "'$pg_bin/pg_basebackup' -h '$pg_dir' -p $pg_port -U postgres -D '$pg_dir/replica' -R -X stream" >/dev/null
run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/replica' -l '$pg_dir/replica.log' -w -o \"-p $replica_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
export HUYING_TEST_POSTGRES_REPLICA="Host=127.0.0.1;Port=$replica_port;Username=postgres;Pooling=true"
export HUYING_CHROMIUM=${HUYING_CHROMIUM:-$(command -v chromium)}

dotnet tool restore >/dev/null
dotnet build Huying.slnx -c Release -nologo -v quiet
results=$(mktemp -d)
status=0
for project in tests/Huying.Tests tests/Huying.BrowserTests; do
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$(basename "$project").trx" \
    --results-directory "$results" "$@" || status=1
done

# One closing line over every suite.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "Under CI no test may be skipped ($skipped were)." >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
