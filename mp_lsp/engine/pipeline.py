"""The pipeline for one call: resolve (is it a sink?) → infer and judge each argument → report.

:mod:`mp_lsp.engine.analyze` runs it over every candidate call of a file; hovers run it for the
call under the cursor (:mod:`mp_lsp.engine.explain`). With a document's
:class:`~mp_lsp.engine.incremental.AnalysisMemo`, a call whose inputs did not change gets its
earlier report back instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from mp_lsp.engine.budget import Budget
from mp_lsp.engine.checker import Checker
from mp_lsp.engine.dependencies import ModuleUnits
from mp_lsp.engine.incremental import AnalysisMemo
from mp_lsp.engine.inference import Inferencer
from mp_lsp.engine.options import Settings
from mp_lsp.engine.project import Project
from mp_lsp.engine.reports import SinkReport
from mp_lsp.engine.resolve import Resolver
from mp_lsp.engine.scan import Candidate
from mp_lsp.engine.syntax import ModuleSyntax
from mp_lsp.engine.targets import resolve_target


class SinkAnalyzer:
    """Resolves and checks the candidate calls of one module version, memo first.

    A context manager: while it is open, the project reads this version of the module rather
    than the disk (``Project.pin``).
    """

    def __init__(
        self,
        project: Project,
        module: ModuleSyntax,
        settings: Settings,
        budget: Budget,
        memo: Optional[AnalysisMemo] = None,
    ) -> None:
        self.module = module
        self._project = project
        self.inferencer = Inferencer(project, budget)
        self._resolver = Resolver(module, self.inferencer)
        #: Where the module runs: the settings' target, its defaults resolved.
        self.target = resolve_target(settings, project, module.path)
        self._checker = Checker(module, self.inferencer, settings.start_method, self.target)
        self._memo = memo
        self._units: Optional[ModuleUnits] = None
        if memo is not None:
            memo.begin(project, module, replace(settings, target_version=self.target.version))

    def __enter__(self) -> SinkAnalyzer:
        self._project.pin(self.module)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._project.pin(None)

    def units(self) -> ModuleUnits:
        """The module's top-level statements: the memo's (walked again only where the text
        changed) in the editor, else one walk."""
        if self._memo is not None:
            return self._memo.units(self.module)
        if self._units is None:
            self._units = ModuleUnits(self.module)
        return self._units

    def report(self, candidate: Candidate) -> Optional[SinkReport]:
        """The report of a call, or ``None`` when it does not send anything to a process."""
        memo = self._memo
        if memo is not None:
            known, report = memo.recall(self.module, candidate)
            if known:
                return report
        with self.inferencer.recording_callers() as callers:
            sink = self._resolver.resolve(candidate)
            report = None
            if sink is not None:
                report = SinkReport.of(self.module, sink, self._checker.verdicts(sink))
        if memo is not None and not self.inferencer.budget.expired():
            memo.store(self.module, candidate, report, frozenset(callers))
        return report
