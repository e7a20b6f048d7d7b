"""The knowledge's new facts: localized messages (their own files) and peer terms (a field)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.detect import find_codes
from bot.knowledge import check_knowledge, load_knowledge
from bot.lookup.query import lookup, search_of
from tests.support.entries import GUIDANCE

ROOT = Path(__file__).resolve().parents[2]
ENTRY = (
    "- code: 13801\n"
    "  name: ERROR_IPSEC_IKE_AUTH_FAIL\n"
    "  message: IKE authentication credentials are unacceptable.\n" + GUIDANCE
)
PEER_TERMS = (
    "  peer_terms:\n"
    "  - term: AUTHENTICATION_FAILED\n"
    "    origin: RFC 7296 notify 24\n"
    "    note: The peer rejected our credentials.\n"
    "    source: https://www.rfc-editor.org/rfc/rfc7296#section-3.10.1\n"
)


def _problems(folder: Path) -> list[str]:
    _, problems = check_knowledge(folder)
    return [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems]


def _localized(folder: Path, text: str) -> Path:
    (folder / "kb.yaml").write_text(ENTRY, encoding="utf-8")
    (folder / "localized").mkdir()
    file = folder / "localized" / "de.yaml"
    file.write_text(text, encoding="utf-8")
    return file


def test_localized_messages_load_apart_from_the_entries(tmp_path: Path) -> None:
    _localized(
        tmp_path,
        '- {code: 13801, lang: de-DE, text: "Anmeldeinformationen  sind nicht akzeptabel.",'
        ' source: "win32-pr.de-de"}\n',
    )
    kb = load_knowledge(tmp_path)
    assert len(kb) == 1  # the localized file holds no entries
    assert [(m.code, m.lang, m.text) for m in kb.localized] == [
        (13801, "de-DE", "Anmeldeinformationen sind nicht akzeptabel.")
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("{code: 13806, lang: de-DE, text: x, source: y}", "de.yaml:2: code 13806 has no entry"),
        ("{code: 13801, lang: German, text: x, source: y}", "'lang' must be a tag like de-DE"),
        ("{code: 13801, lang: de-DE, text: '', source: y}", "'text' must be non-empty text"),
        ("{code: 13801, lang: de-DE, text: x}", "de.yaml:2: missing source"),
        ("{code: 13801, lang: de-DE, txt: x, source: y}", "unknown field 'txt' (did you mean"),
        ("{code: '13801', lang: de-DE, text: x, source: y}", "'code' must be an integer"),
    ],
)
def test_a_bad_localized_message_names_file_and_line(
    tmp_path: Path, item: str, expected: str
) -> None:
    _localized(tmp_path, f"- {{code: 13801, lang: de-DE, text: ok, source: s}}\n- {item}\n")
    problems = _problems(tmp_path)
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith("de.yaml:2:") for problem in problems)


def test_peer_terms_are_an_entry_field(tmp_path: Path) -> None:
    (tmp_path / "kb.yaml").write_text(ENTRY + PEER_TERMS, encoding="utf-8")
    kb = load_knowledge(tmp_path)
    (term,) = kb.by_code[13801].peer_terms
    assert (term.term, term.origin) == ("AUTHENTICATION_FAILED", "RFC 7296 notify 24")
    assert lookup(kb, "AUTHENTICATION_FAILED").matches[0].entry.code == 13801


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    source: https://", "    source: ftp://"), "'source' must be an http(s) URL"),
        (("    note: The peer rejected our credentials.\n", ""), "lacks note"),
        (("    origin:", "    orign:"), "unknown field 'orign' (did you mean 'origin'?)"),
        (("  - term: AUTHENTICATION_FAILED\n", "  - term: ''\n"), "'term' must be non-empty"),
    ],
)
def test_a_bad_peer_term_is_reported(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = ENTRY + PEER_TERMS.replace(*change)
    (tmp_path / "kb.yaml").write_text(text, encoding="utf-8")
    field_line = text.splitlines().index("  peer_terms:") + 1
    problems = _problems(tmp_path)
    assert any(expected in problem for problem in problems), problems
    assert all(p.startswith(f"kb.yaml:{field_line}: 'peer_terms'") for p in problems)


def test_shipped_peer_terms_cite_a_web_source(tmp_path: Path) -> None:
    kb = load_knowledge(ROOT / "knowledge")
    terms = [term for entry in kb for term in entry.peer_terms]
    assert len(terms) >= 40
    assert all(term.source.startswith("https://") for term in terms)


def test_the_cache_keeps_localized_messages_and_peer_terms(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    first = load_knowledge(folder, cache_dir=tmp_path / "cache")
    second = load_knowledge(folder, cache_dir=tmp_path / "cache")
    assert second.localized == first.localized and len(second.localized) > 1000
    assert second.by_code[13868].peer_terms == first.by_code[13868].peer_terms


def test_a_changed_localized_file_is_read_again(tmp_path: Path) -> None:
    file = _localized(tmp_path, "- {code: 13801, lang: de-DE, text: alt, source: s}\n")
    cache = tmp_path / "cache"
    load_knowledge(tmp_path, cache_dir=cache)
    file.write_text("- {code: 13801, lang: de-DE, text: neu, source: s}\n", encoding="utf-8")
    assert [m.text for m in load_knowledge(tmp_path, cache_dir=cache).localized] == ["neu"]


def test_the_search_index_is_saved_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    cache = tmp_path / "cache"
    built = search_of(load_knowledge(folder, cache_dir=cache))
    (saved,) = cache.glob("search-*.marshal")
    read_back = search_of(load_knowledge(folder, cache_dir=cache))
    assert read_back.state() == built.state()
    query = "vpn server ran out of addresses to hand out"
    assert read_back.search(query) == built.search(query)
    assert list(cache.glob("search-*.marshal")) == [saved]


def test_a_damaged_saved_index_is_reported_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    cache = tmp_path / "cache"
    search_of(load_knowledge(folder, cache_dir=cache))
    (saved,) = cache.glob("search-*.marshal")
    saved.write_bytes(b"\x00not marshal")
    with caplog.at_level(logging.WARNING):
        index = search_of(load_knowledge(folder, cache_dir=cache))
    assert "unusable saved index" in caplog.text
    assert index.search("no machine cert")[0].entry.code == 13806
    assert saved.read_bytes() != b"\x00not marshal"


def test_localized_messages_are_read_from_the_files_when_their_cache_is_gone(
    tmp_path: Path,
) -> None:
    _localized(tmp_path, "- {code: 13801, lang: de-DE, text: alt, source: s}\n")
    cache = tmp_path / "cache"
    load_knowledge(tmp_path, cache_dir=cache)
    (saved,) = cache.glob("localized-*.json")
    saved.unlink()
    assert [m.text for m in load_knowledge(tmp_path, cache_dir=cache).localized] == ["alt"]


def test_detections_finders_are_saved_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    cache = tmp_path / "cache"
    texts = [
        "Error 619 - A connection to the remote computer could not be established.",
        "错误 13801：IKE 身份验证凭证不可接受。",
        "IKE не удалось найти допустимый сертификат компьютера.",
    ]
    built = [find_codes(load_knowledge(folder, cache_dir=cache), text) for text in texts]
    saved = sorted(p.name.rsplit("-", 1)[0] for p in cache.glob("detect-*.marshal"))
    assert saved == ["detect-localized", "detect-messages", "detect-own-words"]
    read_back = [find_codes(load_knowledge(folder, cache_dir=cache), text) for text in texts]
    assert read_back == built == [[619], [13801], [13806]]
