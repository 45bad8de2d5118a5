"""Fuzz the PDF and DOCX ingest (and the rest of a scan) with mutated documents, for a set time.

    python scripts/fuzz_ingest.py --seconds 300 [--out fuzz-findings] [--seed 1]

Hypothesis generates the inputs: seed documents (a reportlab tender, a hand-built PDF, a DOCX
with numbering and tables) mutated at the byte level (flips, cuts, splices, repeated runs) or, for
DOCX, inside their XML parts (attribute values, elements dropped or repeated, text truncated).
Each input is scanned as a user's file is: in a child process under the memory and time bounds
(checker/bounded.py). A finding is a scan that ends in ``internal_error`` (an uncaught exception
or a crashed child: a bug, since a broken file must get its own error code), or in
``memory_limit``/``scan_timeout`` (a small file must not need that much). Each finding is saved
to ``--out`` with its error; turn it into a regression test in tests/fuzz_cases/.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

FINDING_CODES = ("internal_error", "memory_limit", "scan_timeout")
# Bounds for a fuzzed file: all inputs are small, so these are generous.
FUZZ_MEMORY_MB = 512
FUZZ_TIMEOUT_S = 20.0
BATCH = 25  # examples per Hypothesis run; runs repeat until the time is up


def seeds(folder: Path) -> dict[str, bytes]:
    from pdfgen import make_docx, make_pdf, text_page
    from rawpdf import RawPage, flate, text_content, write_docx, write_pdf

    lines = ("某某医院设备采购项目招标文件", "采购方式：公开招标", "项目编号：TEST-2026-001",
             "推荐品牌：甲、乙、丙或相当于", "投标人须具有近三年类似项目业绩", "执行标准：GB/T 50231-2016")
    out = {
        "tender.pdf": make_pdf(folder / "tender.pdf", [text_page(*lines), text_page("第二页：技术要求")]).read_bytes(),
        "raw.pdf": write_pdf(folder / "raw.pdf", [RawPage(*flate(text_content("Tender page one"))),
                                                  RawPage(text_content("page two"))]).read_bytes(),
        "tender.docx": make_docx(folder / "tender.docx", list(lines)).read_bytes(),
        "numbered.docx": write_docx(folder / "numbered.docx", list(lines), fmt="lowerRoman", start="3").read_bytes(),
    }
    return out


def mutate_bytes(data: bytes, draw: st.DrawFn) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "splice", "repeat", "truncate", "digits"]))
        at = draw(st.integers(0, max(0, len(buf) - 1)))
        if kind == "flip" and buf:
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            del buf[at:at + draw(st.integers(1, 64))]
        elif kind == "splice":
            buf[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "repeat":
            buf[at:at] = bytes(buf[at:at + draw(st.integers(1, 16))]) * draw(st.integers(2, 200))
        elif kind == "truncate":
            del buf[at:]
        elif kind == "digits":  # numbers in PDF syntax: lengths, offsets, counts, boxes
            m = list(re.finditer(rb"\d+", bytes(buf)))
            if m:
                hit = m[draw(st.integers(0, len(m) - 1))]
                buf[hit.start():hit.end()] = str(draw(st.sampled_from([0, -1, 1, 2**31, 10**12, 65535]))).encode()
    return bytes(buf)


_XML_VALUES = ["", "-1", "0", "x", "99", "999999999999", "%1%2%9%0", "lowerRoman", "bullet", "\u0000", "1e9"]


def mutate_docx(data: bytes, draw: st.DrawFn) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(xml))
        text = parts[name].decode("utf-8", "replace")
        kind = draw(st.sampled_from(["attr", "drop", "dup", "cut", "bytes"]))
        if kind == "attr":
            attrs = list(re.finditer(r'="([^"]*)"', text))
            if attrs:
                a = attrs[draw(st.integers(0, len(attrs) - 1))]
                text = text[:a.start(1)] + draw(st.sampled_from(_XML_VALUES)) + text[a.end(1):]
        elif kind in ("drop", "dup"):
            tags = list(re.finditer(r"<(w:\w+)[^>]*/>|<(w:\w+)[^>]*>.*?</\2>", text, re.DOTALL))
            if tags:
                t = tags[draw(st.integers(0, len(tags) - 1))]
                text = text[:t.start()] + (t.group() * draw(st.integers(2, 50)) if kind == "dup" else "") + text[t.end():]
        elif kind == "cut":
            text = text[:draw(st.integers(0, len(text)))]
        parts[name] = mutate_bytes(text.encode(), draw) if kind == "bytes" else text.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    args = parser.parse_args(argv)

    from checker.bounded import scan_bounded
    from checker.engine import Engine
    from checker.settings import Settings

    engine = Engine(Settings(max_memory_mb=FUZZ_MEMORY_MB, file_timeout_s=FUZZ_TIMEOUT_S))
    engine.warm_up()
    work = Path(tempfile.mkdtemp(prefix="tendercheck-fuzz-"))
    seed_docs = seeds(work)
    args.out.mkdir(parents=True, exist_ok=True)
    stats = {"inputs": 0, "findings": 0, "codes": {}}
    found: set[str] = set()

    @settings(max_examples=BATCH, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def one(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(seed_docs)))
        body = seed_docs[name]
        if name.endswith(".docx") and data.draw(st.booleans()):
            body = mutate_docx(body, data.draw)
        else:
            body = mutate_bytes(body, data.draw)
        path = work / f"input{Path(name).suffix}"
        path.write_bytes(body)
        report = scan_bounded(engine, path)
        stats["inputs"] += 1
        code = report.error["code"] if report.error else "ok"
        stats["codes"][code] = stats["codes"].get(code, 0) + 1
        if code in FINDING_CODES:
            digest = hashlib.sha256(body).hexdigest()[:16]
            key = f"{code}:{report.error['message'][:80]}" if report.error else digest
            if key not in found:
                found.add(key)
                stats["findings"] += 1
                (args.out / f"{digest}{Path(name).suffix}").write_bytes(body)
                (args.out / f"{digest}.json").write_text(json.dumps(report.error, ensure_ascii=False), encoding="utf-8")
                print(f"finding {digest}{Path(name).suffix}: {report.error}", flush=True)

    if args.seed is not None:
        from hypothesis import seed as hseed

        one = hseed(args.seed)(one)
    started = time.monotonic()
    while time.monotonic() - started < args.seconds:
        one()
    stats["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(stats, ensure_ascii=False, sort_keys=True))
    return 1 if stats["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
