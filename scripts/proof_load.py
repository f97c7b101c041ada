#!/usr/bin/env python3
"""Load for the proof scripts (crash, outage, races, abuse): threads of plain HTTP
clients, each printing a JSON summary on its last line. Only the standard library and
`requests`.

  proof_load.py writes   BASE TOKEN SECONDS THREADS ACKFILE   # contributions + receipts
  proof_load.py verify   BASE TOKEN ACKFILE                   # every acknowledged write there?
  proof_load.py reads    BASE TOKEN SECONDS THREADS [PATH]    # statuses and latencies
  proof_load.py races    TOKEN BASE [BASE...]                 # money races across instances
  proof_load.py money_out FINANCE SECRETARIAT BASE [BASE...]  # disbursement/refund races
  proof_load.py report_gate FINANCE SECRETARIAT BASE [BASE...] # report review, tranche paid twice
  proof_load.py cancel_race FINANCE SECRETARIAT BASE [BASE...] # payments racing a cancellation
  proof_load.py amendments_race FINANCE SECRETARIAT BASE [BASE...] # amendments of one grant at once
  proof_load.py register BASE SECONDS THREADS EMAIL           # registrations reusing EMAIL
  proof_load.py logins   BASE SECONDS THREADS                 # wrong logins, random emails
"""

import json
import random
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

import requests

TODAY = date.today().isoformat()


def usd(amount):
    return {"amount": amount, "currency": "USD"}


