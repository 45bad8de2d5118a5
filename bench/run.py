"""tendercheck benchmark (issue 7): how fast is a full scan next to merely extracting the text?

    python bench/run.py                       # 300- and 1000-page tenders, 3 runs each, batch of 20
    python bench/run.py --pages 300 --runs 5  # other sizes / more runs
    python bench/run.py --quick               # 1 pdfplumber run, smaller batch: a smoke test
    python bench/run.py --real [DIR] [--against GITREF]  # real tenders (default ../shared/real/shenzhen),
                                              # --jobs 1 and 2, side by side with another commit's code

In one run, on the same generated files (bench/make_tender.py, cached in bench/out/):

(a) pypdfium2 raw text of every page (the practical floor), in process;
(b) pdfplumber ``extract_text`` of every page (what a pdfplumber-based checker pays before it
    has looked at anything), in process;
(c) ``tendercheck scan FILE --format jsonl -o FILE`` end to end as a subprocess (start-up,
    engine loading, ingest, facts, catalog, rules, JSON), as a user types it: a lone file gets
    ``TENDERCHECK_LONE_FILE_CORES`` cores (default 2, at most the machine's); the peak RSS and PSS of
    its process tree are sampled in another, untimed run of the same command (and ``wait4``);
    and (c') ``Engine.scan`` in process (engine already loaded, as in a server or a batch; without the
    cycle collector, as their scanning processes run);
(d) (c') on two cores, as ``--jobs 2`` on one file and the API's lone scans do it: the pages read by
    two processes (checker/ingest/ahead.py), the facts extracted in two (checker/aside.py); c′/d is
    what a second core gives one file, and the reports must be identical;
(e) (c) with ``--jobs 2``; and (c₁) (c) on one core (``--jobs 1``, no reader process): c₁/e is what
    ``--jobs 2`` gives one file over one core, for the command a user types; c₁/a is c/a on one core.

Times are medians of ``--runs`` runs. It prints pages/s, c/a and c/b, peak RSS, the batch
throughput of a 20-file folder with ``--jobs 1`` and ``--jobs 2``, and how long
``tendercheck --help`` takes. Results also go to bench/out/results.json.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))

# (c₁): the CLI on one core (with ``--jobs 1``) — no PDF reader beside the scanning process.
ONE_CORE = {"TENDERCHECK_READ_AHEAD_MIN_MB": "-1"}

# Targets from issue 7.
MAX_C_OVER_B = 0.25
MAX_C_OVER_A = 5.0
MIN_PAGES_PER_S = 150.0
MAX_RSS_MB = 400.0
MIN_JOBS2_SPEEDUP = 1.7
MIN_ONE_FILE_SPEEDUP = 1.5  # issue 16: one 1000-page file on two cores vs one
MAX_HELP_S = 0.3


@dataclass
class FileResult:
    pages: int
    path: str
    raw_s: float  # (a)
    plumber_s: float  # (b)
    scan_subprocess_s: float  # (c)
    scan_inprocess_s: float  # (c')
    peak_rss_mb: float
    scan_two_cores_s: float = float("nan")  # (d): (c') on two cores
    same_report: bool = True  # (d)'s report is (c')'s
    scan_subprocess_jobs2_s: float = float("nan")  # (e): (c) with --jobs 2
    peak_pss_mb: float = float("nan")  # (c)'s process tree: PSS counts pages the forks share once
    scan_subprocess_one_core_s: float = float("nan")  # (c₁): (c) without the reader: one core
    scan_error: str | None = None
    ratios: dict[str, float] = field(default_factory=dict)  # medians of per-run ratios
    # What two processes get done on this machine over one, timed right after each (e)/(c₁) pair: a
    # shared machine's second core is not always a whole core (1.3–1.9× measured on 2026-12-03).
    ceilings: list[float] = field(default_factory=list)

    def pps(self, seconds: float) -> float:
        return self.pages / seconds if seconds else float("inf")


@dataclass
class Results:
    cores: int
    python: str
    files: list[FileResult] = field(default_factory=list)
    batch: dict[str, float] = field(default_factory=dict)
    help_s: float = 0.0
    command: str = ""


def _fingerprint() -> str:
    """Generated files are reused while the generator, its words and the catalog stay the same."""
    h = hashlib.sha256()
    for p in (HERE / "make_tender.py", HERE / "vocab.yaml", ROOT / "lexicons" / "catalog_default.csv"):
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def tender(pages: int, seed: int) -> Path:
    from bench.make_tender import make_tender

    path = OUT / f"tender_{pages}p_s{seed}_{_fingerprint()}.pdf"
    if not path.is_file():
        print(f"  generating {path.name} …", file=sys.stderr, flush=True)
        make_tender(pages, seed, path)
    return path


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def raw_text(path: Path) -> int:
    """(a) every page's text with pypdfium2 and nothing else."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    chars = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return chars


