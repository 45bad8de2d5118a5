"""The pruned jieba dictionary: built once from jieba's own, cached, and good enough to split lists."""
from __future__ import annotations

from pathlib import Path

import pytest

from checker.nlp import segmenter_dict


def test_pruned_dictionary_is_built_once_and_keeps_common_words(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = segmenter_dict.pruned_dictionary(words=5000)
    assert path.parent == tmp_path / "tendercheck"
    words = {line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(words) == 5000
    assert {"和", "及", "或", "设备"} <= words  # conjunctions stay words of their own
    mtime = path.stat().st_mtime_ns
    assert segmenter_dict.pruned_dictionary(words=5000) == path and path.stat().st_mtime_ns == mtime


def test_unwritable_cache_falls_back_to_the_full_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setattr(segmenter_dict.tempfile, "gettempdir", lambda: str(blocked))
    assert segmenter_dict.pruned_dictionary(words=10).name == "dict.txt"


def test_the_brand_pipeline_uses_the_pruned_dictionary() -> None:
    import jieba

    from checker.nlp.pipeline import BRAND_SPANS, split_brands

    doc = split_brands("格兰富和威乐、新江")
    assert [s.text for s in doc.spans[BRAND_SPANS]] == ["格兰富", "威乐", "新江"]
    assert Path(jieba.dt.dictionary).name.startswith("jieba-")
