#!/bin/sh
# bench.sh: `make bench`: the contract's benchmarks against one dev server, printed as a table of ratios.
#
# Every HTTP load runs with the same concurrency (wrk $WRK_THREADS threads,
# $WRK_CONNS connections, $WRK_SECONDS s; ab -c $WRK_CONNS) through the real
# Apache + halt.fcgi on a free loopback port and a fresh data directory,
# both removed again at the end. The ceilings are measured on the same
# machine in the same run: Apache serving the app's bytes as a static file
# (same Basic authentication), and a bare LMDB synced commit.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNS=${WRK_CONNS:-8}
WRK_SECONDS=${WRK_SECONDS:-5}
MEM_REQUESTS=${MEM_REQUESTS:-100000}
FILL_SMALL=${FILL_SMALL:-1000}
FILL_LARGE=${FILL_LARGE:-1000000}
LMDB_COMMITS=${LMDB_COMMITS:-2000}

for b in halt.fcgi haltctl tests/bench_fill tests/bench_lmdb; do
	[ -x "$BUILD/$b" ] || { echo "bench: $BUILD/$b missing (make bench builds it)" >&2; exit 1; }
done
for t in wrk ab curl ss; do
	command -v $t >/dev/null || { echo "bench: $t is not installed" >&2; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/halt-bench.XXXXXX")
# Apache's children may run as another user: they must reach DATADIR/apache.
chmod 711 "$TMP"
DATADIR=$TMP/data
DEV=
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$DEV" ] && kill -0 "$DEV" 2>/dev/null; then
		kill -TERM "$DEV" 2>/dev/null || true
		wait "$DEV" 2>/dev/null || true
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

# A free loopback port, from a random start.
port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 20000))
while [ -n "$(ss -Htln "sport = :$port")" ]; do port=$((port + 1)); done
BASE=http://127.0.0.1:$port
AUTH="Authorization: Basic $(printf 'officier:demo' | base64)"

say "bench: server on port $port, data in $DATADIR"
HALT_APACHE_DEFINES=-DHALT_BENCH PORT=$port DATADIR=$DATADIR BUILD=$BUILD \
	"$ROOT/apache-conf/devserver.sh" >"$TMP/devserver.out" 2>&1 &
DEV=$!
i=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/static/halt.css")" = 200 ]; do
	kill -0 "$DEV" 2>/dev/null || { cat "$TMP/devserver.out" >&2; die "the server did not start"; }
	i=$((i + 1)); [ $i -lt 200 ] || die "the server did not answer"
	sleep 0.1
done
APP=$(pgrep -P "$DEV" -x halt.fcgi) || die "no halt.fcgi process"

# --- helpers ---

# Form encoding of one value (the values here are plain ASCII).
urlenc() { printf '%s' "$1" | sed 's/%/%25/g; s/+/%2B/g; s/&/%26/g; s/=/%3D/g; s/ /+/g'; }

# status of one GET as officier
get_status() { curl -s -o "${2:-/dev/null}" -w '%{http_code}' -H "$AUTH" "$BASE$1"; }

# wrk run: prints "req/s non2xx3xx socketerrors" and keeps the output in $TMP/wrk.out.
wrk_run() {
	wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d"${WRK_SECONDS}s" "$@" >"$TMP/wrk.out" 2>&1 ||
		{ cat "$TMP/wrk.out" >&2; die "wrk failed"; }
	awk '/^Requests\/sec:/ { rps = $2 }
	    /Non-2xx or 3xx responses:/ { bad = $NF }
	    /Socket errors:/ { sock = $0; sub(/.*Socket errors: */, "", sock); gsub(/ /, "", sock) }
	    END { printf "%.0f %d %s\n", rps, bad, sock == "" ? "-" : sock }' "$TMP/wrk.out"
}

max() { [ "$1" -ge "$2" ] && echo "$1" || echo "$2"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

ROWS=$TMP/rows
: >"$ROWS"
row() { printf '%-30s %16s %16s %7s  %s\n' "$1" "$2" "$3" "$4" "$5" >>"$ROWS"; }

vm() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$APP/status"; }

# --- one referral, the pages to compare ---

today=$(date -u +%F)
ago() { date -u -d "$today $1" +%F; }
# The valid, geschikt referral of tests/lib/server.mjs referral(), dates relative to today.
REFERRAL="verwijzer_naam=$(urlenc 'Mr. T. Officier')&pv_nummer=PL1300-2026-1"
REFERRAL="$REFERRAL&datum_beslissing=$(ago '-1 day')&regio=Midden-Nederland"
REFERRAL="$REFERRAL&jongere_voornaam=Sam&jongere_geboortedatum=$(ago '-16 years -30 days')"
REFERRAL="$REFERRAL&delict_datum=$(ago '-20 days')&gedrag=sexting"
REFERRAL="$REFERRAL&omschrijving=$(urlenc 'Foto doorgestuurd in een groepsapp.')"
REFERRAL="$REFERRAL&tenlastelegging=zedenfeit&artikel=$(urlenc '240b Sr')"
REFERRAL="$REFERRAL&slachtoffer_geboortedatum=$(ago '-15 years -10 days')"
REFERRAL="$REFERRAL&instemming_jongere=ja&instemming_ouders=ja&eerdere_halt=0"
REFERRAL="$REFERRAL&eerder_om_misdrijf=nee&lichte_vorm=ja&bekent=ja"
for c in chantage dwang misleiding planmatig hands_on zedengeschiedenis problematiek eerder_sexting; do
	REFERRAL="$REFERRAL&contra_$c=nee"
done
REFERRAL="$REFERRAL&actie=indienen"

curl -s -H "$AUTH" "$BASE/verwijzingen/nieuw" >"$TMP/form.html"
CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/form.html" | head -1)
[ -n "$CSRF" ] || die "no CSRF token on /verwijzingen/nieuw"
CSRF=$(urlenc "$CSRF")

loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "$AUTH" \
	--data "$REFERRAL&jongere_achternaam=Jansen&parketnummer=$(urlenc '13/123456-26')&csrf=$CSRF" \
	"$BASE/verwijzingen")
