#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free loopback port and exports
# OLIGOSCOPE_TEST_DATABASE_URL for the store contract tests. Source it:  . .ci/start-postgres.sh
# Installs the Debian `postgresql` package when no server binaries are present.
# The cluster lives in a temp folder and is stopped when the sourcing shell exits.
_oligoscope_saved_opts=$(set +o)
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin=""
for d in /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ]; then pg_bin="$d"; fi
done
if [ -z "$pg_bin" ]; then
  echo "== installing PostgreSQL (Debian package postgresql)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then pg_bin="$d"; fi
  done
fi
if [ -z "$pg_bin" ]; then
  echo "start-postgres: no PostgreSQL server binaries found after install" >&2
  exit 1
fi

# a free port on loopback
pg_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
pg_dir=$(mktemp -d /tmp/oligoscope-pg.XXXXXX)
pg_user=$(id -un)
run_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: use the postgres system user created by the package
  pg_user=postgres
  chown postgres "$pg_dir"
  run_pg() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
fi
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U oligoscope --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log"
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off" start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U oligoscope oligoscope_test

export OLIGOSCOPE_TEST_DATABASE_URL="postgres://oligoscope@127.0.0.1:$pg_port/oligoscope_test"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (user $pg_user), data in $pg_dir"
_oligoscope_pg_stop() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap _oligoscope_pg_stop EXIT
eval "$_oligoscope_saved_opts"
