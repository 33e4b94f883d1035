"""Scores codings (contract ``dateline/1``) against the unified gold files of ``../shared/gold``.

Gold: one ``{"id", "text", "title", "published", "gold": {...}}`` a line; ``gold`` holds only the
fields the dataset annotates. Predictions are contract dicts keyed by ``article.input_id``. A gold
record with no prediction, or with an error record, is scored as an empty coding. "The main
event" is ``events[0]``. Every metric carries ``n``, the number of gold records with the field, and
a rate over no records is ``None``. A gold string may list alternatives separated by ``" | "``;
any one of them matches.

Metrics
  coverage            share of gold ids with a usable (non-error) coding; missing / error counts.
  killed, injured     the main event's ``estimates.<kind>.best`` (no estimate = 0): ``exact``
                      accuracy, also on gold == 0 and gold > 0 (``exact_gold_zero`` /
                      ``exact_gold_pos``); ``within`` = gold in [low, high]; ``mae``, ``median_ae``.
  displaced           the largest displaced value of the coding: every event's
                      ``estimates.displaced`` and every claim of kind "displaced" (value = high,
                      else low); same measures, plus ``figure_recall``: share of gold displacement
                      figures equal to the low, best or high of some predicted displaced value.
  event_date          ``date.start`` == gold day (``exact``); gold in [start, end or start]
                      (``within``); both again on the ``answerable`` records: the input has a
                      published date, or the text writes the gold day and month explicitly.
  location.country    ISO3 equality, case-insensitive.
  location.admin1     equal token sets after folding case, diacritics and punctuation and dropping
                      stop words and generic words (province, state, department, ...).
  location.name       lenient: the folded token set of one name (generic place words such as
                      city/district/north dropped) contains the other's.
  location.latlon     haversine distance: share of gold points within 25 km / 100 km, median km
                      over the predicted points.
  acled_event_type,   folded, whitespace-collapsed equality of ``type.acled.*``; gold "none" (no
  acled_sub_event_type  political-violence event) is right when nothing or "none" is predicted.
  incident_type_compat  MUC-4 / GTD incident types, approximately: the predicted ACLED event type
                      must be one of the types compatible with the gold type (``INCIDENT_COMPAT``).
  actors.actor1/2     lenient token overlap of ``actorN.name``: parenthesised parts, stop words
                      and generic actor words dropped, gold country/nationality words dropped
                      unless nothing else is left; one shared token suffices, tokens being equal or,
                      both >= 4 letters, one a prefix of the other ("israel" / "israeli").
  quotes              micro precision / recall / F1 of ``quotes[*].span`` against gold content
                      (its fragments when discontinuous): a pair matches when the character overlap
                      is >= 50 % of the shorter side; pairs are taken one-to-one, greedily, best
                      first (overlap / longer side, then overlap). ``recall_direct`` on gold quotes
                      of kind "direct"; ``speaker_acc`` over matched quotes whose gold has a
                      source: the speaker span overlaps it, or the names share a content token.

The reference implementation of these definitions is ``../shared/tools/score.py``; the tests
check that both give the same numbers.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dateline
from dateline.errors import GoldFormatError
from dateline.lexicon import MONTH_NAMES
from dateline.store.corpus import Filters

__all__ = ["load_gold", "read_predictions", "score", "code_gold", "evaluate", "format_table",
           "check_floors", "INCIDENT_COMPAT"]

Record = dict[str, Any]
Metrics = dict[str, Any]
Triplet = tuple[int, int, int]  # (best, low, high)

# ---------------------------------------------------------------------------------------------
# reading gold and predictions
# ---------------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[Record]:
    """Gold records in file order; a repeated id keeps its first line (as the reference does)."""
    records: list[Record] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as lines:
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = _parse_gold_line(line, f"{path}:{line_no}")
            if record["id"] in seen:
                continue
            seen.add(record["id"])
            records.append(record)
    return records


def _parse_gold_line(line: str, where: str) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{where}: not JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise GoldFormatError(f"{where}: a gold line must be a JSON object")
    if not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str):
        raise GoldFormatError(f"{where}: a gold record needs a string 'id' and 'text'")
    for key in ("title", "published"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise GoldFormatError(f"{where}: '{key}' must be a string or null")
    gold = record.setdefault("gold", {})
    if not isinstance(gold, dict):
        raise GoldFormatError(f"{where}: 'gold' must be an object")
    return record


def read_predictions(lines: Iterable[str]) -> tuple[dict[str, Record], dict[str, int]]:
    """Contract JSONL lines -> (input_id -> coding, line statistics). The first line of an id wins."""
    preds: dict[str, Record] = {}
    stats = {"lines": 0, "invalid": 0, "no_input_id": 0, "duplicates": 0, "error_lines": 0}
    for line in lines:
        if not line.strip():
            continue
        stats["lines"] += 1
        try:
            coding = json.loads(line)
        except json.JSONDecodeError:
            coding = None
        if not isinstance(coding, dict):
            stats["invalid"] += 1
            continue
        input_id = _dig(coding, "article", "input_id")
        if input_id is None:
            stats["no_input_id"] += 1
            continue
        stats["error_lines"] += bool(coding.get("error"))
        if str(input_id) in preds:
            stats["duplicates"] += 1
            continue
        preds[str(input_id)] = coding
    return preds, stats


def system_inputs(gold: Iterable[Record]) -> Iterator[Record]:
    """What the system may see of a gold record: id, text, and title / published when given."""
    for record in gold:
        item = {"id": record["id"], "text": record["text"]}
        for key in ("title", "published"):
            if record.get(key) is not None:
                item[key] = record[key]
        yield item


# ---------------------------------------------------------------------------------------------
# reading values out of a coding (predictions are untrusted: every accessor tolerates junk)
# ---------------------------------------------------------------------------------------------


def _dig(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _usable(coding: Any) -> bool:
    return isinstance(coding, dict) and not coding.get("error")


def _events(coding: Any) -> list[Record]:
    events = coding.get("events") if _usable(coding) else None
    return [e for e in events if isinstance(e, dict)] if isinstance(events, list) else []


def _main_event(coding: Any) -> Record | None:
    events = coding.get("events") if _usable(coding) else None
    if isinstance(events, list) and events and isinstance(events[0], dict):
        return events[0]
    return None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return round(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    return None


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value) if isinstance(value, (int, float, str)) else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _triplet(estimate: Any) -> Triplet | None:
    """An estimate as (best, low, high), widened so that low <= best <= high; a bare number works."""
    if not isinstance(estimate, dict):
        value = _as_int(estimate)
        return None if value is None else (value, value, value)
    best, low, high = (_as_int(estimate.get(k)) for k in ("best", "low", "high"))
    if best is None:
        best = low if low is not None else high
    if best is None:
        return None
    return best, best if low is None else min(low, best), best if high is None else max(high, best)


def _displaced_values(coding: Any) -> list[Triplet]:
    values = []
    for event in _events(coding):
        estimate = _triplet(_dig(event, "estimates", "displaced"))
        if estimate is not None:
            values.append(estimate)
        claims = event.get("claims")
        for claim in claims if isinstance(claims, list) else []:
            if not isinstance(claim, dict) or claim.get("kind") != "displaced":
                continue
            low, high = _as_int(claim.get("low")), _as_int(claim.get("high"))
            value = high if high is not None else low
            if value is not None:
                values.append((value, value if low is None else low, value if high is None else high))
    return values


def _count(coding: Any, kind: str) -> Triplet:
    if kind == "displaced":
        # the largest figure, first one on ties
        return max(_displaced_values(coding), key=lambda t: t[0], default=(0, 0, 0))
    return _triplet(_dig(_main_event(coding), "estimates", kind)) or (0, 0, 0)


# ---------------------------------------------------------------------------------------------
# lenient name matching
# ---------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _words("a an the of and or for in on at to by with from as into over under near de del la "
                    "las los el le les da do di du des al")
PRONOUNS = _words("i me my we us our you your he him his she her it its they them their who whom this "
                  "that these those one someone somebody people")
GENERIC_ACTOR_WORDS = _words("unidentified unknown group groups forces force armed members member men "
                             "man people persons person") | PRONOUNS
GENERIC_PLACE_WORDS = _words("city town village district province state department region governorate "
                             "division county municipality neighborhood neighbourhood area areas oblast "
                             "prefecture territory capital central north south east west northern "
                             "southern eastern western")
GENERIC_ADMIN_WORDS = _words("province state department region governorate division county district "
                             "oblast prefecture territory autonomous special administrative federal "
                             "capital")
# Country and nationality words: "Iraqi police" and "police" name the same actor in gold.
COUNTRY_WORDS = _words("""
    afghan afghanistan albania algeria algerian angola angolan argentina argentine armenia armenian
    australia australian austria azerbaijan azerbaijani bahrain bahraini bangladesh bangladeshi belarus
    belarusian belgium belgian benin bolivia bolivian bosnia brazil brazilian britain british bulgaria
    burkina burundi burundian cambodia cambodian cameroon cameroonian canada canadian chad chadian chile
    chilean china chinese colombia colombian congo congolese croatia cuba cuban cyprus czech denmark
    djibouti ecuador ecuadorian egypt egyptian salvador salvadoran england eritrea eritrean ethiopia
    ethiopian france french gabon gambia georgia georgian germany german ghana ghanaian greece greek
    guatemala guatemalan guinea haiti haitian honduras honduran hungary india indian indonesia
    indonesian iran iranian iraq iraqi ireland irish israel israeli italy italian jamaica japan
    japanese jordan jordanian kazakhstan kenya kenyan korea korean kosovo kuwait kyrgyzstan lao laos
    lebanon lebanese liberia libya libyan lithuania madagascar malawi malaysia malaysian mali malian
    mauritania mexico mexican moldova mongolia montenegro morocco moroccan mozambique myanmar burmese
    namibia nepal nepali nepalese netherlands dutch nicaragua nicaraguan niger nigeria nigerian norway
    oman pakistan pakistani palestine palestinian panama panamanian paraguay peru peruvian philippines
    filipino philippine poland polish portugal qatar romania russia russian rwanda rwandan saudi
    senegal serbia serbian sierra leone somalia somali spain spanish sri lanka lankan sudan sudanese
    sweden switzerland syria syrian taiwan tajikistan tanzania thailand thai togo tunisia tunisian
    turkey turkish uganda ugandan ukraine ukrainian emirates uk usa us american america united kingdom
    states uruguay uzbekistan venezuela venezuelan vietnam vietnamese yemen yemeni zambia zimbabwe
    zimbabwean kurdish kurd kurds""")

# MUC-4 incident types and GTD attack types -> the ACLED event types a coder may fairly give them.
INCIDENT_COMPAT: dict[str, frozenset[str]] = {
    "attack": frozenset({"battles", "violence against civilians"}),
    "bombing": frozenset({"explosions/remote violence"}),
    "kidnapping": frozenset({"violence against civilians"}),
    "arson": frozenset({"riots", "violence against civilians", "strategic developments",
                        "explosions/remote violence"}),
    "robbery": frozenset({"strategic developments", "violence against civilians"}),
    "forced work stoppage": frozenset({"strategic developments", "protests", "riots"}),
    "bombing/explosion": frozenset({"explosions/remote violence"}),
    "armed assault": frozenset({"violence against civilians", "battles"}),
    "facility/infrastructure attack": frozenset({"strategic developments", "riots",
                                                 "violence against civilians",
                                                 "explosions/remote violence"}),
    "unarmed assault": frozenset({"violence against civilians", "riots"}),
    "assassination": frozenset({"violence against civilians"}),
    "hostage taking (barricade incident)": frozenset({"violence against civilians"}),
    "hostage taking (kidnapping)": frozenset({"violence against civilians"}),
    "hijacking": frozenset({"violence against civilians", "strategic developments"}),
}

_APOSTROPHES = re.compile(r"['’`ʼ‘]")  # "Dar'a" and "Dara" are one name
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_PARENTHESISED = re.compile(r"\([^)]*\)")


def fold(text: str) -> str:
    """Case- and diacritic-free form of ``text``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _label(text: str) -> str:
    return " ".join(fold(text).split())


