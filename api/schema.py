"""Schema post-processing: every operation documents the refusals it can give, with the body
DRF sends for them ({"detail": "..."}), so that a client (and the contract test) knows them."""

PROBLEM = {"$ref": "#/components/schemas/Problem"}
REFUSALS = {
    "401": "No token, or a token that is unknown, revoked or expired.",
    "403": "A read-only token used to write.",
    "404": "Nothing here that you may see: the same answer as the web pages give.",
    "429": "Too many calls: wait and try again.",
}


def add_refusals(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "Problem",
        {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]},
    )
    for path, operations in result.get("paths", {}).items():
        if not path.startswith("/api/") or path.startswith(("/api/schema", "/api/docs")):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in REFUSALS.items():
                responses.setdefault(
                    code, {"description": description, "content": {"application/json": {"schema": PROBLEM}}}
                )
            if "requestBody" in operation:
                responses.setdefault(
                    "400",
                    {"description": "A body the call does not accept.", "content": {"application/json": {}}},
                )
    return result