def plumber_text(path: Path) -> int:
    """(b) every page's text with pdfplumber's ``extract_text``."""
    import pdfplumber

    chars = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()  # free the page's object cache, as a long-running pdfplumber user must
    return chars


class ChildFailed(RuntimeError):
    """A timed child did not do its job: a time for a crash is no measurement."""


def _field_kb(text: str, name: str) -> int:
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith(name)), 0)


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants now (Linux /proc), in KiB: summed RSS,
    and summed PSS. Forked processes share the pages they inherited (the loaded checker), which RSS
    counts once per process and PSS divides among them: PSS is what the tree really holds."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            rss += _field_kb(Path(f"/proc/{p}/status").read_text(), "VmRSS:")
            pss += _field_kb(Path(f"/proc/{p}/smaps_rollup").read_text(), "Pss:")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # gone meanwhile
    return rss, pss


class TreeRssSampler(threading.Thread):
    """Peaks of the summed RSS and PSS of a process tree, sampled every 5 ms: the read-ahead child of a
    single-file scan lives beside the main process, and their memory adds up."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.peak_pss_kb, self.done = pid, 0, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.005):
            rss, pss = _tree_memory_kb(self.pid)
            self.peak_kb, self.peak_pss_kb = max(self.peak_kb, rss), max(self.peak_pss_kb, pss)


class Timed(NamedTuple):
    wall: float  # seconds
    peak_mb: float  # peak RSS: the process's own, or the tree's summed (sample_tree)
    code: int  # exit status
    peak_pss_mb: float = float("nan")  # the tree's peak PSS (sample_tree)


def run_child(cmd: list[str], sample_tree: bool = False, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> Timed:
    """Wall seconds, peak RSS (MB) and exit status of one child process. The peak is the
    process's own, or with ``sample_tree`` the larger of that and its process tree's sampled
    peak (the sampling costs a little CPU: not for runs that time parallel work)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                            env={**os.environ, **env} if env else None)
    sampler = TreeRssSampler(proc.pid)
    if sample_tree and Path("/proc/self/task").is_dir():
        sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read()
    sampler.done.set()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Exit 1 means "violations found", but an uncaught Python exception exits 1 too: a traceback
    # on stderr tells them apart.
    if proc.returncode not in (0, 1) or b"Traceback (most recent call last)" in err:
        raise ChildFailed(f"{' '.join(cmd)} exited {proc.returncode}:\n{err.decode('utf-8', 'replace')}")
    return Timed(wall, max(usage.ru_maxrss, sampler.peak_kb) / 1024, proc.returncode,
                 sampler.peak_pss_kb / 1024 if sampler.peak_pss_kb else float("nan"))


def scan_child(cmd: list[str], documents: int, sample_tree: bool = False, env: dict[str, str] | None = None) -> Timed:
    """``run_child`` for a scan writing JSON lines to a scratch file, checked to hold every document's report."""
    out = OUT / "scan_check.jsonl"
    out.unlink(missing_ok=True)
    timed = run_child([*cmd, "--format", "jsonl", "-o", str(out)], sample_tree, env=env)
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    failed = [r for r in reports if r.get("error")]
    if len(reports) != documents or failed:
        raise ChildFailed(f"{' '.join(cmd)}: {len(reports)} reports for {documents} documents, "
                          f"errors: {[r['error'] for r in failed][:3]}")
    return timed


def tendercheck_cmd() -> list[str]:
    """The console script installed beside this interpreter. Not the first ``tendercheck`` on PATH:
    under pyenv that is a shell shim that looks up the Python version on every call (~60 ms
    here), which would be timed as tendercheck's start-up."""
    beside = Path(sys.executable).parent / "tendercheck"
    exe = str(beside) if beside.is_file() else shutil.which("tendercheck")
    return [exe] if exe else [sys.executable, "-m", "checker.cli"]


