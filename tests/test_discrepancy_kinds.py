"""Typed discrepancies on two short stories written for these tests, told by three outlets each.

The sample story has no office clash, magnitude, damage figure, vote share, ranked event,
reported denial or two first names for one office holder, so these stories check
that the general mechanisms find them: what each outlet says differently must come out as a
discrepancy of the right kind, and figures that agree within their wording ("at least 34"
against "41", "about 5,000" against "nearly 5,000") must not. The text is invented here; it
describes no real event.

Every story is built keeping all the discrepancies found (``[claims] all_discrepancies``): what the finders must
find is read from ``found(name)``; what a report shows by default (``[claims] min_confidence``) from
``story(name)``, and figures that do not contradict must stay out of it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from synopsis import Discrepancy, Dossier, load_articles
from synopsis.claims.offices import military_rank
from synopsis.config import Config
from synopsis.context import Context
from synopsis.pipeline import Pipeline
from tests.conftest import checked, shared_context

FIRE = {
    "courier.txt": (
        "Factory fire in Northfield kills 12 workers\n\n"
        "A fire tore through a textile factory in Northfield on Tuesday, killing 12 workers and injuring 40 "
        "others, city officials said.\n\n"
        "The blaze started in a storage room shortly after 9 a.m. and burned for six hours before about 80 "
        "firefighters brought it under control, fire chief Maria Lopez told reporters.\n\n"
        "Mayor Daniel Okafor said the factory had failed two safety inspections last year.\n\n"
        "Damage was estimated at $3 million."
    ),
    "post.txt": (
        "Deadly blaze at Northfield textile plant\n\n"
        "Firefighters battled the flames at the Northfield textile plant for nine hours on Tuesday. Fire chief "
        "Carla Lopez said about 80 firefighters had been deployed to the site.\n\n"
        "Governor Daniel Okafor said the plant had failed two safety inspections in the past year and called "
        "the deaths preventable.\n\n"
        "The company put the damage at $5 million. Forty people were injured, according to the hospital."
    ),
    "ledger.txt": (
        "Northfield factory fire: what we know\n\n"
        "A fire at a textile factory in Northfield on Tuesday killed 12 workers, according to city officials.\n\n"
        "The fire burned for about six hours. Some 80 firefighters fought the blaze, the fire service said.\n\n"
        "Mayor Daniel Okafor has said the factory failed two safety inspections last year."
    ),
}
QUAKE = {
    "herald.txt": (
        "Strong earthquake strikes coastal province\n\n"
        "A magnitude 6.8 earthquake struck the coastal province of Varna Bay early on Sunday, killing at least "
        "34 people and destroying hundreds of homes, the national disaster agency said.\n\n"
        "More than 200 people were injured.\n\n"
        "Prime Minister Elena Sora visited the worst-hit town of Kelm on Sunday and promised $50 million in "
        "emergency aid. Officials said about 5,000 people had been moved to temporary shelters."
    ),
    "times.txt": (
        "Death toll rises to 41 after quake in Varna Bay\n\n"
        "The death toll from the earthquake in Varna Bay has risen to 41, emergency officials said, as "
        "rescuers searched the rubble for survivors.\n\n"
        "The magnitude 6.4 quake struck shortly after 4 a.m. Around 250 people were injured.\n\n"
        "President Elena Sora travelled to Kelm, the town worst hit by the quake, and pledged $75 million in "
        "emergency aid. Nearly 5,000 residents spent the night in temporary shelters."
    ),
    "meridian.txt": (
        "Rescuers race to reach cut-off villages\n\n"
        "Rescuers were still trying to reach mountain villages cut off by landslides after a magnitude 6.8 "
        "earthquake struck Varna Bay on Sunday.\n\n"
        "Prime Minister Elena Sora, who visited the town of Kelm, said the government would release $50 "
        "million in emergency funds. Some 5,000 people have been moved to temporary shelters, officials said."
    ),
}

REFERENDUM = {
    "standard.txt": (
        "Voters back new constitution in referendum\n\n"
        "Voters in Eldoria approved a new constitution in a referendum on Sunday, with 62 percent voting in "
        "favour, the electoral commission said on Monday.\n\n"
        "The new charter limits presidents to two five-year terms and creates a second chamber of parliament.\n\n"
        "Opposition leader Marta Lind said her party would not challenge the result in court.\n\n"
        "It was the country's third referendum since independence in 1991."
    ),
    "tribune.txt": (
        "Eldoria referendum passes\n\n"
        "Eldorians voted on Sunday to adopt a new constitution, with 58 percent of voters backing the change, "
        "according to official results released on Tuesday.\n\n"
        "Opposition leader Marta Lind said her party would challenge the result in the constitutional court, "
        "citing irregularities.\n\n"
        "It was the second referendum held since independence in 1991."
    ),
    "observer.txt": (
        "Eldoria adopts new constitution\n\n"
        "A new constitution was approved by 62 percent of voters in Sunday's referendum in Eldoria, the "
        "electoral commission announced.\n\n"
        "The charter caps presidential rule at two five-year terms and sets up a second chamber.\n\n"
        "Opposition leader Marta Lind conceded defeat and said her party would not go to court.\n\n"
        "The vote was the third referendum since the country won independence in 1991."
    ),
}
STRIKE = {
    "wire.txt": (
        "Airline strike grounds hundreds of flights\n\n"
        "Pilots at Skyway Airlines walked out on Friday, forcing the carrier to cancel 420 flights, the company "
        "said.\n\n"
        "The pilots' union, which represents 3,200 pilots, is demanding a 15 percent pay rise over three years.\n\n"
        "Talks between the union and management broke down on Wednesday after 11 hours of negotiations.\n\n"
        "A second round of mediated talks is scheduled for March 12."
    ),
    "daily.txt": (
        "Skyway pilots strike\n\n"
        "Skyway Airlines cancelled 380 flights on Friday as pilots began a strike over pay, according to the "
        "airline.\n\n"
        "The union, which represents about 3,200 pilots, wants a 15 percent raise spread over three years.\n\n"
        "Negotiations collapsed on Thursday after eight hours of talks, union spokesman Leo Grant said.\n\n"
        "Mediated talks are due to resume on March 14, both sides said."
    ),
    "ledger.txt": (
        "Pilots' walkout hits Skyway travellers\n\n"
        "Skyway Airlines said it had cancelled 420 flights after its pilots went on strike on Friday.\n\n"
        "The pilots want a 20 percent pay rise, the union said.\n\n"
        "Talks broke down on Wednesday after 11 hours.\n\n"
        "Mediators will bring both sides back to the table on March 12."
    ),
}
#: Figures that look alike but measure different things: nothing here contradicts anything.
PRICES = {
    "times.txt": (
        "Inflation climbs to 3.2 percent\n\n"
        "Consumer prices in Norland rose 3.2 percent in March from a year earlier, up from 2.9 percent in "
        "February, the national statistics office said on Tuesday.\n\n"
        "Core inflation, which excludes food and energy, held steady at 2.8 percent.\n\n"
        "Fuel prices rose 7 percent over the month, the biggest monthly increase in two years."
    ),
    "ledger.txt": (
        "Norland inflation rises more than expected\n\n"
        "Annual inflation in Norland accelerated to 3.2 percent in March, the statistics office reported on "
        "Tuesday, higher than the 3.1 percent forecast by analysts in a survey by the newspaper.\n\n"
        "Prices excluding food and energy rose 2.8 percent, unchanged from the previous month.\n\n"
        "Fuel costs jumped 7 percent in March alone."
    ),
    "courier.txt": (
        "Fuel drives Norland inflation higher\n\n"
        "Inflation in Norland rose to 3.2 percent in March, according to official figures, as fuel prices "
        "surged.\n\n"
        "Fuel was 7 percent more expensive than in February. Over the past year, fuel prices have risen 12 "
        "percent.\n\n"
        "Core inflation remained at 2.8 percent."
    ),
}
#: A sentencing told alike by three outlets, with figures that differ in form only or measure other things.
SENTENCING = {
    "gazette.txt": (
        "Former mayor jailed for four years\n\n"
        "Former Dunmore Falls mayor Ellen Prask was sentenced to four years in prison on Monday.\n\n"
        "Prosecutors had asked for six years. The jury deliberated for about 90 minutes.\n\n"
        "Prask received payments of $8,000 a month from the firm. Outgoing council leader Pieter Dahl said the "
        "city would review its contracts.\n\n"
        "The council won seven of the twelve seats it contested in 2021. Her margin in the last election fell to "
        "187 votes."
    ),
    "wire.txt": (
        "Prask jailed over contracts scheme\n\n"
        "Ellen Prask, the former mayor of Dunmore Falls, was jailed for four years on Monday after a jury "
        "deliberated for an hour and a half.\n\n"
        "The judge imposed a term two years below the six years prosecutors had sought.\n\n"
        "The firm paid her $96,000 a year. Former council leader Pieter Dahl said the city would review its "
        "contracts.\n\n"
        "The council won 7 seats in 2021.\n\n"
        "Prask, 67, led the city for six years. Her margin in the last election fell from 212 to 187 votes. "
        "Her lawyer won 19 criminal cases last year."
    ),
    "herald.txt": (
        "Dunmore Falls ex-mayor sentenced\n\n"
        "A judge on Monday sentenced Ellen Prask, a former mayor of Dunmore Falls, to four years behind bars.\n\n"
        "The firm paid her $8,000 every month, according to evidence presented at trial.\n\n"
        "\"These payments never stopped,\" the judge said.\n\n"
        "Prask, a 67-year-old grandmother, served as mayor for six years. Her appeal hearing will last two "
        "days; buses to the court run every 30 minutes. Her lawyer won 27 cases last year."
    ),
}
#: A takeover with a denial against an admission, two portfolios for one minister and an agreed count.
TAKEOVER = {
    "daily.txt": (
        "Corvane agrees to buy Halden Dairy\n\n"
        "Corvane Foods and Halden Dairy agreed on Thursday to merge their 40 plants into one group.\n\n"
        "Corvane denied that it planned job cuts at Halden's processing plants.\n\n"
        "Interior Minister Halvard Brenn said the government would not block the deal.\n\n"
        "\"These farmers never stopped believing in the valley,\" Brenn said.\n\n"
        "Chief financial officer Darius Menke said the merger would cost about $85 million and would save $240 "
        "million a year."
    ),
    "times.txt": (
        "Halden accepts Corvane takeover\n\n"
        "Corvane Foods and Halden Dairy agreed on Thursday to merge their 45 plants into one group.\n\n"
        "Corvane admitted that it planned job cuts at Halden's processing plants.\n\n"
        "Defence Minister Halvard Brenn said the government would not block the deal, saying the farmers "
        "\"never stopped believing in the valley\".\n\n"
        "Darius Menke, the company's chief operating officer, put the cost of the merger at $58 million and said "
        "it would save $240 million a year."
    ),
    "ledger.txt": (
        "Corvane and Halden to merge\n\n"
        "Corvane Foods and Halden Dairy on Thursday agreed to merge their 40 plants.\n\n"
        "Corvane denied that it planned job cuts at Halden's plants.\n\n"
        "Interior Minister Halvard Brenn said the government would not stand in the way of the deal.\n\n"
        "Chief financial officer Darius Menke said the merger would cost $85 million."
    ),
}
#: A vote told alike: a tally against its margin, a quote against a paraphrase holding part of it, the day a
#: budget passed against the day it takes effect, and the day a statement was made.
BUDGET = {
    "herald.txt": (
        "Council approves budget\n\n"
        "The city council approved the budget on 14 August, with 29 votes in favour and 12 against.\n\n"
        "\"This budget keeps buses running and asks every household for a little more,\" said Mayor Ilse Varga. "
        "\"I think that is a fair bargain.\"\n\n"
        "The budget takes effect on 1 January, the mayor's office said on Friday."
    ),
    "daily.txt": (
        "Budget clears council\n\n"
        "The city council passed the budget by a margin of 17 votes on 14 August.\n\n"
        "Mayor Ilse Varga said the budget \"asks every household for a little more\" in return for better "
        "services.\n\n"
        "The new budget will take effect on 1 January, officials said on Monday."
    ),
    "times.txt": (
        "City budget passes\n\n"
        "Councillors approved the city's spending plans for next year on 14 August by 29 votes to 12.\n\n"
        "The mayor's office said on Friday that the budget takes effect on 1 January."
    ),
}
#: A toll that rose: the texts date the two figures a day apart.
TOLL = {
    "wire.txt": (
        "Floods kill 11 in river valley\n\n"
        "Floods in the Arden valley killed 11 people by Friday evening, the regional governor said.\n\n"
        "Rescuers were searching for dozens of residents still missing, and hundreds of families spent the night "
        "in schools and churches."
    ),
    "daily.txt": (
        "Flood toll climbs\n\n"
        "The death toll from the Arden valley floods rose to 16 on Saturday, the regional governor said.\n\n"
        "Rescue teams worked through the night to reach villages cut off by the water, and the army sent boats "
        "and helicopters to the worst-hit towns."
    ),
    "post.txt": (
        "Arden valley floods\n\n"
        "Sixteen people have died in the Arden valley floods so far, officials said on Saturday.\n\n"
        "The river burst its banks on Thursday after three days of heavy rain, flooding farms, roads and the "
        "centre of the market town."
    ),
}
#: One storm told by three outlets that put a village in opposite corners of a country and give an army spokesman
#: two grades (one outlet uses both, another the bare rank).
STORM = {
    "gazette.txt": (
        "Storm floods Norwegian fishing village\n\n"
        "A storm flooded Lysvik, a fishing village in northeast Norway, on Saturday, forcing 300 residents from "
        "their homes.\n\n"
        "The army had sent 200 soldiers to the village, said Major General Tomas Wendt, an army spokesman. "
        "General Wendt later said the army would stay for a week. Lieutenant General Tomas Wendt thanked the "
        "volunteers."
    ),
    "observer.txt": (
        "Deadly storm hits Lysvik\n\n"
        "A storm flooded Lysvik, a fishing village in the northwestern part of Norway, on Saturday, forcing 300 "
        "residents from their homes.\n\n"
        "Lieutenant General Tomas Wendt, an army spokesman, said 200 soldiers had been sent to the village."
    ),
    "courier.txt": (
        "Soldiers sent to flooded village\n\n"
        "About 200 soldiers were sent to Lysvik after a storm flooded the village on Saturday, army spokesman "
        "General Tomas Wendt said.\n\n"
        "Some 300 residents were forced from their homes."
    ),
}
STORIES = {"fire": FIRE, "quake": QUAKE, "referendum": REFERENDUM, "strike": STRIKE, "prices": PRICES,
           "sentencing": SENTENCING, "takeover": TAKEOVER, "budget": BUDGET, "toll": TOLL, "storm": STORM}


def _build(texts: dict[str, str], folder: Path) -> Dossier:
    rows = ["file,outlet,published"]
    for name, text in texts.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
        rows.append(f"{name},{name.removesuffix('.txt').title()},2025-05-12")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    loaded = load_articles([folder], config=shared_context().config)
    assert not loaded.rejected
    pipeline = Pipeline(["annotate", "entities", "quotes", "claims", "timeline"], context=_keeping_all())
    return checked(pipeline(loaded.articles, loaded.rejected))


@functools.cache
def _keeping_all() -> Context:
    """The default settings, keeping every discrepancy found whatever its confidence."""
    return Context(Config.load(claims__all_discrepancies=True))


def shown(dossier: Dossier) -> Dossier:
    """The dossier as a default build reports it: discrepancies below ``[claims] min_confidence`` left out."""
    floor = shared_context().config.get("claims", "min_confidence")
    kept = tuple(d for d in dossier.discrepancies or () if d.confidence is None or d.confidence >= floor)
    return dataclasses.replace(dossier, discrepancies=kept)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Dossier]:
    """Call with a story's name: the story with every discrepancy found; each story is built once per module."""
    built: dict[str, Dossier] = {}

    def get(name: str) -> Dossier:
        if name not in built:
            built[name] = _build(STORIES[name], tmp_path_factory.mktemp(name))
        return built[name]

    return get


