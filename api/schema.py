"""Schema post-processing: every operation documents the refusals it can give, with the body
DRF sends for them ({"detail": "..."}), so that a client (and the contract test) knows them."""

PROBLEM = {"$ref": "#/components/schemas/Problem"}
REFUSALS = {
    "401": "No token, or a token that is unknown, revoked or expired.",
    "403": "A read-only token used to write.",
    "404": "Nothing here that you may see: the same answer as the web pages give.",
    "406": "An Accept header that rules out JSON.",
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
            # The site refuses a NUL character in an address before any view (config/middleware.py),
            # with its plain 400 page; a body the call does not accept is a 400 with a problem.
            refused = responses.setdefault("400", {"description": "A request the call does not accept."})
            refused.setdefault("content", {}).setdefault("application/json", {"schema": PROBLEM})
            refused["content"].setdefault("text/html", {"schema": {"type": "string"}})
            if "requestBody" in operation:
                responses.setdefault(
                    "415",
                    {
                        "description": "A body in another format than the call reads.",
                        "content": {"application/json": {"schema": PROBLEM}},
                    },
                )
    return result
