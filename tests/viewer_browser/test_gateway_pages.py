"""The viewer behind the gateway with API keys, in a real browser: a key form once, an HttpOnly session cookie that
does not hold the key, each key's own runs only, and a brief with a script shown as text."""

from __future__ import annotations

import pytest

from tests.service_fixtures import Service
from tests.viewer_browser.viewer_fixtures import KEY_A, XSS_BRIEF, Browsing, GatewayRuns, log_in

pytestmark = pytest.mark.slow


def test_the_key_form_turns_away_a_wrong_key_and_lets_the_right_one_in(
    browsing: Browsing, gateway: Service, gateway_runs: GatewayRuns
) -> None:
    page = browsing.open(gateway.url)
    response = page.goto(f"/runs/{gateway_runs.plain_a}")
    assert response is not None
    assert "/viewer/login" in page.url and f"/runs/{gateway_runs.plain_a}" in page.url  # `next` keeps the page
    form = page.locator("form:has(input[name=key])")
    assert form.is_visible()
    assert page.locator("input[name=key]").get_attribute("type") == "password"
    browsing.shoot(page, "form", full_page=False)

    page.locator("input[name=key]").fill("not-a-key-0123456789abcdef")
    with page.expect_response(lambda r: r.url.endswith("/viewer/login") and r.request.method == "POST") as sent:
        page.locator("input[name=key]").press("Enter")
    assert sent.value.status == 401
    assert "key" in page.locator("#login-error").inner_text().lower()
    assert page.locator("input[name=key]").is_visible()
    assert page.context.cookies() == []
    browsing.shoot(page, "wrong-key", full_page=False)

    page.locator("input[name=key]").fill(KEY_A)
    with page.expect_navigation(url=f"{gateway.url}/runs/{gateway_runs.plain_a}"):
        page.locator("input[name=key]").press("Enter")
    assert "FRESH BREAD" in page.locator("#brief").inner_text()
    (cookie,) = page.context.cookies()
    assert cookie["name"] == "tessera_session"
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert KEY_A not in cookie["value"]
    assert page.evaluate("document.cookie") == ""  # scripts cannot read it

    page.goto("/runs")  # the cookie carries on: no second form
    shown = set(page.locator("#runs tr.run").evaluate_all("rows => rows.map(row => row.dataset.runId)"))
    assert shown == {gateway_runs.plain_a, gateway_runs.xss}  # key A's runs, not key B's
    response = page.goto(f"/runs/{gateway_runs.plain_b}")
    assert response is not None and response.status == 404
    with page.expect_navigation():
        page.locator("form[action='/viewer/logout'] button, form[action='/viewer/logout'] input[type=submit]").click()
    page.goto("/runs")
    assert "/viewer/login" in page.url


def test_a_brief_with_a_script_shows_as_text_and_never_runs(
    browsing: Browsing, gateway: Service, gateway_runs: GatewayRuns
) -> None:
    page = browsing.open(gateway.url)
    log_in(page, KEY_A)
    listed = page.locator(f'#runs tr.run[data-run-id="{gateway_runs.xss}"] .brief')
    assert "<script>window.__xss=1</script>" in listed.inner_text()
    with page.expect_navigation():
        page.locator(f'#runs tr.run[data-run-id="{gateway_runs.xss}"] a.run-link').click()
    page.wait_for_load_state("load")
    assert "<script>window.__xss=1</script>" in page.locator("#brief").inner_text()
    assert XSS_BRIEF.split("<")[0].strip() in page.locator("#brief").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#brief script").count() == 0
    assert browsing.dialogs == []
