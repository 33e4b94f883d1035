"""Every error dateline reports, each with a stable code a user can search for.

Hierarchy::

    DatelineError
    ├── InputError                 one input record cannot be coded (the batch goes on)
    │   ├── EmptyText              code "empty-text"
    │   ├── NotText                code "binary-input"
    │   ├── BadEncoding            code "bad-encoding"
    │   ├── TooLarge               code "too-large"
    │   ├── NotEnglish             code "not-english"
    │   ├── BadRecord              code "bad-record"      (malformed JSONL line, wrong field types)
    │   └── BadDate                code "bad-date"        (unparseable published date)
    ├── InternalError              code "internal-error"  (a bug: reported for that record, batch goes on)
    ├── Timeout                    code "timeout"         (coding one article took longer than its budget)
    ├── WorkerLost                 code "worker-lost"     (the worker process died on this article twice)
    ├── BadPlace                   code "bad-place"       (dateline places add/import: a place or file that is unusable)
    ├── ModelNotInstalled          code "model-missing"   (the English pipeline is not installed)
    └── GoldFormatError            code "bad-gold"        (evaluate: a gold line is not a gold record)
"""

from __future__ import annotations


class DatelineError(Exception):
    code = "dateline-error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(DatelineError):
    code = "bad-input"


class EmptyText(InputError):
    code = "empty-text"


class NotText(InputError):
    code = "binary-input"


class BadEncoding(InputError):
    code = "bad-encoding"


class TooLarge(InputError):
    code = "too-large"


class NotEnglish(InputError):
    code = "not-english"


class BadRecord(InputError):
    code = "bad-record"


class BadDate(InputError):
    code = "bad-date"


class BadPlace(DatelineError, ValueError):
    code = "bad-place"


class InternalError(DatelineError):
    code = "internal-error"


class Timeout(DatelineError):
    code = "timeout"


class WorkerLost(DatelineError):
    code = "worker-lost"


class ModelNotInstalled(DatelineError):
    code = "model-missing"


class GoldFormatError(DatelineError):
    code = "bad-gold"


# The catalogue: every code with the class that raises it (tested to stay complete).
CATALOGUE: dict[str, type[DatelineError]] = {
    cls.code: cls
    for cls in (EmptyText, NotText, BadEncoding, TooLarge, NotEnglish, BadRecord, BadDate,
                BadPlace, InternalError, Timeout, WorkerLost, ModelNotInstalled, GoldFormatError)
}