def minimal_pdf():
    """A one-page PDF: the documents feature keeps a file only if its bytes are a kept format."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def attach_signed_agreement(s, base, gid):
    """The agreement is signed only once the grant carries its signed file."""
    status, body, _ = call(s, "POST", f"{base}/api/v1/grants/{gid}/documents",
                           data={"kind": "signed_agreement", "title": "Signed agreement"},
                           files={"file": ("agreement.pdf", minimal_pdf(), "application/pdf")})
    assert status == 201, (status, body)


def session(token=None):
    s = requests.Session()
    if token:
        s.headers["authorization"] = f"Bearer {token}"
    return s


def call(s, method, url, **kw):
    """(status, json or None, seconds); status 0 when the connection failed."""
    started = time.monotonic()
    try:
        r = s.request(method, url, timeout=kw.pop("timeout", 30), **kw)
        try:
            body = r.json()
        except ValueError:
            body = None
        return r.status_code, body, time.monotonic() - started
    except requests.RequestException:
        return 0, None, time.monotonic() - started


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = {}
        self.latencies = []

    def add(self, status, seconds):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.latencies.append(seconds)

    def summary(self, **extra):
        lat = sorted(self.latencies) or [0.0]
        pick = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1)
        out = {
            "tried": sum(v for k, v in self.statuses.items() if k != 0),
            "5xx": sum(v for k, v in self.statuses.items() if k >= 500 and k != 503),
            "503": self.statuses.get(503, 0),
            "refused_connections": self.statuses.get(0, 0),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "p50_ms": pick(0.5),
            "p99_ms": pick(0.99),
            "max_ms": round(lat[-1] * 1000, 1),
        }
        out.update(extra)
        return out


def writes(base, token, seconds, threads, ackfile):
    """Creates contributions and receipts until the time is up (or the server is killed),
    appending each acknowledged (2xx) write to ACKFILE at once."""
    tally, lock = Tally(), threading.Lock()
    ack = open(ackfile, "a", buffering=1)
    deadline = time.monotonic() + float(seconds)

    def worker(_):
        s = session(token)
        contribution = None
        while time.monotonic() < deadline:
            if contribution is None:
                status, body, took = call(s, "POST", f"{base}/api/v1/contributions", json={
                    "donor": {"donor_type": "member_state", "country": "NO"},
                    "pledged": usd("100000000.00"), "pledged_on": TODAY})
                tally.add(status, took)
                if 200 <= status < 300:
                    contribution = body["id"]
                    with lock:
                        ack.write(json.dumps({"contribution": contribution}) + "\n")
                elif status == 0:
                    time.sleep(0.2)
                continue
            reference = f"PROOF-{uuid.uuid4().hex[:16]}"
            status, body, took = call(
                s, "POST", f"{base}/api/v1/contributions/{contribution}/receipts",
                headers={"idempotency-key": reference},
                json={"amount": usd("1.00"), "received_on": TODAY, "rate_to_usd": "1",
                      "bank_reference": reference})
            tally.add(status, took)
            if 200 <= status < 300:
                with lock:
                    ack.write(json.dumps({"contribution": contribution, "receipt": reference}) + "\n")
            elif status == 0:
                time.sleep(0.2)

    with ThreadPoolExecutor(int(threads)) as pool:
        list(pool.map(worker, range(int(threads))))
    print(json.dumps(tally.summary()))


def verify(base, token, ackfile):
    s = session(token)
    wanted = {}
    for line in open(ackfile):
        entry = json.loads(line)
        refs = wanted.setdefault(entry["contribution"], set())
        if "receipt" in entry:
            refs.add(entry["receipt"])
    lost, checked = 0, 0
    for contribution, refs in wanted.items():
        status, body, _ = call(s, "GET", f"{base}/api/v1/contributions/{contribution}")
        checked += 1 + len(refs)
        if status != 200:
            lost += 1 + len(refs)
            continue
        present = {r["bank_reference"] for r in body["receipts"]}
        lost += len(refs - present)
    print(json.dumps({"acknowledged": checked, "lost": lost}))


def reads(base, token, seconds, threads, path="/api/v1/fund"):
    tally = Tally()
    slow_503 = [0]
    deadline = time.monotonic() + float(seconds)

    def worker(_):
        s = session(token)
        while time.monotonic() < deadline:
            status, _, took = call(s, "GET", f"{base}{path}", timeout=15)
            tally.add(status, took)
            if status == 503 and took > 1.0:
                with tally.lock:
                    slow_503[0] += 1
            if status in (0, 503):
                time.sleep(0.05)

    with ThreadPoolExecutor(int(threads)) as pool:
        list(pool.map(worker, range(int(threads))))
    print(json.dumps(tally.summary(slow_503=slow_503[0])))


def races(token, *bases):
    """Many clients over several instances race for the same money:
    1. receipts against one pledge: more than the pledge is offered; the sum received
       must never exceed it;
    2. one idempotency key sent to every instance at once: one receipt recorded;
    3. the last money of the Fund: `ledger check` after the run (by the caller script)
       and the Fund's available balance must never go negative."""
    tally = Tally()
    s = session(token)
    failures = []

    # 1. A pledge of 100.00 and 200 receipts of 1.00 over every instance.
    status, body, _ = call(s, "POST", f"{bases[0]}/api/v1/contributions", json={
        "donor": {"donor_type": "member_state", "country": "NO"},
        "pledged": usd("100.00"), "pledged_on": TODAY})
    assert status == 201, (status, body)
    pledge = body["id"]

    def receipt(i):
        base = bases[i % len(bases)]
        ref = f"RACE-{uuid.uuid4().hex[:12]}"
        st, _, took = call(session(token), "POST", f"{base}/api/v1/contributions/{pledge}/receipts",
                           json={"amount": usd("1.00"), "received_on": TODAY, "rate_to_usd": "1",
                                 "bank_reference": ref})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(receipt, range(200)))
    accepted = sum(1 for st in results if 200 <= st < 300)
    status, body, _ = call(s, "GET", f"{bases[0]}/api/v1/contributions/{pledge}")
    received = sum(float(r["amount"]["amount"]) for r in body["receipts"] if not r["reversed"])
    if received > 100.0 + 1e-9 or accepted > 100:
        failures.append(f"over-pledge: {accepted} receipts accepted, {received} received of 100.00")
    if accepted != len(body["receipts"]):
        failures.append(f"{accepted} receipts acknowledged, {len(body['receipts'])} stored")

    # 2. One idempotency key, 24 identical requests over every instance.
    status, body, _ = call(s, "POST", f"{bases[0]}/api/v1/contributions", json={
        "donor": {"donor_type": "member_state", "country": "SE"},
        "pledged": usd("1000.00"), "pledged_on": TODAY})
    target = body["id"]
    key = f"KEY-{uuid.uuid4().hex}"
    ref = f"IDEM-{uuid.uuid4().hex[:12]}"

    def same(i):
        st, b, took = call(session(token), "POST", f"{bases[i % len(bases)]}/api/v1/contributions/{target}/receipts",
                           headers={"idempotency-key": key},
                           json={"amount": usd("5.00"), "received_on": TODAY, "rate_to_usd": "1",
                                 "bank_reference": ref})
        tally.add(st, took)
        return st, json.dumps(b, sort_keys=True) if 200 <= st < 300 else None

    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(same, range(24)))
    bodies = {b for st, b in answers if b is not None}
    status, body, _ = call(s, "GET", f"{bases[0]}/api/v1/contributions/{target}")
    if len(body["receipts"]) != 1:
        failures.append(f"one idempotency key recorded {len(body['receipts'])} receipts")
    if len(bodies) > 1:
        failures.append("one idempotency key got different answers")

    # 3. The last money of the Fund: every receipt reversed at once, over every instance.
    # Each reversal alone may be fine; together they would take cash below what the
    # Fund has committed to grants. The ones that would are refused (insufficient-funds).
    status, journal, _ = call(s, "GET", f"{bases[0]}/api/v1/ledger?kind=receipt&limit=200")
    receipts = [t["id"] for t in journal["items"] if not t.get("reversed_by")]

    def reverse(i):
        st, _, took = call(session(token), "POST",
                           f"{bases[i % len(bases)]}/api/v1/ledger/transactions/{receipts[i]}/reversal",
                           json={"reason": "race for the last money"})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(16) as pool:
        reversals = list(pool.map(reverse, range(len(receipts))))
    refused = sum(1 for st in reversals if st == 422)
    print(f"races: {len(receipts)} receipts reversed at once: "
          f"{sum(1 for st in reversals if 200 <= st < 300)} accepted, {refused} refused", file=sys.stderr)

    # The Fund's available balance, read from every instance, is never negative.
    for base in bases:
        st, fund, took = call(s, "GET", f"{base}/api/v1/fund")
        tally.add(st, took)
        available = float(fund["balances"]["available"]["amount"])
        if available < 0:
            failures.append(f"available balance {available} < 0 on {base}")
    print(json.dumps(tally.summary(invariant_failures=len(failures), failures=failures)))


