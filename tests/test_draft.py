"""`kwis draft`: draft questions from an article, each grounded in a verbatim sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kwis
from kwis._draft import draft_questions, number_word
from kwis._model import ClozeQuestion, NumericQuestion, TextQuestion

ARTICLE = """Titel: Mali wijst VN-vredesmissie Minusma de deur
Uitgever: NRC

Mali wijst VN-vredesmissie Minusma de deur

Vrijdag stemt de Veiligheidsraad over een resolutie die niet alleen het vertrek van de zeventienduizend man sterke missie moet bezegelen, maar daar ook vaart achter zet. Volgens persbureau Reuters stopt de missie formeel vrijdag, met een overgangsperiode tot 31 december.

„Het is pesten, intimideren”, zegt Sahel-onderzoeker Yvan Guichaoa. „Drie maanden is simpelweg onmogelijk.”

De VN-missie, met (voor dit jaar) een budget van 1,26 miljard dollar, kreeg eveneens kritiek van de junta en van veel Malinezen.

De blauwhelmen kwamen in 2013 naar Mali om een vredesproces te begeleiden tussen de regering en de rebellen.
"""


def test_dutch_number_words() -> None:
    assert number_word("zeventienduizend", "nl") == 17000
    assert number_word("vijfhonderd", "nl") == 500
    assert number_word("tweeëntwintigduizend", "nl") == 22000
    assert number_word("drie", "nl") is None  # too small to ask about
    assert number_word("pesten", "nl") is None


def test_drafts_figures_dates_names_and_quotes_with_their_source_sentence() -> None:
    questions = draft_questions(ARTICLE.split("\n\n", 1)[1], "nl")
    by_type = [(type(q).__name__, q) for q in questions]
    numeric = [q for _, q in by_type if isinstance(q, NumericQuestion)]
    assert [q.answer for q in numeric] == [17000, 1.26]
    assert "zeventienduizend" not in numeric[0].prompt and "…" in numeric[0].prompt
    cloze = [q for _, q in by_type if isinstance(q, ClozeQuestion)]
    assert [g.answers for q in cloze for g in q.gaps] == [("31 december",), ("2013",)]
    who = [q for _, q in by_type if isinstance(q, TextQuestion)]
    assert who[0].answers == ("Yvan Guichaoa", "Guichaoa")
    assert who[0].prompt == "Wie zei: „Het is pesten, intimideren”?"
    for question in questions:
        assert question.draft
        assert all(quote in ARTICLE for quote in question.source)


def test_cli_draft_writes_a_bank_that_loads_and_warns_about_drafts(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "artikel.nl.txt").write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kwis._cli", "draft", "sources/artikel.nl.txt", "-o",
                             "concept.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    from kwis._loader import read_bank

    loaded = read_bank(tmp_path / "concept.yaml")
    assert loaded.errors == ()
    assert loaded.bank is not None and loaded.bank.source is not None
    assert loaded.bank.title == "Mali wijst VN-vredesmissie Minusma de deur"
    assert loaded.bank.source.publisher == "NRC" and loaded.bank.source.file == "sources/artikel.nl.txt"
    assert len(loaded.warnings) >= len(loaded.bank.questions) == 5
    assert kwis.load_bank(tmp_path / "concept.yaml").questions == loaded.bank.questions
