"""Links to other stories on a web page ("RELATED: ...", "More stories you may like") are not the article: they are
blanked in the copy the stages read, and their figures, places and dates never reach the coding."""

from __future__ import annotations

import pytest

import dateline
from dateline.pipeline.text import unfurnished

ARTICLE = ("Man shot on Elm Street\n\n"
           "DAYTON, Ohio -- A man was shot and wounded on Elm Street on Monday night, police said.\n\n")


@pytest.mark.parametrize("furniture", [
    "RELATED: Two killed in crash on Route 4\n\n",
    "READ MORE | 3 dead, 9 hurt in apartment fire\n\n",
    "Related Coverage 5 shot outside a bar in Springfield\n\n",
    "Related Stories:\n\n7 killed in a bus crash in Texas\n\nFire destroys three homes\n\n",
    "MORE FROM KXYZ.COM\n\n+ Four dead in a house fire\n\n+ Boy hurt by a falling tree\n\n",
    "TRENDING STORIES:\n\n",
])
def test_links_are_blanked_and_the_article_goes_on(furniture: str) -> None:
    rest = "The victim, 31, was taken to a hospital and is expected to survive.\n"
    text = ARTICLE + furniture + rest
    out = unfurnished(text)
    assert len(out) == len(text)
    assert out.startswith(ARTICLE) and out.endswith(rest)
    assert not out[len(ARTICLE):-len(rest)].strip()


def test_a_video_player_s_clip_list_is_blanked() -> None:
    clips = ("1:08 Coach says the team can get better Pause\n\n0:34 Three hurt as a bus slides off an icy road\n\n"
             "2:15 Council approves the new budget\n\n")
    rest = "Police have not named the victim.\n"
    out = unfurnished(ARTICLE + clips + rest)
    assert out.startswith(ARTICLE) and out.endswith(rest) and not out[len(ARTICLE):-len(rest)].strip()


def test_a_timeline_of_the_day_is_kept() -> None:
    timeline = ARTICLE + "9:30 p.m. Officers arrive\n9:42 pm Shots are heard\n10:05 The man is taken away\n"
    assert unfurnished(timeline) == timeline


def test_a_photo_gallery_s_credits_are_blanked_and_its_captions_kept() -> None:
    caption = "Officers said a cyclist was grazed."
    text = ARTICLE + f"Photo: WKRB 8 News Image 2 of / 7 Caption Close Image 2 of 7 {caption} Photo: Sam Lee\n"
    out = unfurnished(text)
    assert caption in out and "8" not in out[len(ARTICLE):] and "Image" not in out


def test_a_recommendations_widget_blanks_the_rest_of_the_page() -> None:
    tail = ("More stories you may like on KXYZ\n\n"
            "LIVE: 25 hurt in an explosion in a Denver suburb. Firefighters say 25 people suffered minor injuries.\n\n"
            "Missing hiker found alive\n")
    out = unfurnished(ARTICLE + tail)
    assert out.startswith(ARTICLE) and not out[len(ARTICLE):].strip()


@pytest.mark.parametrize("text", [
    "RELATED: a headline first line is the article's own\nA man was shot.",
    ARTICLE + "Related charges were filed on Tuesday.\n",         # prose that begins with the word
    ARTICLE + "More on Monday, police said a second man died.\n",
    ARTICLE + "Read more about gun laws in Ohio\nPolice said.",       # no colon: a sentence, kept
    ARTICLE,
])
def test_prose_is_kept(text: str) -> None:
    assert unfurnished(text) == text


@pytest.mark.slow
def test_a_linked_story_s_toll_is_no_claim_of_the_article() -> None:
    text = ARTICLE + "RELATED: 4 killed, 12 hurt in Columbus nightclub shooting\n\nNo arrests have been made.\n"
    coding = dateline.code(text, published="2024-05-07")
    claims = [c for ev in coding.to_dict()["events"] for c in ev["claims"]]
    figures = {(c["kind"], c["low"]) for c in claims if c["kind"] in ("killed", "injured")}
    assert ("injured", 1) in figures
    assert not any(low in (4, 12) for _, low in figures)
    assert all(ev["location"]["name"] != "Columbus" for ev in coding.to_dict()["events"] if ev.get("location"))