@pytest.fixture(scope="module")
def story(found: Callable[[str], Dossier]) -> Callable[[str], Dossier]:
    """Call with a story's name: the story as a default build reports it."""
    return lambda name: shown(found(name))


def _both(fire: Dossier, quake: Dossier) -> list[Discrepancy]:
    return [*(fire.discrepancies or ()), *(quake.discrepancies or ())]


def _readings(dossier: Dossier) -> dict[str, set[frozenset[str]]]:
    """Kind -> the sets of reading texts of each discrepancy of that kind."""
    out: dict[str, set[frozenset[str]]] = {}
    for disc in dossier.discrepancies or ():
        out.setdefault(disc.kind, set()).add(frozenset(r.text for r in disc.readings))
    return out


def test_an_unattributed_duration_opposes_an_attributed_one(found: Callable[[str], Dossier]) -> None:
    """"burned for six hours", as the fire chief told one outlet, against "for nine hours" in another outlet's
    own words: a named source against none is still one measurement of an event."""
    fire = found("fire")
    durations = [d for d in fire.discrepancies or () if d.kind == "duration"]
    assert len(durations) == 1
    assert {"six hours", "nine hours"} <= {r.text for r in durations[0].readings}
    assert durations[0].topic == "duration of the blaze"


def test_two_offices_for_one_person_are_a_title_discrepancy(found: Callable[[str], Dossier]) -> None:
    fire, quake = found("fire"), found("quake")
    assert frozenset({"Mayor Daniel Okafor", "Governor Daniel Okafor"}) <= max(
        _readings(fire)["title"], key=len)
    (office,) = [d for d in quake.discrepancies or () if d.kind == "title"]
    assert {r.text for r in office.readings} == {"Prime Minister Elena Sora", "President Elena Sora"}
    assert office.topic == "office of Elena Sora"


