"""dossier.json, checked against the JSON Schema that ships in the package."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from ..models import Dossier


@functools.cache
def schema() -> dict[str, Any]:
    text = resources.files("synopsis").joinpath("dossier.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(data: dict[str, Any]) -> list[str]:
    """Schema violations of a dossier dict, as readable lines (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in validator.iter_errors(data)
    ]


def render_json(dossier: Dossier) -> str:
    return json.dumps(dossier.to_dict(), ensure_ascii=False, indent=2) + "\n"
