from collections.abc import Callable
from pathlib import Path

from synopsis import Dossier
from synopsis.models import verify_spans
from synopsis.render.json import validate


def test_sample_builds_a_valid_dossier(sample: Callable[..., Dossier]) -> None:
    dossier = sample("entities")
    assert len(dossier.articles) == 5
    assert validate(dossier.to_dict()) == []
    assert verify_spans(dossier) == []
    assert Dossier.from_dict(dossier.to_dict()).to_dict() == dossier.to_dict()


def test_the_python_api_takes_one_path_and_writes_files(tmp_path: Path) -> None:
    from synopsis import build_dossier, load_articles
    from synopsis.render import write_outputs

    from .conftest import SAMPLE

    loaded = load_articles(str(SAMPLE))
    assert len(loaded.articles) == 5 and not loaded.rejected
    assert "text" not in repr(loaded.articles[0]) and len(repr(loaded.articles[0])) < 200
    dossier = build_dossier(loaded, stages=["annotate", "entities"])
    assert repr(dossier).startswith("Dossier(5 articles, ") and len(repr(dossier)) < 200
    written = write_outputs(dossier, tmp_path / "out", ["json", "md"])
    assert sorted(p.name for p in written) == ["dossier.json", "dossier.md"]
