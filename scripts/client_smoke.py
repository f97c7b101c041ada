"""Smoke test through the Python client generated from /api/v1/openapi.json.

Signs in, opens a call, registers and verifies an organisation, lists calls, drafts and
submits an application, and reads the Fund's balances: every call goes through the
generated client, so a contract that generates but cannot be used fails here.

    python scripts/client_smoke.py http://127.0.0.1:18091   (with the client on PYTHONPATH)
"""

import sys
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from trustfund_client import AuthenticatedClient, Client
from trustfund_client.api.applications import create_application, submit_application
from trustfund_client.api.auth import login
from trustfund_client.api.calls import create_call, list_calls
from trustfund_client.api.fund import get_fund
from trustfund_client.api.organizations import register_organization, verify_organization
from trustfund_client.models import (
    CreateApplicationRequest,
    CreateCallRequest,
    LoginRequest,
    RegisterOrganizationRequest,
    VerifyOrganizationRequest,
)

BASE = sys.argv[1]
PASSWORD = "demo-password-2026"


def expect(response, status):
    if response.status_code != status:
        raise SystemExit(
            f"expected {status}, got {response.status_code}: {response.content.decode()}"
        )
    return response.parsed


def sign_in(email, password=PASSWORD):
    anonymous = Client(base_url=BASE)
    body = LoginRequest.from_dict({"email": email, "password": password})
    token = expect(login.sync_detailed(client=anonymous, body=body), 200).access_token
    return AuthenticatedClient(base_url=BASE, token=token)


def usd(amount):
    return {"amount": amount, "currency": "USD"}


now = datetime.now(timezone.utc)
secretariat = sign_in("secretariat@demo.trustfund.local")
call = expect(
    create_call.sync_detailed(
        client=secretariat,
        body=CreateCallRequest.from_dict(
            {
                "title": f"Smoke call {uuid.uuid4().hex[:8]}",
                "description": "Opened by the generated-client smoke test.",
                "opens_at": (now - timedelta(hours=1)).isoformat(),
                "closes_at": (now + timedelta(days=30)).isoformat(),
                "envelope": usd("500000.00"),
                "min_grant": usd("20000.00"),
                "max_grant": usd("60000.00"),
                "max_duration_months": 24,
                "eligible_org_types": ["ngo"],
            }
        ),
    ),
    201,
)

slug = uuid.uuid4().hex[:8]
applicant_email = f"applicant-{slug}@smoke.example.org"
registered = expect(
    register_organization.sync_detailed(
        client=Client(base_url=BASE),
        body=RegisterOrganizationRequest.from_dict(
            {
                "legal_name": f"Smoke Shelter {slug}",
                "org_type": "ngo",
                "country": "KE",
                "registered_on": (date.today() - timedelta(days=3 * 365)).isoformat(),
                "direct_assistance_since": (date.today() - timedelta(days=2 * 365)).isoformat(),
                "psea_measures_since": (date.today() - timedelta(days=365)).isoformat(),
                "unpp_id": f"UNPP-SMOKE-{slug}",
                "bank_account_holder": f"Smoke Shelter {slug}",
                "contact_email": f"contact-{slug}@smoke.example.org",
                "applicant": {
                    "email": applicant_email,
                    "name": "Smoke Applicant",
                    "password": "a long smoke-test password",
                },
            }
        ),
    ),
    201,
)
organization_id = registered.id
expect(
    verify_organization.sync_detailed(
        organization_id,
        client=secretariat,
        body=VerifyOrganizationRequest.from_dict({"verified": True, "reason": "documents checked"}),
    ),
    200,
)

applicant = sign_in(applicant_email, "a long smoke-test password")
calls = expect(list_calls.sync_detailed(client=applicant), 200)
assert any(c.id == call.id for c in calls.items), "the new call is listed"

application = expect(
    create_application.sync_detailed(
        client=applicant,
        body=CreateApplicationRequest.from_dict(
            {
                "call_id": str(call.id),
                "title": "Shelter and legal aid",
                "summary": "Safe housing and legal counsel for survivors.",
                "countries": ["KE"],
                "beneficiaries": [{"sex": "female", "age_group": "adult", "count": 40}],
                "exploitation": ["sexual_exploitation"],
                "aid_types": ["humanitarian", "legal"],
                "requested": usd("30000.00"),
                "duration_months": 12,
                "budget_lines": [
                    {"label": "Shelter", "amount": usd("20000.00")},
                    {"label": "Legal aid", "amount": usd("10000.00")},
                ],
            }
        ),
    ),
    201,
)
submitted = expect(submit_application.sync_detailed(application.id, client=applicant), 200)
assert str(submitted.state) == "submitted", submitted.state

finance = sign_in("finance@demo.trustfund.local")
fund = expect(get_fund.sync_detailed(client=finance), 200)
available = Decimal(fund.balances.available.amount)
assert available >= 0, available
print(f"smoke: call {call.id}, application {application.id} submitted; available {available} USD")
