"""The message catalogue: every text the library shows people, by a stable code, in Chinese
(``zh``, the catalogue ``zh_CN``) and English (``en``).

The texts live in gettext catalogues in the source tree,
``wuxing/locale/<locale>/LC_MESSAGES/wuxing.po``, whose message ids are the stable codes
(``result.summary``) and whose texts are :meth:`str.format` templates with named fields
(``小计：{summary}``). The package build compiles them to ``.mo`` files with babel (see
``setup.py``); at run time the standard library's :mod:`gettext` reads the ``.mo`` files.
Nothing here is global state: every function takes the language as an argument, and the
catalogues, once read, are immutable.

>>> text("result.summary", "zh", summary="入选 3")
'小计：入选 3'
>>> text("result.summary", "en", summary="selected 3")
'summary: selected 3'
>>> language("zh_CN.UTF-8"), language("en-GB")
('zh', 'en')
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final, Literal

from wuxing.errors import Problem, WuxingError

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "Language",
    "MissingCatalogueError",
    "catalogue",
    "format_date",
    "format_datetime",
    "has",
    "language",
    "language_from_environment",
    "problem_text",
    "text",
]

Language = Literal["zh", "en"]
"""A language the library speaks: ``"zh"`` (simplified Chinese, zh_CN) or ``"en"``."""

LANGUAGES: Final[tuple[Language, ...]] = ("zh", "en")
"""The languages, Chinese first."""

DOMAIN: Final = "wuxing"
"""The gettext domain: the catalogues are ``wuxing.po`` / ``wuxing.mo``."""

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogues are: ``wuxing/locale``."""

_LOCALES: Final[Mapping[Language, str]] = {"zh": "zh_CN", "en": "en"}
_ENVIRONMENT: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class MissingCatalogueError(WuxingError, LookupError):
    """A compiled catalogue (``.mo``) is missing: the package was not built.

    Attributes:
        path: The file that was looked for.
    """

    code = "missing_catalogue"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the message catalogue {path} is missing: install the package (pip install .) "
            "or compile the catalogues (pybabel compile -d src/wuxing/locale -D wuxing)"
        )
        self.file = path


@cache
def catalogue(lang: Language) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang``, read once.

    Raises:
        MissingCatalogueError: The ``.mo`` file is not there.
    """
    path = LOCALE_DIR / _LOCALES[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except FileNotFoundError:
        raise MissingCatalogueError(path) from None


def language(value: str) -> Language:
    """The language a locale name or a language tag means: ``zh``, ``zh_CN.UTF-8``,
    ``zh-Hans`` → ``"zh"``; ``en``, ``en_US``, ``C``, ``POSIX`` → ``"en"``.

    Raises:
        ValueError: Any other language (the library speaks Chinese and English).
    """
    tag = value.strip().replace("-", "_").split(".")[0].split("@")[0].casefold()
    if tag == "zh" or tag.startswith("zh_"):
        return "zh"
    if tag in ("en", "c", "posix") or tag.startswith("en_"):
        return "en"
    raise ValueError(f"{value!r} is not a language wuxing speaks (zh or en)")


def language_from_environment(environ: Mapping[str, str]) -> Language:
    """The language of a process's environment, as gettext reads it: the first of
    ``LANGUAGE`` (its first entry), ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set
    decides; Chinese (``zh…``) gives ``"zh"``, anything else ``"en"``.

    >>> language_from_environment({"LANG": "zh_CN.UTF-8"})
    'zh'
    >>> language_from_environment({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})
    'en'
    >>> language_from_environment({})
    'en'
    """
    for name in _ENVIRONMENT:
        value = environ.get(name, "").split(":")[0]
        if value:
            try:
                return language(value)
            except ValueError:
                return "en"
    return "en"


def has(code: str, lang: Language) -> bool:
    """Whether the catalogue of ``lang`` has a text for ``code``."""
    # The ids are codes and no text is its own code, so a text equal to the id is missing.
    return catalogue(lang).gettext(code) != code


def text(code: str, lang: Language, /, **args: object) -> str:
    """The text of ``code`` in ``lang``, its fields filled from ``args``.

    Raises:
        KeyError: No catalogue has ``code`` (a bug: the tests check every code the library
            uses), or the text names a field ``args`` does not give.
    """
    if not has(code, lang):
        raise KeyError(f"no message {code!r} in the {lang} catalogue")
    return catalogue(lang).gettext(code).format(**args)


def problem_text(problem: Problem, lang: Language) -> str:
    """A problem's message in ``lang``: in English its own message; in Chinese the
    catalogue's text for its code (``problem.<code>``; an evaluation's reason
    ``reason.<code>``), filled from its ``args`` and its
    English ``message`` (``{message}``), or the English message when the catalogue has no
    text for the code. An ``args["text"]`` names the text to use instead of the code's
    (a variant, e.g. ``settled.no_seat``).

    >>> problem_text(Problem("quota", "missing_field", "is required"), "zh")
    '缺少必填字段'
    >>> problem_text(Problem("quota", "missing_field", "is required"), "en")
    'is required'
    """
    if lang == "en":
        return problem.message
    # A problem may name the text it is written with ("text": a variant of its code, or the
    # text of a family of codes such as the office's own vetoes).
    code = f"{problem.CATALOGUE}.{problem.args.get('text', problem.code)}"
    if not has(code, lang):
        return problem.message
    try:
        return text(code, lang, **{**problem.args, "message": problem.message})
    except (KeyError, IndexError):  # the text wants a value this problem does not carry
        return f"{text('problem.generic', lang)}：{problem.message}"


def format_date(day: dt.date, lang: Language) -> str:
    """A date for people: ``2023年1月10日`` in Chinese, ``2023-01-10`` in English.

    >>> format_date(dt.date(2023, 1, 10), "zh"), format_date(dt.date(2023, 1, 10), "en")
    ('2023年1月10日', '2023-01-10')
    """
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def format_datetime(moment: dt.datetime, lang: Language) -> str:
    """A time for people, to the minute in Chinese (``2023年1月10日 17:00``), in English ISO
    8601 to the second with its UTC offset and no fraction (``2023-01-10T17:00:00+08:00``).

    >>> import pendulum
    >>> late = pendulum.datetime(2023, 12, 31, 23, 59, 59, 999999, tz="Asia/Shanghai")
    >>> format_datetime(late, "zh")
    '2023年12月31日 23:59'
    >>> format_datetime(late, "en")
    '2023-12-31T23:59:59+08:00'
    """
    if lang == "zh":
        return f"{format_date(moment.date(), lang)} {moment.hour:02d}:{moment.minute:02d}"
    return moment.replace(microsecond=0).isoformat()
