"""The learned furniture classifier on the stories benchmark's check half, and the metadata lines a text opens with.

The classifier is trained on the tune half only (bench/train_furniture.py); here the check half is loaded
through ingest alone (no parse) and scored by the benchmark's own score.py, against the floors of the
``[ingest]`` section of tests/baseline.toml.
"""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from bench.story_split import STORIES, stories
from synopsis.config import Config
from synopsis.errors import ConfigError
from synopsis.ingest import load_articles
from synopsis.ingest.classifier import MODEL_FILE, load_model
from synopsis.ingest.furniture import clean, line_table
from synopsis.ingest.leading import date_stamp
from synopsis.ingest.lines import FEATURES, NEUTRAL_TOPIC, batch_counts, topic_blocks, topic_embedder
from synopsis.lang.shapes import has_finite_verb, label_lead, past_verbs

from .conftest import BASELINE
from .test_ingest import BODY

needs_stories = pytest.mark.skipif(
    not (STORIES / "score.py").is_file(),
    reason=f"the stories benchmark is missing ({STORIES}): put ../shared beside the repository to run this gate",
)


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stories_score", STORIES / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_stories
def test_check_half_furniture_meets_its_floors(config: Config) -> None:
    score = _score_module()
    removed = furniture = kept = body = 0
    for story in stories("check"):
        loaded = load_articles([story / "articles"], config=config)
        dossier = {"articles": [{"id": a.id, "source": a.source, "text": a.text} for a in loaded.articles]}
        figures = score.score_story(dossier, json.loads((story / "gold.json").read_text(encoding="utf-8")), story)
        removed += figures["furniture_removed"]
        furniture += figures["furniture"]
        kept += figures["body_kept"]
        body += figures["body"]
    floors = tomllib.loads(BASELINE.read_text(encoding="utf-8"))["ingest"]
    assert furniture and body
    assert removed / furniture >= floors["furniture_removed_check"], f"furniture removed {removed}/{furniture}"
    assert kept / body >= floors["body_kept_check"], f"body kept {kept}/{body}"


def test_every_line_gets_one_value_per_feature() -> None:
    page = f"Bridge closes\nBy Ana Ruiz\n{BODY}Share this article\n"
    table = line_table(page, batch_counts([page, BODY]))
    assert len(table.lines) == len(table.features) == 6
    assert all(len(row) == len(FEATURES) for row in table.features)
    assert all(0.0 <= load_model().probability(row) <= 1.0 for row in table.features)


def test_a_model_for_other_features_is_refused(tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    stale = tmp_path / "model.json"
    stale.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="train_furniture"):
        load_model(stale)


def test_leading_url_and_date_lines_become_metadata(tmp_path: Path, config: Config) -> None:
    url = "https://www.reuters.com/world/europe/harbour-bridge-closes-2025-03-01/"
    (tmp_path / "bridge.txt").write_text(f"{url}\nHarbour bridge to close\nMarch 1, 2025, 14:05 (AP)\n{BODY}",
                                         encoding="utf-8")
    (tmp_path / "wire.txt").write_text(f"Saturday, March 1, 2025 (AFP)\nHarbour bridge to close\n{BODY}",
                                       encoding="utf-8")
    loaded = load_articles([tmp_path], config=config)
    by_name = {Path(a.source).name: a for a in loaded.articles}
    bridge, wire = by_name["bridge.txt"], by_name["wire.txt"]
    assert (bridge.url, bridge.outlet, bridge.published, bridge.published_source) == (
        url, "Reuters", "2025-03-01", "text")
    assert url not in bridge.text and "14:05" not in bridge.text
    assert bridge.text.startswith("Harbour bridge to close\n") and bridge.title == "Harbour bridge to close"
    assert {(r.text, r.reason) for r in bridge.removed} >= {(url, "url_line"),
                                                            ("March 1, 2025, 14:05 (AP)", "date_line")}
    # no URL: the agency the date stamp credits names the outlet
    assert (wire.url, wire.outlet, wire.published) == (None, "AFP", "2025-03-01")
    assert loaded.warnings == ()


