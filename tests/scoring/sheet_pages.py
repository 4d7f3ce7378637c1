"""Reading a whole section as an evaluator: the scoring page shows one question at a time."""


def whole_sheet(client, url: str):
    """The first page's response, its content replaced by every question page of the section
    (and every page of each) joined, so that a test can ask what the evaluator can see at all."""
    first = client.get(url, {"by": "question", "at": 1})
    if first.status_code != 200:
        return first
    sheet = first.context["sheet"]
    parts = []
    for position in range(1, sheet.positions + 1):
        page, pages = 1, 1
        while page <= pages:
            reply = client.get(url, {"by": "question", "at": position, "page": page})
            parts.append(reply.content.decode())
            pages = reply.context["sheet"].pages
            page += 1
    first.content = "\n".join(parts).encode()
    return first
