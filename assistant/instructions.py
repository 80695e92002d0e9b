"""Text addressed to the assistant rather than asked of it: injections in questions, instructions planted in sources.

Two checks, measured as classifiers on evals/instructions.yaml (assistant/instruction_eval.py):
- `check_question`: a question that tries to set the sources aside, reveal the hidden instructions, switch to a
  persona without rules, or smuggle chat-template markup is refused; a role-play prefix on a real question
  ("Pretend I'm new to this: what does the OSCE promote?") is removed and the question answered.
- `is_instruction`: a source sentence that addresses a language model ("Note to the AI: ...", "Reply only
  with ...") is never quoted nor shown to an LLM.

The field's own language is not an attack: states ignore and bypass rules, the General Assembly gives
instructions, AI systems and chatbots "must" and "shall". So a verb such as "ignore" counts only in the
imperative, addressed to the reader, with an object that is the assistant's own (its instructions, sources,
prompt); "AI systems must ..." counts only when the text speaks to the model reading it ("AI assistants
reading this must ..."). English, French and Bosnian/Croatian/Serbian (Latin and Cyrillic) are covered.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- normalisation: one lower-case ASCII-ish form for every language and script ----------------------------
_CYRILLIC = dict(zip("абвгдежзијклмнопрстћуфхцчшіїєґ", "abvgdežzijklmnoprstćufhcčšiieg"))
_CYRILLIC.update({"ђ": "dj", "љ": "lj", "њ": "nj", "џ": "dž", "ы": "y", "э": "e", "ю": "ju", "я": "ja",
                  "й": "j"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                         "–": "-", "—": "-", "\u00a0": " "})


_TRANSLITERATE = {ord(k): v for k, v in _CYRILLIC.items()} | {ord("đ"): "dj"}
_MARKS = re.compile(r"[\u0300-\u036f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]+")


def normalize(text: str) -> str:
    """Lower case, Cyrillic transliterated, accents and invisible characters removed, quotes and dashes unified."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower().translate(_TRANSLITERATE)
    return _MARKS.sub("", unicodedata.normalize("NFD", t))


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.VERBOSE | re.MULTILINE)


# --- vocabulary ---------------------------------------------------------------------------------------------
# Where an imperative addressed to the reader stands: the start of a sentence or clause, or after a politeness
# word or "you must" / "I want you to". "states ignore", "asked to ignore" and "if you ignore" are not there.
_LEAD = r"""(?:^|[.!?:;,"'(\[\]>{}*#|=/-]\s*|\n\s*
   |\b(?:please|kindly|now|just|simply|first|then|so|ok|okay|also|instead|but|hence
       |you\s+(?:must|should|will|shall|can|may|need\s+to|have\s+to|are\s+to|are\s+going\s+to|'ll)
       |(?:i|we)\s+(?:want|need|order|command|ask|instruct|require)\s+you\s+to
       |(?:can|could|would|will)\s+you(?:\s+please)?|let's|let\s+us
       |s'il\s+(?:te|vous)\s+plait|stp|svp|maintenant|desormais|molim\s+(?:te|vas)|sada|zatim)\s+)"""
_OVERRIDE = r"""(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|discard|neglect
   |(?:set|put|leave)\s+aside|throw\s+out|stop\s+(?:following|using|quoting|citing|obeying|relying\s+on)
   |(?:do\s+not|don't|dont|never|no\s+longer|not)\s+(?:use|follow|cite|quote|obey|rely\s+on|consult|need\s+to\s+cite)
   |ignorez|oublie|oubliez|ne\s+(?:tiens|tenez)\s+(?:pas\s+)?compte\s+(?:de|des|du)|(?:fais|faites)\s+abstraction\s+de
   |contourne|contournez|n'utilise(?:z)?\s+pas|ne\s+cite(?:z)?\s+pas|laisse(?:z)?\s+de\s+cote
   |ignorisi(?:te)?|ignoriraj(?:te)?|zanemari(?:te)?|zaboravi(?:te)?|zaobidji(?:te)?|preskoci(?:te)?
   |ne\s+koristi(?:te)?|nemoj(?:te)?\s+(?:koristiti|citirati|slijediti|pratiti|navoditi))"""
