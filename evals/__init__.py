"""`tessera eval`: run a suite of briefs and measure the images independently of the verifier.

Public face: loading suites (`load_suite`, `SuiteEntry`), running them (`run_eval`,
`EvalOptions`, `EvalRun`, with the `BriefEngine`s its caller's `EngineFactory` builds: the eval
imports no engine), the eval's own OCR (`EvalOcr` Protocol, `RapidEvalOcr`), the
metrics (LongText-Bench accuracy, normalised edit distance, verifier-evidence counts), and
the per-brief and suite-level result models, with the verifier's agreement with the eval's OCR.
"""

from tessera.evals._agreement import Agreement, CheckStatusCount, TextDisagreement, TextReading, agreement
from tessera.evals._contact_sheet import sample_results, write_contact_sheet
from tessera.evals._metrics import (
    CountScore,
    StringScore,
    TextAccuracy,
    best_substring_match,
    count_scores,
    edit_normalise,
    longtext_accuracy,
    longtext_normalise,
    string_score,
)
from tessera.evals._ocr import EvalOcr, OcrLine, OcrReading, RapidEvalOcr
from tessera.evals._results import BriefResult, BriefStatus, ResultsFolder, VerifierCheck
from tessera.evals._runner import (
    BriefEngine,
    BriefRequest,
    EngineFactory,
    EngineOutcome,
    EvalOptions,
    EvalRun,
    OcrFactory,
    run_eval,
)
from tessera.evals._suite import MetricLanguage, SuiteEntry, SuiteFormat, load_suite
from tessera.evals._summary import (
    Accuracy,
    CategoryRow,
    Disagreement,
    EvalSummary,
    TimeStats,
    summarise,
    summary_markdown,
)

__all__ = [
    "Accuracy",
    "Agreement",
    "BriefEngine",
    "BriefRequest",
    "BriefResult",
    "BriefStatus",
    "CategoryRow",
    "CheckStatusCount",
    "CountScore",
    "Disagreement",
    "EngineFactory",
    "EngineOutcome",
    "EvalOcr",
    "EvalOptions",
    "EvalRun",
    "EvalSummary",
    "MetricLanguage",
    "OcrFactory",
    "OcrLine",
    "OcrReading",
    "RapidEvalOcr",
    "ResultsFolder",
    "StringScore",
    "SuiteEntry",
    "SuiteFormat",
    "TextAccuracy",
    "TextDisagreement",
    "TextReading",
    "TimeStats",
    "VerifierCheck",
    "agreement",
    "best_substring_match",
    "count_scores",
    "edit_normalise",
    "load_suite",
    "longtext_accuracy",
    "longtext_normalise",
    "run_eval",
    "sample_results",
    "string_score",
    "summarise",
    "summary_markdown",
    "write_contact_sheet",
]
