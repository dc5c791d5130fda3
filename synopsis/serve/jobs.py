"""Adding articles from the web app and building their stories, one job at a time, with progress a page can show.

Why a worker thread: a build takes from seconds to minutes, longer than a request should wait; the form answers
at once with a job page that follows the job. Jobs run one after another (the models are loaded once and the
store takes one writer), and hold the store's lock only while they read or write it, so pages stay readable.
"""

from __future__ import annotations

import csv
import itertools
import queue
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import SynopsisError
from ..store import article_key
from .library import Library

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Job:
    """One submission and what became of it; ``log`` holds one line per step, for people."""

    id: str
    state: str = "queued"  # queued, running, done, failed
    step: str = "waiting for an earlier job"
    done: int = 0
    total: int = 0
    log: list[str] = field(default_factory=list)
    dossiers: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    ended: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "step": self.step, "done": self.done, "total": self.total,
                "log": list(self.log), "dossiers": list(self.dossiers),
                "elapsed_s": round((self.ended or time.monotonic()) - self.started, 1)}


@dataclass(frozen=True)
class Submission:
    """What a form or an API call hands in: pasted text, uploaded files (name and bytes) and URLs."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    files: tuple[tuple[str, bytes], ...] = ()
    urls: tuple[str, ...] = ()
    story: str | None = None  # rebuild this stored story, adding nothing

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.files or self.urls or self.story)


class Jobs:
    """The queue of builds and every job's state, read by the job pages."""

    def __init__(self, library: Library, config: Config) -> None:
        self.library = library
        self.config = config
        self.jobs: dict[str, Job] = {}
        self._numbers = itertools.count(1)
        self._queue: queue.Queue[tuple[Job, Submission]] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="synopsis-builds", daemon=True)
        self._worker.start()

    def submit(self, submission: Submission) -> Job:
        job = Job(f"j{next(self._numbers)}")
        self.jobs[job.id] = job
        self._queue.put((job, submission))
        return job

    def wait(self, job_id: str, timeout: float) -> Job:
        """The job once it has ended (or after ``timeout`` seconds): for scripts and tests."""
        end = time.monotonic() + timeout
        job = self.jobs[job_id]
        while job.state in ("queued", "running") and time.monotonic() < end:
            time.sleep(0.1)
        return job

    def _work(self) -> None:
        while True:
            job, submission = self._queue.get()
            job.state, job.started = "running", time.monotonic()
            try:
                run_job(job, submission, self.library, self.config)
                job.state, job.step = "done", "done"
            except SynopsisError as exc:
                job.state, job.step = "failed", str(exc)
                job.log.append(f"failed: {exc}")
            except Exception as exc:  # a worker thread must outlive one bad job and say what happened
                job.state, job.step = "failed", f"{type(exc).__name__}: {exc}"
                job.log.append(f"failed: {type(exc).__name__}: {exc}")
            job.ended = time.monotonic()


def run_job(job: Job, submission: Submission, library: Library, config: Config) -> None:
    """Add the submission's articles to the archive, find the stories they join, and build each of them."""
    from ..api import build_dossier
    from ..archive.stream import find_stories, ingest, story_articles
    from ..context import Context

    context = Context(config)
    stories: list[str] = [submission.story] if submission.story else []
    if not submission.story:
        job.step = "reading the articles"
        with tempfile.TemporaryDirectory(prefix="synopsis-serve-") as folder:
            paths, urls_file = _write_inputs(Path(folder), submission)
            with library.store() as db:
                added = ingest(db, paths, config, urls_file=urls_file)
                for rejected in added.loaded.rejected:
                    job.log.append(f"skipped {Path(rejected.source).name}: {rejected.reason}")
                job.log.append(f"{added.added} articles added, {added.known} already in the archive")
                if not added.loaded.articles:
                    raise SynopsisError("nothing usable was added; see the lines above")
                keys = {article_key(a.content_hash, a.outlet) for a in added.loaded.articles}
                job.step = "finding the stories they belong to"
                find_stories(db, context)
                stories = [s["id"] for s in db.stories() if keys & {a["id"] for a in s["articles"]}]
    for number, story_id in enumerate(stories, 1):
        with library.store() as db:
            articles = story_articles(db, story_id)
        label = f"story {number} of {len(stories)} ({len(articles)} articles)"

        def progress(stage: str, done: int, total: int, label: str = label) -> None:
            job.step, job.done, job.total = f"{label}: {stage}", done, total

        job.step = f"{label}: starting"
        dossier = build_dossier(articles, config=config, progress=progress)
        with library.store() as db:
            dossier_id = db.save_dossier(dossier)
        job.dossiers.append(dossier_id)
        job.log.append(f"built {dossier_id} from {len(articles)} articles")


def _write_inputs(folder: Path, submission: Submission) -> tuple[list[Path], Path | None]:
    """The submission as files ingest reads: the pasted text (with a sources.csv row for its outlet, date and
    URL), each upload under a safe name, and the URL list."""
    paths: list[Path] = []
    if submission.text.strip():
        pasted = folder / "pasted"
        pasted.mkdir()
        body = submission.text if not submission.title else f"{submission.title}\n\n{submission.text}"
        (pasted / "pasted.txt").write_text(body, encoding="utf-8")
        if submission.outlet or submission.published or submission.url:
            with (pasted / "sources.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "outlet", "published", "url"])
                writer.writerow(["pasted.txt", submission.outlet, submission.published, submission.url])
        paths.append(pasted)
    if submission.files:
        uploads = folder / "uploads"
        uploads.mkdir()
        for number, (name, data) in enumerate(submission.files, 1):
            safe = _SAFE_NAME.sub("_", Path(name).name).strip("._") or "upload"
            (uploads / f"{number:03d}-{safe}").write_bytes(data)
        paths.append(uploads)
    urls_file = None
    if submission.urls:
        urls_file = folder / "urls.txt"
        urls_file.write_text("\n".join(submission.urls) + "\n", encoding="utf-8")
    return paths, urls_file


def submission_of(fields: dict[str, str], files: list[tuple[str, bytes]], limit: int) -> Submission:
    """A submission from form fields; URLs one per line, at most ``limit`` of them."""
    urls = tuple(u.strip() for u in fields.get("urls", "").splitlines() if u.strip())[:limit]
    return Submission(
        text=fields.get("text", ""), title=fields.get("title", "").strip(), outlet=fields.get("outlet", "").strip(),
        published=fields.get("published", "").strip(), url=fields.get("url", "").strip(), files=tuple(files),
        urls=urls,
    )
