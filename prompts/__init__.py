"""The jinja2 templates the planner sends to a language model: system, plan, repair and revise."""