def money_out(finance, secretariat, *bases):
    """Money leaving the Fund, raced over several instances on one grant the demo left
    awaiting its agreement (signed here, two tranches):
    1. 60 payments of 1/40 of tranche 1: exactly 40 are paid, never more than the tranche;
    2. 60 refunds of one payment each: exactly 40 come back, never more than was paid;
    3. every refund reversed at once: reversals go latest first, so those that lose
       the race are refused (reversal-out-of-order); the grant's refunded figure is then
       exactly the refunds still standing.
    `ledger check` and `audit verify` run after (by the caller script)."""
    tally = Tally()
    fin, sec = session(finance), session(secretariat)
    failures = []
    base = bases[0]

    status, grants, _ = call(fin, "GET", f"{base}/api/v1/grants?limit=100")
    assert status == 200, (status, grants)
    waiting = [g for g in grants["items"] if g["state"] == "awarded" and not g.get("agreement")]
    assert waiting, "the demo has no grant awaiting its agreement"
    grant = waiting[0]
    gid, currency = grant["id"], grant["award"]["currency"]
    award = Decimal(grant["award"]["amount"])
    second = (award / 2).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    first = award - second
    today = date.today()
    attach_signed_agreement(sec, base, gid)
    status, body, _ = call(sec, "POST", f"{base}/api/v1/grants/{gid}/agreement", json={
        "signed_on": today.isoformat(), "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=365)).isoformat(),
        "tranches": [{"amount": {"amount": str(first), "currency": currency}, "due_on": today.isoformat()},
                     {"amount": {"amount": str(second), "currency": currency},
                      "due_on": (today + timedelta(days=90)).isoformat()}],
        "budget_lines": [{"label": "Programme", "amount": {"amount": str(award), "currency": currency}}]})
    assert status == 201, (status, body)
    part = (first / 40).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    money = {"amount": str(part), "currency": currency}

    def pay(i):
        st, _, took = call(session(finance), "POST", f"{bases[i % len(bases)]}/api/v1/grants/{gid}/disbursements",
                           json={"tranche": 1, "amount": money, "value_date": today.isoformat(),
                                 "payment_reference": f"RACE-PAY-{uuid.uuid4().hex[:12]}"})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(24) as pool:
        paid = sum(1 for st in pool.map(pay, range(60)) if st == 201)
    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    tranche = view["tranches"][0]
    if paid != 40 or Decimal(tranche["paid"]["amount"]) != part * 40:
        failures.append(f"payments: {paid} acknowledged, tranche paid {tranche['paid']['amount']}, "
                        f"expected 40 × {part}")
    if Decimal(tranche["paid"]["amount"]) > first:
        failures.append(f"tranche 1 overpaid: {tranche['paid']['amount']} of {first}")

    def refund(i):
        st, _, took = call(session(finance), "POST", f"{bases[i % len(bases)]}/api/v1/grants/{gid}/refunds",
                           json={"amount": money, "received_on": today.isoformat(),
                                 "bank_reference": f"RACE-REF-{uuid.uuid4().hex[:12]}",
                                 "reason": "race"})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(24) as pool:
        refunded = sum(1 for st in pool.map(refund, range(60)) if st == 201)
    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    if refunded != 40 or Decimal(view["refunded"]["amount"]) != part * 40:
        failures.append(f"refunds: {refunded} acknowledged, grant refunded {view['refunded']['amount']}, "
                        f"expected 40 × {part}")

    status, listed, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}/refunds?limit=100")
    items = lambda listed: listed["items"] if isinstance(listed, dict) else listed
    entries = [r["ledger_transaction_id"] for r in items(listed)]

    def reverse(i):
        st, _, took = call(session(finance), "POST",
                           f"{bases[i % len(bases)]}/api/v1/ledger/transactions/{entries[i]}/reversal",
                           json={"reason": "race to undo refunds"})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(reverse, range(len(entries))))
    undone = sum(1 for st in statuses if st == 201)
    status, listed, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}/refunds?limit=100")
    standing = [r for r in items(listed) if r["state"] == "recorded"]
    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    if len(standing) != refunded - undone or \
            Decimal(view["refunded"]["amount"]) != part * len(standing):
        failures.append(f"reversals: {undone} acknowledged, {len(standing)} refunds standing, "
                        f"grant refunded {view['refunded']['amount']}")
    print(f"money_out: {paid} of 60 payments, {refunded} of 60 refunds, {undone} of {len(entries)} "
          f"refund reversals accepted (the rest refused in order)", file=sys.stderr)
    print(json.dumps(tally.summary(invariant_failures=len(failures), failures=failures)))


