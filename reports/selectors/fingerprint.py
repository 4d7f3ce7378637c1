"""What a report of an RFP is made from, in one short string: a finished report is reused until
something it shows changes (a score, a consensus, an answer, a bid, a weight, the shortlist, the
evaluation settings, the make-or-buy study or a best-and-final round). Eight small aggregate
queries, whatever the size."""

import hashlib
import json

from django.db.models import Count, Max

from negotiation.models import Round
from rfp.models import RFP, Section
from scoring.models import Consensus, EvaluationSettings, Score
from sourcing.models import Assessment
from vendors.models import Answer, Response

# Raised when the report's layout or content changes, so that reports made before are not reused.
REPORT_FORMAT = 2


def report_fingerprint(rfp: RFP, **params) -> str:
    parts = {
        "format": REPORT_FORMAT,
        "params": params,
        "rfp": [rfp.pk, rfp.status, str(rfp.technical_pass_mark)],
        "scores": Score.objects.filter(answer__response__rfp=rfp).aggregate(
            n=Count("id"), at=Max("updated_at"), sub=Max("submitted_at")
        ),
        "consensus": Consensus.objects.filter(answer__response__rfp=rfp).aggregate(n=Count("id"), at=Max("set_at")),
        "answers": Answer.objects.filter(response__rfp=rfp).aggregate(n=Count("id"), at=Max("updated_at")),
        "bids": Response.objects.filter(rfp=rfp).aggregate(n=Count("id"), at=Max("updated_at")),
        "sections": list(Section.objects.filter(rfp=rfp).order_by("id").values_list("id", "weight", "title")),
        "settings": list(EvaluationSettings.objects.filter(rfp=rfp).values()),
        "shortlist": [getattr(getattr(rfp, "shortlist", None), "updated_at", None)],
        "sourcing": list(Assessment.objects.filter(rfp=rfp).values_list("updated_at", flat=True)),
        "rounds": list(Round.objects.filter(rfp=rfp).order_by("number").values_list("number", "closed_at")),
    }
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
