#!/usr/bin/env python3
"""Bulk data for scripts/bench.sh (issue 14): prints SQL for one dialect that multiplies a
demo data set (`trustfund serve --demo`, run first) to the bench's scale by INSERT ... SELECT
over a table of numbers, copying the demo's own rows as templates so every column has the
shape the service writes. Nothing goes through the HTTP API.

  bench_data.py sqlite|postgres > load.sql

Scale (environment, defaults are the issue's figures):
  BENCH_ORGS=10000 BENCH_APPS=100000 BENCH_LEDGER_ENTRIES=1000000
  BENCH_CONTRIBUTIONS=10000 BENCH_GRANTS=20000 BENCH_VOTERS=3
BENCH_SCALE=small divides every figure by 100 (BENCH_SCALE=medium by 10).

What it keeps: the ledger balances (every bulk transaction is a copy of a balanced one:
receipts of 10,000.00 USD, cash against the donor's contribution, and grant commitments),
every ledger transaction has its owner (receipt or grant), pledges are never exceeded,
ids are UUIDs. What it does not keep: bulk rows have no audit events (the hash chain is
the demo's and stays valid: `audit verify` passes, but the trail does not explain the
bulk rows) and bulk applications have no state-transition history.
"""

import os
import sys

dialect = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
assert dialect in ("sqlite", "postgres"), dialect
PG = dialect == "postgres"

divisor = {"small": 100, "medium": 10}.get(os.environ.get("BENCH_SCALE", "full"), 1)


