"""Everyday words for the terms of art that treaties, resolutions and joint statements use.

Officials and trainers ask "How does a State withdraw from the Convention?" of a text that only says
"denounce"; "Can the treaty be used against free speech?" of one that says "freedom of expression". The
English embedding model does not bridge such pairs, and keyword search cannot. This thesaurus adds the term
of art beside the everyday word in the retrieval and scoring query, the way `acronyms.expand` adds a spelled-out
name: only terms the index actually holds are added, and the question itself is quoted and shown unchanged.

The entries are the vocabulary of international law and cyber diplomacy (treaty law, criminal-law
conventions, UN First Committee texts, joint statements), not phrasings of particular documents.
"""
from __future__ import annotations

import re

from .retrieval import tokenize

# (everyday wording, terms of art it stands for)
_THESAURUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # treaty law
    (r"withdraw\w*|pull(?:s|ed|ing)? out|leav(?:e|es|ing) the (?:convention|treaty)|exit\w* (?:from )?the "
     r"(?:convention|treaty)", ("denounce", "denunciation")),
    (r"join\w* (?:the )?(?:convention|treaty|protocol|agreement)|becom\w* (?:a )?part(?:y|ies) to",
     ("accession", "accede")),
    (r"opt(?:s|ed|ing)? out of|exempt\w* (?:itself|themselves) from", ("reservation",)),
    # state responsibility and international law
    (r"blam\w*|point\w* (?:the )?finger at|pin\w* (?:it|the blame) on", ("attribute", "attribution")),
    (r"get\w* others|someone else to|third parties to|intermediar\w*|hired hackers|mercenar\w*",
     ("proxies", "non-State actors")),
    (r"strik\w* back|hit\w* back|retaliat\w*", ("hack back", "countermeasures")),
    # a State's unlawful act is, in the law of State responsibility, an internationally wrongful act
    (r"unlawful(?=\s+(?:[\w-]+\s+){0,2}(?:acts?|operations?|activit\w+|conduct|attacks?)\b)",
     ("internationally wrongful acts",)),
    # rights
    (r"free speech|freedom of speech|free expression|speak freely|peaceful protest\w*",
     ("freedom of expression", "fundamental freedoms")),
    (r"spy|spying|spies|spied|snoop\w*|eavesdrop\w*|wiretap\w*", ("surveillance", "interception", "espionage")),
    # cybercrime
    (r"hack(?:s|ed|ing)? into|break\w* into|broke into", ("illegal access", "unauthorized access")),
    (r"private sexual (?:photos?|images?|pictures?|videos?)|nude (?:photos?|images?|pictures?)|revenge porn\w*|"
     r"intimate (?:photos?|pictures?|videos?)|sexual (?:photos?|pictures?)", ("intimate image",)),
    (r"child abuse (?:images?|photos?|videos?)|images? of child abuse", ("child sexual abuse material",)),
    (r"without (?:their|his|her|the person's|someone's) (?:permission|agreement|approval)", ("consent",)),
    (r"extortion(?:-| )?malware|ransom software|data kidnapping", ("ransomware",)),
    (r"follow\w* the money|money trail|ransom payments?|payments? (?:made |paid )?to criminals|cash(?:ing)? out",
     ("payment flows", "money laundering")),
    (r"hand\w* over (?:a )?suspects?|send\w* (?:a )?suspects? back|surrender\w* (?:a )?suspects?",
     ("extradition", "extradite")),
    (r"evidence (?:from|held) abroad|cross-border evidence|evidence in another (?:country|state)",
     ("mutual legal assistance", "electronic evidence")),
    (r"police|cops", ("law enforcement",)),
    (r"help\w* (?:\w+ ){0,3}(?:to )?commit|accomplices?|assist\w* (?:\w+ ){0,3}in committing",
     ("aiding or abetting", "accomplice")),
    (r"hand\w* over (?:the )?(?:information|data|material|evidence)|pass\w* on (?:the )?(?:information|data)",
     ("supply of information",)),
    (r"team(?:s|ed|ing)? up|joint (?:police )?operations?|combined investigations?", ("joint investigations",)),
    (r"tax(?:es|ation)?(?: matters| offen[cs]es| evasion| fraud)?", ("fiscal",)),
    (r"on (?:its|their|our|his|her|foreign) soil|in (?:another|a foreign) country", ("territory of another State",)),
    (r"hotline|someone to call|around the clock", ("point of contact",)),
    (r"day and night|round the clock|at any hour|24/7", ("24 hours a day", "seven days a week")),
    (r"(?:found|proved|proven|declared|pleaded) guilty|convicted|criminal record|(?:earlier|prior|past) offen[cs]es",
     ("previous conviction", "conviction")),
    (r"r(?:un|uns|an|unning) away|flee(?:s|ing)?|fled|abscond\w*|(?:go|goes|went|gone) into hiding|"
     r"escap\w* (?:from )?(?:justice|trial|prosecution)|on the run", ("evaded", "evade", "fugitive")),
    (r"more time to (?:prosecute|charge|try|bring)|time limits? (?:for|on) (?:prosecution|charges|trials?)|"
     r"too late to (?:prosecute|charge|try)", ("statute of limitations",)),
    (r"(?<=\s)(?:meet|met)(?=\s+(?:in|at|on|again|virtually|online)\b|\s*\?)", ("gathered", "convened")),
    (r"crooks|fraudsters|gangsters|wrongdoers|bad actors|cyber ?criminals", ("criminals",)),
    (r"get(?:s|ting)? paid|(?:are|is|be|being) paid|receiv\w* (?:the )?(?:money|ransoms?)|cash(?:es|ed)? in",
     ("payments",)),
    # norms and cyber diplomacy
    (r"power grids?|electricity (?:grids?|supply)|hospitals?|water (?:supply|systems)", ("critical infrastructure",)),
    (r"bugs?|security holes?|flaws? in (?:software|products)|weaknesses? in (?:software|products)",
     ("vulnerabilities", "vulnerability")),
    (r"trust-building|build\w* trust", ("confidence-building measures",)),
    (r"armed forces|armies|soldiers|(?<!non-)army|defen[cs]e forces", ("military",)),
    (r"elections?|voting|votes?|ballots?", ("electoral",)),
    (r"people at (?:the|its|their) (?:centre|center|heart)|(?:people|person|human)[- ](?:centred|centered)|"
     r"put\w* people first", ("human-centric",)),
    (r"without (?:a |any )?(?:break|pause|interruption|gaps?)|non-?stop|never stop\w*", ("uninterrupted", "continuous")),
    (r"help\w* (?:poorer|developing|other) (?:countries|states)", ("capacity-building",)),
    (r"poor(?:er|est)? (?:countries|nations|states)|developing world|global south", ("developing States",
                                                                                   "developing countries")),
    (r"cheap(?:er)?|inexpensive|low-cost|low cost", ("affordable",)),
    # "the laws of war" are a body of law; "a war" is an armed conflict
    (r"(?:laws?|rules?) of war|(?:laws?|rules?) of armed conflict|war law", ("international humanitarian law",)),
    (r"(?<!laws of )(?<!law of )(?<!rules of )(?<!rule of )(?:wars?|wartime|war-time|battlefields?|"
     r"military conflicts?)(?! law)", ("armed conflict",)),
    (r"people (?:hurt|harmed|affected)|those (?:hurt|harmed|affected)|(?:hurt|harmed) people", ("victims",)),
    (r"disagree\w*|(?:do not|don't|does not|doesn't) agree|(?:split|divided) (?:on|over|about)|at odds",
     ("differences", "divergent")),
    (r"smaller groups|small groups|break-?out groups|sub-?committees|splinter groups", ("subgroups",)),
    (r"(?:particular|specific|individual|separate) (?:topics|themes|subjects|issues)", ("thematic",)),
    (r"penalt(?:y|ies) on (?:states|countries|governments)|punish\w* (?:states|countries|governments)",
     ("restrictive measures", "sanctions")),
)
_COMPILED = tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), terms) for pattern, terms in _THESAURUS)


