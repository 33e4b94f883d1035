"""The event stage step by step: its rule files, each context rule that refines a trigger's type, and the steps
of ``find_events`` (a sentence's triggers, background, denials, figures, new and joined events, the main event,
the headline's lead, the named perpetrator, date and place)."""

from __future__ import annotations

import inspect
import re
from datetime import date

import pytest

import dateline.pipeline as nlp
import dateline.pipeline.events as events
from dateline.lexicon import table
from dateline.pipeline.events import FoundEvent

pytestmark = pytest.mark.slow

RULE_FILES = {"event_words": ("word", r"_word_list"), "event_cues": ("pattern", r"_cues|_whole_words")}


def _found(text: str, published: date | None = None) -> list[FoundEvent]:
    return list(nlp.analyse(text, published)._.dateline_events or [])


def _main(text: str, published: date | None = None) -> FoundEvent:
    found = _found(text, published)
    assert found, text
    return found[0]


# --- the rule files ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_every_list_of_a_rule_file_is_read_by_the_stage(name: str) -> None:
    column, readers = RULE_FILES[name]
    in_file = {r["tags"] for r in table(name)}
    read = set(re.findall(rf'(?:{readers})\("([^"]+)"\)', inspect.getsource(events)))
    assert in_file == read
    for tag in in_file:
        rows = [r[column] for r in table(name) if r["tags"] == tag]
        assert len(rows) == len(set(rows)), f"{name}: a repeated row in list {tag}"
        assert all(r and r == r.lstrip() and "," not in tag for r in rows)


def test_every_cue_compiles_and_matches_whole_words() -> None:
    cues: dict[str, list[str]] = {}
    for r in table("event_cues"):
        cues.setdefault(r["tags"], []).append(r["pattern"])
    for patterns in cues.values():
        re.compile(rf"\b(?:{'|'.join(patterns)})\b")
    protest = re.compile(rf"\b(?:{'|'.join(cues['protest'])})\b")
    assert protest.search("hundreds of protesters marched") and not protest.search("the marchioness arrived")
    assert not re.search(rf"\b(?:{'|'.join(cues['lethal-force'])})\b", "the skilled workers")


def test_cameo_roots_cover_every_root() -> None:
    rows = table("event_cameo_roots")
    assert [r["root"] for r in rows] == [f"{i:02d}" for i in range(1, 21)]
    assert all(r["plover"].isupper() for r in rows)
    assert {r["root"] for r in rows if "intending" in r["tags"]} == {"03", "05"}


# --- the context rules: (sentence, rule, category) ----------------------------------------------------------