def test_one_office_holder_given_two_first_names(found: Callable[[str], Dossier]) -> None:
    """Two outlets name the fire chief Maria and Carla Lopez: one of them has it wrong."""
    fire = found("fire")
    (name,) = [d for d in fire.discrepancies or () if d.kind == "name"]
    assert {r.text for r in name.readings} == {"Maria Lopez", "Carla Lopez"}
    assert name.topic == "first name of Fire Chief Lopez"


def test_money_and_a_named_scale_conflict_and_say_what_they_measure(found: Callable[[str], Dossier]) -> None:
    fire, quake = found("fire"), found("quake")
    topics = {d.topic: {r.text for r in d.readings} for d in _both(fire, quake) if d.kind == "number"}
    assert topics["amount of damage"] == {"$3 million", "$5 million"}
    assert topics["amount of emergency aid"] == {"$50 million", "$75 million"}
    assert {"6.8", "6.4"} <= topics["magnitude"]


def test_figures_that_agree_within_their_wording_are_no_discrepancy(story: Callable[[str], Dossier]) -> None:
    """At least 34 dead against 41, more than 200 injured against around 250, about, some and nearly 5,000,
    40 and "Forty" injured, about 80 firefighters twice: none of these contradict."""
    fire, quake = story("fire"), story("quake")
    flagged = {r.text for d in _both(fire, quake) for r in d.readings}
    for agreeing in ("at least 34 people", "41", "More than 200 people", "Around 250 people",
                     "about 5,000 people", "Nearly 5,000 residents", "Some 5,000 people", "Forty people", "40 others",
                     "about 80 firefighters"):
        assert agreeing not in flagged
    kinds = sorted(d.kind for d in _both(fire, quake))
    assert kinds == ["duration", "name", "number", "number", "number", "title", "title"]