def test_date_stamps_and_sentences_with_dates() -> None:
    assert date_stamp("31 May 2025, 21:59 | Updated: 31 May 2025, 22:07") == ("2025-05-31", None)
    assert date_stamp("Posted Jun 25, 2025 10:35 AM CDT") == ("2025-06-25", None)
    assert date_stamp("- Tue, 29 Apr 2025 08:05 AM (IST)") == ("2025-04-29", None)
    assert date_stamp("March 1, 2025, 14:05 (Reuters)") == ("2025-03-01", "Reuters")
    assert date_stamp("The vote was held on May 8, 2025.") is None  # a sentence, not a stamp
    assert date_stamp("Vatican City, May 8 (EFE).-") is None  # no year: no full date
    assert date_stamp("Anadolu Staff | 07.05.2025") is None


def test_outlet_falling_back_to_the_file_name_is_warned(tmp_path: Path, config: Config) -> None:
    (tmp_path / "story_one.txt").write_text(f"Harbour bridge to close\n{BODY}", encoding="utf-8")
    loaded = load_articles([tmp_path], config=config)
    (article,) = loaded.articles
    assert article.outlet == "story one"
    (warning,) = loaded.warnings
    assert "story_one.txt" in warning and "sources.csv" in warning and "--outlet" in warning
    named = load_articles([tmp_path], config=config, outlet="Harbour Gazette")
    assert named.articles[0].outlet == "Harbour Gazette" and named.warnings == ()
    (tmp_path / "sources.csv").write_text("file,outlet\nstory_one.txt,Harbour Gazette\n", encoding="utf-8")
    assert load_articles([tmp_path], config=config).warnings == ()


def test_outlet_from_a_subdomain_a_masthead_or_a_dateline_credit(tmp_path: Path, config: Config) -> None:
    # a host under a listed domain, given as a bare URL line and a date line without weekday
    (tmp_path / "a.txt").write_text(f"https://edition.cnn.com/2025/03/01/world/bridge\n1 March 2025\n"
                                    f"Harbour bridge to close\n{BODY}", encoding="utf-8")
    # no URL: a masthead line the page opens with, glued to its date as scrapes print it
    (tmp_path / "b.txt").write_text(f"Al Jazeera01-03-2025\nHarbour bridge shut for repairs\n{BODY}", encoding="utf-8")
    # neither: the agency the dateline credits
    (tmp_path / "c.txt").write_text(f"Council votes to close bridge\nHARBOURTON (AP) — {BODY}", encoding="utf-8")
    loaded = load_articles([tmp_path], config=config)
    found = {Path(a.source).name: (a.outlet, a.published) for a in loaded.articles}
    assert found == {"a.txt": ("CNN", "2025-03-01"), "b.txt": ("Al Jazeera", None), "c.txt": ("AP", None)}
    assert loaded.warnings == ()
    b = next(a for a in loaded.articles if a.source.endswith("b.txt"))
    assert "Al Jazeera" not in b.text and b.title == "Harbour bridge shut for repairs"


def test_a_byline_goes_wherever_it_stands(config: Config) -> None:
    # a by-line between paragraphs (below a photo, in a live page) is no body text; "By Tuesday, ..." is
    sentence = "By Tuesday, the council said, the work would start."
    page = f"Harbour bridge to close\n{BODY}By Ana Ruiz and Tom Lee\n{sentence}\n{BODY}"
    hard = config.get("ingest", "furniture_hard_rules")
    cleaned = clean(page, config.get("ingest", "furniture_threshold"), hard_rules=hard)
    assert ("By Ana Ruiz and Tom Lee", "byline") in {(r.text, r.reason) for r in cleaned.removed}
    assert sentence in cleaned.text


def test_a_page_scored_at_once_equals_each_line_scored_alone() -> None:
    from synopsis.ingest.classifier import load_model
    from synopsis.ingest.furniture import line_table

    from .conftest import SAMPLE

    model = load_model()
    for path in sorted(SAMPLE.iterdir())[:2]:
        rows = line_table(path.read_text(encoding="utf-8")).features
        assert list(model.probabilities(rows)) == [model.probability(row) for row in rows]