@pytest.mark.parametrize("text,rule,category", [
    ("The Popular Front claimed responsibility for the bombing of the bridge.", "attribution:claim", "claim"),
    ("The rebels denied any responsibility for the killing of the mayor.", "attribution:accuse", "accuse"),
    ("North Korea carried out two missile tests over the sea on Tuesday.", "weapons-test", "weapons_test"),
    ("The government expelled three diplomats after the arrest of a spy.", "expel-diplomats", "expel"),
    ("Villagers lynched a suspected thief.", "mob", "riot.mob"),
    ("Protests erupted after the killing of a student.", "protest-about-violence",
     "protest.peaceful"),
    ("Protests erupted after the killing of a classmate, and police fired tear gas.",
     "protest-about-violence+intervention", "protest.intervention"),
    ("Protests after the killing of a student turned violent as protesters torched cars.",
     "protest-about-violence+protester-violence", "riot.violent_demonstration"),
    ("Rioters looted shops and burned cars in the market overnight.", "protest+protester-violence",
     "riot.violent_demonstration"),
    ("Police shot dead two demonstrators in the square.", "protest+lethal-force", "protest.excessive_force"),
    ("Police fired tear gas at protesters in the capital.", "protest+intervention", "protest.intervention"),
    ("Police lathicharged protesters who tried to break through the barricades.", "protest+intervention",
     "protest.intervention"),
    ("Opposition supporters clashed with ruling party workers in the town, injuring ten.", "unarmed-clash",
     "riot.mob"),
    ("Rival student groups clashed on the campus on Monday.", "unarmed-clash", "riot.mob"),
    ("Thousands of teachers protested outside parliament.", "protest", "protest.peaceful"),
    ("Men looted shops and burned homes in the village.", "property-destroyed", "sd.looting"),
    ("Robbers shot a shopkeeper during a robbery in the market.", "crime", "crime"),
    ("Soldiers seized a large cache of weapons in the village.", "weapons-seized", "sd.weapons"),
    ("The army set up a new military base near the border.", "base-established", "sd.hq"),
    ("Police captured two suspects near the border.", "captured-persons", "sd.arrest"),
    ("Rebels seized three engineers near the oil field.", "persons-seized-by-armed-group", "vac.abduction"),
    ("Rebels captured two suspected informers near the border.", "persons-seized-by-armed-group", "vac.abduction"),
    ("Rebels captured the convoy after days of fighting.", "no-territory", "battle.clash"),
    ("Police captured two suspects in the town of Pisco on Monday.", "captured-persons", "sd.arrest"),
    ("The rebel chief, who was captured by police in the city of Tarma, gave an interview.", "captured-persons",
     "sd.arrest"),
    ("Soldiers conducted a military operation in the forest and arrested four herders.", "operation-arrests",
     "sd.arrest"),
    ("Soldiers detained six youths during a military operation in the district on Friday.", "operation-arrests",
     "sd.arrest"),
    ("Police raided the union's offices and detained its leaders.", "operation-arrests", "sd.arrest"),
    ("Police beat marchers with sticks outside the assembly.", "protest+intervention", "protest.intervention"),
    ("Protesters beat a policeman outside the assembly.", "protest+protester-violence",
     "riot.violent_demonstration"),
    ("Demonstrators attacked a police station in the town.", "protest+protester-violence",
     "riot.violent_demonstration"),
    ("Students boycotted classes to protest the arrest of their leader.", "protest-about-violence",
     "protest.peaceful"),
    ("Traders marched against the detention of their chairman on Monday.", "protest-about-violence",
     "protest.peaceful"),
    ("The militia established a new base near the border town.", "base-established", "sd.hq"),
    ("Police clashed with supporters of the opposition leader outside the court.", "unarmed-clash-with-police",
     "riot.violent_demonstration"),
    ("Riot police clashed with rival party supporters in the market on Friday.", "unarmed-clash-with-police",
     "riot.violent_demonstration"),
    ("A policeman was stabbed to death by a mob in the market.", "mob", "riot.mob"),
    ("Troops set up an outpost on the hill above the village.", "base-established", "sd.hq"),
    ("Government troops withdrew from the town and rebels took control of it without a fight.",
     "withdrawal-handover", "sd.transfer"),
    ("Government forces withdrew from the town on Monday.", "withdrawal-no-takeover", "sd.change_group"),
    ("Army units recaptured the village on Sunday.", "territory-taken-by-state", "battle.gov_regains"),
    ("Army units took back control of the district on Sunday.", "territory-taken-by-state", "battle.gov_regains"),
    ("Rebels wrested control of the border crossing from the army.", "territory-taken-by-non-state",
     "battle.nsa_overtakes"),
    ("Rebels seized the town after heavy fighting.", "territory-taken-by-non-state", "battle.nsa_overtakes"),
    ("An explosion at a chemical plant killed four workers, firefighters said.", "accident", "disaster.man_made"),
    ("Police said a suicide attacker detonated explosives near the checkpoint.", "suicide", "expl.suicide"),
    ("Jets shelled rebel positions near the town.", "aircraft", "expl.air"),
    ("Militiamen attacked the village, abusing women and girls.", "sexual-violence", "vac.sexual"),
    ("Militants killed two soldiers at a checkpoint.", "armed-target", "battle.clash"),
    ("Militants attacked an army checkpoint, killing a shepherd.", "attack-on-armed-post", "battle.clash"),
    ("Armed men attacked a police station in the hills on Sunday.", "armed-target", "battle.clash"),
    ("Gunmen shot dead two police officers at a market on Sunday.", "armed-target", "battle.clash"),
    # whom an act left dead is its target (and "on Monday" is when, not whom)
    ("An attack on Monday left 14 soldiers dead near the border.", "armed-target", "battle.clash"),
    # people seized by a side not told as the state's and held for a price are hostages
    ("Commandos of the front have seized two engineers and will announce the terms of their release.",
     "persons-seized-by-armed-group", "vac.abduction"),
    ("The attack on the 3rd killed four policemen at the station.", "armed-target", "battle.clash"),
    ("Robbers shot dead a shopkeeper during a robbery at the market.", "crime", "crime"),
    ("The army deployed more troops to the northern province.", "troop-movement", "sd.change_group"),
    ("Fighting between the army and the rebels killed 30 people near the border.", "killed-in-fighting",
     "battle.clash"),
    ("At least nine people were killed in fighting between troops and militiamen on Sunday.",
     "killed-in-fighting", "battle.clash"),
    ("Two farmers died in the crossfire as soldiers and bandits traded shots.", "killed-in-fighting",
     "battle.clash"),
    ("Government strikes killed nine people in the rebel-held town on Sunday.", "deadly-strikes", "expl.air"),
    ("Twelve civilians were killed in strikes on the city overnight.", "deadly-strikes", "expl.air"),
    ("Residents beat a suspected burglar to death in the market.", "mob", "riot.mob"),
    ("A suspected cattle thief was stoned to death by an angry crowd.", "mob", "riot.mob"),
    ("Customs officers seized a tonne of heroin at the port.", "crime", "crime"),
    ("A man stabbed his wife to death after a quarrel at their home.", "domestic", "crime"),
    ("A woman shot and wounded her husband in a domestic dispute, police said.", "domestic", "crime"),
    # riot police and rubber bullets are the force of an intervention, not a riot nor lethal force
    ("Riot police fired rubber bullets and tear gas to scatter the marchers.", "protest+intervention",
     "protest.intervention"),
    ("Anti-riot police fired plastic bullets at protesters outside the ministry.",
     "protest+intervention", "protest.intervention"),
    # bombs dropped from the air: an air strike
    ("Army helicopters dropped barrel bombs on two villages, killing six farmers.", "aircraft", "expl.air"),
    ("Government forces dropped bombs on the rebel-held market overnight.", "aircraft", "expl.air"),
])
def test_context_rule(text: str, rule: str, category: str) -> None:
    ev = _main(text)
    assert f"; rule {rule} -> {category}" in ev.rule, ev.rule
    assert ev.type.category == category


