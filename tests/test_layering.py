"""The layering the design card asks for, read from the source: no import cycles (the
data model imports no stage above it), and no module imports another package's
private (``_underscore``) names."""

from __future__ import annotations

from pathlib import Path

from import_graph import cycles, imports

SRC = Path(__file__).resolve().parents[1] / "src"


def test_no_module_takes_part_in_an_import_cycle():
    assert cycles(SRC) == []


#: the leaves the data model may use: errors and the named vocabularies, which import
#: no stage
LEAVES = {"paralign.errors", "paralign.vocab"}


def test_the_data_model_imports_nothing_above_it():
    used = {i.module for i in imports(SRC) if i.importer == "paralign.model"}
    assert used <= LEAVES
    for leaf in LEAVES:
        assert {i.module for i in imports(SRC) if i.importer == leaf} <= LEAVES


def test_no_module_imports_a_private_name_of_another_package():
    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    private = [
        f"{i.importer} imports {i.module}.{i.name}"
        for i in imports(SRC)
        if i.name.startswith("_")
        and not i.name.startswith("__")
        and package(i.importer) != package(i.module)
    ]
    assert private == []
