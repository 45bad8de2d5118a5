"""OCR of PDF pages that have no usable text layer: page image → lines with boxes and confidences.

The engine is RapidOCR (``rapidocr-onnxruntime``): PaddleOCR's PP-OCRv4 Chinese detection and
recognition models, shipped inside the wheel and run by onnxruntime on the CPU, so nothing is
downloaded at run time. It is an optional extra (``pip install 'tendercheck[ocr]'``); this module
imports it only when a page needs OCR, so text-layer PDFs never load it.

Pages are read in parallel, each in a child process forked from this one after the models are
loaded (copy on write: no process loads them twice) and killed past ``ocr_page_timeout_s``. A
page over its time is reported, never dropped silently; the children inherit the scanning
process's memory bound (checker/bounded.py). onnxruntime runs one thread per child, so the
number of children (``ocr_jobs``, by default one per core) is the number of cores used.

Every recognised line keeps the engine's own boxes: a box per character (from the recogniser's
alignment, ``return_word_box``), mapped from pixels back to page points, and the engine's
confidence per character, which evidence quoting the line carries (model.Evidence).
"""
from __future__ import annotations

import contextlib
import importlib.util
import math
import os
import pickle
import select
import signal
import time
from dataclasses import dataclass, field
from typing import Any

from .. import errors
from ..limits import die_with_parent
from ..model import BBox
from ..settings import Settings

ENGINE_MODULE = "rapidocr_onnxruntime"
INSTALL_HINT = "pip install 'tendercheck[ocr]'"
# The largest image rendered for OCR, in pixels (an A3 page at 200 dpi is 9.7 million): a page
# larger than that is rendered at a lower resolution instead of taking gigabytes.
MAX_RENDER_PIXELS = 16_000_000
# Share of the file's time bound (``file_timeout_s``) that OCR may use: the rest is for the pages'
# layout, the facts and the rules, so a long scan ends with a report naming the pages not read
# instead of a timeout with no report.
FILE_TIME_SHARE = 0.8
_READ_CHUNK = 1 << 20
_POLL_S = 0.2


def available() -> bool:
    """Whether the OCR engine is installed (without importing it)."""
    return importlib.util.find_spec(ENGINE_MODULE) is not None


def unavailable_error() -> errors.OcrUnavailable:
    return errors.OcrUnavailable(
        f"未安装 OCR 组件，无法识别扫描页；请安装：{INSTALL_HINT}",
        f"OCR was asked for but its engine ({ENGINE_MODULE}) is not installed: {INSTALL_HINT}")


@dataclass(slots=True)
class OcrOutcome:
    """What OCR made of the pages asked for: lines per page read, and the pages it could not read
    with the reason (in Chinese)."""

    pages: dict[int, RawPage] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


class _Engine:
    """The RapidOCR engine, loaded once per process that needs it."""

    _instance: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls._instance is None:
            if not available():
                raise unavailable_error()
            from rapidocr_onnxruntime import RapidOCR

            _use_memory_arena()
            # One onnxruntime thread: the pages run in parallel processes instead, and a process
            # forked after onnxruntime started a thread pool could deadlock. Text lines recognised one
            # at a time: a batch pads every line to its widest, and that padding was a third of the
            # recogniser's time on the real scanned pages (R14, R31: 55 s → 35 s for 8 pages).
            cls._instance = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=1,
                                     print_verbose=False)
        return cls._instance


def _use_memory_arena() -> None:
    """Let onnxruntime keep its memory arena, which RapidOCR 1.4 turns off. Without it every
    recogniser batch (a new image width each time) maps and unmaps its buffers afresh: on a
    dense scanned page that was 10 s of system time in 26 s, against 1 s in 9 s with the arena
    (R14, page 2, 200 dpi). The arena grows the process by about 0.5 GB, well inside the memory
    bound; each page is read in its own short-lived process, so it never accumulates."""
    from rapidocr_onnxruntime.utils import infer_engine

    session = getattr(infer_engine, "OrtInferSession", None)
    original = getattr(session, "_init_sess_opts", None)
    if session is None or original is None or getattr(original, "_tendercheck", False):
        return

    def options(config: dict[str, Any]) -> Any:
        opts = original(config)
        opts.enable_cpu_mem_arena = True
        return opts

    options._tendercheck = True  # type: ignore[attr-defined]
    session._init_sess_opts = staticmethod(options)


