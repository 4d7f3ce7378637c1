from tests.access.matrix import EVERYONE, Case

CASES = [
    Case("home", allowed=EVERYONE, expect={"get": 302}),  # to each role's own start page
    Case("accounts:login", public=True),
    Case("healthz", public=True),
    Case("accounts:logout", public=True, methods=("post",)),
    Case("accounts:password_change", allowed=EVERYONE),
    Case("accounts:password_change_done", allowed=EVERYONE),
    Case("accounts:password_reset", public=True, methods=("get", "post"), expect={"post": 200}),
    Case("accounts:password_reset_done", public=True),
    Case(
        "accounts:password_reset_confirm", kwargs=lambda world: {"uidb64": "MQ", "token": "no-such-token"}, public=True
    ),
    Case("accounts:password_reset_complete", public=True),
    Case("set_language", public=True, methods=("post",), data=lambda world: {"language": "he", "next": "/"}),
]
