"""Export the catalog models as JSON Schema files for editors."""

from __future__ import annotations

import json
from pathlib import Path

from preploop.model import SCHEMAS

SCHEMA_DIR = "schema"


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, one per kind of catalog file."""
    documents = {}
    for kind, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{model.__name__} ({kind} file under companies/)"
        documents[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    return documents


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
