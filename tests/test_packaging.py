"""The installed package carries every data file the code reads (a non-editable install
uses only what pyproject's package-data lists)."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_package_data_lists_every_data_file():
    # read with a pattern, not tomllib: the project supports Python 3.10
    section = (ROOT / "pyproject.toml").read_text("utf-8").split("[tool.setuptools.package-data]")[1]
    patterns = re.findall(r'"([^"]+)"', re.search(r"^kg = \[(.*)\]", section, re.M).group(1))
    assert "data/*" in patterns
    package = ROOT / "kg"
    shipped = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    data = {p for p in package.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts}
    assert sorted(str(p.relative_to(package)) for p in data - shipped) == []
