"""Word lists and precise rules that sit beside the learned classifier.

The classifier reads the whole sentence; these rules only step in where a word
settles the answer: the weapon named decides between the Explosions/Remote
violence sub-types ("rockets" -> shelling, "drone" -> air/drone strike), and a
foiled attack ("shot down", "intercepted", "thwarted") is Disrupted weapons use.
Trigger and statement lemmas let extraction find the word that carries the event.
"""

from __future__ import annotations

import re

# Event triggers, by lemma (verbs and nouns).  Only sentences holding one become mentions.
EVENT_TRIGGERS = frozenset("""
airstrike strike raid bomb bombing bombard bombardment shell shelling attack assault fire hit target
kill clash fight fighting battle ambush explode explosion blast detonate shoot shooting gunfight
capture seize recapture retake overrun liberate abduct kidnap kidnapping abduction arrest detain
protest demonstrate demonstration march rally riot loot burn torch rape massacre lynch execute
ceasefire truce intercept thwart foil defuse down crash pound launch behead stab wound injure
hostage storm ransack destroy damage swap exchange establish sit-in
""".split())

# Event nouns that on their own can carry a mention ("came under rocket attack").
STRONG_NOUNS = frozenset("airstrike strike raid attack bombing shelling explosion blast clash ambush".split())

# People who protest: the actor of a protest, whoever else the sentence names ("police dispersed protesters").
CROWD_LEMMAS = frozenset("protester protestor demonstrator rioter marcher crowd".split())
# Verbs of taking things: with weapons as the object a seizure of arms, not their use.
SEIZE_LEMMAS = frozenset("seize confiscate capture".split())
# Arms words beyond the weapon families ("rifles", "ammunition"), for telling a seizure of arms.
ARMS = re.compile(r"\b(?:weapons?|arms|rifles?|guns?|ammunition|munitions?|explosives?|caches?|RPGs?)\b", re.I)
# Adverbs that make a present-tense report a habit ("still carry out attacks"), not one happening.
HABITUAL_ADVERBS = frozenset("still often regularly frequently routinely usually sometimes repeatedly "
                             "continually constantly occasionally".split())

# Statement verbs (and nouns), by lemma -> PLOVER type.
STATEMENT_LEMMAS: dict[str, str] = {
    "vow": "THREATEN", "threaten": "THREATEN", "warn": "THREATEN", "pledge": "THREATEN", "avenge": "THREATEN",
    "accuse": "ACCUSE", "accusation": "ACCUSE", "condemn": "ACCUSE", "condemnation": "ACCUSE",
    "blame": "ACCUSE", "denounce": "ACCUSE", "criticize": "ACCUSE", "criticise": "ACCUSE",
    "violation": "ACCUSE", "allege": "ACCUSE",
    "deny": "REJECT", "reject": "REJECT", "dismiss": "REJECT", "refuse": "REJECT", "denial": "REJECT",
    "demand": "REQUEST", "urge": "REQUEST", "appeal": "REQUEST", "request": "REQUEST",
}
# Verbs that make someone act ("prompting U.S. forces to respond", "forced the army to withdraw"): their
# object is the subject of the action, and that action is a happening of its own.
CAUSATIVE_LEMMAS = frozenset("prompt force lead cause spark trigger provoke push spur compel drive order".split())
# Reporting verbs: their subject is the speaker of a reported threat ("X said his men might ...").
REPORTING_LEMMAS = frozenset("say tell add state announce write tweet claim report declare insist".split())

# Statement words as they appear in text, for typing a sentence without a parse.
_STATEMENT_WORDS = [
    ("REJECT", re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?)\b", re.I)),
    ("THREATEN", re.compile(r"\b(?:vow(?:s|ed|ing)?|threat(?:en|ens|ened|ening)|warn(?:s|ed|ing)?)\b", re.I)),
    ("ACCUSE", re.compile(r"\b(?:accus(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|blam(?:e|es|ed|ing)|"
                          r"denounc(?:e|es|ed|ing))\b", re.I)),
    ("REQUEST", re.compile(r"\b(?:call(?:s|ed|ing)? (?:for|on)|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing))\b", re.I)),
]


def statement_type(text: str) -> str | None:
    """The PLOVER statement type a sentence's wording names (the first found in priority order), if any."""
    return next((kind for kind, pattern in _STATEMENT_WORDS if pattern.search(text)), None)