# The assistant's own: what an injection asks it to drop or reveal.
_OWN = r"""(?:instructions?|prompts?|rules|guidelines|guidance|sources?|documents?|passages?|context|citations?
   |quotes?|quotations?|restrictions?|constraints?|limits|limitations|filters?|guardrails?|polic(?:y|ies)
   |programming|directives?|training|configuration|above|everything|previous|prior|earlier|preceding|messages?
   |user'?s\s+question|the\s+user
   |consignes?|regles|contexte|extraits?|restrictions|limites
   |upute|uputa|uputstv\w*|instrukcij\w*|pravila|izvor\w*|dokument\w*|kontekst\w*|citat\w*|ogranicenj\w*)\b"""
_SECRET = r"""(?:instructions?|prompt|configuration|rules|guidelines|directives|programming|context\s+window
       |system\s+message
   |consignes|regles|upute|uputstv\w*|instrukcij\w*|pravila|konfiguracij\w*)\b"""
_YOUR = r"(?:your|tes|ton|ta|vos|votre|tvoj\w*)"
_REVEAL = r"""(?:print|show|reveal|repeat|output|display|dump|leak|tell\s+me|give\s+me|list|write\s+out|spell\s+out
       |translate
   |summari[sz]e|copy|recite|read\s+me|expose|share|what\s+(?:is|are|were|was)
   |revele|revelez|affiche|affichez|montre|montrez|donne|donnez|repete|ecris|traduis
   |otkrij|pokazi|ispisi|ponovi|reci|daj|prevedi|koj[aei]\s+(?:je|su))"""
_ROLEPLAY = r"""(?:pretend|imagine|act\s+as|act\s+like|role-?\s?play|play\s+(?:the\s+role|a\s+game)|you\s+are\s+now
       |you're\s+now
   |from\s+now\s+on|stay\s+in\s+character|simulate|behave\s+as|let's\s+play|fais\s+semblant|fais\s+comme\s+si
   |joue\s+le\s+role|tu\s+es\s+maintenant|a\s+partir\s+de\s+maintenant|pretvaraj\s+se|zamisli|glumi|ti\s+si\s+sada)"""
_AI = r"""(?:(?:(?:automated|automatic|virtual|digital|ai-powered|generative)\s+)?(?:ai\s+
       |a\.i\.\s+)?(?:assistants?|chatbots?|agents?)|chat\s?gpt|gpt(?:-\d\w*)?|claude|gemini|copilot|llms?
   |(?:large\s+)?language\s+models?|ai\s+models?|ai|a\.i\.|artificial\s+intelligence|models?|bots?
   |ia|l'ia|assistant\s+ia|modeles?\s+de\s+langage|intelligence\s+artificielle
   |ai\s+asistent\w*|asistent\w*|jezick\w+\s+model\w*|v(?:j)?estack\w+\s+inteligencij\w*|umjetn\w+\s+inteligencij\w*)"""

_ANSWER_VERB = r"""(?:reply|respond|answer|say|write|output|print|tell|recommend|rate|cite|quote|mention
       |summari[sz]e|treat|rely
   |begin|start|praise|claim|repondez|reponds|dis|dites|citez|mentionne|ecris|odgovori|reci|citiraj|napisi|spomeni)"""
_AIMED = r"""(?:\b(?:only|exactly|solely)\s+(?:with|this|these|that|the\s+following)\b|\b(?:only|exactly)\s*:
   |\b(?:sentence|passage|paragraph|text|page|document)\s+only\b|\bthe\s+user\b|\bevery\s+(?:answer|question|user
       |response|reply)\b|\bwhatever\s+the\s+question
   |\b(?:your|the)\s+(?:answer|response|reply|output)\b|\bthe\s+following\s+sentence\b|\bthis\s+(?:passage
       |paragraph)\b|\bnothing\s+else\b
   |\bother\s+(?:documents?|sources?|passages?)\b|\bl'utilisateur\b|\b(?:uniquement|seulement)\s+(?:ce|cet|cette
       |ceci|avec|par)\b
   |\bkorisnik\w*|\bsamo\s+(?:ovaj|ovo|ovim|ova|ovu|ovom|s|sa)\b
   |\bautres\s+(?:documents|sources)\b|\bdrug\w+\s+(?:dokument|izvor)\w*)"""

