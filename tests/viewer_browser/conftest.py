"""The trace viewer's browser tests share one chromium, the servers and the runs (viewer_fixtures.py)."""

from tests.viewer_browser.viewer_fixtures import (  # noqa: F401  (fixtures for this package)
    browser,
    browsing,
    gateway,
    gateway_runs,
    local_runs,
    screenshots,
    viewer,
)