def ocr_pages(path: str, numbers: list[int], settings: Settings, deadline: float) -> OcrOutcome:
    """OCR the 1-based pages ``numbers`` of the PDF at ``path``, at most ``ocr_jobs`` at a time,
    each within ``ocr_page_timeout_s`` and all before ``deadline`` (``time.monotonic``)."""
    _Engine.get()  # load the models once, here, before forking the page readers
    outcome = OcrOutcome()
    jobs = settings.ocr_jobs if settings.ocr_jobs > 0 else (os.cpu_count() or 1)
    todo = list(numbers)
    running: dict[int, _Reader] = {}  # read end → reader
    try:
        _read_all(path, todo, running, jobs, settings, deadline, outcome)
    finally:  # interrupted (out of memory, a signal): no page reader is left running
        for reader in running.values():
            reader.kill()
    for number in todo:
        outcome.failed[number] = "文件的扫描时间不足，未做 OCR"
    return outcome


def _read_all(path: str, todo: list[int], running: dict[int, _Reader], jobs: int, settings: Settings,
              deadline: float, outcome: OcrOutcome) -> None:
    while todo or running:
        while todo and len(running) < jobs and time.monotonic() < deadline:
            reader = _Reader.start(path, todo.pop(0), settings)
            running[reader.fd] = reader
        if not running:
            break  # the deadline has passed before every page started
        ready, _, _ = select.select(list(running), [], [], _POLL_S)
        now = time.monotonic()
        for fd in ready:
            reader = running[fd]
            if reader.read():
                del running[fd]
                reader.finish(outcome)
        for fd, reader in list(running.items()):
            over_page = now - reader.started > settings.ocr_page_timeout_s
            if over_page or now > deadline:
                del running[fd]
                reader.kill()
                outcome.failed[reader.number] = (
                    f"OCR 超时（单页上限 {settings.ocr_page_timeout_s:g} 秒）" if over_page
                    else "文件的扫描时间不足，未做 OCR")