def measure_file(path: Path, pages: int, runs: int, plumber_runs: int, engine: object) -> FileResult:
    """Each run times (a), (b), (c) and (c′) back to back, so a slow spell of a shared machine hits
    all of them alike; the ratios are the medians of each run's own ratios, not ratios of medians."""
    from checker.limits import gc_paused

    # Only the latest reports are kept: a heap that grew by a report per run would make each later
    # cycle collection (on in this process) slower, and the runs unlike each other.
    latest = {"one": engine.scan(path)}  # type: ignore[attr-defined]  # warm: lexicons, spaCy, jieba load on first use

    # Without the cycle collector, as the product's scanning processes run (the API's and a batch's
    # scanning child, the CLI's single file: checker/bounded.py, checker/cli.py); it is back on
    # between scans, which free what they made.
    def scan_one() -> None:
        with gc_paused():
            latest["one"] = engine.scan(path)  # type: ignore[attr-defined]

    def scan_two() -> None:
        with gc_paused():
            latest["two"] = scan_two_cores(engine, path)

    raws, plumbers, walls, inprocs, rss, pss, codes = [], [], [], [], 0.0, 0.0, set()
    twos: list[float] = []
    same = True
    cli_twos: list[float] = []
    cli_ones: list[float] = []
    ceilings: list[float] = []
    for run in range(runs):
        raws.append(median_time(lambda: raw_text(path), 1))
        if run < plumber_runs:
            plumbers.append(median_time(lambda: plumber_text(path), 1))
        # (c) uses both cores of a 2-core machine (a lone file): timed alone, its memory sampled in a
        # run of its own, whose sampler would otherwise take CPU from the scan it times.
        wall, _, code, _ = scan_child([*tendercheck_cmd(), "scan", str(path)], 1)
        _, peak, _, peak_pss = scan_child([*tendercheck_cmd(), "scan", str(path)], 1, sample_tree=True)
        pss = max(pss, peak_pss)
        walls.append(wall)
        rss = max(rss, peak)
        codes.add(code)
        inprocs.append(median_time(scan_one, 1))
        twos.append(median_time(scan_two, 1))
        same = same and _comparable(latest.pop("two")) == _comparable(latest["one"])
        cli_twos.append(scan_child([*tendercheck_cmd(), "scan", str(path), "--jobs", "2"], 1)[0])
        cli_ones.append(scan_child([*tendercheck_cmd(), "scan", str(path), "--jobs", "1"], 1, env=ONE_CORE)[0])
        ceilings.append(two_process_ceiling())
    error = latest["one"].error or ({"exit_status": sorted(codes)} if 2 in codes else None)
    ratios = {"c/a": statistics.median(w / a for w, a in zip(walls, raws)),
              "c′/a": statistics.median(i / a for i, a in zip(inprocs, raws)),
              "c′/d": statistics.median(i / d for i, d in zip(inprocs, twos)),
              "c/e": statistics.median(w / e for w, e in zip(walls, cli_twos)),
              "c₁/e": statistics.median(o / e for o, e in zip(cli_ones, cli_twos)),
              "c₁/a": statistics.median(o / a for o, a in zip(cli_ones, raws))}
    if plumbers:
        ratios["c/b"] = statistics.median(w / b for w, b in zip(walls, plumbers))
    return FileResult(pages, str(path.relative_to(ROOT)), statistics.median(raws),
                      statistics.median(plumbers) if plumbers else float("nan"), statistics.median(walls),
                      statistics.median(inprocs), rss, statistics.median(twos), same,
                      scan_subprocess_jobs2_s=statistics.median(cli_twos), peak_pss_mb=pss,
                      scan_subprocess_one_core_s=statistics.median(cli_ones),
                      scan_error=json.dumps(error, ensure_ascii=False) if error else None, ratios=ratios,
                      ceilings=ceilings)


# A pure-Python loop of about half a second: no I/O, no memory to speak of, nothing to share.
SPIN_LOOPS = 6_000_000
_SPIN = f"s = 0\nfor i in range({SPIN_LOOPS}):\n    s += i * i\n"


def two_process_ceiling() -> float:
    """How much more two processes get done than one on this machine right now: the same loop
    alone, two copies at once, alone again (2 × alone / both). 2.0 on two free cores; a machine whose second
    core is shared with a neighbour gives less, and no scan on two cores can beat it."""
    def spin(copies: int) -> float:
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(copies)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - started

    before, both, after = spin(1), spin(2), spin(1)  # the pair between two lone runs: a drift hits both sides
    return (before + after) / both


