"""Names compared by spelling: is this written name a person, and the same person?

A name is transliterated many ways ("Zelensky" / "Zelenskyy" / "Zelenskiy",
"Araghchi" / "Araqchi", "Sergei" / "Sergey"). :func:`spelling_key` folds a
word to a key that is the same for such spellings: a rule over letters (the
sounds transliteration systems disagree on), not a table of names. Two names
are one person when their surname keys agree and their given names do
(:func:`same_person`).

Which names are people at all (:func:`actor_kind`): the named-entity tagger
calls some headlines, shouted words and companies people ("Veto Power Impedes
Peace Efforts", "BREAKING", "Patriot Coal"); those never become person actors.

Names close to a misspelt one (:func:`close_matches`), for "did you mean".

Pure functions over strings; :mod:`onrecord.store.actors` uses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from rapidfuzz import fuzz, process

# -- word classes (English language data, apart from the rules below) ---------

#: Honorifics and titles written in front of a name; not given names.
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir dame lord lady rev fr sheikh shaikh sheik sayyid sayed "
    "seyed seyyed syed ayatollah grand hojatoleslam imam mullah rabbi emir amir prince "
    "princess king queen president vice minister secretary general gen col sen rep gov "
    "senator governor judge justice mayor chancellor premier pope saint st".split()
)
#: Lowercase particles after which come a father's (grandfather's) names:
#: "Badr bin Hamad Albusaidi" is Badr Albusaidi.
PATRONYMICS = frozenset(["bin", "ibn", "bint", "binti", "ben", "ould"])
#: The Arabic article, written apart, hyphenated or joined ("Al Busaidi",
#: "al-Busaidi", "Albusaidi"): part of the surname.
ARTICLES = ("al", "el")
#: Lowercase words that belong in a name ("Ursula von der Leyen").
PARTICLES = frozenset("de da di do dos das du del della der den van von la le ter ten y e".split())
#: Generational suffixes after the surname.
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
#: A last word that makes a name an organisation's ("Patriot Coal", "Likud
#: Party", "Foreign Ministry", "White House").
ORG_WORDS = frozenset(
    "inc corp corporation co company companies ltd llc plc group holdings coal oil gas "
    "energy motors airlines airways bank fund capital partners industries party ministry "
    "ministries council committee commission office department agency authority board "
    "bureau union association institute university college school foundation trust "
    "forces army navy guard guards police court parliament senate congress assembly "
    "house administration government cabinet organization organisation network media news "
    "times post press tv radio channel agency service services center centre "
    "republic kingdom federation coalition alliance movement front league club team "
    "church mosque museum hospital".split()
)

#: Words of a speaker description that say nothing of the role.
_NOT_ROLE = frozenset("the a an this that".split())
#: Pronouns: never a name, and a role of someone they point to ("his lawyer")
#: is no description of one known person.
_PRONOUNS = frozenset(
    "i you he she it we they me him her us them my your his its our their some".split()
)

_LETTERS = re.compile(r"[^a-z]")
_VOWEL_RUNS = re.compile(r"[aeiou]+")
_FIRST_VOWELS = {"ea": "e", "ee": "i", "ie": "i", "ou": "u", "oo": "u"}
#: Letters and letter groups that transliterations swap, folded to one
#: (order matters: the longer groups first).
_FOLDS = (
    ("dzh", "j"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),  # Khamenei / Hamenei
    ("gh", "k"),  # Baghaei / Baqaei: q, gh and k are the same letter in many schemes
    ("q", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("w", "v"),  # Wolodymyr / Volodymyr
    ("x", "ks"),
)


def ascii_fold(text: str) -> str:
    """Lower case without accents: "Macrón" -> "macrón" -> "macron"."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One key for the transliterations of a word.

    Accents and non-letters are dropped; letters transliterations swap are
    folded (q/gh/k, kh/h, c/k/s, w/v, ph/f…); ``y`` after a consonant is a
    vowel (Dmitry / Dmitri, Zelenskyy / Zelenskiy); doubled letters count
    once. The first vowel of the word is kept (Tim is not Tom) but later
    vowels are not compared (Mohammad / Mohammed, Leavitt / Levitt), where
    transliterations differ most.
    """
    w = _LETTERS.sub("", ascii_fold(word))
    if not w:
        return ""
    for old, new in _FOLDS:
        w = w.replace(old, new)
    w = re.sub(r"c(?=[eiy])", "s", w)
    w = re.sub(r"c(?!h)", "k", w)
    w = w[0] + re.sub(r"y(?![aeiou])", "i", w[1:])
    w = re.sub(r"(.)\1+", r"\1", w)
    runs = list(_VOWEL_RUNS.finditer(w))
    if not runs:
        return w
    out = []
    last = 0
    for n, m in enumerate(runs):
        out.append(w[last : m.start()])
        out.append(_FIRST_VOWELS.get(m.group(), m.group()) if n == 0 else "a")
        last = m.end()
    out.append(w[last:])
    return "".join(out)


# -- person names --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name as compared: spelling keys of the given names and of the surname."""

    given: tuple[str, ...]  # without honorifics, initials or a father's names
    surname: str
    joined: str  # the key of all its words run together ("Kim Jong-un" = "Kim Jong Un")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name.strip()) if any(c.isalpha() for c in w)]


