#!/usr/bin/env bash
# Installs and starts the SPARQL servers the store tests load into, idempotently (run as root on Debian/Ubuntu).
#
# - Virtuoso 7 (Debian package virtuoso-opensource) on 127.0.0.1:8890, SPARQL at /sparql, user dba with a generated
#   password (never the package's well-known dba/dba): KG_VIRTUOSO_PASSWORD if set, else the one an earlier run wrote
#   to $KG_VIRTUOSO_PASSWORD_FILE (default /var/lib/kg-ci/virtuoso-password, mode 600), else a new random one written
#   there. The tests read that file (or KG_VIRTUOSO_PASSWORD). A server an earlier version of this script set up with
#   dba/dba is moved to the generated password. The tests push over digest-authenticated /sparql-graph-crud-auth,
#   which dba may use without further grants.
# - Oxigraph server: the `oxigraph` binary comes with the test extra (pip install -e ".[test]"); the tests start
#   their own server on a free port, so nothing is started here.
#
# Run it again at any time: an installed package is not reinstalled and a running server is left running.
set -euo pipefail

PASSWORD_FILE="${KG_VIRTUOSO_PASSWORD_FILE:-/var/lib/kg-ci/virtuoso-password}"
INI=/etc/virtuoso-opensource-7/virtuoso.ini
INIT=/etc/init.d/virtuoso-opensource-7
URL=http://127.0.0.1:8890/sparql

if [ "$(id -u)" -ne 0 ]; then
    echo "services.sh: run as root (it installs a Debian package and starts a system service)" >&2
    exit 1
fi

if [ -n "${KG_VIRTUOSO_PASSWORD:-}" ]; then
    PASSWORD="$KG_VIRTUOSO_PASSWORD"
elif [ -s "$PASSWORD_FILE" ]; then
    PASSWORD="$(cat "$PASSWORD_FILE")"
else
    PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
fi
mkdir -p "$(dirname "$PASSWORD_FILE")"
(umask 077 && printf '%s' "$PASSWORD" > "$PASSWORD_FILE")

if ! dpkg-query -W -f='${Status}' virtuoso-opensource 2>/dev/null | grep -q "install ok installed"; then
    # The package asks for the dba password; answer it in advance so the install never prompts.
    debconf-set-selections <<EOF
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $PASSWORD
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $PASSWORD
EOF
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends virtuoso-opensource curl
fi

# Listen on the loopback interface only: the default binds every interface with a well-known password.
sed -i -E 's/^(ServerPort[[:space:]]*=[[:space:]]*)(1111|8890)[[:space:]]*$/\1127.0.0.1:\2/' "$INI"

answers() { curl -fsS -o /dev/null --max-time 5 "$URL?query=ASK%7B%7D" 2>/dev/null; }

if ! answers; then
    # Containers have no init system and policy-rc.d may forbid services: call the init script itself.
    "$INIT" start || true
    for _ in $(seq 1 60); do
        answers && break
        sleep 1
    done
fi
if ! answers; then
    echo "services.sh: Virtuoso did not answer at $URL after 60 s; see /var/lib/virtuoso-opensource-7/db/virtuoso.log" >&2
    exit 1
fi

# dba may update over digest auth; check it, since every store test depends on it.
probe() {
    curl -sS -o /dev/null -w '%{http_code}' --digest --user "dba:$1" \
        -H 'Content-Type: application/sparql-update' --data-binary 'DROP SILENT GRAPH <urn:kg:ci:probe>' \
        http://127.0.0.1:8890/sparql-auth
}
ok() { [ "$1" = 200 ] || [ "$1" = 204 ]; }
status=$(probe "$PASSWORD")
if [ "$status" = 401 ] && [ "$PASSWORD" != dba ] && ok "$(probe dba)"; then
    # Still the package default (an earlier run, or a postinst that could not reach the stopped server to apply the
    # preseeded password): give dba the generated one.
    isql-vt 1111 dba dba "EXEC=USER_SET_PASSWORD('dba', '$PASSWORD');" >/dev/null
    status=$(probe "$PASSWORD")
fi
if ! ok "$status"; then
    echo "services.sh: SPARQL update as dba answered HTTP $status; is the dba password the one in $PASSWORD_FILE?" >&2
    exit 1
fi
echo "services.sh: Virtuoso ready at $URL (user dba, password in $PASSWORD_FILE)"