class _Reader:
    """One page OCRed in a forked child; the result comes back pickled through a pipe."""

    def __init__(self, number: int, pid: int, fd: int) -> None:
        self.number = number
        self.pid = pid
        self.fd = fd
        self.started = time.monotonic()
        self.chunks: list[bytes] = []

    @classmethod
    def start(cls, path: str, number: int, settings: Settings) -> _Reader:
        read_end, write_end = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            _child(path, number, settings.ocr_dpi, write_end, parent)
        os.close(write_end)
        return cls(number, pid, read_end)

    def read(self) -> bool:
        """Read what is there; True once the child closed its end."""
        chunk = os.read(self.fd, _READ_CHUNK)
        if chunk:
            self.chunks.append(chunk)
            return False
        return True

    def finish(self, outcome: OcrOutcome) -> None:
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        try:
            sent = pickle.loads(b"".join(self.chunks))
        except Exception:  # noqa: BLE001 - cut short: the child died while writing
            sent = None
        if isinstance(sent, tuple) and sent[0] == "ok":
            outcome.pages[self.number] = sent[1]
        elif isinstance(sent, tuple) and sent[0] == "memory":
            raise MemoryError(f"OCR of page {self.number}")
        elif isinstance(sent, tuple) and sent[0] == "error":
            outcome.failed[self.number] = f"OCR 失败：{sent[1]}"
        else:
            how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
            if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS):
                raise MemoryError(f"OCR of page {self.number} died ({how})")  # C code aborts when out of memory
            outcome.failed[self.number] = f"OCR 进程异常退出（{how}）"

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def _child(path: str, number: int, dpi: int, fd: int, parent: int) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with_parent(parent)  # a page reader dies with the scan that started it (its time bound)
        try:
            data = pickle.dumps(("ok", read_page(path, number, dpi)), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory",))
        except Exception as exc:  # noqa: BLE001 - reported for this page by the parent
            data = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
        with os.fdopen(fd, "wb", closefd=True) as out:
            out.write(data)
    except BaseException:  # noqa: BLE001 - whatever happens, this process must not go on as the parent
        code = 1
    os._exit(code)


# A recognised line as it travels from a page reader: text, per-character boxes (page points) and
# per-character confidences.
RawLine = tuple[str, list[BBox], list[float]]
# What a page reader sends back: the page's size in points, its lines, and the ruling lines of
# its tables as (x0, top, x1, bottom) boxes in points.
RawPage = tuple[tuple[float, float], list[RawLine], list[BBox]]

# Skew below this (degrees) is left alone; above it the page is turned upright before its table
# rulings are found, and the characters' boxes with it.
MIN_DESKEW_DEG = 0.05
# A ruling is a straight run of dark pixels at least this share of the page's width (or height).
RULING_MIN_SHARE = 1 / 30


def read_page(path: str, number: int, dpi: int) -> RawPage:
    """OCR one page (1-based) in this process."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            scale = min(dpi / 72.0, math.sqrt(MAX_RENDER_PIXELS / max(1.0, width * height)))
            image = page.render(scale=scale).to_numpy()
        finally:
            page.close()
    finally:
        pdf.close()
    result, _ = _Engine.get()(image, return_word_box=True)
    result = list(result or ())
    angle = _skew(result)
    turn = _Turn(angle if abs(angle) >= MIN_DESKEW_DEG else 0.0, image.shape[1], image.shape[0], scale)
    lines = [_raw_line(r, turn) for r in result]
    return (width, height), lines, _rulings(image, turn)


class _Turn:
    """Pixels of the scan → points on the upright page: turned by ``-angle`` about the centre."""

    def __init__(self, angle: float, width: int, height: int, scale: float) -> None:
        self.angle = angle
        self.cx, self.cy = width / 2, height / 2
        self.cos, self.sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        self.scale = scale

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = x - self.cx, y - self.cy
        return ((self.cx + dx * self.cos + dy * self.sin) / self.scale,
                (self.cy - dx * self.sin + dy * self.cos) / self.scale)

    def hull(self, quad: Any) -> BBox:
        pts = [self.point(float(p[0]), float(p[1])) for p in quad]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return (min(xs), min(ys), max(xs), max(ys))


def _skew(result: list[Any]) -> float:
    """The page's skew in degrees (clockwise on screen, y down), from the slope of its long text lines."""
    slopes = []
    for r in result:
        (x0, y0), (x1, y1) = r[0][0], r[0][1]
        if float(x1) - float(x0) > 4 * abs(float(r[0][3][1]) - float(y0)):
            slopes.append(math.degrees(math.atan2(float(y1) - float(y0), float(x1) - float(x0))))
    if not slopes:
        return 0.0
    slopes.sort()
    return slopes[len(slopes) // 2]


def _rulings(image: Any, turn: _Turn) -> list[BBox]:
    """The table rulings of a scanned page: long straight runs of dark pixels, found on the page
    turned upright, as thin boxes in points (what pdfium gives for a text PDF's path objects)."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY if image.shape[2] == 4 else cv2.COLOR_BGR2GRAY)
    if turn.angle:
        matrix = cv2.getRotationMatrix2D((turn.cx, turn.cy), turn.angle, 1.0)
        gray = cv2.warpAffine(gray, matrix, (gray.shape[1], gray.shape[0]), flags=cv2.INTER_LINEAR,
                              borderValue=255)
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    h, w = ink.shape
    out: list[BBox] = []
    for kernel in (np.ones((1, max(8, int(w * RULING_MIN_SHARE))), np.uint8),
                   np.ones((max(8, int(h * RULING_MIN_SHARE)), 1), np.uint8)):
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        for x, y, bw, bh, _area in stats[1:count]:
            out.append((x / turn.scale, y / turn.scale, (x + bw) / turn.scale, (y + bh) / turn.scale))
    return out


def _raw_line(r: Any, turn: _Turn) -> RawLine:
    """One RapidOCR result ``[quad, text, score, word quads, words, word scores]`` → text with a box
    and a confidence per character. A word the engine boxes as a whole (Latin letters and digits)
    shares its box evenly among its characters; a space of the text gets the gap around it."""
    quad, text, score = r[0], str(r[1]), float(r[2])
    words = [str(w) for w in r[4]] if len(r) > 5 else []
    if not words or "".join(words).replace(" ", "") != text.replace(" ", ""):
        return text, _split(turn.hull(quad), len(text)), [score] * len(text)
    # the engine's boxes per character of the words, in order; spaces are where ``text`` has them
    char_boxes: list[BBox] = []
    char_confs: list[float] = []
    for wquad, word, wscore in zip(r[3], words, r[5]):
        word = word.replace(" ", "")
        char_boxes += _split(turn.hull(wquad), len(word))
        char_confs += [float(wscore)] * len(word)
    boxes: list[BBox] = []
    confs: list[float] = []
    k = 0
    for ch in text:
        if ch == " ":
            prev = boxes[-1] if boxes else char_boxes[0]
            nxt = char_boxes[k] if k < len(char_boxes) else prev
            boxes.append((prev[2], prev[1], max(prev[2], nxt[0]), prev[3]))
            confs.append(confs[-1] if confs else score)
            continue
        boxes.append(char_boxes[k])
        confs.append(char_confs[k])
        k += 1
    return text, boxes, confs


def _split(box: BBox, n: int) -> list[BBox]:
    x0, top, x1, bottom = box
    step = (x1 - x0) / max(1, n)
    return [(x0 + k * step, top, x0 + (k + 1) * step, bottom) for k in range(n)]
