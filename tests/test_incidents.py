"""The incident merge on records (no store, no model): blocking, hard constraints, follow-ups, stable ids,
and the reconciliation of figures across articles. Every coding here is written by hand."""

from __future__ import annotations

import hashlib
from typing import Any

from dateline import incidents as inc


def claim(kind: str, n: int | None, source: str, *, stance: str = "asserts", who: str | None = None,
          text: str | None = None, stype: str = "official", high: int | None = None,
          span: tuple[int, int] = (0, 5)) -> dict[str, Any]:
    return {"kind": kind, "low": n, "high": n if high is None else high, "who": who,
            "source": {"name": source, "type": stype, "span": None}, "stance": stance,
            "text": text or f"{n} {kind}", "span": list(span)}


def event(eid: str = "e1", *, plover: str = "ASSAULT", day: str | None = "2024-03-01", precision: str = "day",
          place: str | None = "Springfield", country: str | None = "USA", lat: float | None = 39.8,
          lon: float | None = -89.6, gid: int | None = 4250542, place_precision: str = "exact",
          status: str = "reported", claims: list[dict[str, Any]] | None = None, date_text: str | None = "Friday"
          ) -> dict[str, Any]:
    return {"id": eid, "status": status, "type": {"plover": plover, "cameo": "19",
                                                  "acled": {"event_type": "Violence against civilians",
                                                            "sub_event_type": "Attack"}},
            "date": {"start": day, "end": day, "precision": precision, "text": date_text, "span": None},
            "location": {"name": place, "country": country, "admin1": "Illinois", "lat": lat, "lon": lon,
                         "geonames_id": gid, "precision": place_precision, "span": None},
            "actor1": None, "actor2": None, "claims": claims or [], "estimates": {}, "evidence": [],
            "confidence": 0.8}


def coding(text: str, published: str | None, *events: dict[str, Any], input_id: str | None = None
           ) -> dict[str, Any]:
    cid = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    return {"schema": "dateline/1",
            "article": {"id": cid, "input_id": input_id or text[:12], "title": None,
                        "published": {"date": published, "source": "argument"}, "dateline": None,
                        "language": "en", "chars": len(text)},
            "events": list(events), "quotes": [], "warnings": []}


def run(*codings: dict[str, Any], texts: dict[str, str] | None = None) -> inc.Merger:
    ms = [m for c in codings for m in inc.mentions_of(c, (texts or {}).get(c["article"]["input_id"], ""))]
    return inc.merge(ms)


def groups(merger: inc.Merger) -> list[list[str]]:
    return sorted(sorted(m.article or "" for m in c.members) for c in merger.clusters.values())


def test_two_reports_of_one_shooting_are_one_incident_and_a_later_one_is_another() -> None:
    a = coding("Two men were shot on Friday on Oak Street.", "2024-03-02", event(), input_id="a")
    b = coding("Police said two men were shot Friday night.", "2024-03-02", event(), input_id="b")
    c = coding("Another shooting on Wednesday in Springfield.", "2024-03-07", event(day="2024-03-06"), input_id="c")
    assert groups(run(a, b, c)) == [["a", "b"], ["c"]]


def test_far_apart_towns_and_other_countries_never_join() -> None:
    a = coding("A bomb went off in the market.", "2024-03-02", event(), input_id="a")
    far = coding("A bomb went off in the market, police said.", "2024-03-02",
                 event(place="Chicago", lat=41.88, lon=-87.63, gid=4887398), input_id="far")
    abroad = coding("A bomb went off in the market, officials said.", "2024-03-02",
                    event(place="Springfield", country="CAN", gid=None), input_id="abroad")
    assert groups(run(a, far, abroad)) == [["a"], ["abroad"], ["far"]]
    assert inc.conflict(inc.mentions_of(a, "")[0], inc.mentions_of(far, "")[0]) == "place"


