from collections.abc import Callable

from synopsis import Dossier
from synopsis.models import verify_spans
from synopsis.render.json import validate


def test_sample_builds_a_valid_dossier(sample: Callable[..., Dossier]) -> None:
    dossier = sample("entities")
    assert len(dossier.articles) == 5
    assert validate(dossier.to_dict()) == []
    assert verify_spans(dossier) == []
    assert Dossier.from_dict(dossier.to_dict()).to_dict() == dossier.to_dict()