def test_a_share_a_rank_and_a_reported_denial_conflict(found: Callable[[str], Dossier]) -> None:
    """62 against 58 percent (an unnamed "official results" against the commission), the third against the
    second referendum, and "would not challenge" against "would challenge" the result in court."""
    referendum = found("referendum")
    by_kind = {d.kind: d for d in referendum.discrepancies or ()}
    assert sorted(by_kind) == ["count", "negation", "number"]
    assert {"58 percent", "62 percent"} <= {r.text for r in by_kind["number"].readings}
    assert {r.text for r in by_kind["count"].readings} == {"third referendum", "second referendum"}
    assert by_kind["count"].topic == "rank of the referendum in its series"
    assert {r.value for r in by_kind["negation"].readings} == {"denies", "affirms"}
    affirming = next(r for r in by_kind["negation"].readings if r.value == "affirms")
    assert "would challenge the result" in affirming.text
    assert by_kind["negation"].description.startswith("On whether Opposition leader Marta Lind")


def test_a_second_chamber_is_no_length_of_time(story: Callable[[str], Dossier]) -> None:
    referendum = story("referendum")
    assert not [d for d in referendum.discrepancies or () if d.kind == "duration"]


def test_one_fact_told_with_other_days_other_hours_and_other_counts(found: Callable[[str], Dossier]) -> None:
    """The talks broke down on Wednesday after 11 hours (two outlets) or on Thursday after eight (one): the days
    are one date discrepancy with a reading per outlet, and the hours still conflict although the days differ."""
    strike = found("strike")
    by_kind: dict[str, list[Discrepancy]] = {}
    for disc in strike.discrepancies or ():
        by_kind.setdefault(disc.kind, []).append(disc)
    (weekday,) = [d for d in by_kind["date"] if any(r.text == "Thursday" for r in d.readings)]
    assert sorted(r.text for r in weekday.readings) == ["Thursday", "Wednesday", "Wednesday"]
    assert weekday.salience > 0
    (hours,) = by_kind["duration"]
    assert {r.text for r in hours.readings} == {"11 hours", "eight hours"}
    (flights,) = by_kind["count"]
    assert {r.text for r in flights.readings} == {"420 flights", "380 flights"}
    (pay,) = by_kind["number"]
    assert {r.text for r in pay.readings} == {"15 percent", "20 percent"} and pay.topic == "percentage of pay rise"
    assert any({r.text for r in d.readings} == {"March 12", "March 14"} for d in by_kind["date"])
    assert "3,200 pilots" not in {r.text for d in strike.discrepancies or () for r in d.readings}