def scan_two_cores(engine: object, path: Path) -> object:
    """(d): one file on two cores, as ``--jobs 2`` on one file and the API's lone scans do it."""
    from checker.ingest.ahead import ReadAhead

    with ReadAhead(path, parts=2) as ahead:
        return engine.scan(path, ahead=ahead, cores=2)  # type: ignore[attr-defined]


def _comparable(report: object) -> dict[str, object]:
    d = report.to_dict()  # type: ignore[attr-defined]
    return {k: v for k, v in d.items() if k not in ("elapsed_ms", "scanned_at")}


def measure_batch(files: int, pages: int, runs: int) -> dict[str, float]:
    folder = OUT / f"batch_{files}x{pages}p_{_fingerprint()}"
    folder.mkdir(parents=True, exist_ok=True)
    from bench.make_tender import make_tender

    for k in range(files):  # variants, not copies: every file reads differently
        target = folder / f"tender_{k + 1:02d}.pdf"
        if not target.is_file():
            print(f"  generating {target.name} …", file=sys.stderr, flush=True)
            make_tender(pages, 1000 + k, target)
    out: dict[str, float] = {"files": files, "pages_per_file": pages}
    # --jobs 1 and --jobs 2 alternate, so a slow spell of a shared machine hits both alike; the
    # speed-up is the median of each pair's ratio.
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            cmd = [*tendercheck_cmd(), "scan", str(folder), "--jobs", str(jobs), "-q"]
            walls[jobs].append(scan_child(cmd, files)[0])
    for jobs in (1, 2):
        out[f"jobs{jobs}_s"] = statistics.median(walls[jobs])
        out[f"jobs{jobs}_files_per_s"] = files / out[f"jobs{jobs}_s"]
    out["speedup"] = statistics.median(one / two for one, two in zip(walls[1], walls[2]))
    return out


def checkout_at(ref: str) -> Path:
    """A work tree of ``ref`` (a commit or branch) under bench/out/, made once, for side-by-side runs."""
    sha = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    tree = OUT / f"at-{sha}"
    if not tree.is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), sha], cwd=ROOT, capture_output=True,
                       check=True)
    return tree


def real_scan(cmd: list[str], folder: Path, jobs: int, cwd: Path) -> tuple[Timed, int, int]:
    """The timed scan of one folder (wall, the tree's peak RSS and PSS), its reports and error reports."""
    out = OUT / "real_check.jsonl"
    out.unlink(missing_ok=True)
    timed = run_child([*cmd, "scan", str(folder), "--jobs", str(jobs), "-q", "--format", "jsonl", "-o", str(out)],
                      sample_tree=True, cwd=cwd)
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    return timed, len(reports), sum(bool(r.get("error")) for r in reports)


def measure_real(folder: Path, runs: int, against: str | None) -> dict[str, object]:
    """A folder of real tenders with ``--jobs 1`` and ``--jobs 2``, and, with ``against``, the same scans by
    another commit's code, every variant once per run in turn (A B A B …); speed-ups are medians of
    each run's ratios."""
    variants: dict[str, tuple[list[str], Path, int]] = {}
    mine = [sys.executable, "-m", "checker"]
    for jobs in (1, 2):
        variants[f"this jobs{jobs}"] = (mine, ROOT, jobs)
        if against and jobs == 2:  # the old code once, as the issue measured it
            variants[f"{against} jobs{jobs}"] = (mine, checkout_at(against), jobs)
    walls: dict[str, list[float]] = {k: [] for k in variants}
    out: dict[str, object] = {"folder": str(folder), "runs": runs}
    for _ in range(runs):
        for name, (cmd, cwd, jobs) in variants.items():
            timed, n, errors = real_scan(cmd, folder, jobs, cwd)
            walls[name].append(timed.wall)
            for key, mb in (("peak_rss_mb", timed.peak_mb), ("peak_pss_mb", timed.peak_pss_mb)):
                out[f"{name} {key}"] = max(float(out.get(f"{name} {key}", 0.0)), mb)  # type: ignore[arg-type]
            out["files"], out[f"{name} errors"] = n, errors
    for name, w in walls.items():
        out[f"{name} s"] = statistics.median(w)
        out[f"{name} files_per_s"] = int(out["files"]) / statistics.median(w)  # type: ignore[call-overload]
    if against:
        out[f"speedup jobs2 vs {against}"] = statistics.median(
            old / new for old, new in zip(walls[f"{against} jobs2"], walls["this jobs2"]))
    out["jobs2 speedup"] = statistics.median(a / b for a, b in zip(walls["this jobs1"], walls["this jobs2"]))
    return out