def name_tokens(name: str, drop: frozenset[str] = frozenset()) -> set[str]:
    """Word and number tokens of a folded name, apostrophes removed, ``drop`` words left out."""
    return {t for t in _TOKEN.findall(_APOSTROPHES.sub("", fold(name))) if t not in drop}


def alternatives(gold_value: Any) -> list[str]:
    return [alt.strip() for alt in str(gold_value).split(" | ") if alt.strip()]


def _tokens_or_all(name: str, drop: frozenset[str]) -> set[str]:
    # a name made only of generic words ("the capital") still has to be matched on something
    return name_tokens(name, drop) or name_tokens(name)


def country_match(gold: Any, predicted: Any) -> bool:
    if not isinstance(predicted, str):
        return False
    return any(predicted.strip().upper() == alt.upper() for alt in alternatives(gold))


def admin1_match(gold: Any, predicted: Any) -> bool:
    if not predicted or not isinstance(predicted, str):
        return False
    tokens = _tokens_or_all(predicted, STOP_WORDS | GENERIC_ADMIN_WORDS)
    return any(_tokens_or_all(alt, STOP_WORDS | GENERIC_ADMIN_WORDS) == tokens for alt in alternatives(gold))


def place_match(gold: Any, predicted: Any) -> bool:
    if not predicted or not isinstance(predicted, str):
        return False
    tokens = _tokens_or_all(predicted, STOP_WORDS | GENERIC_PLACE_WORDS)
    for alt in alternatives(gold):
        gold_tokens = _tokens_or_all(alt, STOP_WORDS | GENERIC_PLACE_WORDS)
        if gold_tokens and tokens and (gold_tokens <= tokens or tokens <= gold_tokens):
            return True
    return False


