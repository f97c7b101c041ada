#!/usr/bin/env bash
# Export lane proof: the service on the demo data plus a long journal (LANE_ENTRIES
# seeded receipts, so that one JSON export is several MB), exports.max_concurrent = 2 and
# a write timeout of LANE_WRITE_TIMEOUT seconds. Eight clients open an export on a raw
# socket and never read it, while a signed-in reader and a /readyz probe run beside them.
# Passes when: every read and probe answered 200 within a second, exactly two exports were
# streamed and the other six refused with 429 and Retry-After, and once the write timeout
# has passed an export is served whole (the stalled clients' connections came back).
#
#   scripts/lane.sh [sqlite] [postgres]
set -euo pipefail
source "$(dirname "$0")/harness.sh"
trap harness_cleanup EXIT
PORT=${LANE_PORT:-18121}
ENTRIES=${LANE_ENTRIES:-16000}
export TRUSTFUND__EXPORTS__MAX_CONCURRENT=2
export TRUSTFUND__EXPORTS__WRITE_TIMEOUT_SECS=${LANE_WRITE_TIMEOUT:-5}
build

# seed URL: LANE_ENTRIES receipts straight into the journal (cash against contributions).
seed() {
    # Ids must be uuids (the export checks them): n, zero-padded, as the last group.
    local pad="lpad(n::text, 12, '0')"
    case "$1" in sqlite://*) pad="printf('%012d', n)" ;; esac
    local id="'00000000-0000-4000-8000-' || $pad"
    local sql="
      INSERT INTO ledger_transactions (id, seq, kind, memo, owner_type, owner_id, created_at)
        SELECT $id, 1000000 + n, 'receipt', 'seeded', 'receipt', $id,
               '2026-06-01 12:00:00' FROM series;
      INSERT INTO ledger_postings (id, transaction_id, line, account, party_id, amount_minor,
                                   currency, usd_minor)
        SELECT $id || '-' || l, $id, l, CASE l WHEN 1 THEN 'cash' ELSE 'contributions' END,
               NULL, CASE l WHEN 1 THEN 1234 ELSE -1234 END, 'USD', CASE l WHEN 1 THEN 1234 ELSE -1234 END
        FROM series, (SELECT 1 AS l UNION ALL SELECT 2) lines;"
    case "$1" in
        postgres://*) psql "$1" -qc "CREATE TEMP VIEW series AS SELECT generate_series(1, $ENTRIES) AS n; $sql" >/dev/null ;;
        sqlite://*) sqlite3 "${1#sqlite://}" "PRAGMA busy_timeout = 5000; CREATE TEMP VIEW series AS WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $ENTRIES) SELECT n FROM s; $sql" >/dev/null ;;
    esac
}

for db in "${@:-sqlite postgres}"; do
    url=$(fresh_database "$db")
    serve "$url" "$PORT" --demo
    seed "$url"
    tok=$(token "$PORT" finance@demo.trustfund.local)
    python3 - "$PORT" "$tok" "$db" "$TRUSTFUND__EXPORTS__WRITE_TIMEOUT_SECS" <<'PY'
import json, socket, sys, threading, time, urllib.request, urllib.error
port, token, db, write_timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
base = f"http://127.0.0.1:{port}"
export = "/api/v1/ledger/export?format=json&kind=all&from=2026-01-01&to=2026-12-31"

def get(path, auth=True, timeout=30):
    request = urllib.request.Request(base + path)
    if auth:
        request.add_header("authorization", f"Bearer {token}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            body = r.read()
            return r.status, {k.lower(): v for k, v in r.headers.items()}, body, time.monotonic() - started
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read(), time.monotonic() - started
    except Exception as e:
        print(f"lane: {path}: {e!r}", file=sys.stderr)
        return 0, {}, b"", time.monotonic() - started

def stalled():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", int(port)))
    s.sendall(f"GET {export} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\r\n".encode())
    s.settimeout(2)
    try:
        head = s.recv(12).decode(errors="replace")
        return int(head[9:12]), s
    except Exception:
        return 0, s

results, stop = [], threading.Event()
def reader(path, auth):
    while not stop.is_set():
        status, _, _, took = get(path, auth, timeout=15)
        results.append((path, status, took))
        time.sleep(0.05)

threads = [threading.Thread(target=reader, args=(p, a)) for p, a in
           (("/api/v1/fund", True), ("/api/v1/me", True), ("/readyz", False))]
for t in threads: t.start()
time.sleep(0.5)
opened = [stalled() for _ in range(8)]
statuses = [status for status, _ in opened]
retry = get(export)
time.sleep(3)
stop.set()
for t in threads: t.join()
# After the write timeout the stalled exports are cut off: an export succeeds whole.
time.sleep(write_timeout + 1)
later, deadline = None, time.monotonic() + 30
while time.monotonic() < deadline:
    later = get(export, timeout=60)
    if later[0] == 200: break
    time.sleep(0.5)
whole = later is not None and later[0] == 200 and len(json.loads(later[2])["entries"]) > 0
for _, s in opened: s.close()
bad_reads = [r for r in results if r[1] != 200 or r[2] > 1.0]
five = sum(1 for r in results if r[1] >= 500) + sum(1 for s in statuses if s >= 500)
failures = (len(bad_reads) + (0 if statuses.count(200) == 2 else 1)
            + (0 if statuses.count(429) == 6 else 1)
            + (0 if retry[0] == 429 and retry[1].get("retry-after") else 1) + (0 if whole else 1))
print(f"lane ({db}): exports opened and left unread {statuses}; one more: {retry[0]} "
      f"Retry-After {retry[1].get('retry-after')}; {len(results)} reads beside them, "
      f"{len(bad_reads)} not 200 within a second (max {max(r[2] for r in results) * 1000:.0f} ms); "
      f"an export after the write timeout: {later[0] if later else '-'}, "
      f"{len(later[2]) if later else 0} bytes, whole: {whole}", file=sys.stderr)
tried = len(results) + len(statuses) + 2
print(f"RESULT script=lane db={db} tried={tried} 5xx={five} schema=- leaks=- lost=- "
      f"invariants={failures} peak_mb=-")
PY
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
done
