"""Quality gate on the stories benchmark: every story built once, scored by the benchmark's own score.py.

The 28 stories (tune and check halves of bench/story_split.py) are built once per session by
bench/stories_eval.py, with parses kept in pytest's cache folder so a second run skips spaCy; each half's
micro figures must stay at or above the floors of the ``[stories]`` section of tests/baseline.toml.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bench.story_split import STORIES, stories
from tests.conftest import BASELINE

pytestmark = pytest.mark.skipif(
    not (STORIES / "score.py").is_file(),
    reason=f"the stories benchmark is missing ({STORIES}): put ../shared beside the repository to run this gate",
)

FLOORS: dict[str, Any] = tomllib.loads(BASELINE.read_text(encoding="utf-8")).get("stories", {})
FIGURES = ("found", "precision", "aliases", "quotes", "furniture", "body")


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Any]]:
    """Every story built once: the folder of their dossiers, and their scores."""
    from bench.stories_eval import evaluate, make_context

    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    folder: Path = cache.mkdir("synopsis-parse-cache") if cache else tmp_path_factory.mktemp("parse-cache")
    out = tmp_path_factory.mktemp("stories")
    return out, evaluate(stories(), make_context(folder), out_root=out)


@pytest.fixture(scope="module")
def summary(built: tuple[Path, list[Any]]) -> dict[str, dict[str, Any]]:
    from bench.stories_eval import summarise

    return summarise(built[1])


def test_both_halves_are_built(summary: dict[str, dict[str, Any]]) -> None:
    assert summary["tune"]["stories"] == len(stories("tune")) > 0
    assert summary["check"]["stories"] == len(stories("check")) > 0
    assert summary["all"]["totals"]["planted"] > 0 and summary["all"]["totals"]["body"] > 0


@pytest.mark.parametrize("which", ["tune", "check"])
@pytest.mark.parametrize("figure", FIGURES)
def test_figure_holds_its_floor(summary: dict[str, dict[str, Any]], which: str, figure: str) -> None:
    floor = FLOORS[f"{which}_{figure}"]
    measured = summary[which]["micro"][figure]
    assert measured is not None and measured >= floor, (
        f"{which} {figure} {measured} < floor {floor}; run bench/stories_eval.py --half {which} for the details"
    )


@pytest.mark.parametrize("which", ["tune", "check"])
def test_distinct_entities_stay_apart(summary: dict[str, dict[str, Any]], which: str) -> None:
    ceiling = FLOORS[f"{which}_max_false_merges"]
    assert summary[which]["false_merges"] <= ceiling, (
        f"{summary[which]['false_merges']} distinct pairs merged in {which} (at most {ceiling}); "
        f"bench/stories_eval.py --half {which} and score.py -v name them"
    )


@pytest.mark.parametrize("which", ["tune", "check"])
def test_judged_speakers_hold_their_floor(built: tuple[Path, list[Any]], which: str) -> None:
    """Speakers of judged quotes (100 on tune, 60 on check), judged by reading (bench/data/speakers_<half>.json)."""
    from bench.speakers_judged import GOLD, TUNE_GOLD, score

    good, total, misses = score(built[0], TUNE_GOLD if which == "tune" else GOLD)
    floor = FLOORS[f"{which}_speakers"]
    assert total > 0 and good / total >= floor, f"{which} speakers {good}/{total} < floor {floor}: {misses[:5]}"