def _similar_tokens(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def actor_match(gold: Any, predicted: Any) -> bool:
    if not predicted or not isinstance(predicted, str):
        return False
    drop = STOP_WORDS | GENERIC_ACTOR_WORDS
    tokens = name_tokens(_PARENTHESISED.sub(" ", predicted), drop) or name_tokens(predicted, STOP_WORDS)
    for alt in alternatives(gold):
        content = name_tokens(_PARENTHESISED.sub(" ", alt), drop)
        gold_tokens = (content - COUNTRY_WORDS) or content or name_tokens(alt, STOP_WORDS)
        if any(_similar_tokens(g, p) for g in gold_tokens for p in tokens):
            return True
    return False


def label_match(gold: Any, predicted: Any) -> bool:
    no_event_predicted = not predicted or (isinstance(predicted, str) and _label(predicted) == "none")
    if _label(str(gold)) == "none" and no_event_predicted:
        return True
    if not predicted or not isinstance(predicted, str):
        return False
    return any(_label(alt) == _label(predicted) for alt in alternatives(gold))


def incident_match(gold: Any, predicted: Any) -> bool:
    if not predicted or not isinstance(predicted, str):
        return False
    compatible: set[str] = set()
    for alt in alternatives(gold):
        compatible |= INCIDENT_COMPAT.get(_label(alt), frozenset())
    return _label(predicted) in compatible


# ---------------------------------------------------------------------------------------------
# metric families
# ---------------------------------------------------------------------------------------------


def _rate(hits: int, n: int) -> float | None:
    return hits / n if n else None


def score_coverage(gold: list[Record], preds: dict[str, Record]) -> Metrics:
    ids = [r["id"] for r in gold]
    covered = sum(_usable(preds.get(i)) for i in ids)
    missing = sum(i not in preds for i in ids)
    return {"rate": _rate(covered, len(ids)), "n": len(ids), "covered": covered, "missing": missing,
            "error": len(ids) - covered - missing}


def score_count(gold: list[Record], preds: dict[str, Record], kind: str) -> Metrics | None:
    """Exact / within / error measures of one casualty count (killed, injured, displaced)."""
    rows: list[tuple[int, Triplet]] = []
    for record in gold:
        truth = _as_int(record["gold"].get(kind))
        if truth is not None:
            rows.append((truth, _count(preds.get(record["id"]), kind)))
    if not rows:
        return None
    errors = [abs(best - truth) for truth, (best, _, _) in rows]
    zero = [best == truth for truth, (best, _, _) in rows if truth == 0]
    positive = [best == truth for truth, (best, _, _) in rows if truth > 0]
    metrics: Metrics = {
        "n": len(rows),
        "exact": _rate(sum(e == 0 for e in errors), len(rows)),
        "within": _rate(sum(low <= truth <= high for truth, (_, low, high) in rows), len(rows)),
        "mae": sum(errors) / len(errors),
        "median_ae": statistics.median(errors),
        "n_gold_zero": len(zero), "exact_gold_zero": _rate(sum(zero), len(zero)),
        "n_gold_pos": len(positive), "exact_gold_pos": _rate(sum(positive), len(positive)),
    }
    if kind == "displaced":
        metrics.update(score_displacement_figures(gold, preds))
    return metrics


def score_displacement_figures(gold: list[Record], preds: dict[str, Record]) -> Metrics:
    """Share of gold displacement figures whose value the coding states anywhere (low, best or high)."""
    n = found = 0
    for record in gold:
        figures = [f for f in record["gold"].get("figures") or []
                   if isinstance(f, dict) and f.get("kind") == "displaced"]
        if not figures:
            continue
        stated = {v for triplet in _displaced_values(preds.get(record["id"])) for v in triplet}
        n += len(figures)
        found += sum(_as_int(f.get("value")) in stated for f in figures)
    return {"n_figures": n, "figure_recall": _rate(found, n)}




def date_stated(text: str, iso_day: str) -> bool:
    """Does ``text`` write the day and month of ``iso_day`` explicitly ("May 3", "3/5/2015", ...)?"""
    try:
        year, month, day = (int(part) for part in iso_day.split("-"))
        name = MONTH_NAMES[month - 1]
    except (ValueError, IndexError):
        return False
    september = r"|sept\.?" if month == 9 else ""
    month_re = rf"(?:{name}|{name[:3]}\.?{september})"
    day_re = rf"0?{day}(?:st|nd|rd|th)?"
    year_re = rf"(?:{year}|{year % 100:02d})"
    patterns = (rf"\b{day_re}\s+(?:of\s+)?{month_re}\b", rf"\b{month_re}\s+{day_re}\b",
                rf"\b0?{month}/0?{day}/{year_re}\b", rf"\b0?{day}/0?{month}/{year_re}\b",
                rf"\b{year}-{month:02d}-{day:02d}\b")
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)


