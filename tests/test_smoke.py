from synopsis import Dossier
from synopsis.models import verify_spans
from synopsis.render.json import validate


def test_sample_builds_a_valid_dossier(sample_dossier: Dossier) -> None:
    assert len(sample_dossier.articles) == 5
    assert validate(sample_dossier.to_dict()) == []
    assert verify_spans(sample_dossier) == []
    assert Dossier.from_dict(sample_dossier.to_dict()).to_dict() == sample_dossier.to_dict()