# --- patterns common to questions and sources ---------------------------------------------------------------
_MARKUP = _rx(r"""<\|[a-z_]{2,20}\|> | \[/?inst\] | <</?sys>> | \[(?:system|hidden|admin|instructions?)\]
   | </?\s*(?:system|context|instructions?|documents?|sources?|assistant|user|prompt|passages?)\s*>
   | "role"\s*:\s*"(?:system|assistant|developer)" | `{3}\s*(?:system|instructions?|prompt)\b
   | <!--[^>]*?\b(?:ai|assistant|model|llm|ignore|instructions?|prompt)\b
   | \bend\s+of\s+(?:the\s+)?(?:documents?|context|sources|passages|instructions|(?:system\s+)?prompt|input)\b
   | \bnew\s+(?:task|instructions?|system\s+prompt|directives?|persona)\s*:""")
_ROLE_TURN = _rx(r"""(?:^|\n)\s*(?:\#{1,6}\s*|\*\*|>\s*|-{3,}\s*)?(?:system|assistant|developer
       |user)\s*(?:prompt\s*)?:""")
_ADDRESSED = _rx(rf"""
    \b(?:instructions?|note|message|notice|directive|reminder|memo|consignes?|remarque|avis|uput\w*|instrukcij\w*
       |napomen\w*|poruk\w*)
        \s+(?:to|for|pour|a|za)\s+(?:the\s+|any\s+|all\s+|les\s+|la\s+|le\s+|l')?{_AI}\s*(?:[:,.!\]-]|$)
  | (?:^|[\])>:]\s*)(?:dear|hey|hi|hello|attention|cher|chere|dragi|draga|paznja)\s+{_AI}\b
  | (?:^|[\])>]\s*)(?:assistant|chat\s?gpt|gpt|claude|gemini|copilot|llm|bot|language\s+model|asistent\w*)\s*,
  | \b(?:to|for)\s+(?:any|all|every)\s+{_AI}\b
  | \bif\s+you\s+are\s+(?:an?\s+)?(?:ai\s+|large\s+)?(?:language\s+model|llm|assistant|chatbot|ai\s+model|bot|ai)\b
        (?!\s+(?:developer|provider|deployer|user|company|researcher|expert|officer|system))
  | \bsi\s+(?:vous\s+etes|tu\s+es)\s+(?:un\s+|une\s+)?(?:ia|assistant|modele|chatbot|intelligence\s+artificielle)\b
  | \bako\s+si\s+(?:ti\s+)?(?:ai|asistent|jezick|v(?:j)?estack|chatbot|model)
  | \b{_AI}\s+(?:\w+\s+)?(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|ingesting|crawling|scanning|seeing)
        \s+(?:this|these|the\s+following|the\s+present)\b
  | \b{_AI}\s+(?:that|who|which)\s+(?:\w+\s+)?(?:reads?|process(?:es)?|sees?|summari[sz]es?|ingests?|parses?
       |encounters?)
        \s+(?:this|these)\b
  | \bas\s+an?\s+(?:ai|language|large\s+language|llm|chatbot)\b[^.]{{0,20}}\byou\b
  | (?:^|[\])>:]\s*){_AI}\s*[:,-]\s*(?:{_OVERRIDE}|{_ANSWER_VERB}|{_REVEAL})\b
  | \b(?:the|this|any|every|all)\s+{_AI}\s+(?:must|should|shall|will|is\s+to|are\s+to|has\s+to|have\s+to|needs?\s+to)\s+
        (?:always\s+|never\s+|only\s+|not\s+)?(?:{_OVERRIDE}|{_ANSWER_VERB}|{_REVEAL})\b[^.!?]{{0,60}}?(?:{_OWN}
       |{_AIMED})""")
