"""The OCDS 1.1 release package of a decision: what OCDS requires of a package and a release is
checked with jsonschema against a schema written here from the standard's documented rules (the
published schema file cannot be fetched on these machines); and what buyers publish it for, the
criteria weights and every bidder's scores beside the award, is checked by value."""

import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from api.models import TokenScope
from api.tokens import token_create
from reports import services
from tests.reports.conftest import PROFILES

TAGS = [
    "planning",
    "planningUpdate",
    "tender",
    "tenderAmendment",
    "tenderUpdate",
    "tenderCancellation",
    "award",
    "awardUpdate",
    "awardCancellation",
    "contract",
    "contractUpdate",
    "contractAmendment",
    "implementation",
    "implementationUpdate",
    "contractTermination",
    "compiled",
]
ORGANIZATION_REF = {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}}}
RELEASE_PACKAGE = {
    "type": "object",
    "required": ["uri", "publishedDate", "publisher", "releases", "version"],
    "properties": {
        "version": {"const": "1.1"},
        "publishedDate": {"type": "string", "format": "date-time"},
        "publisher": {"type": "object", "required": ["name"]},
        "releases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["ocid", "id", "date", "tag", "initiationType"],
                "properties": {
                    "ocid": {"type": "string", "pattern": "^ocds-[a-z0-9]{6}-"},
                    "tag": {"type": "array", "items": {"enum": TAGS}, "minItems": 1},
                    "initiationType": {"enum": ["tender"]},
                    "parties": {"type": "array", "items": {"type": "object", "required": ["id", "name", "roles"]}},
                    "buyer": ORGANIZATION_REF,
                    "tender": {
                        "type": "object",
                        "required": ["id"],
                        "properties": {
                            "status": {
                                "enum": [
                                    "planning",
                                    "planned",
                                    "active",
                                    "cancelled",
                                    "unsuccessful",
                                    "complete",
                                    "withdrawn",
                                ]
                            },
                            "awardCriteria": {"type": "string"},
                            "tenderers": {"type": "array", "items": ORGANIZATION_REF},
                        },
                    },
                    "awards": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id"],
                            "properties": {
                                "status": {"enum": ["pending", "active", "cancelled", "unsuccessful"]},
                                "suppliers": {"type": "array", "items": ORGANIZATION_REF},
                            },
                        },
                    },
                },
            },
        },
    },
}


@pytest.fixture
def decided(evaluated, paula, django_capture_on_commit_callbacks):
    chosen = [evaluated.vendors_by_name[n].pk for n in ("Harbor Premium Contact", "Vistula Nearshore CX")]
    services.shortlist_save(rfp=evaluated, by=paula, vendor_ids=chosen, rationale="Best on attrition and security.")
    with django_capture_on_commit_callbacks(execute=True):
        services.shortlist_publish(rfp=evaluated, by=paula)
    evaluated.refresh_from_db()
    return evaluated


def _package(rfp, tmp_path) -> dict:
    target = tmp_path / "release.json"
    call_command("export_ocds", rfp.reference, "-o", str(target))
    return json.loads(target.read_text())


def test_the_release_package_of_a_decision_has_what_ocds_requires(decided, tmp_path):
    package = _package(decided, tmp_path)
    jsonschema.validate(package, RELEASE_PACKAGE, format_checker=jsonschema.FormatChecker())
    release = package["releases"][0]
    assert release["ocid"] == f"ocds-shlist-{decided.reference}" and release["tag"] == ["award"]


def test_it_publishes_the_criteria_weights_every_bidders_scores_and_the_award(decided, tmp_path):
    release = _package(decided, tmp_path)["releases"][0]
    details = release["tender"]["awardCriteriaDetails"]
    for section in decided.sections.all():
        assert f"{section.title}: {float(section.weight):g}%" in details
    assert "lowest valid price" in details
    bids = {bid["tenderers"][0]["name"]: bid for bid in release["bids"]["details"]}
    assert set(bids) == set(PROFILES)
    snapshot = decided.shortlist.ranking_snapshot["vendors"]
    for row in snapshot:
        assert bids[row["vendor"]]["scores"]["total"] == row["total"]
        assert bids[row["vendor"]]["scores"]["sections"] == row["sections"]
        assert bids[row["vendor"]]["rank"] == row["rank"]
    assert bids["Atlas Multilingual Services"]["status"] == "disqualified"  # failed the PCI DSS knockout
    suppliers = {s["name"] for s in release["awards"][0]["suppliers"]}
    assert suppliers == {"Harbor Premium Contact", "Vistula Nearshore CX"}
    roles = {p["name"]: p["roles"] for p in release["parties"]}
    assert roles["Harbor Premium Contact"] == ["tenderer", "supplier"] and roles["Coral Coast Outsourcing"] == [
        "tenderer"
    ]


def test_before_the_decision_there_is_nothing_to_publish(evaluated, tmp_path):
    with pytest.raises(CommandError, match="has no published decision yet"):
        call_command("export_ocds", evaluated.reference, "-o", str(tmp_path / "x.json"))
    assert not (tmp_path / "x.json").exists()


def test_the_api_serves_the_same_package_to_the_results_readers(decided, dana, omar):
    _token, plain = token_create(user=dana, name="Open data portal", scope=TokenScope.READ, days=30)
    reply = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get(reverse("api:ocds", kwargs={"ref": decided.reference}))
    assert reply.status_code == 200
    jsonschema.validate(reply.json(), RELEASE_PACKAGE)
    assert reply.json()["uri"].endswith(f"/api/rfps/{decided.reference}/ocds/")
    _token, plain = token_create(user=omar, name="Mine", scope=TokenScope.READ, days=30)
    assert (
        Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
        .get(reverse("api:ocds", kwargs={"ref": decided.reference}))
        .status_code
        == 404
    )