@pytest.mark.parametrize("text", [
    "Gunmen killed five villagers on Monday amid fighting in the region.",
    "Soldiers shot dead three farmers on their way home from the market, a week after fighting in the area.",
])
def test_a_killing_beside_fighting_is_no_battle(text: str) -> None:
    ev = _main(text)
    assert ev.type.category == "vac.kill" and "killed-in-fighting" not in ev.rule, ev.rule


@pytest.mark.parametrize("text,category", [
    ("Drones struck an oil depot near the border on Sunday.", "expl.air"),
    ("Two drones hit an army depot outside the city overnight.", "expl.air"),
    ("The drone footage showed crowds filling the square on Sunday.", None),
    ("Investors fled a shell company registered in the islands.", None),
    ("Workers at a missile factory went on strike on Monday.", "protest.peaceful"),
])
def test_a_weapon_word_is_a_trigger_unless_it_names_a_thing_about_the_weapon(text: str, category: str | None) -> None:
    found = _found(text)
    if category is None:
        assert not any(ev.type.category.startswith("expl.") for ev in found), [ev.rule for ev in found]
    else:
        assert found[0].type.category == category, found[0].rule


@pytest.mark.parametrize("text", [
    "Typhoon Haiyan killed thousands of people on the islands.",
    "Cyclone Idai left more than 600 people dead in the province.",
])
def test_a_named_storm_is_a_natural_disaster(text: str) -> None:
    assert _main(text).type.category == "disaster.natural"


def test_chemical_agents_are_a_chemical_weapon_beside_tear_gas() -> None:
    ev = _main("Troops used tear gas and chemical agents against the villagers.")
    assert ev.type.category == "expl.chemical", ev.rule


def test_vigilantes_killed_are_victims_not_a_mob() -> None:
    ev = _main("Bandits killed three vigilantes near the village on Monday.")
    assert ev.type.category == "vac.kill" and "mob" not in ev.rule, ev.rule