def test_sentence_and_label_shapes() -> None:
    assert has_finite_verb("The council said the bridge would close for repairs.")
    assert not has_finite_verb("Harbour workers inspecting the bridge cables at dawn")
    assert past_verbs("The mayor closed the bridge and said it was unsafe.") == 3
    assert past_verbs("The mayor speaks to workers at the harbour") == 0
    assert label_lead("Read also: Bridge repairs across the region fall behind") == ["read", "also"]
    assert label_lead("Bridge repairs across the region fall behind") == []


def test_a_list_under_a_label_and_a_caption_the_body_repeats_are_seen() -> None:
    caption = "Workers closed the harbour bridge on Monday after cracks were found"
    page = (f"Harbour bridge to close\n{caption}\n{BODY}{caption}, the council said.\nRelated stories\n"
            "Ferry timetable changes for the winter\nNew cycle lanes open along the river\n")
    table = line_table(page)
    feature = {name: k for k, name in enumerate(FEATURES)}
    rows = dict(zip(table.lines, table.features, strict=True))
    assert rows[caption][feature["copy_later"]] == 1.0
    assert rows[f"{caption}, the council said."][feature["copy_later"]] == 0.0
    assert rows["New cycle lanes open along the river"][feature["under_label"]] == 1.0
    assert rows["Related stories"][feature["under_label"]] == 0.0
    assert all(row[feature["under_label"]] == 0.0 for line, row in rows.items() if line in BODY)


def test_an_editors_note_and_an_agency_credit_go_wherever_they_stand(config: Config) -> None:
    note = "Editor's note: This story was updated with the council's vote."
    credit = "(Reporting by Ana Ruiz; editing by Tom Lee)"
    sentence = "The plan has been updated twice since March, officials said."
    page = f"Harbour bridge to close\n{BODY}{note}\n{sentence}\n{credit}\n{BODY}"
    hard = config.get("ingest", "furniture_hard_rules")
    cleaned = clean(page, config.get("ingest", "furniture_threshold"), hard_rules=hard)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons[note] == "editor_note" and reasons[credit] == "credit_line"
    assert sentence in cleaned.text


def test_reader_facing_chrome_goes_wherever_it_stands(config: Config) -> None:
    # scraped controls that lost their spaces, a reader's comment stamp, the outlet's call to its readers, a
    # caption closing on its photo credit, labelled by-lines; dates, ages, sign-ups, brackets and reporters in the
    # article's own sentences stay
    glued = ["Harbour News March 3, 2025Updated 10:47", "February 6, 2025 10:47PMCouncil Votes", "CityMarch 3, 2025"]
    stamps = ["Jane Doe · 2 hours ago", "3 days ago"]
    promos = ["Get harbour news sent to your inbox each day: sign up for our morning newsletter.",
              "More to follow on the harbour. Please check back soon."]
    captions = ["Workers inspect the cracked support of the harbour bridge (Ana Ruiz/Harbour Times)",
                "The mayor speaks to residents on Monday. (Photo by Tom Lee)"]
    bylines = ["Author: Ana Ruiz", "Tom Lee reports from Harbourton"]
    sentences = ["The council met on March 3, 2025. It voted at 10:47 on the plan.",
                 "Work began 3 years ago.", "Supporters of #Harbour2025 marched on Monday.",
                 "Residents can sign up for text alerts about the closure, the council said.",
                 "The ferry now sails day and night (24/7) until the bridge reopens.",
                 "The work was approved by the council (AP).", "The reporter who broke the story was thanked."]
    page = "\n".join(["Harbour bridge to close", *bylines, *captions, BODY, *glued, *sentences, *stamps, BODY, *promos])
    hard = config.get("ingest", "furniture_hard_rules")
    cleaned = clean(page, config.get("ingest", "furniture_threshold"), hard_rules=hard)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert all(reasons.get(line) == "glued_date" for line in glued), reasons
    assert all(reasons.get(line) == "comment_stamp" for line in stamps), reasons
    assert all(reasons.get(line) == "reader_promo" for line in promos), reasons
    assert all(reasons.get(line) == "photo_caption" for line in captions), reasons
    assert all(reasons.get(line) == "byline_label" for line in bylines), reasons
    assert all(line in cleaned.text for line in sentences)