def report_gate(finance, secretariat, *bases):
    """The grantee report that opens the next tranche, raced over several instances on a
    grant the demo left with a progress report awaiting review:
    1. the secretariat accepts that report 24 times at once: exactly one review is
       recorded (200), the rest find it no longer submitted (409);
    2. the tranche it opens is paid in full 24 times at once (one tranche disbursed
       twice, the last money of the tranche): exactly one payment (201), the tranche
       paid exactly its amount, the others refused (422 `tranche-exceeded`).
    A Fund-wide "last cash" race cannot arise from payments: an award reserves its money
    when it is made, so a payment only turns a commitment into cash out (`races` above
    races the receipts' reversals for the Fund's last available money instead).
    `ledger check` and `audit verify` run after (by the caller script)."""
    tally = Tally()
    fin, sec = session(finance), session(secretariat)
    failures = []
    base = bases[0]
    items = lambda listed: listed["items"] if isinstance(listed, dict) else listed

    status, grants, _ = call(fin, "GET", f"{base}/api/v1/grants?limit=100")
    assert status == 200, (status, grants)
    pending = None
    for grant in items(grants):
        status, reports, _ = call(sec, "GET", f"{base}/api/v1/grants/{grant['id']}/reports?limit=100")
        if status != 200:
            continue
        for report in items(reports):
            if report["state"] == "submitted" and report["kind"] == "progress":
                pending = (grant["id"], report)
                break
        if pending:
            break
    assert pending, "the demo has no progress report awaiting review"
    gid, report = pending

    def review(i):
        st, _, took = call(session(secretariat), "POST",
                           f"{bases[i % len(bases)]}/api/v1/reports/{report['id']}/review",
                           json={"accepted": True})
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(24) as pool:
        reviews = list(pool.map(review, range(24)))
    status, after, _ = call(sec, "GET", f"{base}/api/v1/reports/{report['id']}")
    if reviews.count(200) != 1 or reviews.count(409) != 23 or after["state"] != "accepted":
        failures.append(f"report review: {reviews.count(200)} accepted, {reviews.count(409)} refused, "
                        f"report {after['state']}")

    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    following = [t for t in view["tranches"] if t["number"] == (report["tranche"] or 0) + 1]
    tranche = following[0] if following else None
    paid = 0
    if tranche is None:
        failures.append(f"grant {gid} has no tranche after {report['tranche']}")
    else:
        money = tranche["remaining"]

        def pay(i):
            st, _, took = call(session(finance), "POST",
                               f"{bases[i % len(bases)]}/api/v1/grants/{gid}/disbursements",
                               json={"tranche": tranche["number"], "amount": money,
                                     "value_date": TODAY,
                                     "payment_reference": f"RACE-LAST-{uuid.uuid4().hex[:12]}"})
            tally.add(st, took)
            return st

        with ThreadPoolExecutor(24) as pool:
            payments = list(pool.map(pay, range(24)))
        paid = payments.count(201)
        status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
        now = [t for t in view["tranches"] if t["number"] == tranche["number"]][0]
        if paid != 1 or any(st not in (201, 409, 422) for st in payments) or \
                Decimal(now["paid"]["amount"]) != Decimal(tranche["amount"]["amount"]):
            failures.append(f"tranche {tranche['number']} paid in full 24 times at once: {paid} accepted, "
                            f"statuses {sorted(set(payments))}, paid {now['paid']['amount']} "
                            f"of {tranche['amount']['amount']}")
    print(f"report_gate: {reviews.count(200)} of 24 reviews recorded, {paid} of 24 full payments "
          f"of the tranche it opened", file=sys.stderr)
    print(json.dumps(tally.summary(invariant_failures=len(failures), failures=failures)))


