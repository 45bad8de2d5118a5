"""Property-based check of the API against its own OpenAPI document: nothing it is sent is a 5xx.

schemathesis generates requests for every operation (with a valid key, so the handlers behind
auth are exercised too); the app is real, with a real engine and worker pool.
"""
from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from api.settings import ApiSettings

KEY = "schema-test-admin"
EXAMPLES_PER_OPERATION = 25


@pytest.fixture(scope="module")
def live_app(tmp_path_factory):
    cfg = ApiSettings(data_dir=tmp_path_factory.mktemp("schema"), workers=1, max_file_mb=0.5, max_upload_mb=2,
                      page_rate_per_minute=10_000, api_keys=f"fuzz:{KEY}:admin")
    with TestClient(create_app(cfg)) as client:  # runs lifespan: engine, store, dispatcher
        yield client.app


@pytest.fixture(scope="module")
def api_schema(live_app):
    return schemathesis.openapi.from_asgi("/openapi.json", live_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_no_server_errors(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, checks=[not_a_server_error])
