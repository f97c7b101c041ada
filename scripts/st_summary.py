#!/usr/bin/env python3
"""One backend's schemathesis runs (scripts/schemathesis.sh) summed up: a line per role and
the RESULT line scripts/prove.sh collects.

  st_summary.py BACKEND SERVER_LOG RUN_DIR...

Each RUN_DIR holds one role's `report.json` and `events.ndjson` (schemathesis'
`--report json,ndjson`), its `exit` (schemathesis' exit status, 124 when `timeout` ended
it) and its `output.txt`. Reads:
- requests tried: every response the runs received;
- 5xx seen: responses of 500 and above, or the service's own log of an internal error
  (`request failed`), whichever is more;
- schema violations: findings outside the baseline (the JSON report lists only those),
  except a 5xx (counted above) and a finding seen only on a 408: actix answers 408 when a
  request's head does not arrive within its client timeout, which on a loaded machine is
  schemathesis being slow, not the service breaking its contract (counted and printed
  apart);
- a run with no report (ended by the timeout, or crashed) fails the backend: nothing can
  be said of the operations it did not reach. So does a schemathesis error other than a
  request of its own that timed out (printed). Both count in the `invariants` column, the
  proof's "the run itself held" column, so that prove.sh's table cannot show zeros for
  a run that did not finish.
Exits 1 when the backend failed.
"""

import json
import sys
from pathlib import Path

SERVER_ERRORS = {"ServerError", "AcceptedNegativeData5xx"}


def events(path):
    if not path.exists():
        return
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            yield json.loads(line)
        except ValueError:
            continue


def scan(run):
    """Statuses of every response, and per (failure type, operation) the statuses that
    failing case answered."""
    statuses, failing = {}, {}
    for event in events(run / "events.ndjson"):
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder") or {}
        answered = {}
        for case_id, interaction in (recorder.get("interactions") or {}).items():
            response = (interaction or {}).get("response") or {}
            code = response.get("status_code")
            if code is not None:
                statuses[code] = statuses.get(code, 0) + 1
                answered[case_id] = code
        for case_id, checks in (recorder.get("checks") or {}).items():
            for check in checks or []:
                if check.get("status") != "failure":
                    continue
                info = check.get("failure_info") or {}
                failure = (info.get("failure") or {}) if isinstance(info, dict) else {}
                key = (failure.get("type", "?"), failure.get("operation", "?"))
                failing.setdefault(key, set()).add(answered.get(case_id))
    return statuses, failing


def main():
    backend, log = sys.argv[1], Path(sys.argv[2])
    tried = fivexx = schema = slow = incomplete = errors = 0
    for run in map(Path, sys.argv[3:]):
        role = run.name
        exit_file = run / "exit"
        rc = int(exit_file.read_text().strip() or 1) if exit_file.exists() else 1
        statuses, failing = scan(run)
        responses = sum(statuses.values())
        tried += responses
        fivexx += sum(n for code, n in statuses.items() if code >= 500)
        slow_here = statuses.get(408, 0)
        slow += slow_here
        report = run / "report.json"
        if not report.exists():
            incomplete += 1
            why = "ended by its timeout" if rc == 124 else f"exit {rc}"
            print(f"{backend:9} {role:12} INCOMPLETE ({why}) after {responses} responses")
            continue
        data = json.loads(report.read_text(encoding="utf-8"))
        new = 0
        for failure in data.get("failures") or []:
            if failure.get("type") in SERVER_ERRORS:
                continue
            ops = failure.get("operations") or []
            only_408 = ops and all(failing.get((failure.get("type"), op)) == {408} for op in ops)
            if only_408:
                print(f"{backend:9} {role:12} not counted, seen only on 408: {failure.get('title')} "
                      f"on {', '.join(ops)}")
                continue
            new += int(failure.get("count") or 1)
            print(f"{backend:9} {role:12} FINDING {failure.get('code')} {failure.get('title')} "
                  f"({failure.get('count')}) on {', '.join(ops)}")
        schema += new
        own_timeouts = 0
        for error in data.get("errors") or []:
            text = json.dumps(error)
            if "timed out" in text.lower():
                own_timeouts += 1
            else:
                errors += 1
                print(f"{backend:9} {role:12} ERROR {text[:300]}")
        baseline = data.get("baseline") or {}
        cases = data.get("test_cases") or {}
        print(f"{backend:9} {role:12} {cases.get('generated', 0)} cases, {responses} responses, "
              f"{new} new findings, {baseline.get('known', 0)} known (baseline), "
              f"{slow_here} answered 408, {own_timeouts} of its own requests timed out, "
              f"{data.get('running_time', 0):.0f} s")
    logged = sum(1 for line in log.read_text(errors="replace").splitlines()
                 if "request failed" in line) if log.exists() else 0
    fivexx = max(fivexx, logged)
    print(f"RESULT script=schemathesis db={backend} tried={tried} 5xx={fivexx} schema={schema} "
          f"leaks=- lost=- invariants={incomplete + errors} peak_mb=-")
    sys.exit(1 if fivexx or schema or incomplete or errors else 0)


if __name__ == "__main__":
    main()
