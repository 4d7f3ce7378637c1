from django.utils import timezone


class UserTimezoneMiddleware:
    """Shows every date in the signed-in user's own time zone; deadlines stay stored in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.timezone:
            timezone.activate(user.timezone)
        else:
            timezone.deactivate()
        return self.get_response(request)
