"""Where a build's time goes: per stage, its wall and CPU seconds and its top functions by cumulative time.

Run: .venv/bin/python bench/profile_build.py [FOLDER...] [--tune [--only slug,slug]] [--top 12] [--cold]
     [--sort cumulative|tottime] [--claims-repeat N] [--cache DIR]

Several folders are built as one dossier; with ``--tune``, every story of the tune half of
../shared/benchmarks/stories is built as its own dossier, and the stages' times are summed.

``--top 0`` times the stages without profiling them (cProfile slows Python-heavy stages more than spaCy).

One process: imports and model loads are timed first, then one build (the cold one with ``--cold``,
else a second build after a first that loads everything; with ``--tune`` that first build is the
sample's) runs with one cProfile per stage. Stages are told apart by the pipeline's progress reports.
"cpu" is the whole process's CPU time (every thread: spaCy, the embedder running beside the parse);
"main" is the main thread's own, which is what the function table covers (cProfile sees one thread).
spaCy's own ``nlp.pipe`` over the same texts (P) runs first in the same process, and every section is also
given over it (cpu/P, main/P: over P's CPU; wall/P: over P's wall), with the peak resident memory.
"texts"/"tokens" count what the sentence model embedded during a section on the main thread, "bg txt"/"bg tok"
on the other threads (the prefetch beside the parse): on a shared machine the counts hold where the seconds
move, so compare counts, shares and ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "riyadh-2025"


@dataclass
class Clock:
    """Wall, process CPU and main-thread CPU, read together."""

    wall: float = field(default_factory=time.perf_counter)
    cpu: float = field(default_factory=time.process_time)
    main: float = field(default_factory=time.thread_time)

    def since(self, start: Clock) -> tuple[float, float, float]:
        return self.wall - start.wall, self.cpu - start.cpu, self.main - start.main


@dataclass
class Section:
    name: str
    seconds: tuple[float, float, float]
    profile: cProfile.Profile | None = None
    #: texts and tokens the model embedded meanwhile: on the main thread, then on the others
    embedded: tuple[int, int, int, int] = (0, 0, 0, 0)


def embedded_counts(embedder: object) -> tuple[int, int, int, int]:
    """Texts and tokens embedded so far in this process (main thread texts, tokens; other threads'), read from
    the model's counters: on a shared machine the counts hold where the seconds move."""
    counts: dict[str, list[int]] = getattr(getattr(embedder, "inner", embedder), "counts", {})
    main = counts.get("MainThread", [0, 0])
    other = [sum(c[i] for name, c in counts.items() if name != "MainThread") for i in (0, 1)]
    return main[0], main[1], other[0], other[1]


class StageProfiler:
    """A progress callback that runs one cProfile per stage and times it (and counts what it embeds)."""

    def __init__(self, profile: bool, embedder: object = None) -> None:
        self.profile = profile
        self.embedder = embedder
        self.sections: list[Section] = []
        self._open: tuple[str, Clock, cProfile.Profile | None, tuple[int, int, int, int]] | None = None

    def start(self, name: str) -> None:
        profiler = next((s.profile for s in self.sections if s.name == name and s.profile), None)
        if profiler is None and self.profile:
            profiler = cProfile.Profile()
        self._open = (name, Clock(), profiler, embedded_counts(self.embedder))
        if profiler is not None:
            profiler.enable()

    def stop(self) -> None:
        if self._open is None:
            return
        name, started, profiler, counted = self._open
        if profiler is not None:
            profiler.disable()
        seconds = Clock().since(started)
        a, b, c, d = (now - then for now, then in zip(embedded_counts(self.embedder), counted, strict=True))
        known = next((s for s in self.sections if s.name == name), None)
        if known is None:
            self.sections.append(Section(name, seconds, profiler, (a, b, c, d)))
        else:  # the same stage of another dossier: summed
            wall, cpu, main = (x + y for x, y in zip(known.seconds, seconds, strict=True))
            known.seconds = (wall, cpu, main)
            e, f, g, h = known.embedded
            known.embedded = (a + e, b + f, c + g, d + h)
        self._open = None

    def __call__(self, name: str, done: int, total: int) -> None:
        if done == 0 and (self._open is None or self._open[0] != name):
            self.stop()
            self.start(name)
        if done == total:
            self.stop()


def build_each(dossiers: list[list[Path]], profiler: StageProfiler, context: object) -> None:
    """Each list of folders built as one dossier, its vectors embedded afresh."""
    for folders in dossiers:
        clear = getattr(context.embedder, "clear", None)  # type: ignore[attr-defined]
        if clear is not None:
            clear()
        build_once(folders, profiler, context.config)  # type: ignore[attr-defined]


def build_once(folders: list[Path], profiler: StageProfiler, config: object = None) -> None:
    """Ingest, every stage, then JSON + Markdown + HTML written to a temporary folder (no store)."""
    from synopsis.config import Config
    from synopsis.context import Context
    from synopsis.ingest import load_articles
    from synopsis.pipeline import Pipeline
    from synopsis.render import write_outputs

    config = config or Config.load()
    profiler.start("ingest")
    loaded = load_articles(folders, config=config)
    profiler.stop()
    dossier = Pipeline(context=Context(config))(loaded.articles, loaded.rejected, progress=profiler)
    with tempfile.TemporaryDirectory() as out:
        profiler.start("render")
        write_outputs(dossier, Path(out), ["json", "md", "html"])
        profiler.stop()


def report(sections: list[Section], top: int, sort: str, parse: tuple[float, float] | None = None) -> str:
    """The table of sections; with ``parse`` (spaCy's own wall and CPU seconds on the same texts), each
    section's CPU, main-thread CPU and wall seconds over the parse's CPU (wall: over the parse's wall)."""
    ratios = f" {'cpu/P':>6} {'main/P':>6} {'wall/P':>6}" if parse else ""
    counts = f" {'texts':>6} {'tokens':>7} {'bg txt':>6} {'bg tok':>7}"
    lines = [f"{'section':<12} {'wall s':>7} {'cpu s':>7} {'main s':>7} {'cpu %':>6}{ratios}{counts}"]
    total_cpu = sum(s.seconds[1] for s in sections) or 1.0

    def over(seconds: tuple[float, float, float]) -> str:
        if not parse:
            return ""
        wall, cpu, main = seconds
        return f" {cpu / parse[1]:6.2f} {main / parse[1]:6.2f} {wall / parse[0]:6.2f}"

    def embedded(counts: tuple[int, ...]) -> str:
        return f" {counts[0]:6d} {counts[1]:7d} {counts[2]:6d} {counts[3]:7d}"

    for s in sections:
        wall, cpu, main = s.seconds
        lines.append(f"{s.name:<12} {wall:7.2f} {cpu:7.2f} {main:7.2f} {100 * cpu / total_cpu:6.1f}{over(s.seconds)}"
                     f"{embedded(s.embedded)}")
    wall, cpu, main = (sum(s.seconds[i] for s in sections) for i in range(3))
    totals = tuple(sum(s.embedded[i] for s in sections) for i in range(4))
    lines.append(f"{'total':<12} {wall:7.2f} {cpu:7.2f} {main:7.2f} {'':>6}{over((wall, cpu, main))}{embedded(totals)}")
    for s in sections:
        if s.profile is None:
            continue
        buffer = io.StringIO()
        stats = pstats.Stats(s.profile, stream=buffer)
        stats.sort_stats(sort).print_stats(top)
        table = buffer.getvalue()
        body = table[table.find("   ncalls"):] if "   ncalls" in table else table
        lines += ["", f"== {s.name}: top {top} by {sort} (main thread) ==", body.rstrip()]
    return "\n".join(lines)


def spacy_alone(folders: list[Path], context: object) -> tuple[int, float, float]:
    """spaCy's own ``nlp.pipe`` over the same texts, the floor a build is compared with: texts, wall, CPU."""
    from synopsis.ingest import load_articles

    texts = [a.text for a in load_articles(folders, config=context.config).articles]  # type: ignore[attr-defined]
    started = Clock()
    for _doc in context.nlp.pipe(texts, batch_size=context.config.get("nlp", "batch_size")):  # type: ignore[attr-defined]
        pass
    wall, cpu, _main = Clock().since(started)
    return len(texts), wall, cpu


def claims_repeated(dossiers: list[list[Path]], context: object, repeat: int) -> tuple[float, float, int, int]:
    """The claims stage alone, ``repeat`` times on each dossier built up to it: process CPU seconds of its
    first run (the figures' texts embedded) and of its fastest later run (vectors cached: the stage's own
    code), each summed over the dossiers, and the texts and tokens its first runs embedded. The sentence
    vectors are waited for before the first run."""
    from synopsis.config import Config
    from synopsis.ingest import load_articles
    from synopsis.pipeline import Pipeline
    from synopsis.registry import REGISTRY

    stages = list(Config.load().get("pipeline", "stages"))
    before = stages[: stages.index("claims")]
    first = warm = 0.0
    texts = tokens = 0
    for folders in dossiers:
        clear = getattr(context.embedder, "clear", None)  # type: ignore[attr-defined]
        if clear is not None:
            clear()
        loaded = load_articles(folders, config=context.config)  # type: ignore[attr-defined]
        corpus = Pipeline(before, context=context)(loaded.articles, loaded.rejected)  # type: ignore[arg-type]
        context.embedder.embed([])  # type: ignore[attr-defined]
        claims = REGISTRY["claims"].build(context)
        seconds = []
        for _ in range(max(1, repeat)):
            counted = embedded_counts(context.embedder)  # type: ignore[attr-defined]
            started = time.process_time()
            claims(corpus)
            seconds.append(time.process_time() - started)
            if len(seconds) == 1:
                a, b, c, d = (now - then for now, then in zip(embedded_counts(context.embedder),  # type: ignore[attr-defined]
                                                              counted, strict=True))
                texts, tokens = texts + a + c, tokens + b + d
        first += seconds[0]
        warm += min(seconds[1:] or seconds)
    return first, warm, texts, tokens


def peak_memory() -> float:
    """The process's peak resident memory so far, in MiB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--tune", action="store_true", help="every tune-half story, one dossier each")
    parser.add_argument("--only", default="", help="with --tune: only these stories (slug,slug)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--cold", action="store_true", help="profile the first build, model loads included")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--claims-repeat", type=int, default=0,
                        help="then run the claims stage alone this many times on each dossier (CPU over P)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep parses and vectors in this folder, filled by a first build of the same stories, "
                             "and profile the rebuild (spaCy alone still parses afresh)")
    args = parser.parse_args()
    dossiers: list[list[Path]] = [list(args.folders or [SAMPLE])]
    if args.tune:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from story_split import stories

        chosen = set(filter(None, args.only.split(",")))
        dossiers = [[story / "articles"] for story in stories("tune") if not chosen or story.name in chosen]
    folders = [folder for group in dossiers for folder in group]
    setup = StageProfiler(profile=args.cold and args.top > 0)
    setup.start("imports")
    import synopsis.api  # noqa: F401  # what `synopsis build` imports before it reads anything
    from synopsis.config import Config
    from synopsis.context import Context

    setup.stop()
    # with --cache: parses and vectors kept there, filled by a first build of the same stories (a rebuild)
    context = Context(Config.load(nlp__parse_cache=str(args.cache) if args.cache else ""))
    setup.start("spacy load")
    context.nlp  # noqa: B018
    setup.stop()
    setup.start("embed load")
    context.embedder  # noqa: B018
    setup.stop()
    setup.embedder = context.embedder
    if args.cold:
        profiler = setup
    else:
        # warmed on the sample, not on the stories profiled: caches of names met before stay cold, as for a
        # new story in a running process
        build_each([[SAMPLE]] if args.tune and not args.cache else dossiers, StageProfiler(profile=False), context)
        profiler = StageProfiler(profile=args.top > 0, embedder=context.embedder)
        print(report(setup.sections, 0, args.sort).split("\n\n")[0], end="\n\n")
    # spaCy alone first on a warm process (after the builds on a cold one, which it would warm)
    if not args.cold:
        count, parse_wall, parse_cpu = spacy_alone(folders, context)
    before = peak_memory()
    build_each(dossiers, profiler, context)
    if args.cold:
        count, parse_wall, parse_cpu = spacy_alone(folders, context)
    print(report(profiler.sections, args.top, args.sort, (parse_wall, parse_cpu)))
    print(f"\nspaCy nlp.pipe alone on the same {count} texts (P): {parse_wall:.2f} s wall, {parse_cpu:.2f} s cpu")
    print(f"peak resident memory: {before:.0f} MiB before the builds, {peak_memory():.0f} MiB after")
    if args.claims_repeat:
        first, warm, texts, tokens = claims_repeated(dossiers, context, args.claims_repeat)
        print(f"claims alone, process CPU: {first:.2f} s first run ({first / parse_cpu:.2f} P; {texts} texts, "
              f"{tokens} tokens embedded), {warm:.2f} s fastest of {args.claims_repeat} with vectors cached "
              f"({warm / parse_cpu:.2f} P)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