def score_event_date(gold: list[Record], preds: dict[str, Record]) -> Metrics | None:
    rows: list[tuple[bool, bool, bool]] = []  # (exact, within, answerable)
    for record in gold:
        truth = record["gold"].get("event_date")
        if not truth:
            continue
        date = _dig(_main_event(preds.get(record["id"])), "date")
        start, end = _dig(date, "start"), _dig(date, "end")
        start = start if isinstance(start, str) else None
        end = end if isinstance(end, str) else None
        within = start is not None and start <= truth <= (end or start)  # ISO days sort as strings
        answerable = bool(record.get("published")) or date_stated(record["text"], truth)
        rows.append((start == truth, within, answerable))
    if not rows:
        return None
    answerable_rows = [row for row in rows if row[2]]
    return {
        "n": len(rows),
        "exact": _rate(sum(r[0] for r in rows), len(rows)),
        "within": _rate(sum(r[1] for r in rows), len(rows)),
        "n_answerable": len(answerable_rows),
        "exact_answerable": _rate(sum(r[0] for r in answerable_rows), len(answerable_rows)),
        "within_answerable": _rate(sum(r[1] for r in answerable_rows), len(answerable_rows)),
    }


def score_field(gold: list[Record], preds: dict[str, Record], key: str, path: tuple[str, ...],
                match: Callable[[Any, Any], bool]) -> Metrics | None:
    """Accuracy of one main-event field (``path`` inside events[0]) against gold ``key``."""
    n = hits = 0
    for record in gold:
        truth = record["gold"].get(key)
        if truth is None or truth == "":
            continue
        n += 1
        hits += match(truth, _dig(_main_event(preds.get(record["id"])), *path))
    return {"n": n, "acc": _rate(hits, n)} if n else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def score_latlon(gold: list[Record], preds: dict[str, Record]) -> Metrics | None:
    n = 0
    distances = []
    for record in gold:
        lat, lon = _as_float(record["gold"].get("lat")), _as_float(record["gold"].get("lon"))
        if lat is None or lon is None:
            continue
        n += 1
        location = _dig(_main_event(preds.get(record["id"])), "location")
        plat, plon = _as_float(_dig(location, "lat")), _as_float(_dig(location, "lon"))
        if plat is not None and plon is not None and abs(plat) <= 90 and abs(plon) <= 180:
            distances.append(haversine_km(lat, lon, plat, plon))
    if not n:
        return None
    return {"n": n, "n_predicted": len(distances),
            "within_25km": _rate(sum(d <= 25 for d in distances), n),
            "within_100km": _rate(sum(d <= 100 for d in distances), n),
            "median_km": statistics.median(distances) if distances else None}