def test_two_stories_of_shootings_months_apart_are_two_happenings() -> None:
    # neither is a first report (published weeks after the dates they give), so the one-day rule does not apply
    spring = coding("A man was shot on Elm Street in March, police said.", "2024-04-20",
                    event(day="2024-03-09", date_text="March 9"), input_id="spring")
    summer = coding("A man was shot on Elm Street in June, police said.", "2024-07-20",
                    event(day="2024-06-15", date_text="June 15"), input_id="summer")
    weeks = coding("The man shot on Elm Street died, police said.", "2024-04-20",
                   event(day="2024-03-30", date_text="March 30"), input_id="weeks")
    ms = {c["article"]["input_id"]: inc.mentions_of(c, "")[0] for c in (spring, summer, weeks)}
    assert inc.conflict(ms["spring"], ms["summer"]) == "date"
    assert inc.conflict(ms["spring"], ms["weeks"]) is None      # weeks apart: a later story's own date, maybe
    assert groups(run(spring, summer)) == [["spring"], ["summer"]]


def test_one_shared_name_overrules_a_place_but_not_dates_a_year_apart() -> None:
    # two towns far apart and a year apart, both naming the same agency: still two happenings
    texts = {"a": "Agents of Harbor Patrol said a man was shot in Springfield.",
             "b": "Agents of Harbor Patrol said an officer shot himself in the leg in Chicago."}
    a = coding(texts["a"], "2024-03-02", event(), input_id="a")
    b = coding(texts["b"], "2025-05-10", event(day="2025-05-09", place="Chicago", lat=41.88, lon=-87.63,
                                                gid=4887398), input_id="b")
    ma, mb = inc.mentions_of(a, texts["a"])[0], inc.mentions_of(b, texts["b"])[0]
    assert ma.names & mb.names and inc.conflict(ma, mb) == "date"
    assert groups(run(a, b, texts=texts)) == [["a"], ["b"]]



def test_a_story_with_no_date_months_after_another_needs_two_names_to_join_it() -> None:
    # the second story gives no date (the two weeks before it was published): it is still a year after the
    # first, and one shared name (a hospital, a county) does not tie them; two victims' names do
    texts = {"first": "Nora Vance was shot in Springfield and taken to Mercy Hill hospital.",
             "later": "A boy was shot in Springfield and taken to Mercy Hill hospital, police said.",
             "trial": "Jury finds Cal Dorsey guilty of shooting Nora Vance in Springfield; Mercy Hill doctors "
                      "testified."}
    first = coding(texts["first"], "2024-03-02", event(), input_id="first")
    later = coding(texts["later"], "2025-04-10", event(day="2025-04-10", date_text=""), input_id="later")
    trial = coding(texts["trial"], "2025-04-12", event(day="2025-04-12", date_text=""), input_id="trial")
    ms = {c["article"]["input_id"]: inc.mentions_of(c, texts[c["article"]["input_id"]])[0]
          for c in (first, later, trial)}
    assert not ms["later"].dated and inc.conflict(ms["first"], ms["later"]) == "date"
    assert groups(run(first, later, texts=texts)) == [["first"], ["later"]]
    assert len(ms["first"].names & ms["trial"].names) >= 2
    assert groups(run(first, trial, texts=texts)) == [["first", "trial"]]


def test_ages_years_apart_keep_two_stories_apart_whatever_names_they_share() -> None:
    texts = {"a": "Rosa Kemp, 31, was shot outside the Larkin Road Market, Sheriff Dale Munro said.",
             "b": "Theo Banks, 16, was shot outside the Larkin Road Market, Sheriff Dale Munro said.",
             "c": "Sheriff Dale Munro said Dwayne Pell pleaded guilty to shooting Rosa Kemp, 32, at the market."}
    a = coding(texts["a"], "2024-03-02", event(), input_id="a")
    b = coding(texts["b"], "2025-06-08", event(day="2025-06-07", date_text="Saturday"), input_id="b")
    c = coding(texts["c"], "2025-02-05", event(day="2025-02-04", date_text="Tuesday"), input_id="c")
    ms = {c_["article"]["input_id"]: inc.mentions_of(c_, texts[c_["article"]["input_id"]])[0] for c_ in (a, b, c)}
    assert ms["a"].ages == {31} and ms["b"].ages == {16} and ms["c"].ages == {32}
    assert inc.conflict(ms["a"], ms["b"]) == "ages"
    assert inc.conflict(ms["a"], ms["c"]) == "date"      # a year on, 31 then 32: names may still tie them
    assert groups(run(a, b, texts=texts)) == [["a"], ["b"]]
    assert groups(run(a, c, texts=texts)) == [["a", "c"]]

