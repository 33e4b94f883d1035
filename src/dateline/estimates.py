"""Reconciles the casualty claims of one event into a UCDP-style low / best / high estimate.

The rule (``estimate(claims)`` gets the claims of one event and one kind, e.g. "killed"):

1. **Details never add.** A partitive claim ("six of the dead were women", "11 of the fatalities") is
   a detail of another figure and is ignored; so is a definite count told after a figure of the same text that
   counts as many or more ("Three others were hurt. The two brothers, both in their 20s, ..."). A total over several
   happenings (``aggregate``: a round-up's "31 hurt in shootings around the city", a toll to date "more than
   1,000 have been killed since 1985", a toll of a month or a year "45 people were killed in July") counts only
   when no other figure of the kind is claimed.
2. **Victim groups.** Each claim's ``who`` is mapped to a group: security forces (soldiers, police,
   officers, ...), armed side (rebels, guerrillas, gunmen, suspects, ...), civilians (residents,
   civilians, villagers, students, ...), "others" ("killing a policeman and two others"), or
   *unspecified* (no ``who``, "people", "victims", "a man", a name). A claim that says its victims
   were *also* hit ("the minister was killed ... two bodyguards were also killed") adds to the claim
   before it, and that sum is one more unspecified total; not when it counts fewer than that claim, does not
   count on from it and is of that claim's group or that claim names none or "others" ("Four people were shot ... a
   15-year-old was also shot" is most likely one of the four; "three men were shot ... a fourth man / two more
   men were also shot", "three officers were killed ... a woman was also killed" add). Claims about *different*
   specified groups are disjoint and **add up** (5 soldiers + 31 camp residents = 36). An unspecified
   claim may already include the specified ones, so the total is the larger of the unspecified
   estimate and the sum of the specified ones (never their sum); when only other parties than the
   specified claims' give the unspecified figure, one wholly smaller competes ("Activists said 25 protesters were
   killed. Police said only three died.": low 3, best 25). "Others" are by definition not yet
   counted and come on top of that total, unless an unspecified claim gives exactly their number ("3
   wounded" in a headline, "and three others wounded" in the body: the same three).
3. **Same group: a range.** Competing claims about the same group (different sources, or one source
   repeating a figure) form a range: ``low`` = the smallest lower bound, ``high`` = the largest upper
   bound (or best when every claim is open-ended). A vague range ("dozens" = 24..99) that contains a
   stated figure of the same group ("31 dead") is refined by it: its bounds are our reading of a word,
   not a figure anyone gave, so they do not widen the range (the claim itself stays).
4. **Updates supersede.** A revised total ("the death toll rose to 40", "now stands at") replaces every
   earlier claim of its group; claims after it still count.
5. **Denials lower, never delete.** A claim with stance ``denies`` sets ``low`` to 0 and still bounds
   ``high``; it never gives ``best``. A zero ("no one else was hurt") only counts when no claim of the
   group gives a positive figure.
6. **best** is a figure a source actually stated, from the most credible stance present (confirmed >
   asserts > unconfirmed; across groups too: a group figure less credible than the unspecified total
   widens ``high`` but does not raise ``best``): the largest exact figure or stated lower bound
   ("at least 12" -> 12); failing those, an upper bound as stated ("up to 40" -> 40); failing those,
   the bottom of the vague range ("dozens" -> 24, "hundreds" -> 200: the smallest count the words
   honestly mean, not a guess inside the range). ``low <= best <= high`` always holds.

7. **People before households.** A displacement figure may count households ("2,000 families were
   displaced", ``who`` = families / households). Households are another unit, so they never add to or
   compete with head counts: when any claim of the kind counts people, household claims are left out
   (the estimate is in people, as IDMC and UCDP report it); when every claim counts households, the
   estimate is over them (in households) rather than nothing.

The vague ranges themselves ("dozens" = 24..99, "several" = 3..9) are defined by
:func:`dateline.pipeline.figures.parse_quantity`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline.records import Claim, Estimate

_CREDIBILITY = {"confirmed": 0, "asserts": 1, "unconfirmed": 2}

_PARTITIVE = re.compile(
    r"^\s*(?:\S+\s+){0,3}?of\s+(?:the|those|these|all)\s+(?:\w+\s+){0,2}?"
    r"(?:dead|fatalities|wounded|injured|casualties|killed|deaths|bodies|hostages|missing|detainees|"
    r"arrested)\b", re.I)
_UPDATE = re.compile(
    r"\btoll\b.{0,40}\b(?:rose|risen|rises|rising|climbed|climbs|increased|reached|jumped|grew|mounted|"
    r"now|stands|soared|hit)\b|\b(?:rose|risen|climbed|increased|jumped)\s+to\b|\braised the\b", re.I)

_GROUPS: dict[str, str] = {}
for _group, _words in {
    "security": "soldier troop police policeman policewoman officer trooper deputy guard serviceman "
                "servicemember marine agent sergeant patrolman cop constable gendarme militiaman "
                "army airman sailor paratrooper commando bodyguard",
    "armed": "militant rebel guerrilla insurgent terrorist fighter attacker gunman assailant suspect "
             "shooter bomber perpetrator raider jihadist extremist robber",
    "civilian": "civilian resident villager peasant student worker passenger worshipper worshiper "
                "protester protestor demonstrator refugee pilgrim shopper farmer journalist bystander "
                "pedestrian employee customer tourist teacher",
    "others": "other others",
}.items():
    for _w in _words.split():
        _GROUPS[_w] = _group

_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person", "police": "police",
              "policemen": "policeman", "gunmen": "gunman", "servicemen": "serviceman",
              "militiamen": "militiaman", "others": "others"}


_HOUSEHOLDS = {"family", "families", "household", "households", "hh"}


def is_household(claim: Claim) -> bool:
    """A figure counted in households, not people ("2,000 families were displaced")."""
    words = re.findall(r"[a-z]+", (claim.who or "").lower())
    return bool(words) and words[-1] in _HOUSEHOLDS


def group_of(who: str | None) -> str:
    """The victim group a ``who`` belongs to; ``"unspecified"`` when it may overlap any other."""
    if not who:
        return "unspecified"
    words = re.findall(r"[a-z]+", who.lower())
    if not words:
        return "unspecified"
    head = words[-1]
    head = _IRREGULAR.get(head, head)
    if head not in _GROUPS and head.endswith("s"):
        head = head[:-1]
    return _GROUPS.get(head, "unspecified")


def is_partitive(claim: Claim) -> bool:
    """A detail of another figure ("six of the dead", "11 of the purported fatalities")."""
    return bool(_PARTITIVE.match(claim.text))


_ADDITIONAL = re.compile(r"\b(?:(?:were|was|have been|had been|are|is)\s+also\s+(?:\w+\s+)?"
                         r"(?:killed|murdered|slain|wounded|injured|hurt|shot|kidnapped|abducted|arrested)"
                         r"|also\s+(?:\w+\s+)?died)\b", re.I)




_NTH = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10}
_ORDINAL = r"(?:" + "|".join(_NTH) + r"|\d+(?:st|nd|rd|th))"
# "a third person was also killed", "another man was also shot": counted on from the victims before
_COUNTED_ON = re.compile(r"\b(?:(?:a|the)\s+" + _ORDINAL + r"|another|more|additional)\b", re.I)
_NTH_ONE = re.compile(r"^\W*(?:a|the)\s+(" + _ORDINAL + r")\b", re.I)


def _next_in_count(claim: Claim, before: Claim) -> bool:
    """"Two men were shot dead ... A third victim died in hospital": the n-th one after n - 1 counts on from them."""
    m = _NTH_ONE.match(claim.text)
    if m is None:
        return False
    word = m.group(1).lower()
    n = _NTH.get(word) or int(re.sub(r"\D", "", word))
    return claim.low == claim.high == 1 and before.low is not None and before.low == before.high == n - 1


# a bare count and its casualty word, as a headline or a summary gives it ("4 wounded", "2 dead", "3 people shot")
_BARE_FIGURE = re.compile(r"^\W*\d+\s+(?:\w+\s+)?(?:wounded|injured|hurt|shot|dead|killed)\W*$", re.I)


def is_additional(claim: Claim) -> bool:
    """Victims the text adds to those already counted ("two bodyguards were also killed")."""
    return bool(_ADDITIONAL.search(claim.text))


_SHOT = re.compile(r"\b(?:shot|shooting|shoots|gunshot|gunshots|hit|struck|grazed|hitting|striking)\b", re.I)
_OTHERS = re.compile(r"\bothers?\b", re.I)      # "four others were struck": the dead are not among them
# ... nor among "another teen was shot", "his mother was also shot" (the figure's own words, not "police also said")
_NOT_THE_DEAD = re.compile(r"\b(?:others?|another)\b|\balso (?:been )?(?:shot|hit|struck|wounded|grazed)\b", re.I)
_GUNSHOT_WOUND = re.compile(r"\bgunshot (?:wound|injur)\w*", re.I)     # says the person was hit, not that they lived
_HURT = re.compile(r"\b(?:wound\w*|injur\w*|hurt|hospitali[sz]ed|non-?fatal\w*|surviv\w*|non-?life[- ]threatening|"
                   r"stable)\b", re.I)


def counts_the_dead_too(text: str) -> bool:
    """Whether an injured figure's text counts people *shot* or hit ("five people were shot", "four were struck by
    gunfire", "with gunshot wounds"), the dead among them, rather than wounded who lived ("wounded", "hurt",
    "hospitalised", "stable") or "others" than the dead."""
    return _SHOT.search(text) is not None and _NOT_THE_DEAD.search(text) is None \
        and _HURT.search(_GUNSHOT_WOUND.sub("", text)) is None


def _deaths(claims: Sequence[Claim]) -> list[Claim]:
    """The death figures of one text that count its dead: not denied, partitive, a total or unreal."""
    return [c for c in claims if c.kind == "killed" and c.stance != "denies" and c.low is not None
            and not c.partitive and not c.aggregate and not c.modality]


def most_dead(claims: Sequence[Claim]) -> int | None:
    """The most dead the claims of one text report (:func:`_deaths`), None when they give no death figure."""
    killed = _deaths(claims)
    return max(c.low or 0 for c in killed) if killed else None


def shot_net_of_dead(claims: Sequence[Claim], dead_elsewhere: int = 0) -> list[Claim]:
    """The claims of one article, its injured figures that count people shot (:func:`counts_the_dead_too`) taken
    net of the most dead it reports (:func:`most_dead`; ``dead_elsewhere`` when it gives no death figure: an
    incident's other articles): "Four people were shot ... One man died" is three wounded, the archive convention
    (injured = hit and survived); not a figure split from its dead already (:func:`split_from`)."""
    killed = _deaths(claims)
    dead = max(c.low or 0 for c in killed) if killed else dead_elsewhere
    if not dead:
        return list(claims)
    return [replace(c, low=max(0, c.low - dead), high=None if c.high is None else max(0, c.high - dead))
            if c.kind == "injured" and c.low is not None and c.stance != "denies" and counts_the_dead_too(c.text)
            and not any(split_from(c.span, k.span) for k in killed) else c for c in claims]


def split_from(injured: Sequence[int], killed: Sequence[int]) -> bool:
    """Whether a killed figure goes on from inside an injured one, sharing its verb: one figure split in two ("five
    people were shot, one fatally": "Five people were shot" four wounded, "shot, one fatally" one dead), its wounded
    already net of its dead (not a figure inside another: a headline's "6 shot; 2 fatalities")."""
    return injured[0] < killed[0] < injured[1] < killed[1]


# a definite count ("the two men", "both victims", "the other three"): people the text has counted already
_DEFINITE_COUNT = re.compile(r"^\W*(?:(?:the|those|these|all)\s+(?:other\s+)?(?:two|three|four|five|six|seven|eight|"
                             r"nine|ten|\d+)|both)\b", re.I)


def _named_again(claim: Claim, claims: Sequence[Claim]) -> bool:
    """A definite count after a figure of the same text that counts as many or more ("Three others were hurt.
    The two brothers, both in their 20s, ..."): some of those already counted, told again; nobody to add. Not one of
    another group than that figure's."""
    if claim.low is None or claim.stance == "denies" or not _DEFINITE_COUNT.match(claim.text):
        return False
    group = group_of(claim.who)
    return any(p.span < claim.span and p.span[0] // TEXT_GAP == claim.span[0] // TEXT_GAP and p.low is not None
               and p.low >= (claim.high if claim.high is not None else claim.low) and p.stance != "denies"
               and not _DEFINITE_COUNT.match(p.text)
               and (group == "unspecified" or group_of(p.who) in (group, "unspecified", "others"))
               for p in claims)


def is_update(claim: Claim) -> bool:
    """A revised total that supersedes earlier figures ("the death toll rose to 40")."""
    return bool(_UPDATE.search(claim.text))


@dataclass(frozen=True)
class _Range:
    low: int
    best: int
    high: int
    tier: int = 1   # credibility of the claims that gave best (0 confirmed, 1 asserts, 2 unconfirmed)


def _has_value(c: Claim) -> bool:
    return c.low is not None or c.high is not None


def _best_of(claims: Sequence[Claim]) -> int | None:
    """The figure to stand behind among claims of equal credibility (rule 6)."""
    points = [c.low for c in claims if c.low is not None and (c.high is None or c.high == c.low)]
    if points:
        return max(points)
    uppers = [c.high for c in claims if c.low is None and c.high is not None]
    if uppers:
        return min(uppers)
    vague = [c.low for c in claims if c.low is not None]
    return max(vague) if vague else None


def _reconcile(claims: Sequence[Claim], updates_supersede: bool = True) -> _Range | None:
    """One victim group: updates supersede, competing claims form a range, denials lower ``low``."""
    claims = sorted(claims, key=lambda c: c.span)
    updates = [i for i, c in enumerate(claims) if updates_supersede and c.stance != "denies" and is_update(c)]
    if updates:
        claims = claims[updates[-1]:]
    denials = [c for c in claims if c.stance == "denies"]
    active = [c for c in claims if c.stance != "denies"]
    positive = [c for c in active if (c.low or 0) > 0 or (c.high or 0) > 0]
    if positive:
        active = positive  # "no one else was hurt" does not compete with "a man was hurt"
    # a vague range ("dozens" = 24..99) is our reading of a word, not a figure anyone gave: when a
    # stated figure falls inside it, that figure refines it and the vague bounds do not widen the range
    points = [c.low for c in active if c.low is not None and c.high == c.low]
    active = [c for c in active if not (c.low is not None and c.high is not None and c.high > c.low
                                        and any(c.low <= p <= c.high for p in points))]
    best: int | None = None
    tier = 1
    for tier in sorted({_CREDIBILITY.get(c.stance, 1) for c in active}):
        best = _best_of([c for c in active if _CREDIBILITY.get(c.stance, 1) == tier])
        if best is not None:
            break
    if best is None:
        if not denials:
            return None
        best = 0
    lows = [c.low for c in active if c.low is not None]
    low = min(lows) if lows else (0 if any(c.low is None for c in active) else best)
    if denials:
        low = 0
    highs = [c.high for c in active + denials if c.high is not None]
    high = max(highs + [best])
    low = min(low, best)
    return _Range(low, best, high, tier)


# Claims of several texts (an incident's articles) are put this many characters apart by the caller: a claim that
# counts on from the one before it ("two more were also killed") does so only from one of its own text.
TEXT_GAP = 10_000_000


def estimate(claims: Sequence[Claim], *, updates_supersede: bool = True) -> Estimate | None:
    """UCDP-style low / best / high over the claims of one event and one kind (see the module rule).
    ``updates_supersede=False`` leaves out rule 4: the range of everything claimed (incidents bound their
    estimates so, across articles)."""
    usable = [c for c in claims if _has_value(c) and not (c.partitive or is_partitive(c)) and c.modality is None]
    # rule 1b: a total over several happenings (a round-up's, a conflict's to date) counts only without another
    if any(not c.aggregate and c.stance != "denies" for c in usable):
        usable = [c for c in usable if not c.aggregate]
    if not usable:
        return None
    kinds = {c.kind for c in usable}
    if len(kinds) > 1:
        raise ValueError(f"estimate() takes the claims of one kind, got {sorted(kinds)}")
    people = [c for c in usable if not is_household(c)]
    if people:  # rule 7: households are another unit
        usable = people
    usable = [c for c in usable if not _named_again(c, usable)]
    by_group: dict[str, list[Claim]] = {}
    for c in usable:
        by_group.setdefault(group_of(c.who), []).append(c)
    # "the minister was killed ... two of her guards were also killed": together a total of 3,
    # which competes with any overall figure ("killed three people") rather than adding to it
    ordered = sorted(usable, key=lambda c: c.span)
    for i, c in enumerate(ordered):
        if i == 0 or c.low is None or c.stance == "denies":
            continue
        prev = next((p for p in reversed(ordered[:i]) if not is_additional(p) and p.low is not None
                     and p.stance != "denies" and p.span[0] // TEXT_GAP == c.span[0] // TEXT_GAP), None)
        if not is_additional(c) and not (prev is not None and _next_in_count(c, prev)):
            continue
        if prev is None or prev.low is None or (
                prev.low > c.low and not _COUNTED_ON.search(c.text)
                and group_of(prev.who) in ("unspecified", "others", group_of(c.who))):
            continue    # "Four people were shot ... a 15-year-old was also shot": one of the four, most likely
        if prev.low == c.low and prev.high == c.high and _BARE_FIGURE.match(prev.text) and _OTHERS.search(c.text) \
                and not _COUNTED_ON.search(c.text):
            continue    # a headline's "3 hurt" ... "A guard died. Three others were also hit": the same
                        # four, others than the dead
        high = prev.high + c.high if prev.high is not None and c.high is not None else None
        for part in (prev, c):     # the parts are inside the total now
            for group in by_group.values():
                if part in group:
                    group.remove(part)
        by_group.setdefault("unspecified", []).append(
            replace(c, low=prev.low + c.low, high=high, who=None, span=(prev.span[0], c.span[1])))
    by_group = {g: cs for g, cs in by_group.items() if cs}
    ranges = {g: r for g, cs in by_group.items() if (r := _reconcile(cs, updates_supersede)) is not None}
    if not ranges:
        return None
    general = ranges.pop("unspecified", None)
    others = ranges.pop("others", None)
    if others is not None and general is not None and any(
            c.low is not None and c.low == c.high == others.best for c in by_group.get("unspecified", [])):
        others = None   # "3 wounded" (headline) ... "and three others wounded": the same three
    low = sum(r.low for r in ranges.values())
    best = sum(r.best for r in ranges.values())
    high = sum(r.high for r in ranges.values())
    if general is not None:
        # a less credible group figure ("27 civilians", unverifiable) widens the range, not best
        credible = [r for r in ranges.values() if r.tier <= general.tier]
        low = max(sum(r.low for r in credible), general.low)
        best = max(sum(r.best for r in credible), general.best)
        high = max(high, general.high)
        # (not the reporter's own total: a headline's "Two killed" is no party's)
        mine = {c.source.name.lower() for c in by_group.get("unspecified", [])} - {"the reporter"}
        theirs = {c.source.name.lower() for g, cs in by_group.items() if g not in ("unspecified", "others")
                  for c in cs}
        if mine and theirs and mine.isdisjoint(theirs) and general.high < sum(r.low for r in credible):
            # another party's total, all of it below the group figure, competes with it ("Activists said 25
            # protesters were killed. Police said only three died."): the range reaches down to it (not "10 to 14
            # dead" beside "12 villagers", which may hold them)
            low = min(low, general.low)
    if others is not None:  # "a policeman was killed ... two others died": on top of everyone else
        low, best, high = low + others.low, best + others.best, high + others.high
    return Estimate(low, best, max(high, best))