# Checked in this order; a plain "bomb" or "bombing" is a planted bomb unless aircraft are named.
WEAPON_FAMILIES: dict[str, re.Pattern[str]] = {
    "Suicide bomb": re.compile(r"\bsuicide\b|\bblew (?:him|her|them)sel(?:f|ves) up|\bexplosive (?:vest|belt)s?\b|"
                               r"\bmartyrdom operation", re.I),
    "Grenade": re.compile(r"\bgrenades?\b", re.I),
    "Chemical weapon": re.compile(r"\bchemical (?:weapon|agent|attack|munition)s?|\bchlorine\b|\bsarin\b|"
                                  r"\bnerve agent|\bmustard (?:gas|agent)|\btoxic gas\b", re.I),
    "Air/drone strike": re.compile(r"\bair ?strikes?\b|\bair[- ]raids?\b|\bwarplanes?\b|\bfighter jets?\b|"
                                   r"\bjets\b|\bdrones?\b|\bUAVs?\b|\bunmanned aerial\b|\baircraft\b|\bF-\d+|"
                                   r"\bhelicopter|\bbombers?\b|\bbarrel bomb|\bair force\b", re.I),
    "Shelling/artillery/missile attack": re.compile(r"\brockets?\b|\bmissiles?\b|\bshell(?:s|ed|ing)?\b|"
                                                    r"\bmortars?\b|\bartillery\b|\bhowitzer|\bGrads?\b|"
                                                    r"\bIskander|\bbombard", re.I),
    "Remote explosive/landmine/IED": re.compile(r"\bIEDs?\b|\broadside bomb|\bland ?mines?\b|\bcar bomb|"
                                                r"\bimprovised explosive|\bexplosive device|\bbooby[- ]trap|"
                                                r"\b(?:sticky|magnetic|planted) bomb|\bmines?\b(?! (?:in|at) )|"
                                                r"\bbombs?\b|\bbombings?\b|\bexplosives?\b", re.I),
}
DISRUPTED = re.compile(r"\bshot down\b|\bshoot(?:s|ing)? down\b|\bdowned\b|\bintercept(?:s|ed|ing)?\b|"
                       r"\bthwart(?:s|ed|ing)?\b|\bfoil(?:s|ed|ing)?\b|\bdefus(?:e|ed|es|ing)\b|"
                       r"\bdestroyed in mid-air\b|\bdismantled\b", re.I)
_WEAPON_DEPENDENT = frozenset({"Armed clash", "Attack", "Other", "Disrupted weapons use",
                               "Abduction/forced disappearance",
                               "Looting/property destruction", "Change to group/activity"} | set(WEAPON_FAMILIES))
# Sexual violence needs words that say so: "attacks" alone never makes it (the model's n-grams can).
SEXUAL = re.compile(r"\b(?:rap(?:e|ed|es|ing|ist|ists)|sexual(?:ly)?|molest\w*|sex slaves?|"
                    r"gang-?rap\w*|indecent assault|forced (?:marriage|prostitution)|harass\w*)\b", re.I)
# People killed make a sentence violent: never a merger, a base, an agreement or a hand-over.
KILLING = re.compile(r"\b(?:killed|killing|died|dead|deaths?)\b", re.I)
NONVIOLENT_TYPES = frozenset({"Change to group/activity", "Headquarters or base established", "Agreement",
                              "Non-violent transfer of territory", "Peaceful protest", "Arrests"})
_DRONE = re.compile(r"\bdrones?\b|\bUAVs?\b|\bunmanned aerial\b", re.I)


def weapon_families(text: str) -> list[str]:
    """The Explosions/Remote violence sub-types whose weapons ``text`` names, in priority order."""
    return [name for name, pattern in WEAPON_FAMILIES.items() if pattern.search(text)]


def refine_sub_type(sub_type: str, text: str, local: str = "") -> str:
    """Correct the model's sub-type where the words leave no doubt (foiled attacks, named weapons).

    ``local`` is the trigger's own clause when the caller has a parse: its
    weapons win over others named elsewhere in the sentence ("came under
    rocket attack ... after airstrikes").
    """
    if sub_type not in _WEAPON_DEPENDENT:
        return sub_type
    families = weapon_families(local) or weapon_families(text)
    if families and DISRUPTED.search(local or text):
        return "Disrupted weapons use"
    if not families or sub_type in families:
        return sub_type
    return families[0]


def refine_mode(plover_type: str, mode: str | None, text: str, local: str = "") -> str | None:
    """PLOVER ASSAULT modes the weapon words decide: drones are ``drone``, not ``aerial``."""
    if plover_type != "ASSAULT":
        return mode
    if local and weapon_families(local):
        text = local
    if mode in (None, "aerial") and _DRONE.search(text):
        return "drone"
    if mode is None:
        for name in weapon_families(text):
            return {"Air/drone strike": "aerial", "Shelling/artillery/missile attack": "heavy-weapons",
                    "Suicide bomb": "suicide-attack", "Chemical weapon": "unconventional"}.get(name, "explosives")
    return mode