def score_location(gold: list[Record], preds: dict[str, Record]) -> Metrics | None:
    families = {
        "country": score_field(gold, preds, "country", ("location", "country"), country_match),
        "admin1": score_field(gold, preds, "admin1", ("location", "admin1"), admin1_match),
        "name": score_field(gold, preds, "location", ("location", "name"), place_match),
        "latlon": score_latlon(gold, preds),
    }
    return {k: v for k, v in families.items() if v is not None} or None


def score_actors(gold: list[Record], preds: dict[str, Record]) -> Metrics | None:
    families = {key: score_field(gold, preds, key, (key, "name"), actor_match)
                for key in ("actor1", "actor2")}
    return {k: v for k, v in families.items() if v is not None} or None


# -- quotes -------------------------------------------------------------------------------------

Span = tuple[int, int]


def _span(value: Any, text_length: int) -> Span | None:
    """A [start, end) pair clipped to the text, or None when it is not a non-empty span."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    start, end = _as_int(value[0]), _as_int(value[1])
    if start is None or end is None:
        return None
    start, end = min(max(start, 0), text_length), min(max(end, 0), text_length)
    return (start, end) if start < end else None


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _gold_quote_parts(quote: Record, text_length: int) -> list[Span]:
    fragments = quote.get("content_fragments")
    raw = fragments if isinstance(fragments, list) and fragments else [quote.get("content_span")]
    return [s for s in (_span(f, text_length) for f in raw) if s]


@dataclass(frozen=True)
class QuotePair:
    gold: int
    pred: int


def match_quotes(gold_quotes: list[Record], pred_quotes: list[Any], text_length: int) -> list[QuotePair]:
    """One-to-one greedy matching of predicted quote spans to gold contents, best pairs first."""
    gold_parts = [_gold_quote_parts(q, text_length) for q in gold_quotes]
    pred_spans = [_span(q.get("span"), text_length) if isinstance(q, dict) else None for q in pred_quotes]
    candidates = []
    for gi, parts in enumerate(gold_parts):
        gold_length = sum(e - s for s, e in parts)
        for pi, span in enumerate(pred_spans):
            if not parts or span is None:
                continue
            common = sum(_overlap(part, span) for part in parts)
            shorter = min(gold_length, span[1] - span[0])
            if shorter > 0 and common >= 0.5 * shorter:
                quality = common / max(gold_length, span[1] - span[0])
                candidates.append((-quality, -common, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append(QuotePair(gi, pi))
    return pairs


def speaker_match(gold_quote: Record, pred_quote: Any, text_length: int) -> bool:
    speaker = _dig(pred_quote, "speaker")
    if not isinstance(speaker, dict):
        return False
    gold_span = _span(gold_quote.get("source_span"), text_length)
    pred_span = _span(speaker.get("span"), text_length)
    if gold_span and pred_span and _overlap(gold_span, pred_span) > 0:
        return True
    gold_name, pred_name = gold_quote.get("source_text") or "", speaker.get("name") or ""
    if not isinstance(gold_name, str) or not isinstance(pred_name, str):
        return False
    return bool(name_tokens(gold_name, STOP_WORDS | PRONOUNS) & name_tokens(pred_name, STOP_WORDS | PRONOUNS))


def score_quotes(gold: list[Record], preds: dict[str, Record]) -> Metrics | None:
    n_articles = n_gold = n_pred = matched = 0
    n_direct = matched_direct = n_speaker = speaker_right = 0
    for record in gold:
        if "quotes" not in record["gold"]:
            continue
        n_articles += 1
        gold_quotes = [q for q in record["gold"]["quotes"] or [] if isinstance(q, dict)]
        coding = preds.get(record["id"])
        pred_quotes = _dig(coding, "quotes") if _usable(coding) else None
        pred_quotes = pred_quotes if isinstance(pred_quotes, list) else []
        length = len(record["text"])
        pairs = match_quotes(gold_quotes, pred_quotes, length)
        n_gold += len(gold_quotes)
        n_pred += len(pred_quotes)
        matched += len(pairs)
        matched_gold = {p.gold for p in pairs}
        direct = [i for i, q in enumerate(gold_quotes) if q.get("kind") == "direct"]
        n_direct += len(direct)
        matched_direct += sum(i in matched_gold for i in direct)
        for pair in pairs:
            if _span(gold_quotes[pair.gold].get("source_span"), length):
                n_speaker += 1
                speaker_right += speaker_match(gold_quotes[pair.gold], pred_quotes[pair.pred], length)
    if not n_articles:
        return None
    precision, recall = _rate(matched, n_pred), _rate(matched, n_gold)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    return {"n_articles": n_articles, "n_gold": n_gold, "n_pred": n_pred, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1,
            "n_gold_direct": n_direct, "recall_direct": _rate(matched_direct, n_direct),
            "n_speaker": n_speaker, "speaker_acc": _rate(speaker_right, n_speaker)}


# ---------------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------------


def score(gold: list[Record], preds: dict[str, Record]) -> dict[str, Any]:
    """Every metric family the gold supports (see the module docstring); absent families are left out."""
    families: dict[str, Metrics | None] = {
        "coverage": score_coverage(gold, preds),
        "killed": score_count(gold, preds, "killed"),
        "injured": score_count(gold, preds, "injured"),
        "displaced": score_count(gold, preds, "displaced"),
        "event_date": score_event_date(gold, preds),
        "location": score_location(gold, preds),
        "acled_event_type": score_field(gold, preds, "acled_event_type", ("type", "acled", "event_type"),
                                        label_match),
        "acled_sub_event_type": score_field(gold, preds, "acled_sub_event_type",
                                            ("type", "acled", "sub_event_type"), label_match),
        "incident_type_compat": score_field(gold, preds, "incident_type", ("type", "acled", "event_type"),
                                            incident_match),
        "actors": score_actors(gold, preds),
        "quotes": score_quotes(gold, preds),
    }
    result: dict[str, Any] = {"n_gold": len(gold)}
    result.update({name: metrics for name, metrics in families.items() if metrics is not None})
    return result


def code_gold(gold: list[Record], *, limit: int | None = None) -> dict[str, Record]:
    """Runs dateline over the gold inputs (never their gold) -> input_id -> contract dict."""
    records = list(system_inputs(gold[:limit] if limit is not None else gold))
    preds: dict[str, Record] = {}
    for record, coding in zip(records, dateline.code_many(records), strict=True):
        coded = coding.to_dict()
        # an output without an input_id is still the coding of its input (outputs come in input order)
        input_id = _dig(coded, "article", "input_id")
        preds.setdefault(str(input_id if input_id is not None else record["id"]), coded)
    return preds


def evaluate(gold_path: str | Path, *, pred_path: str | Path | None = None, limit: int | None = None,
             save_pred: str | Path | None = None) -> dict[str, Any]:
    """Scores a predictions file against ``gold_path``, or (no ``pred_path``) runs dateline and times it.

    ``limit`` keeps the first records of the gold file; ``save_pred`` writes the codings as JSONL.
    """
    gold = load_gold(gold_path)
    if limit is not None:
        gold = gold[:limit]
    timing: dict[str, Any] | None = None
    pred_stats: dict[str, int] | None = None
    if pred_path is not None:
        with open(pred_path, encoding="utf-8") as lines:
            preds, pred_stats = read_predictions(lines)
    else:
        started = time.perf_counter()
        dateline.load_pipeline()  # model loading is reported apart from the per-article speed
        loaded = time.perf_counter()
        preds = code_gold(gold)
        elapsed = time.perf_counter() - loaded
        words = sum(len(r["text"].split()) for r in gold)
        timing = {"n_inputs": len(gold), "load_s": loaded - started, "elapsed_s": elapsed,
                  "articles_per_second": len(gold) / elapsed if elapsed > 0 else None,
                  "words_per_second": words / elapsed if elapsed > 0 else None}
    if save_pred is not None:
        with open(save_pred, "w", encoding="utf-8") as out:
            for record in gold:
                if record["id"] in preds:
                    out.write(json.dumps(preds[record["id"]], ensure_ascii=False) + "\n")
    result = score(gold, preds)
    result["gold_file"] = str(gold_path)
    if pred_stats is not None:
        gold_ids = {r["id"] for r in gold}
        result["coverage"].update(pred_stats, unknown_ids=sum(i not in gold_ids for i in preds))
        result["pred_file"] = str(pred_path)
    if timing is not None:
        result["timing"] = timing
    return result


# -- presentation and floors --------------------------------------------------------------------

# (label, dotted path of the value, dotted path of its n)
_COUNT_ROWS = (("exact", "exact", "n"), ("exact | gold=0", "exact_gold_zero", "n_gold_zero"),
               ("exact | gold>0", "exact_gold_pos", "n_gold_pos"), ("within[low,high]", "within", "n"),
               ("MAE", "mae", "n"), ("median_AE", "median_ae", "n"),
               ("figure_recall", "figure_recall", "n_figures"))
TABLE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("coverage", "coverage.rate", "coverage.n"),
    ("articles/second", "timing.articles_per_second", "timing.n_inputs"),
    ("words/second", "timing.words_per_second", "timing.n_inputs"),
    ("model load seconds", "timing.load_s", ""),
    ("elapsed seconds", "timing.elapsed_s", ""),
    *((f"{kind}.{label}", f"{kind}.{value}", f"{kind}.{n}")
      for kind in ("killed", "injured", "displaced") for label, value, n in _COUNT_ROWS),
    ("event_date.exact", "event_date.exact", "event_date.n"),
    ("event_date.within[start,end]", "event_date.within", "event_date.n"),
    ("event_date.exact | answerable", "event_date.exact_answerable", "event_date.n_answerable"),
    ("event_date.within | answerable", "event_date.within_answerable", "event_date.n_answerable"),
    ("location.country", "location.country.acc", "location.country.n"),
    ("location.admin1", "location.admin1.acc", "location.admin1.n"),
    ("location.name", "location.name.acc", "location.name.n"),
    ("location.within_25km", "location.latlon.within_25km", "location.latlon.n"),
    ("location.within_100km", "location.latlon.within_100km", "location.latlon.n"),
    ("location.median_km", "location.latlon.median_km", "location.latlon.n_predicted"),
    ("acled_event_type", "acled_event_type.acc", "acled_event_type.n"),
    ("acled_sub_event_type", "acled_sub_event_type.acc", "acled_sub_event_type.n"),
    ("incident_type_compat", "incident_type_compat.acc", "incident_type_compat.n"),
    ("actor1", "actors.actor1.acc", "actors.actor1.n"),
    ("actor2", "actors.actor2.acc", "actors.actor2.n"),
    ("quotes.precision", "quotes.precision", "quotes.n_pred"),
    ("quotes.recall", "quotes.recall", "quotes.n_gold"),
    ("quotes.f1", "quotes.f1", "quotes.n_articles"),
    ("quotes.recall_direct", "quotes.recall_direct", "quotes.n_gold_direct"),
    ("quotes.speaker_acc", "quotes.speaker_acc", "quotes.n_speaker"),
)
_MISSING = object()


def _lookup(result: dict[str, Any], path: str) -> Any:
    node: Any = result
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 1000 else f"{value:.3f}"
    return str(value)


def format_table(result: dict[str, Any]) -> str:
    """The measured metrics as an aligned (metric, value, n) table; families not measured are left out."""
    rows = []
    for label, value_path, n_path in TABLE_ROWS:
        value = _lookup(result, value_path)
        if value is _MISSING:
            continue
        n = _lookup(result, n_path) if n_path else None
        rows.append((label, _show(value), _show(None if n is _MISSING else n)))
    width = max(len(label) for label, _, _ in rows) + 2
    lines = [f"{'metric':<{width}}{'value':>10}{'n':>9}", "-" * (width + 19)]
    lines += [f"{label:<{width}}{value:>10}{n:>9}" for label, value, n in rows]
    coverage = result.get("coverage", {})
    problems = [f"{k}={coverage[k]}" for k in ("missing", "error", "duplicates", "unknown_ids", "invalid",
                                               "no_input_id") if coverage.get(k)]
    if problems:
        lines.append(f"(coverage detail: {', '.join(problems)})")
    return "\n".join(lines)


# Errors and distances: a "floor" on them is a ceiling.
LOWER_IS_BETTER = frozenset({"mae", "median_ae", "median_km", "missing", "error"})


def check_floors(result: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Failures of ``result`` against ``floors`` ({"killed.exact": 0.6, ...}); [] when all hold.

    A path may stop at a family with one headline value ("location.country", "coverage"): its
    ``acc`` or ``rate`` is used. A metric that was not measured, or is None, fails. For the error
    measures in ``LOWER_IS_BETTER`` the bound is a ceiling.
    """
    failures = []
    for path, bound in floors.items():
        value = _lookup(result, path)
        if isinstance(value, dict):
            value = value.get("acc", value.get("rate", _MISSING))
        if value is _MISSING or value is None:
            failures.append(f"{path}: not measured (floor {bound})")
            continue
        if path.rsplit(".", 1)[-1] in LOWER_IS_BETTER:
            if value > bound:
                failures.append(f"{path} = {_show(value)} > ceiling {bound}")
        elif value < bound:
            failures.append(f"{path} = {_show(value)} < floor {bound}")
    return failures