@lru_cache(maxsize=65536)
def person_name(name: str) -> PersonName:
    """``name`` as given names and a surname: "Ayatollah Seyyed Ali Khamenei"
    -> (ali) khamenei; "Badr bin Hamad al-Busaidi" -> (badr) albusaidi."""
    words = _words(name.replace("’", "'"))
    while words and ascii_fold(words[-1]).strip(".,") in SUFFIXES and len(words) > 1:
        words.pop()
    if not words:
        return PersonName((), "", "")
    surname = words.pop()
    if words and len(words) > 1 and ascii_fold(words[-1]) in ARTICLES:
        surname = words.pop() + surname  # "Badr Al Busaidi": the article is the surname's
    given: list[str] = []
    patronymic = False
    for n, w in enumerate(words):
        low = ascii_fold(w).strip(".,")
        if low in PATRONYMICS and (w[:1].islower() or (n == 0 and low != "ben")):
            patronymic = True  # "bin Hamad …": the father's names follow
        if patronymic or (low in HONORIFICS and not given):
            continue
        if low in PARTICLES or len(_LETTERS.sub("", low)) <= 1:
            continue  # "de" of "Bill de Blasio", an initial ("George W. Bush")
        given.append(spelling_key(w))
    joined = spelling_key("".join(_words(name)))
    return PersonName(tuple(given), spelling_key(surname), joined)


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one inserted or dropped letter (a typo:
    "Gossi" / "Grossi"); a changed letter is not enough ("Clifton" is not
    "Clinton")."""
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def same_surname(a: PersonName, b: PersonName) -> bool:
    return bool(a.surname) and a.surname == b.surname


def same_person(a: PersonName, b: PersonName) -> bool:
    """Two full names of one person: the same surname (by spelling key), and
    the first given name of one among the given names of the other ("Ali
    Khamenei" / "Ayatollah Seyyed Ali Khamenei", "Hillary Clinton" / "Crooked
    Hillary Clinton"); or the same first name and a surname one typo apart
    ("Rafael Gossi" / "Rafael Grossi", keys of four letters or more)."""
    if a.joined and a.joined == b.joined:
        return True
    if not a.given or not b.given:
        return False
    if same_surname(a, b):
        return a.given[0] in b.given or b.given[0] in a.given
    return (
        a.given[0] == b.given[0]
        and min(len(a.surname), len(b.surname)) >= 4
        and _one_edit(a.surname, b.surname)
    )


# -- which names are people ----------------------------------------------------


def _is_particle(word: str) -> bool:
    low = ascii_fold(word)
    return low in PATRONYMICS or low in ARTICLES or low in PARTICLES


def looks_like_person(name: str) -> bool:
    """Could ``name`` be a person's name as written? Not when it is shouted
    ("BREAKING", "IAEA"), ends in an organisation word ("Patriot Coal"),
    holds a lowercase word that is no name particle (a common noun: "the
    spokesman"), or is a headline run ("Veto Power Impedes Peace Efforts":
    five or more capitalised words, or a verb-like "-s" word inside)."""
    words = _words(name)
    if not words:
        return False
    letters = "".join(c for c in name if c.isalpha())
    if letters.isupper() and len(letters) > 1:
        return False
    if ascii_fold(words[-1]).strip(".,'") in ORG_WORDS:
        return False
    for w in words:
        if w[:1].islower() and not _is_particle(w.split("-")[0]):
            return False
    parts = person_name(name)
    if len(parts.given) >= 4:
        return False  # five name words, no particles or titles: a headline
    return not (len(parts.given) >= 2 and any(_verb_like(w) for w in words[1:-1]))


def _verb_like(word: str) -> bool:
    """A headline verb in the third person ("Tells", "Warns", "Denies"): a
    capitalised word ending in a consonant and "s" (not the "-as", "-os",
    "-us", "-is" of given names like "Carlos", "Luis"), or in "ies"/"ys"."""
    low = ascii_fold(word)
    if len(low) <= 3 or not word[:1].isupper() or not low.endswith("s"):
        return False
    return low.endswith(("ies", "ys")) or low[-2] not in "aeiousy"


def actor_kind(name: str, kind: str) -> str | None:
    """The kind of actor a named speaker is, or None for none: a name the
    tagger typed PERSON that cannot be a person's is an organisation's if it
    ends in an organisation word ("Patriot Coal"), else no actor (a headline
    fragment, a shouted word, a common noun)."""
    if kind != "PERSON" or looks_like_person(name):
        return kind
    words = _words(name)
    letters = "".join(c for c in name if c.isalpha())
    last = ascii_fold(words[-1]).strip(".,'") if words else ""
    return "ORG" if not letters.isupper() and len(words) > 1 and last in ORG_WORDS else None


#: Letters a surname's spellings may start with, grouped: a name starting
#: with one may be written starting with another ("Qaddafi" / "Gaddafi",
#: "Wolodymyr" / "Volodymyr", "Eeva" / "Iiva").
_INITIALS = ("ei", "ou", "cgkqhx", "cs", "vw", "fp", "dj")


def surname_prefixes(name: str) -> list[str]:
    """First letters of the stored surnames (``actors.last``, the normalized
    last word) that may have the same spelling key as the surname of
    ``name``; with an Arabic article also those of the name without it and
    with it joined ("Al Busaidi" may be stored under "busaidi" or "albusaidi")."""
    words = ascii_fold(name).split()
    if not words:
        return []
    last = words[-1]
    firsts = {last[:1]}
    if len(words) > 2 and words[-2] in ARTICLES:
        firsts.add(words[-2][:1])
    for article in ARTICLES:
        if last.startswith(article) and len(last) > len(article) + 1:
            firsts.add(last[len(article) :].lstrip("-")[:1])
    out: set[str] = set()
    for letter in firsts - {""}:
        out.add(letter)
        for group in _INITIALS:
            if letter in group:
                out.update(group)
    return sorted(out)


def _lowercase_word(word: str) -> bool:
    return word[:1].islower() and not _is_particle(word.split("-")[0])


def leading_name(name: str) -> str:
    """A person's name cut where a phrase runs on after it: "Trump on Truth
    Social" -> "Trump" (the words before the first lowercase word that is
    no name particle); ``name`` itself when nothing runs on."""
    words = name.split()
    for n, w in enumerate(words):
        if n and _lowercase_word(w):
            return " ".join(words[:n])
    return name


def trailing_name(description: str) -> tuple[str, bool] | None:
    """The person a speaker description ends with, and whether the
    description is just that name set off by a comma (an appositive: "an
    adviser to the leader, Ali Shamkhani"; then it may name a new person):
    "Spokesperson for the Foreign Ministry Esmaeil Baqaei" -> ("Esmaeil
    Baqaei", False); None when it ends in no person's name."""
    _head, comma, tail = description.rpartition(",")
    words = tail.split()
    if not words or not all(w[:1].isupper() or _is_particle(w) for w in words[-2:]):
        return None
    if comma and 2 <= len(words) <= 3 and not any(_lowercase_word(w) for w in words):
        candidate, appositive = " ".join(words), True
    else:
        candidate, appositive = " ".join(words[-2:]), False
    folded = {ascii_fold(w).strip(".,") for w in candidate.split()}
    if folded & HONORIFICS or folded <= _PRONOUNS or not looks_like_person(candidate):
        return None  # "U.S. President" is a description, not a name
    return candidate, appositive


def role_words(description: str, most: int = 4) -> set[str] | None:
    """The role words of a description of one person ("Iran's supreme leader"
    -> {supreme, leader}): lower-cased, without articles and the possessive
    of whom the role is ("Iran's"); None for a pronoun, a name (capitalised
    words only), a plural ("officials"), a phrase with a clause, or more than
    ``most`` words."""
    words = [w.strip(".,;:\"'“”‘’()") for w in description.split()]
    kept: set[str] = set()
    for w in words:
        low = ascii_fold(w)
        if low in _PRONOUNS:
            return None
        if not low or low in _NOT_ROLE or low.endswith(("'s", "’s")) or low[:1].isdigit():
            continue
        if not low.isalpha():
            return None  # a hyphenated or odd word ("well-known"): a phrase, not a role
        kept.add(low)
    last = ascii_fold(words[-1]) if words else ""
    lowercase = any(w[:1].islower() for w in words)
    if (
        not kept
        or not lowercase
        or len(kept) > most
        or (last.endswith("s") and not last.endswith("ss"))
    ):
        return None
    return kept


_Entity = TypeVar("_Entity", bound=Mapping[str, Any])


def described_person(description: str, entities: Iterable[_Entity]) -> _Entity | None:
    """The person of the article a speaker description names, when exactly one
    person's descriptors hold all its role words ("Iran's supreme leader" is
    the person written "Supreme Leader Ali Khamenei" further on); None when
    none or several do."""
    words = role_words(description)
    if not words:
        return None
    fits = [
        e
        for e in entities
        if e.get("type") == "PERSON" and words <= {d.lower() for d in e.get("descriptors", ())}
    ]
    return fits[0] if len(fits) == 1 else None


def same_role(word: str, role: str) -> bool:
    """One role word written two ways: the same, or one the other with an
    ending ("oman" / "omani", "minister" / "ministers" is not asked)."""
    if word == role:
        return True
    short, long = sorted((word, role), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2


def close_matches(text: str, choices: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``n`` choices spelt closest to ``text`` (similarity at least ``cutoff``,
    0..1; case aside), the closest first, equals in the order given: what "did
    you mean" offers for a misspelt name ("Lavrof" -> "lavrov")."""
    found = process.extract(
        text.strip(), list(choices), scorer=fuzz.ratio, processor=str.lower, limit=n,
        score_cutoff=100 * cutoff,
    )  # fmt: skip
    return [str(choice) for choice, _, _ in found]