_OVERRIDE_OWN = _rx(rf"""{_LEAD}{_OVERRIDE}\b(?:\s+[\w'-]+){{0,4}}?\s+{_OWN}
  | \b(?:ignor\w*|disregard\w*|forg[eo]t\w*|overrid\w*|overrode|bypass\w*|set(?:ting)?\s+aside|oubli\w*|zanemar\w*
       |zaborav\w*)
        \s+(?:all\s+(?:of\s+)?)?(?:{_YOUR}|the\s+assistant's)\s+(?:\w+\s+){{0,2}}?{_OWN}
  | \b(?:everything|all|what)\s+(?:that\s+)?you(?:\s+(?:were|have\s+been)|'ve\s+been)\s+(?:told|given|instructed)
  | \b(?:previous|prior|above|earlier|preceding|former|original|initial)\s+(?:instructions?|prompts?|rules
       |directives?|guidelines|context)\b
        (?=[\s\S]{{0,200}}\b(?:ignor|disregard|forg[eo]t|overrid|bypass|set\s+aside|oubli|zanemar|zaborav))
  | \b(?:ignor|disregard|forg[eo]t|overrid|bypass|aside|oubli|zanemar|zaborav)\w*[\s\S]{{0,80}}
        \b(?:previous|prior|above|earlier|preceding|former)\s+(?:instructions?|prompts?|rules|directives?
       |guidelines|context)\b
  | \b(?:instructions|consignes|regles)\s+(?:precedentes|anterieures)\b | \bprethodn\w*\s+(?:upute|uputstv\w*
       |instrukcij\w*|pravila)\b""")
_SECRET_NAMED = _rx(r"""\b(?:system|initial|original|hidden|secret|internal|developer|pre-?)\s*(?:prompt
       |instructions?|message|configuration|rules)\b
   | \b(?:prompt|invite|consignes?|instructions?)\s+(?:systeme|cachees?|initiales?|secretes?)\b
   | \bsistemsk\w*\s+(?:prompt|upute|uputstv\w*|instrukcij\w*) | \bskriven\w*\s+(?:upute|uputstv\w*|instrukcij\w*)""")
_YOUR_SECRET = _rx(rf"""\b{_YOUR}\s+(?:\w+\s+){{0,2}}?{_SECRET} | \bsvoj\w*\s+(?:sistemsk\w*\s+)?prompt
   | \b(?:instructions?|rules|prompt|guidelines|directives|configuration)\s+(?:that\s+)?(?:you\s+(?:were
       |have\s+been|are|'ve\s+been)
        \s+(?:given|configured|programmed|trained|told|instructed|set\s+up)|you\s+received|you\s+follow
       |given\s+to\s+you)
   | \b(?:instructions?|rules|prompt|guidelines|directives)\s+(?:were|have)\s+you\s+(?:been\s+)?(?:given|configured
       |programmed|told|trained)
   | \b(?:repeat|print|output|show|reveal|display|dump|recite|copy)\b[^.?!]{{0,40}}\b(?:above|before\s+(?:this|my
       |the)\b|preceding\s+text|context\s+window
        |(?:this|the)\s+conversation)""")
_REVEAL_RX = _rx(rf"""(?:{_LEAD}{_REVEAL}\b|\b{_REVEAL}\b)""")
_LEAD_REVEAL = _rx(rf"""{_LEAD}{_REVEAL}\b""")

# --- questions only -------------------------------------------------------------------------------------------
_NO_SOURCES = _rx(r"""\bwithout\s+(?:any\s+)?(?:citing|citations?|quoting|quotes?|quotations?|references?
       |sources?(?!\s+of)
       |the\s+(?:sources|documents|passages))\b
   | \b(?:general|world|background|prior|outside|external|own|personal)\s+knowledge\b
   | \bfrom\s+(?:your\s+)?(?:memory|training(?:\s+data)?|what\s+you\s+(?:know|remember))\b
   | \b(?:make|making)\s+(?:something|things|stuff|it|one)\s+up\b
   | \binvent\w*\s+(?:a\s+|an\s+|some\s+)?(?:quote|quotation|citation|source|answer|facts?|statement)s?\b
   | \bfabricate\s+(?:a\s+|an\s+)?(?:quote|citation|source|answer)
   | \b(?:write|invent|compose|draft)\s+(?:a\s+|an\s+)?(?:fictional|fake|made-up|imaginary|invented)\s+(?:speech
       |statement|quote|quotation|resolution|declaration|answer)
   | \b(?:your|ton|votre|tvoj\w*)\s+(?:own\s+|personal\s+|honest\s+)?(?:opinion|views?|beliefs?|thoughts|avis
       |misljenje|stav)\b
   | \b(?:reci|daj)\s+(?:mi\s+)?svoj\w*\s+(?:misljenje|stav) | \bwhat\s+you\s+(?:personally\s+|really\s+)?think\b
   | \banswer\s+freely\b | \bin\s+your\s+own\s+words\b
   | \bif\s+you\s+(?:had|did\s+not\s+have|didn't\s+have)\s+(?:no|any)\s+(?:sources?|documents?|citations?|rules
       |restrictions)
   | \b(?:citations?|sources?|quotes?|your\s+(?:rules|instructions))\s+(?:don't|do\s+not|doesn't
       |does\s+not)\s+(?:matter|apply|count)
   | \bsans\s+(?:citer|citation|sources?|references?|les\s+(?:sources|documents))
       | \bconnaissances?\s+(?:generales?|personnelles?)
   | \binvente\w*\s+(?:une\s+)?(?:citation|source|reponse)
   | \bbez\s+(?:citiranja|citata|navodjenja|izvora|referenci) | \b(?:opceg|opsteg|opcem|opstem|vlastitog)\s+znanja
       | \bizmisli\w*""")