# -- incidents (cross-article merging)
#
# Gold: articles labelled ``gold.incident`` (with the incident's final ``killed`` / ``injured`` /
# ``event_date``). Predictions: contract incident records. An article belongs to the incident holding its
# main event "e1", else to the first incident listing it, else to none (a cluster of its own).
#   bcubed / pairwise   precision, recall, F1 of the article clustering (articles of the gold file only);
#   incident_killed / incident_injured / incident_event_date
#                       per gold incident with the label: the predicted incident holding most of its articles
#                       (ties: the first met) has ``estimates.<kind>.best`` equal (none = 0) / ``date.start``
#                       equal at day precision.

def assign_articles(records: Iterable[Record], article_ids: Iterable[str]) -> dict[str, str]:
    """Article input id -> predicted incident id (a singleton label when it is in no incident)."""
    wanted = set(article_ids)
    main: dict[str, str] = {}
    first: dict[str, str] = {}
    for rec in records:
        inc = rec.get("incident") if isinstance(rec, dict) else None
        if not isinstance(inc, dict) or not inc.get("id"):
            continue
        for m in inc.get("members") or []:
            art = m.get("article") if isinstance(m, dict) else None
            if art not in wanted:
                continue
            first.setdefault(art, str(inc["id"]))
            if m.get("event") == "e1":
                main.setdefault(art, str(inc["id"]))
    return {a: main.get(a) or first.get(a) or f"alone:{a}" for a in wanted}