@pytest.mark.parametrize("text", [
    "Gunmen shot dead a trader and his wife outside their shop.",
    "Soldiers shot dead a farmer and his wife at a checkpoint.",
    "Attackers killed a councillor after a dispute with his wife's family.",
    # a killing by drug traffickers is no ordinary crime (only one in a robbery or a theft is)
    "Drug traffickers murdered three judges in the capital on Monday.",
])
def test_a_killing_by_others_than_the_family_is_no_domestic_crime(text: str) -> None:
    ev = _main(text)
    assert ev.type.category.startswith("vac."), ev.rule


@pytest.mark.parametrize("text", [
    "Soldiers in combat boots guarded the ballot boxes on Sunday.",
    "The factory showed off its new battle tank to visitors.",
])
def test_a_word_of_fighting_that_modifies_a_thing_is_no_fighting(text: str) -> None:
    assert not any(ev.type.category.startswith("battle.") for ev in _found(text))


@pytest.mark.parametrize("text", [
    "The government set up camps for the families displaced by the floods.",
    "The council set up a committee to look into the land dispute.",
])
def test_camps_for_the_displaced_and_committees_are_no_base(text: str) -> None:
    assert not any(ev.type.category == "sd.hq" for ev in _found(text))


@pytest.mark.parametrize("text,category", [
    ("Militants attacked a convoy of aid workers, killing two.", "vac.kill"),
    ("Gunmen opened fire on a bus carrying pilgrims, killing five.", "vac.kill"),
    ("Militants attacked a convoy of soldiers, killing two.", "battle.clash"),
])
def test_a_convoy_is_armed_by_whom_it_carries(text: str, category: str) -> None:
    assert _main(text).type.category == category


@pytest.mark.parametrize("text,category", [
    ("Activists held a candlelight vigil for the victims on Sunday.", "protest.peaceful"),
    ("Soldiers burned several homes during a search for rebels.", "sd.looting"),
    ("Attackers burned down huts in the village overnight.", "sd.looting"),
    ("The rebels released 30 hostages after talks with elders.", "sd.other"),
    ("The kidnappers freed the hostages on Friday.", "sd.other"),
    ("Miners at the pit downed tools over unpaid wages.", "protest.peaceful"),
])
def test_vigils_burned_homes_and_freed_hostages(text: str, category: str) -> None:
    assert _main(text).type.category == category


def test_arrests_over_an_earlier_raid_do_not_make_the_raid_an_arrest() -> None:
    ev = _main("Police arrested two men on Tuesday in connection with last week's raid on a depot.")
    assert "operation-arrests" not in ev.rule, ev.rule


@pytest.mark.parametrize("text", [
    "Was anyone killed? Police would not say.",
    "Did the army shell the village? Residents say it did not.",
])
def test_a_question_asks_and_tells_no_attack(text: str) -> None:
    assert not any(ev.status == "reported" and ev.type.violent for ev in _found(text))


def test_a_question_about_a_told_attack_keeps_it() -> None:
    ev = _main("Gunmen killed two farmers on Monday. Was the attack planned? Police are investigating.")
    assert ev.status == "reported" and ev.type.category == "vac.kill"


@pytest.mark.parametrize("text", [
    "The governor said the gunmen will be hunted down and killed.",
    "Detectives are still looking for the gunmen, who fled in a grey car.",
])
def test_gunmen_acted_upon_are_no_attack_told(text: str) -> None:
    assert not any(ev.status == "reported" and ev.type.violent for ev in _found(text))


def test_a_word_the_tagger_calls_an_auxiliary_can_be_a_trigger() -> None:
    ev = _main("Shelling hit a school in the east on Monday, killing two.")
    assert ev.type.category == "expl.shelling", ev.rule


@pytest.mark.parametrize("text,category", [
    ("Security forces clashed with opposition supporters near the court, police said.", "battle.clash"),
    ("Police raided the camp and issued an arrest warrant for its leader.", "battle.clash"),
    ("After the clashes talk of a truce resumed in the capital.", "battle.clash"),
    ("The villagers fled from gunmen on Monday.", "vac.attack"),
])
def test_rule_edges_that_keep_the_triggers_type(text: str, category: str) -> None:
    assert any(ev.type.category == category for ev in _found(text)), [ev.rule for ev in _found(text)]


def test_an_operation_that_kills_is_no_arrest() -> None:
    ev = _main("Troops carried out a military operation in the hills, killing four rebels and arresting two.")
    assert ev.type.category == "battle.clash", ev.rule


