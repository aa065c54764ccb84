"""Form definitions as data (issue 11, part 1): load, check, route and publish the YAML files in forms/.

Pure Python, no views: the runner and the staff publishing pages build on this API.

    result = validate_file(path)            # or validate_text(yaml_text, "name.yaml")
    result.ok, result.problems, result.definition
    route(definition, answers)              # step ids on the route, recomputed from the answers
    next_step(definition, answers, current) # a step id, "check_answers" or "exit:<id>"
    reachable_answers(definition, answers)  # drops answers on steps that are no longer on the route
    outcome(definition, answers)            # the first outcome rule that holds
"""

from portal.formdefs.routing import next_step, outcome, reachable_answers, route, walk
from portal.formdefs.validate import Result, content_hash, validate_file, validate_text

__all__ = [
    "Result",
    "content_hash",
    "next_step",
    "outcome",
    "reachable_answers",
    "route",
    "validate_file",
    "validate_text",
    "walk",
]