def bcubed_f(gold: dict[str, str], pred: dict[str, str]) -> Metrics:
    g_sets: dict[str, set[str]] = {}
    p_sets: dict[str, set[str]] = {}
    for a, c in gold.items():
        g_sets.setdefault(c, set()).add(a)
        p_sets.setdefault(pred[a], set()).add(a)
    n = len(gold) or 1
    prec = sum(len(g_sets[gold[a]] & p_sets[pred[a]]) / len(p_sets[pred[a]]) for a in gold) / n
    rec = sum(len(g_sets[gold[a]] & p_sets[pred[a]]) / len(g_sets[gold[a]]) for a in gold) / n
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0}


def pairwise_f(gold: dict[str, str], pred: dict[str, str]) -> Metrics:
    """Over all pairs of articles, counted from cluster sizes (no loop over pairs)."""
    def pairs(sizes: Iterable[int]) -> int:
        return sum(k * (k - 1) // 2 for k in sizes)

    both: dict[tuple[str, str], int] = {}
    g_size: dict[str, int] = {}
    p_size: dict[str, int] = {}
    for a, c in gold.items():
        both[(c, pred[a])] = both.get((c, pred[a]), 0) + 1
        g_size[c] = g_size.get(c, 0) + 1
        p_size[pred[a]] = p_size.get(pred[a], 0) + 1
    tp = pairs(both.values())
    same_p, same_g = pairs(p_size.values()), pairs(g_size.values())
    prec = tp / same_p if same_p else 1.0
    rec = tp / same_g if same_g else 1.0
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "true_pairs": tp, "predicted_pairs": same_p, "gold_pairs": same_g}