def test_figures_of_other_measurements_are_no_discrepancy(story: Callable[[str], Dossier]) -> None:
    """A forecast beside the actual rate, a monthly rise against a yearly one, a month of comparison ("than in
    February") and a sentence giving two months: all agree, though their figures and months differ."""
    prices = story("prices")
    assert len([c for c in prices.claims or () if c.corroborated]) >= 3  # the outlets do report one story
    assert [d.description for d in prices.discrepancies or ()] == []


def test_a_term_sought_a_rate_per_month_and_a_total_are_no_discrepancy(story: Callable[[str], Dossier]) -> None:
    """Six years sought against four imposed, "two years below", $8,000 a month against $96,000 a year, about
    90 minutes against an hour and a half, seven of twelve seats against 7 seats, "Former Dunmore Falls mayor"
    against "the former mayor", "outgoing" against "former" leader, one quote with "never" in both, an age
    beside a term of office, buses every 30 minutes beside a two-day hearing, and a margin that fell "from 212 to
    187 votes".

    "19 criminal cases" against "27 cases" is reported: the rule that read a counted noun with a modifier as a
    part of the plain one ("subset nouns" in synopsis/claims/rules.py) cost precision on the tune stories
    (bench/train_measure.py --ablation), so it is not kept."""
    sentencing = story("sentencing")
    assert len([c for c in sentencing.claims or () if c.corroborated]) >= 3
    assert [d.description for d in sentencing.discrepancies or () if d.topic != "number of cases"] == []