def _found(question: str, keyword) -> list[tuple[int, list[str]]]:
    """(where the everyday words end, the terms of art they stand for) for each thesaurus entry the question matches,
    keeping the terms the index holds (`keyword.vocabulary`, stemmed tokens) and the question does not already use."""
    vocabulary = getattr(keyword, "vocabulary", None) or set()
    asked = set(tokenize(question))
    found: list[tuple[int, list[str]]] = []
    for pattern, terms_of_art in _COMPILED:
        m = pattern.search(question)
        if m is None:
            continue
        fresh = [t for t in terms_of_art if (toks := tokenize(t)) and all(x in vocabulary for x in toks)
                 and not set(toks) <= asked]
        if fresh:
            found.append((m.end(), fresh))
            asked.update(x for t in fresh for x in tokenize(t))
    return found


def terms(question: str, keyword) -> list[str]:
    """The terms of art the question's everyday words stand for, that the index holds and the question lacks."""
    return [t for _, fresh in _found(question, keyword) for t in fresh]


def expand(question: str, keyword) -> str:
    """The question with the terms of art its everyday words stand for added in brackets, when the index holds them.

    `keyword` is the index version's keyword index (its `vocabulary` of stemmed tokens). A term the index does not
    hold, or one the question already uses, is not added."""
    for end, fresh in sorted(_found(question, keyword), reverse=True):
        question = question[:end] + f" ({', '.join(fresh)})" + question[end:]
    return question