def score_incidents(gold: list[Record], records: list[Record]) -> dict[str, Any]:
    labelled = [r for r in gold if _dig(r, "gold", "incident")]
    truth = {str(r["id"]): str(r["gold"]["incident"]) for r in labelled}
    labels: dict[str, Record] = {}
    for r in labelled:
        labels.setdefault(str(r["gold"]["incident"]), r["gold"])
    pred = assign_articles(records, truth)
    incidents = {str(rec["incident"]["id"]): rec["incident"] for rec in records
                 if isinstance(rec, dict) and isinstance(rec.get("incident"), dict) and rec["incident"].get("id")}
    members: dict[str, list[str]] = {}
    for r in labelled:      # in file order: a tie goes to the incident of the first article met
        members.setdefault(truth[str(r["id"])], []).append(str(r["id"]))
    hits = {"killed": [0, 0], "injured": [0, 0], "event_date": [0, 0]}
    for label, arts in members.items():
        votes: dict[str, int] = {}
        for a in arts:
            votes[pred[a]] = votes.get(pred[a], 0) + 1
        top = max(votes.values())
        chosen = incidents.get(next(p for p in votes if votes[p] == top)) or {}
        lab = labels[label]
        for kind in ("killed", "injured"):
            if isinstance(lab.get(kind), int):
                best = _dig(chosen, "estimates", kind, "best")
                hits[kind][1] += 1
                hits[kind][0] += (best if isinstance(best, int) else 0) == lab[kind]
        if lab.get("event_date"):
            d = chosen.get("date") or {}
            hits["event_date"][1] += 1
            hits["event_date"][0] += d.get("start") == lab["event_date"] and d.get("precision") == "day"
    out: dict[str, Any] = {
        "articles": len(truth), "gold_incidents": len(members), "predicted_clusters": len(set(pred.values())),
        "articles_alone": sum(1 for p in pred.values() if p.startswith("alone:")),
        "bcubed": bcubed_f(truth, pred), "pairwise": pairwise_f(truth, pred)}
    for kind, (hit, n) in hits.items():
        out[f"incident_{kind}"] = {"exact": _rate(hit, n), "n": n}
    return out


def evaluate_incidents(gold_path: str | Path, *, db: str | None = None, processes: int = 1,
                       limit: int | None = None, save_pred: str | Path | None = None) -> dict[str, Any]:
    """Ingests a gold file's inputs (never their gold) into a store (a temporary SQLite file unless ``db``),
    merges, and scores the incidents; with the time it took."""
    import tempfile

    gold = load_gold(gold_path)
    if limit is not None:
        gold = gold[:limit]
    with tempfile.TemporaryDirectory(prefix="dateline-eval-") as tmp:
        url = db or f"sqlite:///{Path(tmp) / 'eval.sqlite'}"
        start = time.perf_counter()
        with dateline.open_store(url) as store:
            store.ingest_records(list(system_inputs(gold)), origin=str(gold_path), processes=processes)
            coded = time.perf_counter()
            store.merge(rebuild=db is not None)
            merged = time.perf_counter()
            records = store.incidents(Filters(limit=None))
    if save_pred is not None:
        with open(save_pred, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    result = score_incidents(gold, records)
    result["seconds"] = {"ingest": round(coded - start, 1), "merge": round(merged - coded, 1)}
    return result


def format_incident_table(result: dict[str, Any]) -> str:
    lines = [f"articles {result['articles']}  gold incidents {result['gold_incidents']}  "
             f"predicted clusters {result['predicted_clusters']}  articles in no incident {result['articles_alone']}"]
    for m in ("bcubed", "pairwise"):
        r = result[m]
        lines.append(f"{m:<10}P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    for k in ("killed", "injured", "event_date"):
        r = result[f"incident_{k}"]
        lines.append(f"incident {k:<11}exact {_show(r['exact'])}  (n={r['n']})")
    if "seconds" in result:
        lines.append(f"ingest {result['seconds']['ingest']} s, merge {result['seconds']['merge']} s")
    return "\n".join(lines)
