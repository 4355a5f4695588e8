"""The package's folders show the flow, and imports keep to it (inputs -> pipeline -> facts -> answers; run and checks beside)."""

from layout import imports_of, modules

import pytest

#: what each stage may import of powfacts besides itself (``powfacts.errors`` is everyone's)
ALLOWED = {
    "facts": set(),
    "inputs": set(),
    "pipeline": {"facts"},
    "answers": {"facts", "inputs", "run.writers", "powfacts"},
}


def _stage(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_only_what_comes_before_it(stage):
    wrong = {}
    for module in modules():
        if _stage(module) != stage:
            continue
        for name in imports_of(module):
            if name == "powfacts.errors" or _stage(name) == stage:
                continue
            if not any(name == f"powfacts.{a}" or name.startswith(f"powfacts.{a}.") or (a == "powfacts" and name == "powfacts") for a in ALLOWED[stage]):
                wrong.setdefault(module, set()).add(name)
    assert not wrong


def test_answers_never_read_patterns():
    for module in modules():
        if _stage(module) == "answers":
            assert not any(name.startswith("powfacts.pipeline") for name in imports_of(module)), module


def test_only_the_cli_speaks_to_the_terminal():
    from layout import source_of

    for module in modules():
        if module != "powfacts.cli":
            text = source_of(module).read_text(encoding="utf-8")
            assert "import typer" not in text and "from rich" not in text and "import rich" not in text, module


def test_every_stage_is_a_package_with_a_docstring():
    import importlib

    for stage in ("inputs", "pipeline", "facts", "answers", "run", "checks"):
        assert importlib.import_module(f"powfacts.{stage}").__doc__.strip(), stage


def test_imports_of_reads_relative_and_absolute_imports():
    assert "powfacts.run.work" in imports_of("powfacts.run.batch")
    assert "powfacts.pipeline.components.cues" in imports_of("powfacts.pipeline.components")
