import factory

from sourcing.models import Assessment
from tests.factories import UserFactory


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A permanent, medium-complexity center of 40 seats with free space for all of them."""

    class Meta:
        model = Assessment

    owner = factory.SubFactory(UserFactory)
    title = "Make or buy: customer service"
    seats = 40
    free_space_seats = 40
    complexity = "medium"
    knowledge = "moderate"
    rhythm = "permanent"
