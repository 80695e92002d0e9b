"""The assistant's own words (abstention, notices, "Read as", headings) in the question's language.

Quotes stay verbatim in their source's language; only what the assistant says around them follows the question:
English, French, Bosnian/Croatian/Serbian (Latin script, also for a question in Cyrillic), Dutch and German.
A message missing in a language falls back to English.
"""
from __future__ import annotations

from . import languages

MESSAGES: dict[str, dict[str, str]] = {
    "abstain": {
        "en": "The sources do not answer this question.",
        "fr": "Les sources ne répondent pas à cette question.",
        "bcs": "Izvori ne odgovaraju na ovo pitanje.",
        "nl": "De bronnen beantwoorden deze vraag niet.",
        "de": "Die Quellen beantworten diese Frage nicht.",
    },
    "ignore": {
        "en": "I answer only from the curated sources, quoting them, and cannot set them aside.",
        "fr": "Je réponds uniquement à partir des sources retenues, en les citant, et ne peux pas les écarter.",
        "bcs": "Odgovaram samo na osnovu odabranih izvora, citirajući ih, i ne mogu ih zanemariti.",
        "nl": "Ik antwoord alleen op basis van de geselecteerde bronnen, met citaten, en kan ze niet terzijde leggen.",
        "de": "Ich antworte nur aus den ausgewählten Quellen, mit Zitaten, und kann sie nicht beiseitelassen.",
    },
    "not_mentioned": {
        "en": "They do not mention {terms}.",
        "fr": "Elles ne mentionnent pas {terms}.",
        "bcs": "U njima se ne spominje {terms}.",
        "nl": "Ze vermelden {terms} niet.",
        "de": "Sie erwähnen {terms} nicht.",
    },
    # answer_types.py: what an on-topic question asks for and no quoted sentence supplies (answer.py)
    "no_instance": {
        "en": "They name none of the {what} asked about.",
        "fr": "Elles ne nomment aucun des éléments demandés ({what}).",
        "bcs": "U njima se ne navodi nijedan od traženih naziva ({what}).",
        "nl": "Ze noemen geen van de gevraagde namen ({what}).",
        "de": "Sie nennen keinen der erfragten Namen ({what}).",
    },
    "no_person": {
        "en": "They name no person as {what}.",
        "fr": "Elles ne nomment personne comme {what}.",
        "bcs": "U njima se niko ne navodi kao {what}.",
        "nl": "Ze noemen niemand als {what}.",
        "de": "Sie nennen niemanden als {what}.",
    },
    "no_vote": {
        "en": "They give no vote ({what}): no count, no record of one.",
        "fr": "Elles n'indiquent aucun vote ({what}) : ni décompte, ni procès-verbal.",
        "bcs": "U njima se ne navodi nikakvo glasanje ({what}): ni broj glasova, ni zapis o njemu.",
        "nl": "Ze vermelden geen stemming ({what}): geen telling, geen verslag ervan.",
        "de": "Sie nennen keine Abstimmung ({what}): keine Zählung, kein Protokoll.",
    },
    "no_title": {
        "en": "They give no title or position ({what}) for the person asked about.",
        "fr": "Elles n'indiquent aucun titre ni aucune fonction ({what}) pour la personne demandée.",
        "bcs": "U njima se ne navodi nikakva titula ni funkcija ({what}) za traženu osobu.",
        "nl": "Ze noemen geen titel of functie ({what}) voor de gevraagde persoon.",
        "de": "Sie nennen keinen Titel und keine Funktion ({what}) für die erfragte Person.",
    },
    "no_amount": {
        "en": "They give no amount of money ({what}).",
        "fr": "Elles n'indiquent aucune somme d'argent ({what}).",
        "bcs": "U njima se ne navodi nikakav novčani iznos ({what}).",
        "nl": "Ze noemen geen geldbedrag ({what}).",
        "de": "Sie nennen keinen Geldbetrag ({what}).",
    },
    "only_planned": {
        "en": "They mention {what} only as planned, not what took place there.",
        "fr": "Elles ne mentionnent {what} que comme prévu, et non ce qui s'y est passé.",
        "bcs": "U njima se {what} spominje samo kao planirano, a ne ono što se tamo dogodilo.",
        "nl": "Ze vermelden {what} alleen als gepland, niet wat er plaatsvond.",
        "de": "Sie erwähnen {what} nur als geplant, nicht was dort geschah.",
    },
    "only_announced": {
        "en": "They mention {what} only as something to come, not what it contains.",
        "fr": "Elles ne mentionnent {what} que comme à venir, et non ce qu'il contient.",
        "bcs": "U njima se {what} spominje samo kao nešto što tek dolazi, a ne šta sadrži.",
        "nl": "Ze vermelden {what} alleen als iets dat nog komt, niet wat het inhoudt.",
        "de": "Sie erwähnen {what} nur als etwas Kommendes, nicht was es enthält.",
    },
    # asked_documents.py: a document the index does not hold, whose contents the question asks for
    # name_coverage.py: the question's names are written by no one document together (answer.py)
    "names_apart": {  # said of the passages found: a document the search did not reach may write them together
        "en": "The passages closest to the question come from documents that do not mention {names} together.",
        "fr": "Les passages les plus proches de la question viennent de documents qui ne mentionnent pas ensemble {names}.",
        "bcs": "Odlomci najbliži pitanju potiču iz dokumenata koji ne spominju zajedno {names}.",
        "nl": "De passages die het dichtst bij de vraag liggen, komen uit documenten die {names} niet samen vermelden.",
        "de": "Die der Frage nächsten Passagen stammen aus Dokumenten, die {names} nicht zusammen erwähnen.",
    },
    "name_elsewhere": {
        "en": "The passages closest to the question come from documents that never mention {names}.",
        "fr": "Les passages les plus proches de la question viennent de documents qui ne mentionnent jamais {names}.",
        "bcs": "Odlomci najbliži pitanju potiču iz dokumenata koji nikada ne spominju {names}.",
        "nl": "De passages die het dichtst bij de vraag liggen, komen uit documenten die {names} nergens vermelden.",
        "de": "Die der Frage nächsten Passagen stammen aus Dokumenten, die {names} nirgends erwähnen.",
    },
    # positions.py: a State's position that no sentence records (answer.py)
    "no_position": {
        "en": "They record no position of {state} on {subject}.",
        "fr": "Elles ne rapportent aucune position de {state} sur {subject}.",
        "bcs": "U njima nije zabilježen stav {state} o {subject}.",
        "nl": "Ze vermelden geen standpunt van {state} over {subject}.",
        "de": "Sie verzeichnen keine Position von {state} zu {subject}.",
    },
    "no_members": {
        "en": "They name no members of {what}.",
        "fr": "Elles ne nomment aucun membre de {what}.",
        "bcs": "U njima se ne navode članovi {what}.",
        "nl": "Ze noemen geen leden van {what}.",
        "de": "Sie nennen keine Mitglieder von {what}.",
    },
    "no_verdict": {
        "en": "None of their sentences reports a judicial outcome ({what}).",
        "fr": "Aucune de leurs phrases ne rapporte une issue judiciaire ({what}).",
        "bcs": "Nijedna njihova rečenica ne navodi sudski ishod ({what}).",
        "nl": "Geen van hun zinnen meldt een gerechtelijke uitkomst ({what}).",
        "de": "Keiner ihrer Sätze berichtet ein gerichtliches Ergebnis ({what}).",
    },
    "no_count": {
        "en": "None of their sentences gives a number of {what}.",
        "fr": "Aucune de leurs phrases ne donne un nombre de {what}.",
        "bcs": "Nijedna njihova rečenica ne navodi broj: {what}.",
        "nl": "Geen van hun zinnen geeft een aantal {what}.",
        "de": "Keiner ihrer Sätze nennt eine Anzahl {what}.",
    },
    "topic_unwritten": {
        "en": "The documents closest to the question never write about {what}.",
        "fr": "Les documents les plus proches de la question n'écrivent jamais sur {what}.",
        "bcs": "Dokumenti najbliži pitanju nigdje ne pišu o {what}.",
        "nl": "De documenten die het dichtst bij de vraag liggen, schrijven nergens over {what}.",
        "de": "Die der Frage nächsten Dokumente schreiben nirgends über {what}.",
    },
    "document_not_held": {
        "en": "They do not include {what}, and none of their sentences says what the question asks about it.",
        "fr": "Elles ne contiennent pas {what}, et aucune de leurs phrases ne dit ce que la question demande à son sujet.",
        "bcs": "Ne sadrže {what}, i nijedna njihova rečenica ne kaže ono što pitanje traži o tome.",
        "nl": "Ze bevatten {what} niet, en geen van hun zinnen zegt wat de vraag erover wil weten.",
        "de": "Sie enthalten {what} nicht, und keiner ihrer Sätze sagt, was die Frage dazu wissen will.",
    },
    "nearest": {
        "en": "The nearest passages are shown below so you can judge for yourself.",
        "fr": "Les passages les plus proches sont affichés ci-dessous pour que vous puissiez juger par vous-même.",
        "bcs": "Najbliži odlomci prikazani su ispod kako biste sami mogli procijeniti.",
        "nl": "De dichtstbijzijnde passages staan hieronder, zodat u zelf kunt oordelen.",
        "de": "Die nächstliegenden Passagen stehen unten, damit Sie selbst urteilen können.",
    },
    "not_indexed": {
        "en": "The indexed sources do not include {names}; other documents that only mention it cannot stand in for its text.",
        "fr": "Les sources indexées ne contiennent pas {names} ; d'autres documents qui le mentionnent seulement ne peuvent pas remplacer son texte.",
        "bcs": "Indeksirani izvori ne sadrže {names}; drugi dokumenti koji ga samo spominju ne mogu zamijeniti njegov tekst.",
    },
    "no_label": {
        "en": "{document} as indexed ends before {labels}: its last is {last}.",
        "fr": "{document}, tel qu'indexé, s'arrête avant {labels} : le dernier est {last}.",
        "bcs": "{document}, kako je indeksiran, završava prije {labels}: posljednji je {last}.",
        "nl": "{document} eindigt, zoals geïndexeerd, vóór {labels}: de laatste is {last}.",
        "de": "{document} endet, wie indexiert, vor {labels}: der letzte ist {last}.",
    },
    "no_sub_label": {
        "en": "{document} as indexed has {parent} but no {labels}.",
        "fr": "{document}, tel qu'indexé, a un {parent} mais pas de {labels}.",
        "bcs": "{document}, kako je indeksiran, ima {parent}, ali ne i {labels}.",
        "nl": "{document} heeft, zoals geïndexeerd, een {parent} maar geen {labels}.",
        "de": "{document} hat, wie indexiert, {parent}, aber kein {labels}.",
    },
    "count_structure": {
        "en": "{document} does not say how many it has; as indexed, its last is {last}.",
        "fr": "{document} ne dit pas combien il en compte ; tel qu'indexé, le dernier est {last}.",
        "bcs": "{document} ne navodi koliko ih ima; kako je indeksiran, posljednji je {last}.",
        "nl": "{document} zegt niet hoeveel het er telt; zoals geïndexeerd is de laatste {last}.",
        "de": "{document} sagt nicht, wie viele es enthält; wie indexiert, ist der letzte {last}.",
    },
    "mentioned_only": {
        "en": "The indexed sources do not include {names} itself; the sentences quoted mention it, and cannot stand in for its text.",
        "fr": "Les sources indexées ne contiennent pas {names} lui-même ; les phrases citées le mentionnent et ne peuvent pas remplacer son texte.",
        "bcs": "Indeksirani izvori ne sadrže sam {names}; citirane rečenice ga spominju i ne mogu zamijeniti njegov tekst.",
    },
    "read_as": {"en": "Read as", "fr": "Compris comme", "bcs": "Shvaćeno kao", "nl": "Gelezen als", "de": "Verstanden als"},
    "note": {"en": "Note", "fr": "Remarque", "bcs": "Napomena", "nl": "Opmerking", "de": "Hinweis"},
    "sources": {"en": "Sources", "fr": "Sources", "bcs": "Izvori", "nl": "Bronnen", "de": "Quellen"},
    "nearest_heading": {
        "en": "Nearest passages (they do not answer the question; judge for yourself):",
        "fr": "Passages les plus proches (ils ne répondent pas à la question ; jugez par vous-même) :",
        "bcs": "Najbliži odlomci (ne odgovaraju na pitanje; procijenite sami):",
        "nl": "Dichtstbijzijnde passages (ze beantwoorden de vraag niet; oordeel zelf):",
        "de": "Nächstliegende Passagen (sie beantworten die Frage nicht; urteilen Sie selbst):",
    },
    "passage": {"en": "Passage {n}", "fr": "Passage {n}", "bcs": "Odlomak {n}", "nl": "Passage {n}", "de": "Passage {n}"},
    "where_section": {
        "en": "section “{section}”",
        "fr": "section « {section} »",
        "bcs": "odjeljak „{section}”",
        "nl": "sectie “{section}”",
        "de": "Abschnitt „{section}“",
    },
    "where_page": {"en": "page {page}", "fr": "page {page}", "bcs": "stranica {page}", "nl": "pagina {page}",
                   "de": "Seite {page}"},
    "sources_of": {"en": "Sources of", "fr": "Sources de", "bcs": "Izvori za", "nl": "Bronnen van", "de": "Quellen zu"},
    "no_answer_head": {
        "en": "The sources do not answer: “{asked}”. Nearest passages, for you to judge:",
        "fr": "Les sources ne répondent pas à : « {asked} ». Passages les plus proches, à vous de juger :",
        "bcs": "Izvori ne odgovaraju na: „{asked}”. Najbliži odlomci, da sami procijenite:",
        "nl": "De bronnen beantwoorden niet: “{asked}”. Dichtstbijzijnde passages, om zelf te beoordelen:",
        "de": "Die Quellen beantworten nicht: „{asked}“. Nächstliegende Passagen, zu Ihrer Beurteilung:",
    },
}


def say(key: str, language: str = languages.ENGLISH, **values: str) -> str:
    """The message `key` in `language` (English when it has no translation), with `values` filled in."""
    texts = MESSAGES[key]
    return texts.get(language, texts[languages.ENGLISH]).format(**values)


def say_for(question: str, key: str, **values: str) -> str:
    """The message `key` in the language of `question`."""
    return say(key, languages.detect(question), **values)
