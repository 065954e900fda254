#!/bin/sh
# devserver.sh: `make run`: set up the data directory (demo users) on first use, then run
# halt.fcgi and a self-contained Apache in the foreground until Ctrl-C or SIGTERM.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-8080}
DATADIR=${DATADIR:-$ROOT/data}
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
mkdir -p "$DATADIR"
DATADIR=$(cd "$DATADIR" && pwd)

# Apache refuses to serve as root: its children drop to www-data, which then
# needs the password file, the socket and the static files, and nothing else.
if [ "$(id -u)" = 0 ]; then
	HALT_USER=www-data HALT_GROUP=www-data
else
	HALT_USER=$(id -un) HALT_GROUP=$(id -gn)
fi

DEMO_USERS="officier:officier:: officier2:officier:: admin:halt-admin:Midden-Nederland:
medewerker:halt-medewerker:Midden-Nederland:getraind medewerker2:halt-medewerker:Limburg:getraind
stagiair:halt-medewerker:Midden-Nederland: contact:landelijk-contact:: beheer:beheer::"

setup() {
	umask 077
	mkdir -p "$DATADIR/store" "$DATADIR/apache/logs" "$DATADIR/apache/run" "$DATADIR/run" "$DATADIR/logs"
	chmod 711 "$DATADIR"
	if [ ! -f "$DATADIR/halt.conf" ]; then
		cat >"$DATADIR/halt.conf" <<'CONF'
# halt.conf: settings of this installation (see README.md, "Configuration").
# werkgebied = Midden-Nederland     (repeat; replaces the ten police units)
contact_naam = Landelijk contactpersoon Halt-interventie sexting
contact_email = sexting@halt.example
contact_telefoon = 088 - 000 00 00
# Closed zaken are kept this many years; `haltctl purge --voor DATE` removes older ones.
bewaartermijn_jaren = 5
threads = 8
CONF
	fi
	if [ ! -f "$DATADIR/apache/htpasswd" ]; then
		: >"$DATADIR/apache/htpasswd"
		for u in $DEMO_USERS; do
			name=${u%%:*}; rest=${u#*:}; rol=${rest%%:*}; rest=${rest#*:}
			wg=${rest%%:*}; tr=${rest#*:}
			set -- user add "$name" --rol "$rol"
			[ -n "$wg" ] && set -- "$@" --werkgebied "$wg"
			[ -n "$tr" ] && set -- "$@" --getraind
			"$BUILD/haltctl" -d "$DATADIR" "$@" >/dev/null
			htpasswd -bB -C 5 "$DATADIR/apache/htpasswd" "$name" demo 2>/dev/null
		done
	fi
	# Only the web server's group may read the passwords and reach the socket.
	chgrp "$HALT_GROUP" "$DATADIR/apache" "$DATADIR/apache/htpasswd" "$DATADIR/run"
	chmod 750 "$DATADIR/apache" "$DATADIR/run"
	chmod 640 "$DATADIR/apache/htpasswd"
}

setup

# What Apache's children read while serving. As root they run as www-data,
# which cannot pass a private directory (a checkout or data directory under
# /root, say): then they get copies in a directory of their own under /tmp,
# kept in step with the password file while the server runs.
STATIC=$ROOT/xslt/static
HTPASSWD=$DATADIR/apache/htpasswd
SOCKDIR=$DATADIR/run
WWWDIR=
if [ "$(id -u)" = 0 ] && ! runuser -u "$HALT_USER" -- sh -c \
    'test -r "$1/halt.css" && test -r "$2" && test -x "$3"' sh "$STATIC" "$HTPASSWD" "$SOCKDIR" 2>/dev/null; then
	WWWDIR=$(mktemp -d /tmp/halt-www.XXXXXX)
	trap 'rm -rf "$WWWDIR"' EXIT
	chmod 711 "$WWWDIR"
	cp -R "$STATIC" "$WWWDIR/static"
	chmod -R a+rX "$WWWDIR/static"
	mkdir -m 750 "$WWWDIR/run"
	cp "$HTPASSWD" "$WWWDIR/htpasswd"
	chgrp "$HALT_GROUP" "$WWWDIR/run" "$WWWDIR/htpasswd"
	chmod 640 "$WWWDIR/htpasswd"
	STATIC=$WWWDIR/static HTPASSWD=$WWWDIR/htpasswd SOCKDIR=$WWWDIR/run
	echo "note: $HALT_USER cannot reach $ROOT or $DATADIR; serving copies from $WWWDIR" >&2
fi

SOCKET=$SOCKDIR/halt.sock
"$BUILD/halt.fcgi" -d "$DATADIR" -s "$SOCKET" -g "$HALT_GROUP" \
	-f "$ROOT/forms" -x "$ROOT/xslt" 2>>"$DATADIR/logs/halt.log" &
APP=$!
i=0
while [ ! -S "$SOCKET" ]; do
	if ! kill -0 "$APP" 2>/dev/null; then
		echo "halt.fcgi did not start; see $DATADIR/logs/halt.log" >&2
		tail -5 "$DATADIR/logs/halt.log" >&2
		exit 1
	fi
	i=$((i + 1)); [ $i -lt 100 ] || { echo "halt.fcgi: no socket" >&2; kill "$APP"; exit 1; }
	sleep 0.05
done

HALT_ROOT=$ROOT HALT_STATIC=$STATIC HALT_SERVERROOT=$DATADIR/apache HALT_PORT=$PORT \
HALT_SOCKET=$SOCKET HALT_HTPASSWD=$HTPASSWD HALT_USER=$HALT_USER HALT_GROUP=$HALT_GROUP \
	/usr/sbin/apache2 -f "$ROOT/apache-conf/halt-dev.conf" -DFOREGROUND ${HALT_APACHE_DEFINES:-} &
HTTPD=$!

stop() {
	trap - INT TERM
	kill -TERM "$HTTPD" "$APP" 2>/dev/null || true
	wait "$HTTPD" 2>/dev/null || true
	wait "$APP" 2>/dev/null || true
	[ -z "$WWWDIR" ] || rm -rf "$WWWDIR"
	exit 0
}
trap stop INT TERM

echo "Halt Respect Online: http://127.0.0.1:$PORT/ (demo users, password demo; Ctrl-C stops)"
# Either process ending ends both.
while kill -0 "$HTTPD" 2>/dev/null && kill -0 "$APP" 2>/dev/null; do
	# Users added with htpasswd while running reach the copy too (cat keeps its mode).
	if [ -n "$WWWDIR" ] && ! cmp -s "$DATADIR/apache/htpasswd" "$HTPASSWD"; then
		cat "$DATADIR/apache/htpasswd" >"$HTPASSWD"
	fi
	sleep 0.2
done
# One stopped by itself (or Ctrl-C reached it first): stop the other, and
# report a failure only when one of them failed.
kill -TERM "$HTTPD" "$APP" 2>/dev/null || true
rc=0
wait "$HTTPD" || rc=$?
wait "$APP" || rc=$?
[ -z "$WWWDIR" ] || rm -rf "$WWWDIR"
if [ "$rc" != 0 ]; then
	echo "a server process failed; see $DATADIR/apache/logs/error.log and $DATADIR/logs/halt.log" >&2
	exit 1
fi
exit 0