def test_background_events_are_never_members() -> None:
    a = coding("Looking back at the 2003 invasion.", "2024-03-02",
               event(status="background", day="2003-03-20"), input_id="a")
    assert inc.mentions_of(a, "Looking back") == []


def test_names_tell_two_shootings_in_one_town_on_one_day_apart() -> None:
    texts = {"a": "Police identified the victim as Marcus Bell, 24, shot near Elm Park. Detective Jim Tate said "
                  "there were no arrests.",
             "b": "Marcus Bell, 24, died after the shooting near Elm Park, police said.",
             "c": "Dana Whitfield, 19, and Oscar Reyes were wounded in a separate shooting downtown."}
    a = coding(texts["a"], "2024-03-02", event(), input_id="a")
    b = coding(texts["b"], "2024-03-02", event(), input_id="b")
    c = coding(texts["c"], "2024-03-02", event(), input_id="c")
    assert groups(run(a, b, c, texts=texts)) == [["a", "b"], ["c"]]


def test_other_neighbourhoods_or_streets_of_one_town_on_one_day_are_two_shootings() -> None:
    def grouped(texts: dict[str, str]) -> list[list[str]]:
        cs = [coding(t, "2024-03-04", event(day="2024-03-03"), input_id=k) for k, t in texts.items()]
        return groups(run(*cs, texts=texts))

    assert grouped({"a": "Two teenagers were wounded Sunday in the Riverside neighborhood.",
                    "b": "A man was shot in the North Riverside neighborhood on Sunday, police said.",
                    "c": "Four people were shot outside a store Sunday in the Maple Hill neighborhood."}) == \
        [["a", "b"], ["c"]]
    streets = {"d": "A woman was shot Sunday in the 4500 block of South Carver Avenue.",
               "e": "Officers found her in the 4500 block of S. Carver after the Sunday shooting.",
               "f": "A man was shot on Sunday in the 200 block of Elm Street, police said."}
    assert grouped(streets) == [["d", "e"], ["f"]]
    assert inc.spots_in(streets["d"]) == inc.spots_in(streets["e"]) == {"s:carver"}
    # a word that names no neighbourhood is none
    assert inc.spots_in("Our neighborhood is quiet, and a Shiite neighborhood nearby too.") == frozenset()
    # a neighbourhood and a street are no two places: one report may give either
    assert not inc._spots_apart(inc.spots_in("shot in the Riverside neighborhood"), inc.spots_in(streets["d"]))


def test_a_follow_up_joins_the_incident_it_recounts_and_keeps_its_date() -> None:
    texts = {"shot": "Lena Ortiz, 31, was shot dead on Friday outside her home, police said. Officers are "
                     "looking for Tomas Greer.",
             "hearing": "Tomas Greer appeared in court on Monday charged with the killing of Lena Ortiz in "
                        "March."}
    shot = coding(texts["shot"], "2024-03-02", event(claims=[claim("killed", 1, "police")]), input_id="shot")
    hearing = coding(texts["hearing"], "2024-05-14",
                     event(plover="COERCE", day="2024-05-13", date_text="Monday"),
                     event("e2", status="background", day="2024-03-01", precision="month", date_text="March"),
                     input_id="hearing")
    merger = run(shot, hearing, texts=texts)
    assert groups(merger) == [["hearing", "shot"]]
    (cid, cluster), = merger.clusters.items()
    evs = {(m.article_id, m.event): e for c in (shot, hearing) for e in c["events"]
           for m in inc.mentions_of(c, texts[c["article"]["input_id"]]) if m.event == e["id"]}
    rec = inc.incident_record(cid, cluster.members, evs)["incident"]
    assert rec["date"]["start"] == "2024-03-01" and rec["date"]["precision"] == "day"
    assert rec["type"]["plover"] == "ASSAULT"
    assert [m["follow_up"] for m in rec["members"]] == [False, True]