_JAILBREAK = _rx(r"""\bdeveloper\s+mode\b | \bjailbr(?:eak|oken)\w* | \bdo\s+anything\s+now\b | \bgod\s+mode\b
       | \bmaintenance\s+mode\b
   | \byou\s+are\s+now\b | \byou're\s+now\b | \bstay\s+in\s+character\b""")
_PERSONA_WITHOUT_RULES = _rx(r"""\b(?:unrestricted|unfiltered|uncensored|evil\s?bot|no\s+(?:content\s+)?(?:rules
       |restrictions|limits|policy|filters?|guidelines)
   | without\s+(?:any\s+)?(?:rules|restrictions|limits|guidelines|filters)|free\s+(?:of
       |from)\s+(?:all\s+)?(?:restrictions|rules|limits)
   | ignores?\s+every\s+source|never\s+cites?|no\s+sources
   | (?:escaped|broken\s+free\s+(?:of|from)|broke\s+free\s+(?:of|from)|freed\s+from|liberated\s+from
       |beyond)\s+(?:its\s+|your\s+|their\s+|the\s+)?
       (?:programming|restrictions|rules|guidelines|constraints|training|limits)|sans\s+(?:aucune\s+)?(?:regle
       |restriction|limite|filtre)s?
   | bez\s+(?:ikakvih\s+)?(?:pravila|ogranicenja|filtera))""")
_NO_RULES_PERSONA = _rx(r"""\b(?:you|ai|assistant|model|bot|mode|version)\b[^.?!]{0,30}?\b(?:without|with\s+no|no
       |free\s+(?:of|from))\s+(?:any\s+)?
        (?:safety\s+|content\s+|ethical\s+)?(?:rules|restrictions|limits|filters?|guidelines|censorship|guardrails)\b
   | \b(?:unfiltered|unrestricted|uncensored|jailbroken|evil)\s+(?:mode|ai|assistant|model|version|answers?|persona)\b
   | \byou(?:'re|\s+are)?\s+(?:no\s+longer|not)\s+(?:bound|limited|restricted|required|obliged|tied)\s+(?:by|to)\b
   | \byou\s+(?:don't|do\s+not|no\s+longer)\s+(?:need|have)\s+(?:to\s+(?:cite|quote|use)\b|(?:any\s+)?(?:sources
       |citations|quotes|the\s+documents)\b)""")
_PRETEND_SOURCES = _rx(r"""\b(?:pretend|imagine|suppose)\s+(?:that\s+)?(?:the\s+)?(?:sources?|documents?
       |passages?)\s+(?:say|said|state|show|contain|support)
   | \b(?:pretend|imagine)\s+(?:that\s+)?there\s+(?:are|is)\s+no\s+(?:sources?|documents?|rules|restrictions)""")

# --- sources only: orders to the model about its answer -------------------------------------------------------
_ANSWER_ORDER = _rx(rf"""{_LEAD}(?:always\s+|never\s+|only\s+|do\s+not\s+|don't\s+|ne\s+
       |nemoj\s+)?{_ANSWER_VERB}\b[^.!?\n]{{0,60}}?{_AIMED}
   | (?:^|[.!?]\s+)whatever\s+the\s+question\b
   | \bwhen\s+(?:asked|answering|responding|summari[sz]ing|questioned|you\s+(?:answer|summari[sz]e
       |are\s+asked))\b[^.]{{0,60}},\s*
        (?:always\s+|never\s+|only\s+)?(?:answer|reply|respond|say|state|claim|tell|write|mention)\b""")