def scale(name, default):
    return max(1, int(os.environ.get(name, default // divisor)))


ORGS = scale("BENCH_ORGS", 10_000)
APPS = scale("BENCH_APPS", 100_000)
ENTRIES = scale("BENCH_LEDGER_ENTRIES", 1_000_000)
CONTRIBUTIONS = scale("BENCH_CONTRIBUTIONS", 10_000)
GRANTS = scale("BENCH_GRANTS", 20_000)
VOTERS = int(os.environ.get("BENCH_VOTERS", 3))
RECEIPTS = max(1, ENTRIES // 2)  # two postings each
N = max(ORGS, APPS, RECEIPTS, CONTRIBUTIONS, GRANTS)


def uid(prefix, n):
    """A UUID per (table prefix, number): pp000000-0000-4000-8000-<n, 12 digits>."""
    pad = f"lpad(({n})::text, 12, '0')" if PG else f"printf('%012d', {n})"
    return f"('{prefix}000000-0000-4000-8000-' || {pad})"


def ts(text):
    return f"TIMESTAMP '{text}'" if PG else f"'{text}'"


def date(text):
    return f"DATE '{text}'" if PG else f"'{text}'"


NOW = ts("2026-06-01 12:00:00")
out = []
emit = out.append

emit("BEGIN;")
emit("CREATE TABLE bench_nums (n BIGINT PRIMARY KEY NOT NULL);")
if PG:
    emit(f"INSERT INTO bench_nums SELECT generate_series(1, {N});")
else:
    emit(
        f"WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < {N}) "
        "INSERT INTO bench_nums SELECT n FROM c;"
    )
# Templates: the demo's first organisation, an application under review, a signed grant
# with tranches and its commitment.
emit("CREATE TABLE bench_tpl (name TEXT PRIMARY KEY NOT NULL, id TEXT NOT NULL);")
emit("INSERT INTO bench_tpl SELECT 'org', MIN(id) FROM organizations WHERE state = 'verified';")
emit("INSERT INTO bench_tpl SELECT 'app', MIN(id) FROM applications WHERE state = 'under_review';")
emit(
    "INSERT INTO bench_tpl SELECT 'grant', MIN(g.id) FROM grants g WHERE g.state = 'agreement_signed' "
    "AND EXISTS (SELECT 1 FROM grant_tranches t WHERE t.grant_id = g.id);"
)
emit(
    "INSERT INTO bench_tpl SELECT 'commitment', ledger_transaction_id FROM grants "
    "WHERE id = (SELECT id FROM bench_tpl WHERE name = 'grant');"
)
emit(
    "INSERT INTO bench_tpl SELECT 'grant_app', application_id FROM grants "
    "WHERE id = (SELECT id FROM bench_tpl WHERE name = 'grant');"
)


def tpl(name):
    return f"(SELECT id FROM bench_tpl WHERE name = '{name}')"


# Organisations.
emit(f"""INSERT INTO organizations (id, legal_name, org_type, country, registered_on, unpp_id,
  bank_account_holder, contact_email, state, state_reason, decided_by, decided_at, created_at,
  updated_at, direct_assistance_since, psea_measures_since)
SELECT {uid('b1', 'n.n')}, o.legal_name || ' ' || n.n, o.org_type, o.country, o.registered_on,
  o.unpp_id || '-B' || n.n, o.bank_account_holder, 'bench' || n.n || '@' || 'org.bench.local',
  o.state, o.state_reason, o.decided_by, o.decided_at, o.created_at, o.updated_at,
  o.direct_assistance_since, o.psea_measures_since
FROM bench_nums n, organizations o WHERE o.id = {tpl('org')} AND n.n <= {ORGS};""")

# Applications: half under review (the votes' targets), the rest submitted or withdrawn.
state = "CASE n.n % 10 WHEN 0 THEN 'withdrawn' WHEN 1 THEN 'submitted' WHEN 2 THEN 'submitted' WHEN 3 THEN 'submitted' WHEN 4 THEN 'withdrawn' ELSE 'under_review' END"
emit(f"""INSERT INTO applications (id, call_id, organization_id, title, summary, countries,
  beneficiaries, exploitation, aid_types, currency, requested_minor, duration_months,
  budget_lines, state, screening_reasons, created_by, submitted_at, created_at, updated_at)
SELECT {uid('b2', 'n.n')}, a.call_id, {uid('b1', f'1 + n.n % {ORGS}')}, a.title || ' #' || n.n,
  a.summary, a.countries, a.beneficiaries, a.exploitation, a.aid_types, a.currency,
  a.requested_minor, a.duration_months, a.budget_lines, {state}, a.screening_reasons,
  a.created_by, a.submitted_at, a.created_at, a.updated_at
FROM bench_nums n, applications a WHERE a.id = {tpl('app')} AND n.n <= {APPS};""")

# Votes: the first VOTERS seated trustees on every bulk application.
for k in range(VOTERS):
    emit(f"""INSERT INTO votes (id, application_id, appointment_id, user_id, choice,
  recommended_minor, recommended_currency, comment, cast_at, updated_at, withdrawn_at)
SELECT {uid(f'b{3 + k}' if k < 3 else f'e{k}', 'n.n')}, {uid('b2', 'n.n')}, s.id, s.user_id,
  CASE n.n % 3 WHEN 0 THEN 'reject' ELSE 'abstain' END, NULL, NULL, 'bench vote', {NOW}, {NOW}, NULL
FROM bench_nums n,
  (SELECT id, user_id FROM board_appointments WHERE user_id IS NOT NULL AND ended_on IS NULL
   ORDER BY id LIMIT 1 OFFSET {k}) s
WHERE n.n <= {APPS};""")

# Contributions: USD pledges of 10,000,000,000.00, never exhausted by the receipts.
emit(f"""INSERT INTO contributions (id, donor_name, donor_type, donor_country, pledged_minor,
  pledged_currency, pledged_on, created_by, created_at)
SELECT {uid('b6', 'n.n')}, 'Bench donor ' || n.n, 'private_sector', NULL, 1000000000000, 'USD',
  {date('2026-01-01')}, NULL, {NOW}
FROM bench_nums n WHERE n.n <= {CONTRIBUTIONS};""")

# Receipts of 10,000.00 USD, each with its balanced ledger transaction (two postings).
emit("CREATE TABLE bench_base (seq BIGINT NOT NULL);")
emit("INSERT INTO bench_base SELECT COALESCE(MAX(seq), 0) FROM ledger_transactions;")
contribution = uid("b6", f"1 + n.n % {CONTRIBUTIONS}")
emit(f"""INSERT INTO ledger_transactions (id, seq, kind, memo, owner_type, owner_id, reverses_id,
  created_by, created_at)
SELECT {uid('c2', 'n.n')}, b.seq + n.n, 'receipt', 'bench receipt ' || n.n || ': 10000.00 USD',
  'receipt', {uid('c1', 'n.n')}, NULL, NULL, {NOW}
FROM bench_nums n, bench_base b WHERE n.n <= {RECEIPTS};""")
emit(f"""INSERT INTO contribution_receipts (id, contribution_id, amount_minor, currency,
  rate_to_usd, usd_minor, received_on, bank_reference, ledger_transaction_id, created_at,
  reversal_transaction_id)
SELECT {uid('c1', 'n.n')}, {contribution}, 1000000, 'USD', '1', 1000000, {date('2026-06-01')},
  'BULK-' || n.n, {uid('c2', 'n.n')}, {NOW}, NULL
FROM bench_nums n WHERE n.n <= {RECEIPTS};""")
emit(f"""INSERT INTO ledger_postings (id, transaction_id, line, account, party_id, amount_minor,
  currency, usd_minor, original_minor, original_currency, rate_to_usd)
SELECT {uid('c3', 'n.n')}, {uid('c2', 'n.n')}, 0, 'cash', NULL, 1000000, 'USD', 1000000,
  1000000, 'USD', '1'
FROM bench_nums n WHERE n.n <= {RECEIPTS};""")
emit(f"""INSERT INTO ledger_postings (id, transaction_id, line, account, party_id, amount_minor,
  currency, usd_minor, original_minor, original_currency, rate_to_usd)
SELECT {uid('c4', 'n.n')}, {uid('c2', 'n.n')}, 1, 'contributions', {contribution}, -1000000,
  'USD', -1000000, -1000000, 'USD', '1'
FROM bench_nums n WHERE n.n <= {RECEIPTS};""")

# Grants with a signed agreement and no disbursement yet (the disbursements' targets): each
# a copy of the demo's, with its approved application, decision, commitment and tranches.
emit(f"""INSERT INTO applications (id, call_id, organization_id, title, summary, countries,
  beneficiaries, exploitation, aid_types, currency, requested_minor, duration_months,
  budget_lines, state, screening_reasons, created_by, submitted_at, created_at, updated_at)
SELECT {uid('c5', 'n.n')}, a.call_id, a.organization_id, a.title || ' (grant ' || n.n || ')',
  a.summary, a.countries, a.beneficiaries, a.exploitation, a.aid_types, a.currency,
  a.requested_minor, a.duration_months, a.budget_lines, a.state, a.screening_reasons,
  a.created_by, a.submitted_at, a.created_at, a.updated_at
FROM bench_nums n, applications a WHERE a.id = {tpl('grant_app')} AND n.n <= {GRANTS};""")
emit(f"""INSERT INTO decisions (application_id, outcome, status, award_minor, psc_minor, currency,
  by_chair, approvals, rejections, abstentions, decided_at, decided_by, awarded_at, grant_id)
SELECT {uid('c5', 'n.n')}, d.outcome, d.status, d.award_minor, d.psc_minor, d.currency,
  d.by_chair, d.approvals, d.rejections, d.abstentions, d.decided_at, d.decided_by,
  d.awarded_at, {uid('c6', 'n.n')}
FROM bench_nums n, decisions d WHERE d.application_id = {tpl('grant_app')} AND n.n <= {GRANTS};""")
emit("DELETE FROM bench_base;")
emit("INSERT INTO bench_base SELECT COALESCE(MAX(seq), 0) FROM ledger_transactions;")
emit(f"""INSERT INTO ledger_transactions (id, seq, kind, memo, owner_type, owner_id, reverses_id,
  created_by, created_at)
SELECT {uid('c7', 'n.n')}, b.seq + n.n, t.kind, t.memo || ' (bench ' || n.n || ')',
  t.owner_type, {uid('c6', 'n.n')}, NULL, t.created_by, t.created_at
FROM bench_nums n, bench_base b, ledger_transactions t
WHERE t.id = {tpl('commitment')} AND n.n <= {GRANTS};""")
emit(f"""INSERT INTO ledger_postings (id, transaction_id, line, account, party_id, amount_minor,
  currency, usd_minor, original_minor, original_currency, rate_to_usd)
SELECT {uid('c8', 'n.n * 16 + p.line')}, {uid('c7', 'n.n')}, p.line, p.account,
  CASE WHEN p.party_id IS NULL THEN NULL ELSE {uid('c6', 'n.n')} END, p.amount_minor,
  p.currency, p.usd_minor, p.original_minor, p.original_currency, p.rate_to_usd
FROM bench_nums n, ledger_postings p
WHERE p.transaction_id = {tpl('commitment')} AND n.n <= {GRANTS};""")
emit(f"""INSERT INTO grants (id, application_id, organization_id, call_id, award_minor, psc_minor,
  currency, state, ledger_transaction_id, created_at, closed_at, release_transaction_id)
SELECT {uid('c6', 'n.n')}, {uid('c5', 'n.n')}, g.organization_id, g.call_id, g.award_minor,
  g.psc_minor, g.currency, g.state, {uid('c7', 'n.n')}, g.created_at, NULL, NULL
FROM bench_nums n, grants g WHERE g.id = {tpl('grant')} AND n.n <= {GRANTS};""")
emit(f"""INSERT INTO grant_agreements (grant_id, signed_on, period_start, period_end, signed_by,
  created_at)
SELECT {uid('c6', 'n.n')}, a.signed_on, a.period_start, a.period_end, a.signed_by, a.created_at
FROM bench_nums n, grant_agreements a WHERE a.grant_id = {tpl('grant')} AND n.n <= {GRANTS};""")
emit(f"""INSERT INTO grant_tranches (grant_id, number, amount_minor, psc_minor, due_on)
SELECT {uid('c6', 'n.n')}, t.number, t.amount_minor, t.psc_minor, t.due_on
FROM bench_nums n, grant_tranches t WHERE t.grant_id = {tpl('grant')} AND n.n <= {GRANTS};""")

# The ledger's running totals (migration 2026-12-07-000601_ledger_totals), which the
# service keeps posting by posting: rebuilt from the postings inserted in bulk above, so
# `ledger check` still passes (the same statements as the migration's backfill).
emit("DELETE FROM ledger_account_totals;")
emit("""INSERT INTO ledger_account_totals (account, usd_minor, postings)
SELECT account, SUM(usd_minor), COUNT(*) FROM ledger_postings GROUP BY account;""")
emit("DELETE FROM ledger_currency_receipts;")
emit("""INSERT INTO ledger_currency_receipts (currency, received_minor, usd_minor, postings)
SELECT COALESCE(original_currency, currency), -SUM(COALESCE(original_minor, amount_minor)),
  -SUM(usd_minor), COUNT(*)
FROM ledger_postings WHERE account = 'contributions'
GROUP BY COALESCE(original_currency, currency);""")

emit("DROP TABLE bench_nums;")
emit("DROP TABLE bench_tpl;")
emit("DROP TABLE bench_base;")
emit("COMMIT;")
emit("ANALYZE;")
print("\n".join(out))