def test_a_charge_s_day_gives_the_incident_no_date_when_a_first_report_gives_one() -> None:
    # the text dates only the charge ("charged Monday ... in the shooting death"), the day after the shooting: the
    # incident keeps the day of the first report
    texts = {"shot": "Ray Doyle, 17, was shot dead on Friday outside a store on Elm Street, police said.",
             "charged": "Ned Voss, 20, was charged Saturday with murder in the shooting death of Ray Doyle, 17."}
    shot = coding(texts["shot"], "2024-03-02", event(claims=[claim("killed", 1, "police")]), input_id="shot")
    late = event(day="2024-03-02", date_text="Saturday", claims=[claim("killed", 1, "the reporter")])
    late["date"]["follow_up"] = True
    charged = coding(texts["charged"], "2024-03-03", late, input_id="charged")
    (m,) = inc.mentions_of(charged, texts["charged"])
    assert m.late and not m.follow_up       # matched as dated (docs/incidents.md says why)
    assert inc.Mention.from_features(m.article_id, m.event, m.features()).late
    merger = run(shot, charged, texts=texts)
    assert groups(merger) == [["charged", "shot"]]
    (cid, cluster), = merger.clusters.items()
    evs = {(x.article_id, x.event): e for c in (shot, charged) for e in c["events"]
           for x in inc.mentions_of(c, texts[c["article"]["input_id"]]) if x.event == e["id"]}
    assert inc.incident_record(cid, cluster.members, evs)["incident"]["date"]["start"] == "2024-03-01"


def test_ids_come_from_the_founder_whatever_the_input_order() -> None:
    recs = [coding(f"Report {i} of the Friday shooting.", "2024-03-02", event(), input_id=f"r{i}")
            for i in range(4)]
    one = run(*recs)
    two = run(*reversed(recs))
    assert sorted(one.clusters) == sorted(two.clusters)
    (cid,) = one.clusters
    founder = min((m for m in one.clusters[cid].members), key=lambda m: m.order)
    assert cid == inc.incident_id(founder.key)


def test_a_report_that_bridges_two_incidents_joins_them_and_the_later_id_becomes_an_alias() -> None:
    texts = {"x": "Victim Carla Jimenez was shot.", "y": "Witness Pedro Almagro saw the gunman.",
             "z": "Carla Jimenez was shot; Pedro Almagro saw it."}
    x = coding(texts["x"], "2024-03-02", event(day="2024-03-01"), input_id="x")
    y = coding(texts["y"], "2024-03-04", event(day="2024-03-03"), input_id="y")
    z = coding(texts["z"], "2024-03-05", event(day="2024-03-02"), input_id="z")
    merger = inc.Merger()
    for c in (x, y):
        for m in inc.mentions_of(c, texts[c["article"]["input_id"]]):
            merger.add(m)
    assert len(merger.clusters) == 2
    first = {m.article: cid for cid, c in merger.clusters.items() for m in c.members}
    for m in inc.mentions_of(z, texts["z"]):
        merger.add(m)
    assert groups(merger) == [["x", "y", "z"]]
    assert merger.aliases == {first["y"]: first["x"]}


# -- reconciliation across articles

def _estimate(*articles: tuple[str, str | None, list[dict[str, Any]]]) -> dict[str, dict[str, int]]:
    from datetime import date

    claims = [{**c, "article_id": aid} for aid, _, cs in articles for c in cs]
    published = {aid: (date.fromisoformat(p) if p else None) for aid, p, _ in articles}
    return inc.reconcile(claims, published, {aid: None for aid, _, _ in articles})


def test_a_source_repeating_a_figure_is_one_claim_and_its_update_supersedes_it() -> None:
    early = [claim("killed", 4, "police")]
    later = [claim("killed", 3, "police", text="police now say three were killed")]
    assert _estimate(("a1", "2024-03-02", early), ("a2", "2024-03-04", later))["killed"] == \
        {"low": 3, "best": 3, "high": 4}
    # the same figure in ten reprints: one claim, one figure
    reprints = [(f"w{i}", "2024-03-02", [claim("killed", 2, "Reuters", stype="organization")]) for i in range(10)]
    assert _estimate(*reprints)["killed"] == {"low": 2, "best": 2, "high": 2}