#: Lines about the same story as ``BODY`` and about others, as a page shows them under "Most read".
ON_TOPIC = "Harbour bridge repairs to start before the winter storms"
OFF_TOPIC = ("Champions League final ends in penalty shoot-out", "Celebrity chef opens new restaurant in Paris")


def _topic(row: list[float]) -> tuple[float, float]:
    return row[FEATURES.index("topic_page")], row[FEATURES.index("topic_batch")]


def _block(row: list[float]) -> tuple[float, float]:
    return row[FEATURES.index("topic_near")], row[FEATURES.index("topic_run")]


def test_block_topic_averages_a_run_of_non_body_lines_and_a_window() -> None:
    # body, body, one off-topic line between body lines, body, then three off-topic lines closing the page
    page = [0.8, 0.7, 0.1, 0.9, 0.2, 0.3, 0.1]
    prose = [True, True, False, True, False, False, False]
    runs = [(0, 2), (0, 2), (2, 3), (3, 4), (4, 7), (4, 7), (4, 7)]
    near, run = zip(*topic_blocks([(score, 0.5) for score in page], runs, prose), strict=True)
    assert run == pytest.approx([0.8, 0.7, 0.1, 0.9, 0.2, 0.2, 0.2])
    assert near[0] == pytest.approx((0.8 + 0.7 + 0.1) / 3) and near[3] == pytest.approx(sum(page[1:6]) / 5)
    assert near[6] == pytest.approx((0.2 + 0.3 + 0.1) / 3)


def test_a_block_of_other_stories_headlines_is_off_the_topic_together(config: Config) -> None:
    embedder = topic_embedder(config)
    if embedder is None:
        pytest.skip("the embedding model is not installed: the topic features stay neutral")
    single = "Central bank holds interest rates steady"
    closing = "The mayor said the repairs would be paid for from the city's reserves this year.\n"
    listing = "\n".join((*OFF_TOPIC, "Film festival names its jury"))
    page = f"{BODY}{ON_TOPIC}\n{single}\n{closing}Related\n{listing}\n"
    table = line_table(page, batch_counts([page, BODY], embedder))
    block = {line: _block(row) for line, row in zip(table.lines, table.features, strict=True)}
    listed = [block[line][1] for line in table.lines[-3:]]
    # the off-topic line among body lines shares its run with an on-topic subhead; the closing list is off alone
    assert max(listed) + 0.1 < block[single][1], (listed, block[single])
    assert block[table.lines[-1]][0] + 0.2 < block[table.lines[0]][0], block


def test_headlines_of_other_stories_are_further_from_the_topic(config: Config) -> None:
    embedder = topic_embedder(config)
    if embedder is None:
        pytest.skip("the embedding model is not installed: the topic features stay neutral")
    page = f"{BODY}{ON_TOPIC}\n" + "\n".join(OFF_TOPIC) + "\n"
    other = "Engineers said the cracked supports of the old harbour bridge could be repaired within six months.\n"
    table = line_table(page, batch_counts([page, other], embedder))
    topic = {line: _topic(row) for line, row in zip(table.lines, table.features, strict=True)}
    for off in OFF_TOPIC:
        assert topic[ON_TOPIC][0] > topic[off][0] + 0.2, (topic[ON_TOPIC], topic[off])
        assert topic[ON_TOPIC][1] > topic[off][1] + 0.2, (topic[ON_TOPIC], topic[off])
    assert all(-1.0 <= value < 1.0 for pair in topic.values() for value in pair)


def test_topic_features_are_neutral_without_an_embedder(tmp_path: Path, config: Config) -> None:
    assert topic_embedder(config.with_values(ingest__furniture_topic=False)) is None
    page = f"{BODY}" + "\n".join(OFF_TOPIC) + "\n"
    table = line_table(page, batch_counts([page, BODY]))
    assert [_topic(row) for row in table.features] == [NEUTRAL_TOPIC] * len(table.lines)
    assert [_block(row) for row in table.features] == [NEUTRAL_TOPIC] * len(table.lines)
    assert clean(page, 0.74, batch=batch_counts([page, BODY])).text.startswith(BODY.split("\n")[0])
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    loaded = load_articles([tmp_path], config=config.with_values(ingest__furniture_topic=False))
    assert loaded.articles and loaded.articles[0].text.startswith(BODY.split("\n")[0])
