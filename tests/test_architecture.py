"""Dependency direction and page registration (DESIGN §2, aesthetics §4.3).

Each rule is a function over a repository root returning its violations, so the self-tests
at the bottom can prove every rule fails on a bad tree.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, registered_pages

STDLIB = set(sys.stdlib_module_names) | {"__future__"}
#: Third-party roots the pricing layer may use (everything else besides stdlib is refused).
PRICING_ALLOWED = STDLIB | {"pydantic", "yaml", "pricing"}
#: Never imported by the decision model.
MODEL_FORBIDDEN = {"streamlit", "pages", "app", "tests"}
#: One-way arrows between the model's capability packages (DESIGN §2): which other model
#: packages (or top-level modules) each may import. The engine imports none; no package but
#: the CLI imports the report; nothing imports the CLI. A new package must be added here.
MODEL_ARROWS: dict[str, set[str]] = {
    "display": set(),
    "paths": set(),
    "engine": set(),
    "catalog": {"engine", "display"},
    "usage": {"engine", "display", "paths"},
    "plan": {"engine", "display", "paths"},
    "live": {"engine", "display"},
    "share": {"engine", "plan"},
    "scorecard": {"engine", "plan", "usage", "catalog", "live", "display", "paths"},
    "report": {"engine", "plan", "usage", "catalog", "live", "scorecard", "share", "display"},
    "cli": {"engine", "plan", "usage", "catalog", "live", "scorecard", "share", "report"}
    | {"display", "paths"},
}
#: Longest a page file may be: pages are lists of calls (DESIGN §2).
MAX_PAGE_LINES = 100
#: Pure helpers inside pages/ui (unit-testable without a Streamlit runtime).
PURE_UI_MODULES = ("formatting.py", "charts.py")
#: Code that ships (tests may import each other; nothing else may import tests).
SHIPPED = ("app.py", "pages", "model", "pricing", "bench", "scripts")


def imported_roots(path: Path) -> set[str]:
    """Top-level names of absolute imports in a file (relative imports stay in-package)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _python_files(root: Path, *parts: str) -> list[Path]:
    base = root.joinpath(*parts)
    if base.is_file():
        return [base]
    return sorted(p for p in base.rglob("*.py") if ".venv" not in p.parts) if base.is_dir() else []


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def pricing_violations(root: Path) -> list[str]:
    """pricing/ imports only stdlib, pydantic and yaml."""
    return [
        f"{_rel(root, p)} imports {sorted(bad)}"
        for p in _python_files(root, "pricing")
        if (bad := imported_roots(p) - PRICING_ALLOWED)
    ]


def model_violations(root: Path) -> list[str]:
    """model/ never imports streamlit, pages, app or tests."""
    return [
        f"{_rel(root, p)} imports {sorted(bad)}"
        for p in _python_files(root, "model")
        if (bad := imported_roots(p) & MODEL_FORBIDDEN)
    ]


def _model_package(root: Path, path: Path) -> str:
    """``model/usage/readers/base.py`` → ``usage``; ``model/paths.py`` → ``paths``."""
    parts = path.relative_to(root / "model").parts
    return parts[0] if len(parts) > 1 else path.stem