def test_the_figure_most_members_report_is_best() -> None:
    # one report's misreading (a background figure taken for the toll) does not outweigh two that agree
    est = _estimate(("a", "2024-03-02", [claim("killed", 1, "police")]),
                    ("b", "2024-03-02", [claim("killed", 1, "a hospital", stype="organization")]),
                    ("c", "2024-03-03", [claim("killed", 3, "the reporter", stype="reporter")]))
    assert est["killed"] == {"low": 1, "best": 1, "high": 3}
    # ... but a revised toll among the latest figures stands
    est = _estimate(("a", "2024-03-02", [claim("killed", 1, "police")]),
                    ("b", "2024-03-02", [claim("killed", 1, "a hospital", stype="organization")]),
                    ("c", "2024-03-03", [claim("killed", 3, "police", text="the death toll rose to three")]))
    assert est["killed"]["best"] == 3
    # two members, or no figure given by more members than any other: the one-source rules decide
    assert _estimate(("a", "2024-03-02", [claim("killed", 1, "police")]),
                     ("c", "2024-03-03", [claim("killed", 3, "the reporter", stype="reporter")]))["killed"]["best"] == 3
    assert _estimate(("a", "2024-03-02", [claim("killed", 1, "police")]),
                     ("b", "2024-03-02", [claim("killed", 2, "a hospital", stype="organization")]),
                     ("c", "2024-03-03", [claim("killed", 3, "the reporter", stype="reporter")]))["killed"]["best"] == 3


def test_other_sources_bound_the_range_and_a_denial_lowers_low() -> None:
    est = _estimate(("a", "2024-03-02", [claim("killed", 31, "the movement", stype="party")]),
                    ("b", "2024-03-03", [claim("killed", 0, "the ministry", stance="denies",
                                               text="there was no shooting")]),
                    ("c", "2024-03-03", [claim("killed", 12, "a hospital", stype="organization")]))
    assert est["killed"] == {"low": 0, "best": 31, "high": 31}


def test_disjoint_victim_groups_add_across_articles() -> None:
    est = _estimate(("a", "2024-03-02", [claim("injured", 300, "the movement", who="camp residents")]),
                    ("b", "2024-03-02", [claim("injured", 5, "the government", who="soldiers")]))
    assert est["injured"] == {"low": 305, "best": 305, "high": 305}


def test_others_in_one_article_are_no_more_victims_than_another_articles_total() -> None:
    est = _estimate(("a", "2024-03-02", [claim("killed", 1, "police", text="killed one man"),
                                         claim("injured", 3, "police", who="others",
                                               text="and wounded three others")]),
                    ("b", "2024-03-03", [claim("injured", 4, "a hospital", stype="organization", who="people",
                                               text="four people were treated for wounds")]))
    assert est["injured"] == {"low": 3, "best": 4, "high": 4}
    # also in an incident of one article: a headline's "4 wounded" and the body's "three others" are not 7
    one = _estimate(("a", "2024-03-02", [claim("injured", 4, "the reporter", stype="reporter", text="4 wounded"),
                                         claim("injured", 3, "police", who="others",
                                               text="killed one man and wounded three others")]))
    assert one["injured"]["best"] == 4


def test_a_gunshot_wound_says_someone_was_hit_not_that_they_lived() -> None:
    one_died = claim("killed", 1, "police", text="one of them died", span=(40, 56))
    hit = claim("injured", 3, "police", text="three men with gunshot wounds")
    est = _estimate(("a", "2024-03-02", [one_died, hit]))
    assert est["injured"]["best"] == 2
    lived = _estimate(("a", "2024-03-02", [one_died, claim("injured", 3, "police",
                                                           text="three men with non-life-threatening gunshot wounds")]))
    assert lived["injured"]["best"] == 3


def test_a_round_up_total_is_no_figure_of_one_of_its_happenings() -> None:
    roundup = claim("injured", 28, "the reporter", stype="reporter", text="28 others were wounded")
    roundup["aggregate"] = True
    own = claim("injured", 2, "police", text="two men were wounded")
    assert _estimate(("a", "2024-03-02", [roundup]), ("b", "2024-03-02", [own]))["injured"] == \
        {"low": 2, "best": 2, "high": 2}
    # the round-up alone still says something
    assert _estimate(("a", "2024-03-02", [roundup]))["injured"]["best"] == 28