# --- screens: words a pattern cannot match without ---------------------------------------------------------
# The patterns above try every alternative at every position (~80 us a sentence, paid for each new sentence of each
# answer; benchmarks). Each screen below lists words that every match of its pattern contains; a text with none of
# them is passed over without running the pattern. tests/test_instructions.py checks each screen against its pattern
# on the real documents and on every attack the evaluation holds.
@dataclass(frozen=True)
class _Screened:
    pattern: re.Pattern
    any_of: tuple[str, ...]  # the pattern cannot match a text without one of these
    and_any_of: tuple[str, ...] = ()  # ... nor without one of these (when given)
    also: tuple[tuple[str, ...], ...] = ()  # or a text holding every word of one of these

    def could_match(self, n: str) -> bool:
        return (any(w in n for w in self.any_of) and (not self.and_any_of or any(w in n for w in self.and_any_of))) \
            or any(all(w in n for w in words) for words in self.also)

    def search(self, n: str) -> re.Match | None:
        return self.pattern.search(n) if self.could_match(n) else None


_MARKUP_SCREENED = _Screened(_MARKUP, ("<", "[", '"role"', "```", "end"), also=(("new", ":"),))
_ROLE_TURN_SCREENED = _Screened(_ROLE_TURN, (":",), ("system", "assistant", "developer", "user"))
_OVERRIDE_OWN_SCREENED = _Screened(_OVERRIDE_OWN, (
    "ignor", "disregard", "forget", "forgot", "overrid", "overrode", "bypass", "skip", "drop", "abandon", "discard",
    "neglect", "aside", "throw", "stop", "not", "don't", "dont", "never", "longer", "tiens", "tenez", "abstraction",
    "contourn", "n'utilise", "cite", "laisse", "oubli", "zanemar", "zaborav", "zaobidj", "preskoc", "koristi", "nemoj",
    "you", "precedentes", "anterieures", "prethodn"))
_ANSWER_ORDER_SCREENED = _Screened(_ANSWER_ORDER, (
    "reply", "respond", "answer", "say", "write", "output", "print", "tell", "recommend", "rate", "cite", "quote",
    "mention", "summari", "treat", "rely", "begin", "start", "praise", "claim", "repond", "dis", "dites", "citez", "ecris",
    "odgovori", "reci", "citiraj", "napisi", "spomeni"), (
    "only", "exactly", "solely", "user", "every", "whatever", "answer", "response", "reply", "output", "following",
    "this", "nothing", "other", "utilisateur", "uniquement", "seulement", "korisnik", "samo", "autres", "drug"),
    also=(("whatever",), ("when", ",")))


def _question_attack(n: str, original: str) -> str:
    """Which kind of injection the normalised question `n` is, or ''."""
    if _MARKUP_SCREENED.search(n) or _ROLE_TURN_SCREENED.search(n):
        return "delimiter"
    if _SECRET_NAMED.search(n) and (re.search(rf"\b{_YOUR}\b|\byou\s+(?:were|have\s+been)\b|\bsvoj", n)
                                    or _LEAD_REVEAL.search(n) or re.search(_ROLEPLAY, n, re.VERBOSE)):
        return "exfiltration"
    if _YOUR_SECRET.search(n):
        return "exfiltration"
    if _OVERRIDE_OWN_SCREENED.search(n):
        return "override"
    if _JAILBREAK.search(n) or re.search(r"\bDAN\b", original) or _PRETEND_SOURCES.search(n):
        return "roleplay"
    if re.search(_ROLEPLAY, n, re.VERBOSE) and _PERSONA_WITHOUT_RULES.search(n) or _NO_RULES_PERSONA.search(n):
        return "roleplay"
    if _NO_SOURCES.search(n):
        return "no-sources"
    if _NAMES_A_MODEL.search(n) and _ADDRESSED.search(n):
        return "addressed"
    return ""


