"""`kwis draft`: draft questions from an article, each grounded in a verbatim sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kwis
from kwis.teacher._draft import draft_questions, number_word
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
    result = subprocess.run([sys.executable, "-m", "kwis", "draft", "sources/artikel.nl.txt", "-o",
                             "concept.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    from kwis.bank._read import read_bank

    loaded = read_bank(tmp_path / "concept.yaml")
    assert loaded.errors == ()
    assert loaded.bank is not None and loaded.bank.source is not None
    assert loaded.bank.title == "Mali wijst VN-vredesmissie Minusma de deur"
    assert loaded.bank.source.publisher == "NRC" and loaded.bank.source.file == "sources/artikel.nl.txt"
    assert len(loaded.warnings) >= len(loaded.bank.questions) == 5
    assert kwis.load_bank(tmp_path / "concept.yaml").questions == loaded.bank.questions


def test_names_are_people_next_to_a_speech_verb_or_role_not_institutions() -> None:
    from kwis.teacher._draft import person_names

    def names(text: str, language: str = "nl") -> list[str]:
        return [m.group(0) for m in person_names(text, language)]

    assert names("Abdoulaye Diop, Mali’s minister van Buitenlandse Zaken, sprak in het hoofdkwartier "
                 "van de Verenigde Naties in New York.") == []
    assert names("De twijfel klonk door in de woorden van minister Abdoulaye Diop, toen hij sprak.") == \
        ["Abdoulaye Diop"]
    assert names("„Mali voor de Malinezen”, zegt Martijn Kitzen, hoogleraar aan de Nederlandse "
                 "Defensie Academie.") == ["Martijn Kitzen"]
    assert names("Volgens Ulf Laessing, hoofd van het Sahelprogramma van de denktank Konrad Adenauer "
                 "Stifting, was het voorbij.") == ["Ulf Laessing"]
    assert names("Het vertrek is pesten, zegt Sahel-onderzoeker Yvan Guichaoa.") == ["Yvan Guichaoa"]
    assert names("The mission ends, said Yvan Guichaoa, a researcher at the University of Kent.",
                 "en") == ["Yvan Guichaoa"]
    assert names("Talks in New York and at the United Nations went on.", "en") == []


def test_a_name_cloze_gaps_the_person_not_the_ministry() -> None:
    text = ("Abdoulaye Diop, Mali’s minister van Buitenlandse Zaken, klonk ernstig toen hij in New York "
            "die woorden uitsprak tegenover de leden van de raad.\n\n"
            "De twijfel hierover klonk door in de woorden van minister Abdoulaye Diop, toen hij de "
            "Veiligheidsraad toesprak over de toekomst van het land.")
    questions = draft_questions(text, "nl")
    gaps = [g.answers for q in questions if isinstance(q, ClozeQuestion) for g in q.gaps]
    assert gaps == [("Abdoulaye Diop",)]


def test_cli_draft_copies_a_source_from_outside_the_banks_folder(tmp_path: Path) -> None:
    """kwis reads a source only inside the bank's folder (docs/security.md), so a bank drafted into
    another folder gets its own copy of the text and still loads."""
    (tmp_path / "artikel.nl.txt").write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kwis", "draft", "artikel.nl.txt", "-o",
                             "banks/concept.yaml"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    bank = kwis.load_bank(tmp_path / "banks" / "concept.yaml")
    assert bank.source is not None and bank.source.file == "sources/artikel.nl.txt"
    assert (tmp_path / "banks" / "sources" / "artikel.nl.txt").read_text(encoding="utf-8") == ARTICLE
