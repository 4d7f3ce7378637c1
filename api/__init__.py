"""The REST API: personal tokens, the same access rules as the web pages, an OpenAPI 3 schema."""
