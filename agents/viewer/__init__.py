"""The trace viewer: web pages that show why an image came out the way it did.

`/runs` lists the runs; `/runs/<id>` shows one: the brief with its constraints highlighted, each attempt's plan
tree, image with the drawn parts overlaid, checks with what was measured and the evidence crops, what each
revision changed and why, timings, notices and lineage; a running run follows its events live. The gateway
serves the pages (`add_viewer_routes`), and `tessera view` serves them alone over TESSERA_HOME
(`create_viewer_app`). With TESSERA_API_KEYS set, a browser logs in once with a key and keeps a signed session
cookie; each key sees only its own runs.
"""

from tessera.agents.viewer._routes import add_viewer_routes, create_viewer_app

__all__ = ["add_viewer_routes", "create_viewer_app"]
