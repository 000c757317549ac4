"""Tessera: plan-then-render images with exact text and counts, a plan you can read and a report of what was checked.

The packages: `tessera.contract` (the plan schema, report, errors and the Protocol of every part),
`tessera.planner`, `tessera.renderer`, `tessera.verifier` (the parts, which import only the contract),
`tessera.agents` (the graph, run store, settings and the one place that builds the parts; the CLI and services),
`tessera.evals` (`tessera eval`) and `tessera.prompts` (the planner's jinja2 templates).
"""
