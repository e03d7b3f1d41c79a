"""`--filter`: Vale's filter expressions (expr-lang) over the loaded rules, such as
`.Level in ["error"] and .Name != "demo.Cap"` or `"heading" in .Scope`.

The expression is read as a small expression language only (fields, strings, numbers, lists, `in`, `==`, `!=`,
`and`, `or`, `not`, parentheses), never run as code; anything else is an error naming the filter.
"""

from __future__ import annotations

import ast
import os
import re

FIELD = re.compile(r"(?<![\w\"'])\.([A-Z]\w*)")


class FilterError(ValueError):
    """A filter that is not one of the expressions this reader understands."""


def _fields(rule) -> dict:
    return {
        "Name": rule.name,
        "Level": rule.level,
        "Extends": rule.kind,
        "Scope": list(rule.scope),
        "Message": rule.message,
        "Link": rule.link,
        "Description": "",
        "Limit": 0,
    }


def read_filter(value: str) -> str:
    """The filter's text: the file it names, or the expression itself."""
    if os.path.isfile(value):
        with open(value, encoding="utf-8") as handle:
            return handle.read().strip()
    return value.strip()


def _compile(expression: str) -> ast.Expression:
    source = FIELD.sub(r"\1", expression).replace("&&", " and ").replace("||", " or ")
    source = re.sub(r"!(?!=)", " not ", source)
    try:
        return ast.parse(source, mode="eval")
    except SyntaxError:
        raise FilterError(f"--filter: cannot read {expression!r}") from None


def _value(node, fields: dict, expression: str):
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool)):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in ("true", "false"):
            return node.id == "true"
        if node.id not in fields:
            raise FilterError(f"--filter: unknown field .{node.id} in {expression!r}")
        return fields[node.id]
    if isinstance(node, ast.List):
        return [_value(e, fields, expression) for e in node.elts]
    if isinstance(node, ast.BoolOp):
        values = (_value(v, fields, expression) for v in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _value(node.operand, fields, expression)
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left = _value(node.left, fields, expression)
        right = _value(node.comparators[0], fields, expression)
        op = type(node.ops[0])
        if op in (ast.In, ast.NotIn):
            found = left in right if isinstance(right, (list, str)) else False
            return found if op is ast.In else not found
        if op is ast.Eq:
            return left == right
        if op is ast.NotEq:
            return left != right
    raise FilterError(f"--filter: {ast.unparse(node)!r} is not allowed in {expression!r}")


def apply_filter(rules: dict, expression: str) -> dict:
    """The rules for which the expression holds."""
    tree = _compile(expression)
    return {name: rule for name, rule in rules.items() if _value(tree.body, _fields(rule), expression)}
