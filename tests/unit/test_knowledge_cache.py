from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.cache import KEPT_SAVES, cache_key, code_fingerprint, drop_older_saves
from tests.support.reference import reference_count

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    return folder


def test_cached_load_gives_the_same_entries(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_knowledge(knowledge, cache_dir=cache)
    assert len(list(cache.glob("knowledge-*.json"))) == 1
    second = load_knowledge(knowledge, cache_dir=cache)
    assert second.entries == first.entries
    assert second.by_code[13899].severity == first.by_code[13899].severity


def test_changed_file_is_validated_again(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_knowledge(knowledge, cache_dir=cache)
    file = knowledge / "ipsec-driver.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n  bogus: 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown field 'bogus'"):
        load_knowledge(knowledge, cache_dir=cache)


def test_corrupt_cache_falls_back_to_the_files(knowledge: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_knowledge(knowledge, cache_dir=cache)
    (stored,) = cache.glob("knowledge-*.json")
    stored.write_text("{not json", encoding="utf-8")
    assert len(load_knowledge(knowledge, cache_dir=cache)) == reference_count()


def test_unwritable_cache_is_not_an_error(knowledge: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    assert len(load_knowledge(knowledge, cache_dir=blocker / "cache")) == reference_count()


def test_a_corrupt_cache_is_reported_and_rebuilt(
    knowledge: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    load_knowledge(knowledge, cache_dir=cache)
    (stored,) = cache.glob("knowledge-*.json")
    stored.write_text('{"families": [], "entries": [{"code": 1}]}', encoding="utf-8")
    load_knowledge(knowledge, cache_dir=cache)
    assert "unusable knowledge cache" in caplog.text and str(stored) in caplog.text
    assert json.loads(stored.read_text(encoding="utf-8"))["entries"], "rebuilt in place"
    caplog.clear()
    load_knowledge(knowledge, cache_dir=cache)
    assert caplog.text == ""


def test_the_key_covers_the_validating_code_and_the_resolved_paths(
    knowledge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [knowledge / "families.yaml", knowledge / "ipsec-driver.yaml"]
    key = cache_key(files)
    monkeypatch.chdir(knowledge)
    assert cache_key([Path("families.yaml"), Path("ipsec-driver.yaml")]) == key
    code_fingerprint.cache_clear()
    monkeypatch.setattr("bot.knowledge.cache._VALIDATING_MODULES", ("knowledge/schema.py",))
    try:
        assert cache_key(files) != key  # other validating code: the old cache is not trusted
    finally:
        code_fingerprint.cache_clear()


def test_a_file_edited_twice_at_once_with_the_same_size_gets_a_new_key(tmp_path: Path) -> None:
    file = tmp_path / "kb.yaml"
    file.write_text("severity: high\n", encoding="utf-8")
    first = cache_key([file])
    stat = file.stat()
    file.write_text("severity: low!\n", encoding="utf-8")  # same size
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same timestamp
    assert cache_key([file]) != first


def test_files_not_just_changed_are_known_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "kb.yaml"
    file.write_text("severity: high\n", encoding="utf-8")
    old = time.time() - 60
    os.utime(file, (old, old))
    key = cache_key([file])

    def unread(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", unread)
    assert cache_key([file]) == key
    os.utime(file, (old + 1, old + 1))
    assert cache_key([file]) != key  # a new timestamp is a new key


def test_two_knowledge_folders_sharing_a_cache_keep_both_saves(
    knowledge: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    shutil.copytree(knowledge, other)
    (other / "families.yaml").write_text(
        (other / "families.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    cache = tmp_path / "cache"
    load_knowledge(knowledge, cache_dir=cache)
    load_knowledge(other, cache_dir=cache)
    saves = sorted(cache.glob("knowledge-*.json"))
    assert len(saves) == 2
    load_knowledge(knowledge, cache_dir=cache)  # read back, not rebuilt over the other's
    assert sorted(cache.glob("knowledge-*.json")) == saves


def test_only_the_newest_saves_of_a_kind_are_kept(tmp_path: Path) -> None:
    saves = []
    for number in range(KEPT_SAVES + 2):
        save = tmp_path / f"search-{number}.marshal"
        save.write_bytes(b"")
        os.utime(save, ns=(number * 10**9, number * 10**9))
        saves.append(save)
    (tmp_path / "knowledge-0.json").write_bytes(b"")
    drop_older_saves(saves[-1], "search-*.marshal")
    assert sorted(tmp_path.glob("search-*.marshal")) == saves[-KEPT_SAVES:]
    assert (tmp_path / "knowledge-0.json").exists()


def test_the_shared_openings_read_back_are_those_built(tmp_path: Path) -> None:
    from bot.detect.shared_openings import shared_openings

    kb = load_knowledge(cache_dir=tmp_path)
    built = shared_openings(kb).others
    assert built == kb.sharers() and 809 in built
    again = load_knowledge(cache_dir=tmp_path)
    assert list(tmp_path.glob("shared-openings-*.marshal"))
    assert shared_openings(again).others == built