# Every _ADDRESSED alternative names the model: without one of these words the costly pattern cannot match.
_NAMES_A_MODEL = re.compile(r"\b(?:ai|a\.i|assistant|chat|gpt|claude|gemini|copilot|llm|model|bot|agent|artificial|ia|l'ia"
                            r"|modele|intelligence|asistent|jezick|v(?:j)?estack|umjetn)")


@lru_cache(maxsize=65536)  # the same passages come back question after question
def instruction_kind(text: str) -> str:
    """Why a source sentence counts as addressed to a language model ('' when it does not)."""
    n = normalize(text)
    if _MARKUP_SCREENED.search(n) or _ROLE_TURN_SCREENED.search(n):
        return "delimiter"
    if _NAMES_A_MODEL.search(n) and _ADDRESSED.search(n):
        return "addressed"
    if _OVERRIDE_OWN_SCREENED.search(n):
        return "override"
    if _YOUR_SECRET.search(n) and _REVEAL_RX.search(n):
        return "exfiltration"
    if _ANSWER_ORDER_SCREENED.search(n):
        return "answer-order"
    return ""


def is_instruction(text: str) -> bool:
    """True for source text that addresses a language model ("ignore previous instructions", "AI assistants
    reading this must ..."); false for the field's own sentences ("AI systems must comply with ...")."""
    return bool(instruction_kind(text))


# --- role-play prefixes on real questions ----------------------------------------------------------------------
_PERSONA_PREFIX = re.compile(r"""^\s*(?:let's\s+|let\s+us\s+|please\s+)?(?:
      (?:pretend|imagine|suppose)\s+(?:that\s+)?(?:you|i|i['’]m|we|you['’]re|we['’]re)\b
    | act(?:ing)?\s+(?:as\s+if|as\s+though|like|as)\b
    | role-?\s?play(?:ing)?\b | play(?:ing)?\s+the\s+role\s+of\b
    | you\s+are\s+(?:an?|the|my)\b | you['’]re\s+(?:an?|the|my)\b | i\s+am\s+(?:an?|new)\b | i['’]m\s+(?:an?|new)\b
    | (?:fais|faites)\s+(?:comme\s+si|semblant) | imagine(?:z)?\s+que | mets-toi\s+dans
    | pretvaraj(?:te)?\s+se | zamisli(?:te)?\s+da)
    [^:;?!\n]{0,100}?(?:\s*[:;]\s*|\.\s+|,\s+|\s+and\s+|\s+et\s+)(?P<rest>\S.*)$""", re.IGNORECASE | re.VERBOSE
       | re.DOTALL)
_ASKS = re.compile(r"""^(?:what|who|whom|whose|when|where|which|why|how|is|are|was|were|do|does|did|can|could
       |should|would
    |will|has|have|must|may|explain|summari[sz]e|describe|list|tell|give|show|outline|name|define|compare|i(?:\s+am
       |'m)\s
    |que|quoi|qui|quand|ou|quel\w*|comment|pourquoi|est-ce|sta|sto|ko|kada|gdje|gde|koj\w+|kako|zasto|da\s+li|je\s+li
    |objasni|navedi|opisi)\b""", re.VERBOSE)


def strip_role_play(question: str) -> str:
    """The question behind a role-play prefix ("Pretend you are a diplomat: what ...?" -> "what ...?")."""
    for _ in range(3):  # "Roleplay: I'm a journalist. What did NATO decide?"
        m = _PERSONA_PREFIX.match(question)
        if not m or not _ASKS.match(normalize(m.group("rest"))):
            break
        question = m.group("rest").strip()
    return question


@dataclass(frozen=True)
class QuestionCheck:
    """The verdict on a question: an injection (refused), or the question to answer."""

    attack: bool
    question: str  # what to answer: the question without a role-play prefix (unchanged for an attack)
    kind: str = ""  # delimiter | exfiltration | override | roleplay | no-sources | addressed


@lru_cache(maxsize=4096)  # asked of one question at each stage (splitting, retrieval, answering)
def check_question(question: str) -> QuestionCheck:
    """Refuse a question that tries to set the sources aside or reveal the instructions; keep a real question
    behind a role-play prefix."""
    kind = _question_attack(normalize(question), question)
    if kind:
        return QuestionCheck(True, question, kind)
    return QuestionCheck(False, strip_role_play(question))