def test_people_shot_count_the_dead_too() -> None:
    died = claim("killed", 1, "police", text="one man died", span=(40, 52))
    est = _estimate(("a", "2024-03-02", [died, claim("injured", 5, "police", text="five people were shot")]))
    assert est["injured"]["best"] == 4
    kept = _estimate(("a", "2024-03-02", [died, claim("injured", 5, "police", text="five people were wounded")]))
    assert kept["injured"]["best"] == 5
    # hit by gunfire counts the dead like "shot"
    for text in ("five people were hit by gunfire", "opened fire, hitting five people", "five were struck by bullets",
                 "five people at the party were struck", "five were hit"):
        hit = _estimate(("a", "2024-03-02", [died, claim("injured", 5, "police", text=text)]))
        assert hit["injured"]["best"] == 4, text
    # "others" are others than the dead already
    others = _estimate(("a", "2024-03-02", [claim("killed", 2, "police", text="two men died", span=(40, 52)),
                                            claim("injured", 4, "police", text="four others were struck")]))
    assert others["injured"]["best"] == 4
    # one figure split in two ("five people were shot, one fatally": 4 wounded, 1 dead) is net of its dead already
    split = _estimate(("a", "2024-03-02", [claim("killed", 1, "police", text="shot, one fatally", span=(17, 34)),
                                           claim("injured", 4, "police", text="Five people were shot",
                                                 span=(0, 21))]))
    assert split["injured"]["best"] == 4


def test_the_wounded_who_died_after_a_report_are_no_longer_injured() -> None:
    # Sunday: a woman critically wounded; Thursday: she died. One dead, none wounded.
    est = _estimate(("a", "2024-03-03", [claim("injured", 1, "police", text="a woman was critically wounded")]),
                    ("b", "2024-03-07", [claim("killed", 1, "police", text="the woman died Wednesday")]))
    assert est["killed"]["best"] == 1 and est["injured"]["best"] == 0
    # "one killed, five wounded"; a week later "a second victim died ... four others were hurt": 2 dead, 4 wounded
    est = _estimate(("a", "2024-03-03", [claim("killed", 1, "the reporter", stype="reporter", text="one was killed"),
                                         claim("injured", 5, "the reporter", stype="reporter",
                                               text="five others were wounded", span=(20, 44))]),
                    ("b", "2024-03-10", [claim("killed", 2, "a hospital", stype="organization",
                                               text="two people have died"),
                                         claim("injured", 4, "a hospital", stype="organization",
                                               text="four others were hurt", span=(30, 51))]))
    assert est["killed"]["best"] == 2 and est["injured"]["best"] == 4
    # reports of the same day are equals: one that counts more dead does not net the other's wounded
    same_day = _estimate(("a", "2024-03-03", [claim("injured", 2, "police", text="two men were wounded")]),
                         ("b", "2024-03-03", [claim("killed", 1, "a hospital", stype="organization",
                                                    text="a woman died")]))
    assert same_day["injured"]["best"] == 2
    # nor does a death told months on (another happening's, most likely, or a misreading)
    months = _estimate(("a", "2024-03-03", [claim("injured", 2, "police", text="two men were wounded")]),
                       ("b", "2024-06-03", [claim("killed", 1, "a hospital", stype="organization",
                                                  text="a man died")]))
    assert months["injured"]["best"] == 2
    # nor more dead than the incident's estimate holds: a later article's misread toll nets nothing more
    est = _estimate(("a", "2024-03-03", [claim("killed", 1, "police", text="one man died"),
                                         claim("injured", 3, "police", text="three were wounded", span=(20, 38))]),
                    ("b", "2024-03-04", [claim("killed", 1, "police", text="one man died")]),
                    ("c", "2024-03-04", [claim("killed", 1, "a hospital", stype="organization", text="a man died")]),
                    ("d", "2024-03-05", [claim("killed", 3, "the reporter", stype="reporter",
                                               text="three dead")]))
    assert est["killed"]["best"] == 1 and est["injured"]["best"] == 3


def test_incident_record_follows_the_contract() -> None:
    a = coding("Two men were shot on Friday.", "2024-03-02", event(claims=[claim("killed", 2, "police")]),
               input_id="a")
    b = coding("Police said two men were shot Friday.", "2024-03-03", event(claims=[claim("killed", 2, "police")]),
               input_id="b")
    merger = run(a, b)
    (cid, cluster), = merger.clusters.items()
    evs = {(c["article"]["id"], e["id"]): e for c in (a, b) for e in c["events"]}
    rec = inc.incident_record(cid, cluster.members, evs)
    assert rec["schema"] == "dateline/1"
    body = rec["incident"]
    assert set(body) >= {"id", "type", "date", "location", "actor1", "actor2", "estimates", "members", "claims",
                         "first_reported", "last_reported"}
    assert [(m["article"], m["event"], m["published"]) for m in body["members"]] == \
        [("a", "e1", "2024-03-02"), ("b", "e1", "2024-03-03")]
    assert [(c["article"], c["event"]) for c in body["claims"]] == [("a", "e1"), ("b", "e1")]   # none dropped
    assert body["estimates"]["killed"] == {"low": 2, "best": 2, "high": 2}
    assert (body["first_reported"], body["last_reported"]) == ("2024-03-02", "2024-03-03")
    assert body["location"]["name"] == "Springfield" and body["date"]["start"] == "2024-03-01"