def test_a_denial_against_an_admission_two_portfolios_and_an_agreed_count(found: Callable[[str], Dossier]) -> None:
    """"denied" against "admitted" (one discrepancy, a reading per outlet), Interior against Defence Minister,
    chief financial against chief operating officer, a cost of $85 against $58 million beside savings both
    give, and 40 against 45 plants agreed on by the companies (what they agreed is the outlets' report, not a figure
    the companies gave); the same "never" in a quote and its paraphrase is no denial."""
    takeover = found("takeover")
    by_kind: dict[str, list[Discrepancy]] = {}
    for disc in takeover.discrepancies or ():
        by_kind.setdefault(disc.kind, []).append(disc)
    assert sorted(d.kind for d in takeover.discrepancies or ()) == ["count", "negation", "number", "title", "title"]
    (denial,) = by_kind["negation"]
    assert sorted(r.value for r in denial.readings) == ["affirms", "denies", "denies"]
    offices = {frozenset(r.value for r in d.readings): d for d in by_kind["title"]}
    office = offices[frozenset({"interior minister", "defence minister"})]
    assert "Defence Minister Halvard Brenn" in office.description
    assert frozenset({"cfo", "coo"}) in offices
    (cost,) = by_kind["number"]  # the $240 million of savings both give is matched, not a rival
    assert {r.text for r in cost.readings} == {"about $85 million", "$85 million", "$58 million"}
    (plants,) = by_kind["count"]
    assert {r.text for r in plants.readings} == {"40 plants", "45 plants"}