def cancel_race(finance, secretariat, *bases):
    """A grant cancelled while its first tranche is being paid, raced over several
    instances on a grant the demo left awaiting its agreement (signed here, two tranches):
    40 payments of 1/40 of tranche 1 and one cancellation, all at once. Afterwards the
    cancellation is recorded once, every payment either went through (201) or was refused
    as on a closed grant (422 `grant-closed`), the grant is `cancelled` or `closing`, what
    it shows paid is exactly the payments acknowledged, the release plus what was paid
    (award and programme support cost) is what was committed at award, and, nothing being
    reported spent, everything paid is owed back. `ledger check` and `audit verify` run
    after (by the caller script)."""
    tally = Tally()
    fin, sec = session(finance), session(secretariat)
    failures = []
    base = bases[0]

    status, grants, _ = call(fin, "GET", f"{base}/api/v1/grants?limit=100")
    assert status == 200, (status, grants)
    waiting = [g for g in grants["items"] if g["state"] == "awarded" and not g.get("agreement")]
    assert waiting, "the demo has no grant left awaiting its agreement"
    grant = waiting[-1]
    gid, currency = grant["id"], grant["award"]["currency"]
    award = Decimal(grant["award"]["amount"])
    committed = award + Decimal(grant["programme_support_cost"]["amount"])
    second = (award / 2).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    first = award - second
    today = date.today()
    attach_signed_agreement(sec, base, gid)
    status, body, _ = call(sec, "POST", f"{base}/api/v1/grants/{gid}/agreement", json={
        "signed_on": today.isoformat(), "period_start": today.isoformat(),
        "period_end": (today + timedelta(days=365)).isoformat(),
        "tranches": [{"amount": {"amount": str(first), "currency": currency}, "due_on": today.isoformat()},
                     {"amount": {"amount": str(second), "currency": currency},
                      "due_on": (today + timedelta(days=90)).isoformat()}],
        "budget_lines": [{"label": "Programme", "amount": {"amount": str(award), "currency": currency}}]})
    assert status == 201, (status, body)
    part = (first / 40).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    money = {"amount": str(part), "currency": currency}
    CANCEL = 16

    def move(i):
        where = bases[i % len(bases)]
        if i == CANCEL:
            st, answer, took = call(session(secretariat), "POST", f"{where}/api/v1/grants/{gid}/cancellation",
                                    json={"reason": "race: the project stopped",
                                          "board_decision": "race decision"})
        else:
            st, answer, took = call(session(finance), "POST", f"{where}/api/v1/grants/{gid}/disbursements",
                                    json={"tranche": 1, "amount": money, "value_date": today.isoformat(),
                                          "payment_reference": f"RACE-CANCEL-{uuid.uuid4().hex[:12]}"})
        tally.add(st, took)
        return i, st, (answer or {}).get("rule")

    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(move, range(41)))
    cancelled = [st for i, st, _ in answers if i == CANCEL]
    payments = [(st, rule) for i, st, rule in answers if i != CANCEL]
    paid = sum(1 for st, _ in payments if st == 201)
    stray = [(st, rule) for st, rule in payments if st != 201 and (st, rule) != (422, "grant-closed")]
    if cancelled != [201]:
        failures.append(f"cancellation answered {cancelled}")
    if stray:
        failures.append(f"payments answered other than 201 or 422 grant-closed: {stray[:5]}")
    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    amount = lambda field: Decimal(view[field]["amount"])
    if view["state"] not in ("cancelled", "closing"):
        failures.append(f"grant {gid} is {view['state']} after its cancellation")
    if amount("disbursed") != part * paid:
        failures.append(f"{paid} payments acknowledged, grant disbursed {view['disbursed']['amount']}")
    if amount("released") + amount("disbursed") + amount("programme_support_cost_disbursed") != committed:
        failures.append(f"released {view['released']['amount']} + paid {view['disbursed']['amount']} "
                        f"(PSC {view['programme_support_cost_disbursed']['amount']}) is not {committed}")
    if amount("committed") != 0 or amount("refund_due") != amount("disbursed") - amount("refunded"):
        failures.append(f"committed {view['committed']['amount']}, refund due {view['refund_due']['amount']}")
    print(f"cancel_race: {paid} of 40 payments went through around the cancellation; grant "
          f"{view['state']}, released {view['released']['amount']}, refund due "
          f"{view['refund_due']['amount']}", file=sys.stderr)
    print(json.dumps(tally.summary(invariant_failures=len(failures), failures=failures)))