def measure_help(runs: int) -> float:
    return statistics.median(run_child([*tendercheck_cmd(), "--help"])[0] for _ in range(runs))


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(res: Results) -> str:
    header = (f"{'pages':>6} {'(a) pdfium raw':>16} {'(b) pdfplumber':>16} {'(c) scan CLI':>16} "
              f"{'(c′) scan in-proc':>18} {'c/a':>6} {'c/b':>6} {'c′/a':>6} {'peak RSS':>9}")
    lines = [f"machine: {res.cores} cores, Python {res.python}; (c) runs {res.command}", "", header]
    for f in res.files:
        lines.append(
            f"{f.pages:>6} {f.raw_s:>7.2f}s {f.pps(f.raw_s):>5.0f}p/s {f.plumber_s:>7.2f}s {f.pps(f.plumber_s):>5.0f}p/s"
            f" {f.scan_subprocess_s:>7.2f}s {f.pps(f.scan_subprocess_s):>5.0f}p/s"
            f" {f.scan_inprocess_s:>8.2f}s {f.pps(f.scan_inprocess_s):>6.0f}p/s"
            f" {f.ratios['c/a']:>6.2f} {f.ratios.get('c/b', float('nan')):>6.3f}"
            f" {f.ratios['c′/a']:>6.2f} {f.peak_rss_mb:>7.0f}MB (PSS {f.peak_pss_mb:.0f}MB)")
        lines.append(f"       (d) (c′) on two cores: {f.scan_two_cores_s:.2f}s "
                     f"{f.pps(f.scan_two_cores_s):.0f}p/s, c′/d {f.ratios.get('c′/d', float('nan')):.2f}×, "
                     f"report {'identical' if f.same_report else 'DIFFERENT'}; "
                     f"(e) CLI --jobs 2: {f.scan_subprocess_jobs2_s:.2f}s, c/e {f.ratios.get('c/e', float('nan')):.2f}×; "
                     f"(c₁) CLI on one core: {f.scan_subprocess_one_core_s:.2f}s, "
                     f"c₁/e {f.ratios.get('c₁/e', float('nan')):.2f}×")
        if f.ceilings:
            lines.append(f"       two processes get {statistics.median(f.ceilings):.2f}× what one does on this machine "
                         f"(median; {min(f.ceilings):.2f}–{max(f.ceilings):.2f}× right after each (e)/(c₁) pair)")
        if f.scan_error:
            lines.append(f"       scan error: {f.scan_error}")
    lines.append("")
    if res.batch:
        b = res.batch
        lines.append(f"batch: {b['files']:.0f} files × {b['pages_per_file']:.0f} pages: --jobs 1 {b['jobs1_s']:.2f}s "
                     f"({b['jobs1_files_per_s']:.2f} files/s), --jobs 2 {b['jobs2_s']:.2f}s "
                     f"({b['jobs2_files_per_s']:.2f} files/s), speed-up {b['speedup']:.2f}×")
    lines.append(f"tendercheck --help: {res.help_s:.3f}s")
    lines.append("")
    lines.append("targets (issue 7):")
    for f in res.files:
        if f.pages == 300:
            c_b, c_a, ci_a = f.ratios.get("c/b", float("nan")), f.ratios["c/a"], f.ratios["c′/a"]
            lines.append(f"  c/b ≤ {MAX_C_OVER_B} on 300 p: {c_b:.3f} {verdict(c_b <= MAX_C_OVER_B)}")
            c1_a = f.ratios.get("c₁/a", float("nan"))
            lines.append(f"  c/a ≤ {MAX_C_OVER_A:g} on 300 p: CLI {c_a:.2f} {verdict(c_a <= MAX_C_OVER_A)} "
                         f"(on one core, c₁/a: {c1_a:.2f}), in-process {ci_a:.2f} {verdict(ci_a <= MAX_C_OVER_A)}")
            lines.append(f"  ≥ {MIN_PAGES_PER_S:g} pages/s on 300 p in one process: {f.pps(f.scan_inprocess_s):.0f} "
                         f"{verdict(f.pps(f.scan_inprocess_s) >= MIN_PAGES_PER_S)}")
        if f.pages == 1000:
            # PSS: the scanning child and the reader are forks sharing the loaded checker, which
            # summed RSS counts once per process.
            lines.append(f"  peak memory ≤ {MAX_RSS_MB:g} MB on 1000 p (PSS of the tree): {f.peak_pss_mb:.0f} MB "
                         f"{verdict(f.peak_pss_mb <= MAX_RSS_MB)} (summed RSS {f.peak_rss_mb:.0f} MB)")
            one, cli = f.ratios.get("c′/d", float("nan")), f.ratios.get("c₁/e", float("nan"))
            lines.append(f"  one file on two cores ≥ {MIN_ONE_FILE_SPEEDUP}× one core on 1000 p (issue 16): in process "
                         f"{one:.2f}× {verdict(one >= MIN_ONE_FILE_SPEEDUP and f.same_report)}, CLI "
                         f"{cli:.2f}× {verdict(cli >= MIN_ONE_FILE_SPEEDUP)}")
    if res.batch:
        lines.append(f"  --jobs 2 ≥ {MIN_JOBS2_SPEEDUP}× --jobs 1: {res.batch['speedup']:.2f}× "
                     f"{verdict(res.batch['speedup'] >= MIN_JOBS2_SPEEDUP)}")
    lines.append(f"  --help ≤ {MAX_HELP_S} s: {res.help_s:.3f}s {verdict(res.help_s <= MAX_HELP_S)}")
    return "\n".join(lines)