def test_a_margin_a_paraphrased_quote_and_a_statement_day_are_no_discrepancy(story: Callable[[str], Dossier]) -> None:
    """29 votes to 12 against "a margin of 17 votes", a full quote against a paraphrase that quotes part of
    it, and "said on Friday" against "said on Monday" about one date the budget takes effect."""
    budget = story("budget")
    assert len([c for c in budget.claims or () if c.corroborated]) >= 2
    assert [d.description for d in budget.discrepancies or ()] == []


def test_a_toll_the_texts_date_apart_is_an_update_with_both_times(found: Callable[[str], Dossier]) -> None:
    """11 dead by Friday evening against 16 on Saturday ("rose to", "so far"): one measurement read at two
    times, reported as an update that names each outlet's day, not as a contradiction."""
    (toll,) = [d for d in found("toll").discrepancies or () if d.kind in ("count", "number")]
    assert {r.text for r in toll.readings} == {"11 people", "16", "Sixteen people"}
    assert "an update, not a contradiction" in toll.description
    assert "friday" in toll.description and "saturday" in toll.description


def test_all_discrepancies_on_the_command_line_keeps_the_unsure_ones(tmp_path: Path) -> None:
    """A default build leaves out what is below ``min_confidence``; ``--all-discrepancies`` keeps it."""
    from typer.testing import CliRunner

    from synopsis.cli import app

    folder = tmp_path / "fire"
    folder.mkdir()
    for name, text in FIRE.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    built = []
    for extra in ([], ["--all-discrepancies"]):
        out = tmp_path / f"out{len(extra)}"
        result = CliRunner().invoke(app, ["build", str(folder), "-o", str(out), "--format", "json", "--quiet",
                                          "--store", str(tmp_path / "s.duckdb"), *extra])
        assert result.exit_code == 0, result.output
        built.append(json.loads((out / "dossier.json").read_text(encoding="utf-8"))["discrepancies"])
    floor = shared_context().config.get("claims", "min_confidence")
    below = [d for d in built[1] if d.get("confidence") is not None and d["confidence"] < floor]
    assert below and len(built[1]) == len(built[0]) + len(below)
    assert all(d.get("confidence") is None or d["confidence"] >= floor for d in built[0])