def amendments_race(finance, secretariat, *bases):
    """Amendments of one grant raced over several instances: 48 at once on a signed grant
    the demo left unamended, half award changes (each to its own award, increases on a
    Board decision, decreases the last unpaid tranche and budget line absorb) and half
    no-cost extensions (each to its own end of the period). Every one answered 201 is a
    version: the grant's amendments are numbered 1..n without a gap or a repeat, n the
    number of 201s and the grant's `amendment_version`; the others are refused whole
    (409: another amendment took the version; 400: the change was already made); the
    grant's commitment is its award and PSC less what was paid. `ledger check` and `audit
    verify` run after (by the caller script)."""
    tally = Tally()
    fin, sec = session(finance), session(secretariat)
    failures = []
    base = bases[0]
    items = lambda listed: listed["items"] if isinstance(listed, dict) else listed

    status, grants, _ = call(fin, "GET", f"{base}/api/v1/grants?limit=100")
    assert status == 200, (status, grants)
    signed = [g for g in items(grants)
              if g["state"] == "agreement_signed" and g.get("amendment_version") == 0 and g["budget"]]
    assert signed, "the demo has no signed, unamended grant"
    grant = signed[0]
    gid = grant["id"]
    award = Decimal(grant["award"]["amount"])
    currency = grant["award"]["currency"]
    end = date.fromisoformat(grant["agreement"]["period_end"])

    def amend(i):
        if i % 2:
            body = {"kind": "extension", "reason": f"race {i}",
                    "period_end": (end + timedelta(days=i + 1)).isoformat()}
        else:
            step = Decimal(10 * (i // 2 + 1))
            to = award + step if i % 4 == 0 else award - step
            body = {"kind": "award_change", "reason": f"race {i}", "board_decision": "RACE-BOARD",
                    "award": {"amount": str(to), "currency": currency}}
        st, _, took = call(session(secretariat), "POST",
                           f"{bases[i % len(bases)]}/api/v1/grants/{gid}/amendments", json=body)
        tally.add(st, took)
        return st

    with ThreadPoolExecutor(24) as pool:
        statuses = list(pool.map(amend, range(48)))
    made = statuses.count(201)
    if any(st not in (201, 400, 409, 422) for st in statuses):
        failures.append(f"amendments: statuses {sorted(set(statuses))}")
    status, listed, _ = call(sec, "GET", f"{base}/api/v1/grants/{gid}/amendments")
    versions = [a["version"] for a in listed] if status == 200 else []
    status, view, _ = call(fin, "GET", f"{base}/api/v1/grants/{gid}")
    if versions != list(range(1, made + 1)) or view["amendment_version"] != made:
        failures.append(f"amendments: {made} acknowledged, versions {versions}, "
                        f"grant at version {view['amendment_version']}")
    committed = Decimal(view["award"]["amount"]) + Decimal(view["programme_support_cost"]["amount"]) \
        - Decimal(view["disbursed"]["amount"]) - Decimal(view["programme_support_cost_disbursed"]["amount"])
    if Decimal(view["committed"]["amount"]) != committed:
        failures.append(f"amendments: grant committed {view['committed']['amount']}, "
                        f"award and PSC less paid {committed}")
    print(f"amendments_race: {made} of 48 amendments made, versions 1..{len(versions)}",
          file=sys.stderr)
    print(json.dumps(tally.summary(invariant_failures=len(failures), failures=failures)))


def register(base, seconds, threads, email):
    """Registrations that reuse an existing email, each with a long password."""
    tally = Tally()
    deadline = time.monotonic() + float(seconds)

    def worker(i):
        s = session()
        # Each thread its own address would need root; the per-address limit then answers
        # most with 429, which is the defence working. Counted as tried all the same.
        while time.monotonic() < deadline:
            tag = uuid.uuid4().hex
            st, _, took = call(s, "POST", f"{base}/api/v1/organizations/register", json={
                "legal_name": f"Flood {tag[:8]}", "org_type": "ngo", "country": "KE",
                "registered_on": "2015-03-01", "direct_assistance_since": "2015-06-01",
                "psea_measures_since": "2018-01-15", "unpp_id": f"UNPP-{tag[:12]}",
                "bank_account_holder": f"Flood {tag[:8]}", "contact_email": f"o-{tag}@example.org",
                "applicant": {"email": email, "name": "Flood", "password": "a flood password " + "x" * 100}})
            tally.add(st, took)

    with ThreadPoolExecutor(int(threads)) as pool:
        list(pool.map(worker, range(int(threads))))
    print(json.dumps(tally.summary()))


def logins(base, seconds, threads):
    tally = Tally()
    deadline = time.monotonic() + float(seconds)

    def worker(_):
        s = session()
        while time.monotonic() < deadline:
            st, _, took = call(s, "POST", f"{base}/api/v1/auth/login", json={
                "email": f"nobody-{random.getrandbits(48):x}@example.org",
                "password": "wrong password " + uuid.uuid4().hex})
            tally.add(st, took)

    with ThreadPoolExecutor(int(threads)) as pool:
        list(pool.map(worker, range(int(threads))))
    print(json.dumps(tally.summary()))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"writes": writes, "verify": verify, "reads": reads, "races": races, "money_out": money_out,
     "report_gate": report_gate, "cancel_race": cancel_race,
     "amendments_race": amendments_race, "register": register, "logins": logins}[command](*args)