def _compile_bytecode() -> None:
    """Byte-compile the package, as ``pip install`` does for an installed one. An editable install
    under PYTHONDONTWRITEBYTECODE (set on these machines) never caches bytecode, and every timed
    run would recompile every module (~0.1 s) that no installed copy ever recompiles."""
    import compileall

    import checker
    import lexicons

    for package in (checker, lexicons):
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="tendercheck benchmark (issue 7)")
    ap.add_argument("--pages", type=int, nargs="+", default=[300, 1000], help="tender sizes (default: 300 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--plumber-runs", type=int, default=None, help="pdfplumber runs (default: --runs; 0 skips)")
    ap.add_argument("--batch-files", type=int, default=20)
    ap.add_argument("--batch-pages", type=int, default=100, help="pages per batch file (default: 100, a typical tender)")
    ap.add_argument("--no-batch", action="store_true")
    ap.add_argument("--quick", action="store_true", help="1 pdfplumber run, 1 batch run: a smoke test")
    ap.add_argument("--real", type=Path, nargs="?", const=ROOT.parent / "shared" / "real" / "shenzhen",
                    help="time a folder of real tenders instead (default: ../shared/real/shenzhen)")
    ap.add_argument("--against", metavar="GITREF", help="with --real: the same scans by this commit's code, side by side")
    args = ap.parse_args(argv)
    plumber_runs = args.plumber_runs if args.plumber_runs is not None else (1 if args.quick else args.runs)
    OUT.mkdir(parents=True, exist_ok=True)

    _compile_bytecode()
    from checker.engine import Engine

    if args.real:
        if not args.real.is_dir():
            print(f"no folder {args.real}", file=sys.stderr)
            return 2
        real = measure_real(args.real, args.runs, args.against)
        (OUT / "real.json").write_text(json.dumps(real, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print("\n".join(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}" for k, v in real.items()))
        return 0
    res = Results(cores=os.cpu_count() or 1, python=sys.version.split()[0], command=" ".join(tendercheck_cmd()))
    engine = Engine()
    for pages in args.pages:
        path = tender(pages, args.seed)
        print(f"measuring {path.name} …", file=sys.stderr, flush=True)
        res.files.append(measure_file(path, pages, args.runs, plumber_runs, engine))
    if not args.no_batch:
        print("measuring batch …", file=sys.stderr, flush=True)
        res.batch = measure_batch(args.batch_files, args.batch_pages, 1 if args.quick else args.runs)
    res.help_s = measure_help(max(5, args.runs))
    (OUT / "results.json").write_text(json.dumps(asdict(res), ensure_ascii=False, indent=2), encoding="utf-8")
    print(report(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