@pytest.mark.parametrize("text", [
    "The commander said his men were in fighting spirit and ready for the march.",
    "Officials said the talks still had a fighting chance after a week of delays.",
    "The coach said the team was in good fighting form before the final.",
])
def test_a_word_of_fighting_in_a_figure_of_speech_is_no_fighting(text: str) -> None:
    assert not any(ev.type.category.startswith("battle.") for ev in _found(text))


@pytest.mark.parametrize("text", [
    "The militia took control of the country's gold market last year.",
    "A cartel has gained control over a large share of the port's fuel trade, a report said.",
    "Hardliners seized control of the ruling party at its congress on Sunday.",
    "The general's allies took control of the central bank and the state media.",
])
def test_control_of_a_market_an_office_or_a_trade_is_no_territory_taken(text: str) -> None:
    assert not any(ev.type.category in ("battle.nsa_overtakes", "battle.gov_regains") for ev in _found(text))


@pytest.mark.parametrize("text,category", [
    ("Rebels took control of most of the town on Monday.", "battle.nsa_overtakes"),
    ("Militants seized control of a sector of the capital after heavy fighting.", "battle.nsa_overtakes"),
    ("The army regained control over most of the province on Monday.", "battle.gov_regains"),
    ("Fighters took control of the border crossing at dawn.", "battle.nsa_overtakes"),
])
def test_control_of_a_place_or_a_part_of_one_is_territory_taken(text: str, category: str) -> None:
    assert _main(text).type.category == category


@pytest.mark.parametrize("text", [
    "The rebels staged demonstrations of force in several towns last month.",
    "The parade was a demonstration of military power, analysts said.",
])
def test_a_demonstration_of_force_is_no_protest(text: str) -> None:
    assert not any(ev.type.category.startswith("protest.") for ev in _found(text))


@pytest.mark.parametrize("text", [
    "Hundreds of students gathered outside the ministry, chanting slogans against the minister.",
    "Traders shouted slogans outside the town hall on Monday.",
])
def test_slogans_chanted_are_a_protest(text: str) -> None:
    ev = _main(text)
    assert ev.type.category == "protest.peaceful", ev.rule


@pytest.mark.parametrize("text", [
    "Police arrested 20 opposition activists ahead of the planned rally.",
    "Security forces detained dozens of students ahead of Friday's march.",
    "Police rounded up union leaders in the run-up to the general strike.",
    "Officers arrested six men over a proposed demonstration against the dam.",
])
def test_arrests_before_a_protest_still_to_come_are_arrests(text: str) -> None:
    ev = _main(text)
    assert ev.type.category == "sd.arrest", ev.rule


def test_no_context_rule_keeps_the_triggers_type() -> None:
    ev = _main("Gunmen killed two farmers in their fields.")
    assert ev.rule == "trigger 'killed' -> vac.kill" and ev.type.category == "vac.kill"


@pytest.mark.parametrize("text,category", [
    ("Thousands marched through the capital on Sunday, and organisers warned that police could use tear gas.",
     "protest.peaceful"),
    ("Students protested outside parliament on Monday; no one was injured and no arrests were made.",
     "protest.peaceful"),
    ("Demonstrators gathered in the square on Tuesday, raising the risk of clashes with police.", "protest.peaceful"),
    ("Workers marched to the ministry after police threatened to arrest their leaders.", "protest.peaceful"),
    ("Nurses rallied outside the hospital; nobody was detained.", "protest.peaceful"),
    ("Police fired tear gas at students marching on the ministry; no one was hurt.", "protest.intervention"),
    ("Protesters threw stones at police in the capital, and police did not fire on them.",
     "riot.violent_demonstration"),
])
def test_a_protest_cue_told_as_not_having_happened_does_not_type_the_protest(text: str, category: str) -> None:
    ev = _main(text)
    assert ev.type.category == category, ev.rule


@pytest.mark.parametrize("text,category", [
    ("Police fired on protesters in Hyderabad on Friday, a day after clashes in Karachi.",
     "protest.excessive_force"),
    ("Police opened fire on marchers in the capital on Tuesday, two days after violent clashes in the port.",
     "protest.excessive_force"),
])
def test_the_words_of_the_happening_an_event_is_dated_by_do_not_type_it(text: str, category: str) -> None:
    found = _found(text, date(2024, 5, 2))
    assert len(found) == 2 and found[0].type.category == category, [e.rule for e in found]