case "$loc" in
303\ */zaken/Z*) ;;
*) die "submitting a referral gave '$loc', not 303 to a zaak" ;;
esac
ZAAK=$(printf '%s' "$loc" | sed 's,.*/zaken/\(Z[0-9]*\).*,\1,')

# Apache serves these copies from DATADIR/apache/bench/ (HALT_BENCH in halt-dev.conf);
# its children may run as the web server's group, which owns DATADIR/apache.
STATIC=$DATADIR/apache/bench
mkdir -p "$STATIC"
chgrp "$(stat -c %G "$DATADIR/apache")" "$STATIC"
chmod 750 "$STATIC"
for p in "/ start" "/verwijzingen/nieuw nieuw" "/zaken/$ZAAK zaak"; do
	path=${p% *}; name=${p#* }
	st=$(get_status "$path" "$STATIC/$name.html")
	[ "$st" = 200 ] || die "GET $path gave $st"
	chgrp "$(stat -c %G "$DATADIR/apache")" "$STATIC/$name.html"
	chmod 640 "$STATIC/$name.html"
	st=$(get_status "/bench-static/$name.html")
	[ "$st" = 200 ] || die "GET /bench-static/$name.html gave $st"
done

# --- 1. GET through the app against the same bytes as a static file ---

# Warm up both sides (Apache's workers, the app's threads) before measuring.
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d1s -H "$AUTH" "$BASE/" >/dev/null 2>&1 || true
wrk -t"$WRK_THREADS" -c"$WRK_CONNS" -d1s -H "$AUTH" "$BASE/bench-static/start.html" >/dev/null 2>&1 || true

for p in "/ start" "/verwijzingen/nieuw nieuw" "/zaken/$ZAAK zaak"; do
	path=${p% *}; name=${p#* }
	say "bench: GET $path"
	# app, static, static, app: each the better of two, so a passing load
	# on the machine hits both sides alike.
	set -- $(wrk_run -H "$AUTH" "$BASE$path"); app=$1; bad=$2
	set -- $(wrk_run -H "$AUTH" "$BASE/bench-static/$name.html"); st=$1; sbad=$2
	set -- $(wrk_run -H "$AUTH" "$BASE/bench-static/$name.html"); st=$(max "$st" "$1"); sbad=$((sbad + $2))
	set -- $(wrk_run -H "$AUTH" "$BASE$path"); app=$(max "$app" "$1"); bad=$((bad + $2))
	note="non-2xx $bad"
	[ "$sbad" = 0 ] || note="$note; static non-2xx $sbad"
	row "GET $path" "$app req/s" "$st req/s" "$(ratio "$app" "$st")" \
		"app/static; $(wc -c <"$STATIC/$name.html") bytes; $note"
done

# --- 4. memory of the app process before and after many requests ---

say "bench: $MEM_REQUESTS x GET /verwijzingen/nieuw (ab -c $WRK_CONNS) for memory"
rss0=$(vm VmRSS); anon0=$(vm RssAnon)
ab -q -k -n "$MEM_REQUESTS" -c "$WRK_CONNS" -A officier:demo \
	"$BASE/verwijzingen/nieuw" >"$TMP/ab.out" 2>&1 || { cat "$TMP/ab.out" >&2; die "ab failed"; }
rss1=$(vm VmRSS); anon1=$(vm RssAnon)
abfail=$(awk '/^Failed requests:/ { print $3 }' "$TMP/ab.out")
abnon2xx=$(awk '/^Non-2xx responses:/ { print $3 }' "$TMP/ab.out")
abrps=$(awk '/^Requests per second:/ { printf "%.0f", $4 }' "$TMP/ab.out")
MEMROW=$(printf '%-30s %16s %16s %7s  %s' "VmRSS halt.fcgi" "${rss1} kB" "${rss0} kB" \
	"$(ratio "$rss1" "$rss0")" "after/before $MEM_REQUESTS requests ($abrps req/s, failed ${abfail:-0}, non-2xx ${abnon2xx:-0}); RssAnon $anon0 -> $anon1 kB")

# --- 3a. the worklist with FILL_SMALL zaken ---

say "bench: fill to $FILL_SMALL zaken"
"$BUILD/tests/bench_fill" "$DATADIR" "$FILL_SMALL" >"$TMP/fill.out" || die "bench_fill failed"
[ "$(get_status /zaken)" = 200 ] || die "GET /zaken is not 200"
say "bench: GET /zaken with $FILL_SMALL zaken"
set -- $(wrk_run -H "$AUTH" "$BASE/zaken"); list_small=$1; list_bad=$2
set -- $(wrk_run -H "$AUTH" "$BASE/zaken"); list_small=$(max "$list_small" "$1"); list_bad=$((list_bad + $2))
list_note="$list_bad/"

# --- 2. POST of a complete referral against a bare LMDB synced commit ---

cat >"$TMP/post.lua" <<LUA
-- Each request a different jongere (name and parketnummer), so no duplicate.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "$(printf '%s' "$AUTH" | sed 's/^Authorization: //')"
local base = "$REFERRAL&csrf=$CSRF"
local threads, nthreads = {}, 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
  table.insert(threads, thread)
end
local counter = 0
statuses = {}
function request()
  counter = counter + 1
  local u = tid .. "n" .. counter
  return wrk.format(nil, "/verwijzingen", nil, base ..
    "&jongere_achternaam=Bench" .. u .. "&parketnummer=B" .. u)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("statuses")) do all[s] = (all[s] or 0) + n end
  end
  local parts = {}
  for s, n in pairs(all) do table.insert(parts, s .. ":" .. n) end
  table.sort(parts)
  io.write("STATUSES " .. table.concat(parts, ",") .. "\n")
end
LUA
zaken_before=$("$BUILD/haltctl" -d "$DATADIR" export | grep -c '<zaak ' || true)
say "bench: POST /verwijzingen (indienen)"
set -- $(wrk_run -s "$TMP/post.lua" "$BASE/verwijzingen"); post=$1
statuses=$(awk '/^STATUSES/ { print $2 }' "$TMP/wrk.out")
zaken_after=$("$BUILD/haltctl" -d "$DATADIR" export | grep -c '<zaak ' || true)
# The size of a stored zaak record as the POST made it (the last zaak of the export).
zsize=$("$BUILD/haltctl" -d "$DATADIR" export | awk '
	/<zaak / { rec = ""; on = 1 }
	on { rec = rec $0 "\n" }
	on && /<\/zaak>/ { on = 0; last = rec }
	END { printf "%d", length(last) }')
[ "$zsize" -gt 0 ] || zsize=1500
say "bench: bare LMDB, $LMDB_COMMITS synced commits of $zsize bytes (the better of two runs)"
lmdb=0
for run in 1 2; do
	mkdir "$TMP/lmdb$run"
	r=$("$BUILD/tests/bench_lmdb" "$TMP/lmdb$run" "$LMDB_COMMITS" "$zsize") || die "bench_lmdb failed"
	lmdb=$(max "$lmdb" "$(printf '%.0f' "$r")")
	rm -rf "$TMP/lmdb$run"
done
row "POST /verwijzingen indienen" "$post req/s" "$lmdb commits/s" "$(ratio "$post" "$lmdb")" \
	"app/lmdb; record $zsize bytes; wrk saw $statuses; zaken +$((zaken_after - zaken_before)) (incl. requests cut off at the end)"

# --- 3b. the worklist with FILL_LARGE zaken ---

say "bench: fill to $FILL_LARGE zaken (takes a few minutes)"
"$BUILD/tests/bench_fill" "$DATADIR" "$FILL_LARGE" >"$TMP/fill.out" || die "bench_fill failed"
fill=$(cat "$TMP/fill.out")
[ "$(get_status /zaken)" = 200 ] || die "GET /zaken is not 200"
say "bench: GET /zaken with $FILL_LARGE zaken"
set -- $(wrk_run -H "$AUTH" "$BASE/zaken"); list_large=$1; list_bad=$2
set -- $(wrk_run -H "$AUTH" "$BASE/zaken"); list_large=$(max "$list_large" "$1"); list_bad=$((list_bad + $2))
list_note="$list_note$list_bad"
row "GET /zaken (officier)" "${list_large} req/s" "${list_small} req/s" \
	"$(ratio "$list_large" "$list_small")" \
	"large/small: $FILL_SMALL vs $FILL_LARGE zaken; non-2xx $list_note; fill: $fill"
printf '%s\n' "$MEMROW" >>"$ROWS"

# --- the table ---

echo
echo "Halt Respect Online benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
echo "HTTP: wrk -t$WRK_THREADS -c$WRK_CONNS -d${WRK_SECONDS}s, the better of two runs (ab -k -c$WRK_CONNS for memory); Apache + halt.fcgi; user officier"
echo "load average at the start $LOAD0, at the end $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine moves absolute figures)"
printf '%-30s %16s %16s %7s  %s\n' "measure" "measured" "reference" "ratio" "ratio = measured/reference; notes"
cat "$ROWS"
