#!/usr/bin/env bash
# PostgreSQL for the store tests (issue 11): they need a server at TEST_DATABASE_URL (default
# postgres://postgres@127.0.0.1:5432/test, trust auth). Use the one the machine runs; where none answers,
# install Debian's postgresql, create or start a cluster on that port with trust auth on loopback, and
# create the database. CI runs as root on a fresh Debian-like machine: everything here is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
port="$(node -e 'console.log(new URL(process.argv[1]).port || 5432)' "$url")"
db="$(node -e 'console.log(new URL(process.argv[1]).pathname.slice(1) || "test")' "$url")"
cluster="${PG_CLUSTER:-main}"

answers() {
  node -e '
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.query("select 1")).then(
      () => client.end().then(() => process.exit(0)),
      () => process.exit(1),
    );' "$url"
}

if answers; then
  echo "PostgreSQL answers at ${url}"
  exit 0
fi

echo "no PostgreSQL answers at ${url}: installing and starting one"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1 " " $2}' | grep -qx "${version} ${cluster}"; then
  pg_createcluster "${version}" "${cluster}" -p "${port}"
fi
hba="/etc/postgresql/${version}/${cluster}/pg_hba.conf"
if ! grep -q '^host all all 127.0.0.1/32 trust' "${hba}"; then
  # The first matching line wins: trust on loopback goes first.
  { printf 'host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n'; cat "${hba}"; } >"${hba}.new"
  chown postgres:postgres "${hba}.new"
  mv "${hba}.new" "${hba}"
fi
if pg_lsclusters -h | awk '{print $1 " " $2 " " $4}' | grep -qx "${version} ${cluster} online"; then
  pg_ctlcluster "${version}" "${cluster}" reload
else
  pg_ctlcluster "${version}" "${cluster}" start
fi
for _ in $(seq 1 30); do
  runuser -u postgres -- psql -p "${port}" -h 127.0.0.1 -d postgres -tAc 'select 1' >/dev/null 2>&1 && break
  sleep 1
done
if ! runuser -u postgres -- psql -p "${port}" -h 127.0.0.1 -d postgres -tAc "select 1 from pg_database where datname = '${db}'" | grep -qx 1; then
  runuser -u postgres -- createdb -p "${port}" -h 127.0.0.1 "${db}"
fi
answers || { echo "PostgreSQL did not come up at ${url}" >&2; exit 1; }
echo "PostgreSQL started at ${url}"