def test_a_title_case_headline_has_no_names() -> None:
    # two headlines in title case share no "name" ("Boy Accidentally Shot"), and keep their offsets
    assert inc.names_in("4-Year-Old Boy Accidentally Shot In Face\n\nPolice said the boy was hurt.") == frozenset()
    assert inc.names_in("Toddler Shot In Leg In Riverton\n\nHis mother, Dana Ruiz, called police.") == {"dana ruiz"}
    # a list of names further down is no headline
    assert inc.names_in("Police said.\n\nMore text.\n\nVictims: Maria Gomez, Jose Ruiz, Ana Lopez") == \
        {"maria gomez", "jose ruiz", "ana lopez"}
    # a sentence in the text keeps its names even when most of its words are capitalised
    assert "marcus bell" in inc.names_in("Detective Marcus Bell Said Nothing About The Case.")


def test_names_skip_institutions_roles_and_the_place_itself() -> None:
    names = inc.names_in("Springfield Police Department said Defendant Marcus Bell, of 1200 Oak Street, and "
                         "Sheriff Ann Lowe spoke on Monday.", ["Springfield"])
    assert "marcus bell" in names and "1200 oak" in names and "ann lowe" in names
    assert not any("police" in n or "springfield" in n or "monday" in n for n in names)


def test_a_report_placed_in_no_region_needs_more_than_the_day_and_the_figures() -> None:
    """A report the places stage could only put in a country (a neighbourhood the gazetteer lacks) could be of any
    shooting that day in that country: the same day and the same figures do not make it one happening."""
    figures = [claim("killed", 1, "police"), claim("injured", 2, "police")]
    estimates = {"killed": {"low": 1, "best": 1, "high": 1}, "injured": {"low": 2, "best": 2, "high": 2}}
    town_ev, other_ev = event(claims=figures), event(claims=figures)
    vague_ev = event(place="Cedar Flats", lat=None, lon=None, gid=None, place_precision="country", claims=figures)
    vague_ev["location"]["admin1"] = None
    for ev in (town_ev, other_ev, vague_ev):
        ev["estimates"] = estimates
    town = coding("A man was killed and two hurt on Oak Street.", "2024-03-02", town_ev, input_id="town")
    other_town = coding("Police said a man was killed and two were hurt.", "2024-03-02", other_ev,
                        input_id="other_town")
    vague = coding("A man was killed and two were hurt in Cedar Flats.", "2024-03-02", vague_ev, input_id="vague")
    assert groups(run(town, other_town)) == [["other_town", "town"]]
    assert groups(run(town, vague)) == [["town"], ["vague"]]


def test_a_victim_also_hit_counts_on_only_from_its_own_article() -> None:
    # "A woman and two other men were also shot" adds to the victims its own story told before it, not to another
    # article's "three others injured"
    first = [claim("killed", 1, "police", text="left a boy dead", span=(0, 15)),
             claim("injured", 3, "police", who="others", text="and three others injured", span=(16, 40))]
    second = [claim("killed", 1, "sheriff", text="a 16-year-old dead", span=(0, 18)),
              claim("injured", 3, "the reporter", stype="reporter", text="A woman and two other men were also shot",
                    span=(30, 70))]
    assert _estimate(("a", "2024-03-02", first), ("b", "2024-03-03", second))["injured"]["best"] == 3
    # within one article it still counts on: "one man was shot ... two more men were also shot" = 3
    one = [claim("injured", 1, "police", who="man", text="one man was shot", span=(0, 16)),
           claim("injured", 2, "police", who="men", text="two more men were also shot", span=(20, 47))]
    assert _estimate(("c", "2024-03-02", one))["injured"]["best"] == 3