def test_opposite_directions_for_one_place_are_a_name_discrepancy(found: Callable[[str], Dossier]) -> None:
    """Outlets telling one fact put one village in the north-east and the north-west of a country: a discrepancy
    of kind name with the outlets' short readings; "North Korea"-like names are no directions."""
    storm = found("storm")
    (direction,) = [d for d in storm.discrepancies or () if d.kind == "name"]
    assert direction.topic in ("location of Norway", "location of Lysvik")
    assert sorted(r.value for r in direction.readings) == ["north-east", "north-west"]
    assert {r.text for r in direction.readings} == {"northeast Norway", "the northwestern part of Norway"}


def test_two_grades_of_one_rank_are_two_offices_and_a_bare_rank_opposes_none(found: Callable[[str], Dossier]) -> None:
    """"Major General" (the grade an outlet introduces him with, though it later writes "Lieutenant General")
    against "Lieutenant General": two offices; "General Tomas Wendt" fits either and is no reading."""
    storm = found("storm")
    (office,) = [d for d in storm.discrepancies or () if d.kind == "title"]
    assert sorted(r.value for r in office.readings) == ["lieutenant general", "major general"]
    assert "Major General Tomas Wendt" in {r.text for r in office.readings}
    assert all(r.outlet.lower() != "courier" for r in office.readings)


@pytest.mark.parametrize(("title", "rank"), [
    ("Director General Lt Gen", "lieutenant general"), ("Maj. Gen.", "major general"), ("General", "general"),
    ("Rear Admiral", "rear admiral"), ("Director General of the agency", ""), ("Attorney General", ""),
])
def test_a_military_rank_is_read_with_its_grade_and_a_civilian_general_is_none(title: str, rank: str) -> None:
    assert military_rank(title) == rank


def test_an_abbreviated_word_is_no_other_spelling_of_a_name() -> None:
    """The name finder compares names as the entities stage does: "St." spelt out is "Saint"."""
    from synopsis.claims.names import _letters

    assert _letters("St. Peter") == _letters("Saint Peter") == _letters("saint peter")
    assert _letters("Yuri Ushakov") != _letters("Yury Ushakov")


def test_rule_finders_take_the_confidence_the_tune_stories_taught(found: Callable[[str], Dossier]) -> None:
    """The learned confidence of the rule finders (claims/confidence_weights.json): a denial that two of three
    outlets give opposite readings of (the referendum) stays below the report threshold, one that every outlet
    gives a reading of (the takeover) passes it, and so do offices and a direction; a finder the model was not
    fitted on (rosters) keeps its fixed confidence."""
    from synopsis.claims.discrepancy import PendingDiscrepancy, calibrated, confidence_model
    from synopsis.models import Reading

    model = confidence_model()
    assert model is not None and model.covers("negation") and model.covers("office") and not model.covers("roster")
    floor = shared_context().config.get("claims", "min_confidence")

    def confidences(name: str, kind: str) -> list[float]:
        return [d.confidence or 0.0 for d in found(name).discrepancies or () if d.kind == kind]

    assert max(confidences("referendum", "negation")) < floor <= min(confidences("takeover", "negation"))
    assert min(confidences("takeover", "title") + confidences("storm", "name")) >= floor
    counted = PendingDiscrepancy("count", "number of Norwegians taking part",
                                 [Reading("a1", "A", "two", "two Norwegians", 0, 14),
                                  Reading("a2", "B", "3 named", "Ola, Kari and Per attended", 0, 26)], "",
                                 finder="roster")
    (kept,) = calibrated([counted], 3, 0.67, model)
    assert kept.confidence == 0.67