@pytest.mark.parametrize("text", [
    "Police used tear gas on marchers in the capital on Monday, at the square where 30 protesters were shot dead "
    "in 2011.",
    "Riot police dispersed a rally on Monday near the campus where troops killed students in the 1989 crackdown.",
])
def test_the_words_of_a_clause_of_an_earlier_year_do_not_type_the_event(text: str) -> None:
    found = _found(text, date(2024, 5, 2))
    assert found[0].status == "reported" and found[0].type.category == "protest.intervention", found[0].rule
    assert found[0].background_words


@pytest.mark.parametrize("text", [
    "Militants attacked a labour union headquarters in the capital, killing ten people.",
    "Rebels attacked a refugee camp near the town, killing 12 people.",
    "Gunmen stormed a bus station, killing four passengers.",
])
def test_an_attack_on_a_civilian_headquarters_station_or_camp_is_no_battle(text: str) -> None:
    ev = _main(text)
    assert "attack-on-armed-post" not in ev.rule and ev.type.category.startswith("vac."), ev.rule


# --- the triggers of a sentence ----------------------------------------------------------------------------

def test_the_highest_ranked_trigger_of_a_sentence_wins() -> None:
    ev = _main("Two people were killed when a car bomb exploded in the market.")
    assert ev.trigger == "car" and ev.type.category == "expl.car_bomb"


@pytest.mark.parametrize("text", ["There was no shooting in the town.", "No one was hurt in the town on Friday.",
                                  "Nobody was killed in the village, officials said."])
def test_a_negated_trigger_reports_no_event(text: str) -> None:
    assert not any(ev.type.violent for ev in _found(text))


def test_a_topic_is_no_trigger() -> None:
    assert all(ev.type.category == "verbal" for ev in _found("Leaders held a summit on the attacks in the region."))


@pytest.mark.parametrize("text,category,rule", [
    ("Militants could attack the city.", "vac.attack", "trigger 'attack' -> vac.attack"),
    ("The rebels vowed to attack the capital.", "threat", "trigger 'attack' -> threat"),
])
def test_a_planned_trigger_is_a_planned_event(text: str, category: str, rule: str) -> None:
    ev = _main(text)
    assert ev.status == "planned" and ev.type.category == category and ev.rule.startswith(rule)
    assert ev.actor1 is not None and ev.actor2 is not None


@pytest.mark.parametrize("text", [
    "The preacher told his followers that the ministers should be shot.",
    "The insurgents can attack the capital at any time, the general warned.",
    "How many more villagers must die before the army acts?",
    "Intelligence officials said a rebel offensive on the port was imminent.",
])
def test_a_wished_or_generic_trigger_is_not_reported(text: str) -> None:
    assert all(ev.status != "reported" or not ev.type.violent for ev in _found(text))


# --- grouping sentences into events ------------------------------------------------------------------------

def test_a_background_sentence_is_a_background_event() -> None:
    found = _found("Soldiers killed three farmers on Monday. The region has long been a scene of rebel attacks.")
    assert [(ev.status, ev.trigger) for ev in found] == [("reported", "killed"), ("background", "attacks")]


def test_a_denying_sentence_denies_the_main_event() -> None:
    text = "Gunmen killed two farmers on Monday. The army denied that soldiers attacked the village."
    found = _found(text)
    assert len(found) == 1 and found[0].sentences == [(0, 36)]
    assert [text[s:e] for s, e in found[0].denials] == ["The army denied that soldiers attacked the village."]


@pytest.mark.parametrize("text", [
    "A grenade exploded outside a bank on Monday. No one was hurt.",
    "No deaths were reported after a blast at a fuel depot on Monday.",
    "Gunmen fired on a bus on Monday; nobody was injured, police said.",
])
def test_a_count_of_none_is_no_denial(text: str) -> None:
    found = _found(text)
    assert found and found[0].type.violent and found[0].denials == []


