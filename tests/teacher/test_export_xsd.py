"""Every QTI 1.2 and QTI 2.1 file kwis exports, for both MINUSMA banks, the all-types bank and the
payload banks, validated with lxml against IMS's XSDs:

- QTI 2.1 items and test: `imsqti_v2p1.xsd` (IMS QTI 2.1 final, 2012), with the W3C xml, XInclude
  and MathML 2 schemas and IMS's APIP extension it imports;
- QTI 2.1 manifest: `imscp_v1p1.xsd` (IMS Content Packaging 1.1.4);
- QTI 1.2 assessment: IMS QTI ASI 1.2 (`ims_qtiasiv1p2_def_copy.xsd`, IMS's schema as its SchemaProf
  tool copies it, under the namespace `ims_qtiasiv1p2_def_copy.xsd`: the file's namespace is mapped
  to it before validating);
- QTI 1.2 manifest: Canvas's manifest is IMS CP 1.1 under the Common Cartridge 1.1 namespace (as
  Canvas's own export writes it), validated against `imscp_v1p1.xsd` with that namespace mapped.

The XSDs are not in this repository: they come from public copies (oat-sa/qti-sdk's schemes and
Moodle's backup/cc schemas), each file with IMS's licence notice in it. Point `KWIS_XSD_DIR` at
them, or put them in `tests/data/xsd/` or a `shared/xsd/` folder beside the repository; see
docs/export.md, "Schema validation", for the layout. Without them the tests are skipped, and say so.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

import kwis
from kwis.teacher.export import export
from kwis._model import Bank
from tests.teacher.test_export_payloads import PAYLOADS, _bank

etree = pytest.importorskip("lxml.etree")

ROOT = Path(__file__).parent.parent.parent
BANKS = {"minusma.nl": ROOT / "quizzes" / "minusma.nl.yaml", "minusma.en": ROOT / "quizzes" / "minusma.en.yaml",
         "all-types": ROOT / "tests" / "data" / "teacher-all-types.yaml"}
QTI21 = "qtiv2p1/imsqti_v2p1.xsd"
CP11 = "imscp_v1p1.xsd"
ASI12 = "moodle-cc/schemas/domainProfile_4/ims_qtiasiv1p2_def_copy.xsd"
ASI12_NS = b"http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CC11_CP_NS = b"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"


def _xsd_dir() -> Path | None:
    candidates = [Path(os.environ["KWIS_XSD_DIR"])] if os.environ.get("KWIS_XSD_DIR") else []
    candidates.append(ROOT / "tests" / "data" / "xsd")
    candidates += [parent / "shared" / "xsd" for parent in ROOT.parents]
    return next((c for c in candidates if all((c / f).is_file() for f in (QTI21, CP11, ASI12))), None)


class Schemas:
    def __init__(self, folder: Path) -> None:
        self.qti21 = etree.XMLSchema(etree.parse(str(folder / QTI21)))
        self.cp11 = etree.XMLSchema(etree.parse(str(folder / CP11)))
        self.asi12 = etree.XMLSchema(etree.parse(str(folder / ASI12)))

    def errors(self, format: str, name: str, data: bytes) -> list[str]:
        if format == "qti21":
            schema = self.cp11 if name == "imsmanifest.xml" else self.qti21
        elif name == "imsmanifest.xml":
            schema, data = self.cp11, data.replace(CC11_CP_NS, b"http://www.imsglobal.org/xsd/imscp_v1p1")
        else:
            schema, data = self.asi12, data.replace(b'xmlns="' + ASI12_NS + b'"', b'xmlns="ims_qtiasiv1p2_def_copy.xsd"')
        if schema.validate(etree.fromstring(data)):
            return []
        return [f"{name}:{e.line}: {e.message}" for e in schema.error_log]


@pytest.fixture(scope="module")
def schemas() -> Schemas:
    folder = _xsd_dir()
    if folder is None:
        pytest.skip("the IMS XSDs are not here (KWIS_XSD_DIR, tests/data/xsd or shared/xsd): "
                    "QTI files not validated against them")
    return Schemas(folder)


def _zip(bank: Bank, format: str) -> dict[str, bytes]:
    data = export(bank, format).data
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("format", ["qti", "qti21"])
@pytest.mark.parametrize("name", list(BANKS))
def test_every_qti_file_of_the_banks_is_valid_against_the_ims_xsd(schemas: Schemas, name: str, format: str) -> None:
    files = _zip(kwis.load_bank(BANKS[name]), format)
    assert len(files) >= 2
    errors = [e for file, data in files.items() for e in schemas.errors(format, file, data)]
    assert errors == []


@pytest.mark.parametrize("format", ["qti", "qti21"])
def test_qti_files_stay_valid_with_every_payload(schemas: Schemas, format: str) -> None:
    base = kwis.load_bank(BANKS["all-types"])
    for payload in PAYLOADS:
        files = _zip(_bank(base, payload), format)
        errors = [e for file, data in files.items() for e in schemas.errors(format, file, data)]
        assert errors == [], payload


def test_the_validation_can_fail(schemas: Schemas) -> None:
    """A QTI 2.1 item without its required `timeDependent` and a QTI 1.2 item without `ident` are refused."""
    bank = kwis.load_bank(BANKS["all-types"])
    item = _zip(replace(bank, questions=bank.questions[:1]), "qti21")["items/diop-eis.xml"]
    assert schemas.errors("qti21", "item", item.replace(b' timeDependent="false"', b""))
    assessment = next(d for n, d in _zip(bank, "qti").items() if n != "imsmanifest.xml")
    assert schemas.errors("qti", "assessment", assessment.replace(b'<item ident="diop-eis"', b"<item"))