def _model_imports(path: Path) -> set[str]:
    """The model packages a file imports absolutely (``from model.usage.x import``,
    ``from model import plan``, ``import model.engine``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("model.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "model":
                continue
            found |= {parts[1]} if len(parts) > 1 else {a.name for a in node.names}
    return found


def model_arrow_violations(root: Path) -> list[str]:
    """Inside model/, each capability package imports only what MODEL_ARROWS allows."""
    problems = []
    for path in _python_files(root, "model"):
        own = _model_package(root, path)
        if own in ("__init__", "__main__"):
            continue
        if own not in MODEL_ARROWS:
            problems.append(f"{_rel(root, path)}: package {own!r} is not in MODEL_ARROWS")
            continue
        bad = _model_imports(path) - MODEL_ARROWS[own] - {own}
        problems += [f"{_rel(root, path)} ({own}) imports model.{b}" for b in sorted(bad)]
    return problems


def page_length_violations(root: Path) -> list[str]:
    """Pages stay thin: at most MAX_PAGE_LINES lines each (helpers go to pages/ui/)."""
    return [
        f"pages/{p.name} has {n} lines (at most {MAX_PAGE_LINES})"
        for p in sorted((root / "pages").glob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_PAGE_LINES
    ]


def pure_ui_violations(root: Path) -> list[str]:
    """The pure helpers of pages/ui never import streamlit."""
    return [
        f"{_rel(root, p)} imports streamlit"
        for name in PURE_UI_MODULES
        for p in _python_files(root, "pages", "ui", name)
        if "streamlit" in imported_roots(p)
    ]


def imports_of_tests(root: Path) -> list[str]:
    """Nothing that ships imports the tests."""
    return [
        f"{_rel(root, p)} imports tests"
        for part in SHIPPED
        for p in _python_files(root, part)
        if "tests" in imported_roots(p)
    ]


def page_registration_violations(root: Path) -> list[str]:
    """Every top-level pages/*.py is registered in app.py and every registered page exists.

    Legacy ``pages/`` discovery would serve an unregistered file as a page (aesthetics §1.1).
    """
    registered = registered_pages(root / "app.py")
    files = sorted(f"pages/{p.name}" for p in (root / "pages").glob("*.py"))
    problems = [
        f"{f} is not registered in app.py's st.navigation" for f in files if f not in registered
    ]
    problems += [
        f"app.py registers {p}, which does not exist" for p in registered if p not in files
    ]
    problems += [f"app.py registers {p} twice" for p in set(registered) if registered.count(p) > 1]
    return problems


def page_name_violations(root: Path) -> list[str]:
    """File stem == URL path: lowercase identifiers, no numeric prefixes, no url_path=."""
    problems = [
        f"pages/{p.name}: stem must be a lowercase identifier (no numeric prefix)"
        for p in (root / "pages").glob("*.py")
        if not (p.stem.isidentifier() and p.stem == p.stem.lower() and not p.stem.startswith("_"))
    ]
    tree = ast.parse((root / "app.py").read_text(encoding="utf-8"))
    problems += [
        f"app.py line {node.lineno}: no custom url_path (AppTest bug #16611, legacy URLs)"
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg == "url_path"
    ]
    return problems


#: Calls every page makes itself, because it may run without app.py (aesthetics §1.1).
PAGE_SETUP_CALLS = ("ensure_defaults", "configure_page")


def page_setup_violations(root: Path) -> list[str]:
    """Every page calls state.ensure_defaults() and layout.configure_page() at top level."""
    problems = []
    for path in sorted((root / "pages").glob("*.py")):
        calls = {
            node.value.func.attr
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
        }
        problems += [
            f"pages/{path.name} does not call {c}()" for c in PAGE_SETUP_CALLS if c not in calls
        ]
    return problems


RULES: dict[str, Callable[[Path], list[str]]] = {
    "pricing": pricing_violations,
    "model": model_violations,
    "model_arrows": model_arrow_violations,
    "page_length": page_length_violations,
    "pure_ui": pure_ui_violations,
    "no_tests_import": imports_of_tests,
    "pages_registered": page_registration_violations,
    "page_names": page_name_violations,
    "page_setup": page_setup_violations,
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_repository_follows_rule(rule: str) -> None:
    assert RULES[rule](ROOT) == []


def test_app_registers_at_least_one_page() -> None:
    assert registered_pages(), "app.py lists no st.Page"


# --- self-tests: each rule catches a bad tree ---------------------------------------------

GOOD_APP = 'import streamlit as st\nst.navigation([st.Page("pages/home.py")]).run()\n'
GOOD_PAGE = "layout.configure_page()\nstate.ensure_defaults()\n"

BAD_TREES: dict[str, dict[str, str]] = {
    "pricing": {"pricing/x.py": "import pandas as pd\n"},
    "model": {"model/x.py": "from streamlit import cache_data\n"},
    "model_arrows": {"model/engine/x.py": "def f():\n    from model.plan import scenario\n"},
    "page_length": {"pages/home.py": GOOD_PAGE + "x = 1\n" * 100},
    "pure_ui": {"pages/ui/formatting.py": "import streamlit\n"},
    "no_tests_import": {"model/x.py": "from tests.conftest import ROOT\n"},
    "pages_registered": {"pages/orphan.py": "import streamlit as st\n"},
    "page_setup": {"pages/home.py": "import streamlit as st\nst.title('Home')\n"},
    "page_names": {
        "pages/1_home.py": "",
        "app.py": 'import streamlit as st\nst.navigation([st.Page("pages/1_home.py", '
        'url_path="start")]).run()\n',
    },
}


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in {"app.py": GOOD_APP, "pages/home.py": GOOD_PAGE, **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_passes_on_a_clean_tree(rule: str, tmp_path: Path) -> None:
    clean = {
        "pricing/x.py": "import datetime\nfrom pydantic import BaseModel\nimport yaml\n",
        "model/engine/x.py": "import pandas\nfrom pricing import Catalog\n",
        "model/usage/x.py": "from model.engine import columns\nfrom .x import y\n",
        "pages/ui/formatting.py": "from decimal import Decimal\n",
    }
    assert RULES[rule](_tree(tmp_path, clean)) == []


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_catches_a_bad_tree(rule: str, tmp_path: Path) -> None:
    violations = RULES[rule](_tree(tmp_path, BAD_TREES[rule]))
    assert violations, f"rule {rule!r} did not notice {BAD_TREES[rule]}"


def test_registration_catches_a_missing_page_file(tmp_path: Path) -> None:
    app = 'import streamlit as st\nst.navigation([st.Page("pages/gone.py")]).run()\n'
    assert any(
        "does not exist" in v
        for v in page_registration_violations(_tree(tmp_path, {"app.py": app}))
    )


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("model/usage/x.py", "from model.report import html\n"),
        ("model/plan/x.py", "import model.usage.readers\n"),
        ("model/scorecard/x.py", "from model import cli\n"),
        ("model/newthing/x.py", "import pandas\n"),
    ],
)
def test_model_arrows_refuse(path: str, source: str, tmp_path: Path) -> None:
    assert model_arrow_violations(_tree(tmp_path, {path: source}))