def test_a_denied_clause_takes_for_granted_the_happening_it_names() -> None:
    # the raid took place; only the deaths in it are denied
    text = "The army denied that any civilians were killed in the raid on Friday."
    found = _found(text)
    assert [(ev.status, ev.trigger) for ev in found] == [("reported", "raid")]
    assert [text[s:e] for s, e in found[0].denials] == [text]
    # ... while a denied attack is no event of its own
    assert _found("The army denied that soldiers attacked the village.") == []


@pytest.mark.parametrize("text", [
    "The rebels denied carrying out the bombing that killed nine people at the market.",
    "The militia denied that its fighters had staged the attack, which left six villagers dead.",
])
def test_a_denial_of_who_did_it_is_no_denial_of_the_act(text: str) -> None:
    ev = _main(text)
    assert ev.status == "reported" and not ev.denials, ev.rule
    assert [(f.kind, f.low) for f in ev.figures] in ([("killed", 9)], [("killed", 6)])


def test_a_separate_incident_is_a_second_event() -> None:
    found = _found("Gunmen killed two farmers on Monday. In another attack, rebels burned a bus near the border.")
    assert [(ev.status, ev.trigger) for ev in found] == [("reported", "killed"), ("reported", "attack")]


def test_a_violent_report_takes_the_main_event_from_a_statement() -> None:
    found = _found("The minister accused the rebels of lying. Rebels bombed a bridge on Monday, killing four people.")
    assert [ev.trigger for ev in found] == ["bombed"]
    assert found[0].actor1 is not None and found[0].actor1[0] == "Rebels"


def test_a_later_trigger_makes_generic_harm_specific() -> None:
    ev = _main("Two people were killed on Monday. The bomb had been hidden in a car.")
    assert ev.trigger == "killed" and ev.type.category == "expl.ied" and len(ev.sentences) == 2


def test_figures_without_a_trigger_are_a_reported_event() -> None:
    ev = _main("The number of dead rose to 20.")
    assert ev.status == "reported" and ev.type.category == "vac.kill" and len(ev.figures) == 1


def test_a_lead_without_trigger_has_a_verbal_event() -> None:
    ev = _main("The president met the foreign minister in Paris on Monday.")
    assert ev.type.category == "verbal" and ev.rule.endswith("-> CAMEO 040")
    assert ev.actor2 is not None and ev.actor2[0] == "the foreign minister"


# --- completing an event -----------------------------------------------------------------------------------

def test_a_headline_trigger_is_typed_by_the_storys_lead() -> None:
    ev = _main("Clashes at camp\nSoldiers moved against the camp on Monday, killing ten residents.")
    assert ev.trigger == "Clashes" and ev.type.category == "vac.kill"
    assert ev.rule == "headline 'Clashes' -> battle.clash; lead trigger 'killing' -> vac.kill"
    assert ev.actor2 is not None and ev.actor2[0] == "ten residents"


def test_generic_perpetrators_take_the_organisation_claiming_the_attack() -> None:
    ev = _main("Guerrillas attacked a bus on Monday, killing four passengers. The Popular Liberation Front (PLF) "
               "claimed responsibility for the attack.")
    assert ev.actor1 is not None and ev.actor1[0] == "The Popular Liberation Front (PLF)"


def test_a_reported_event_gets_its_date_place_and_confidence() -> None:
    ev = _main("Gunmen killed two farmers in Kandahar on Monday.", date(2023, 10, 20))
    assert ev.date is not None and ev.date.start == date(2023, 10, 16)
    assert ev.location is not None and ev.location.name == "Kandahar"
    assert ev.confidence == pytest.approx(0.9)


@pytest.mark.slow
def test_according_to_is_no_accord() -> None:
    ev = _main("According to some sources, more than 1,000 people have died after the fighting intensified.")
    assert ev.type.category == "battle.clash"


@pytest.mark.slow
@pytest.mark.parametrize("text,category", [
    # a vehicle that hit or struck a mine, a mine blast: a landmine; a coal or gold mine is none
    ("Three peacekeepers died when their truck hit a mine on the road north of the town.", "expl.ied"),
    ("A patrol car struck a mine outside the village, wounding two officers.", "expl.ied"),
    ("A mine blast tore through a minibus near the border, killing five passengers.", "expl.ied"),
    ("Gunmen raided a gold mine and shot dead nine workers.", "vac.kill"),
])
def test_a_mine_hit_is_a_landmine(text: str, category: str) -> None:
    assert _main(text).type.category == category
