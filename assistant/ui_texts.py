"""The chat UI's fixed texts (labels, buttons, placeholders, panel captions, notices) in the UI's language.

The UI's language is the one the user picks in its selector, by default the browser's (Accept-Language): English,
French, Bosnian/Croatian/Serbian (Latin script), Dutch or German. It is not the question's language: the words
around an answer follow the question (assistant.messages), the chrome follows the UI. Every text exists in every
language (tests/test_ui_texts.py checks it), so nothing silently falls back to English.

Gradio's own i18n (gr.I18n) was not used: its browser only picks a locale among Gradio's bundled ones (no Bosnian,
Croatian or Serbian), and it translates only static texts, not the panels and notices the server renders.
"""
from __future__ import annotations

import re

from .languages import BCS, ENGLISH

# The selector's choices, each language named in itself; the order is the selector's.
UI_LANGUAGES: dict[str, str] = {
    ENGLISH: "English",
    "fr": "Français",
    BCS: "Bosanski / Hrvatski / Srpski",
    "nl": "Nederlands",
    "de": "Deutsch",
}
# Primary subtags of Accept-Language that map to a UI language (sh: Serbo-Croatian, cnr: Montenegrin).
_SUBTAGS = {"en": ENGLISH, "fr": "fr", "bs": BCS, "hr": BCS, "sr": BCS, "sh": BCS, "cnr": BCS, "nl": "nl", "de": "de"}

# A value with "|" lists plural forms, filled with {n}: one|other, and for Bosnian/Croatian/Serbian one|few|many.
TEXTS: dict[str, dict[str, str]] = {
    "title": {
        "en": "Cyber diplomacy assistant",
        "fr": "Assistant de cyberdiplomatie",
        "bcs": "Asistent za sajber diplomatiju",
        "nl": "Assistent voor cyberdiplomatie",
        "de": "Assistent für Cyberdiplomatie",
    },
    "intro": {
        "en": "Answers only from the indexed documents; every sentence cites a verbatim passage [n]. "
              "When the documents do not answer, it says so and shows the nearest passages.",
        "fr": "Répond uniquement à partir des documents indexés ; chaque phrase cite un passage mot pour mot [n]. "
              "Quand les documents ne répondent pas, il le dit et montre les passages les plus proches.",
        "bcs": "Odgovara samo na osnovu indeksiranih dokumenata; svaka rečenica doslovno citira odlomak [n]. "
               "Kada dokumenti ne daju odgovor, to i kaže i prikazuje najbliže odlomke.",
        "nl": "Antwoordt alleen op basis van de geïndexeerde documenten; elke zin citeert letterlijk een passage [n]. "
              "Als de documenten geen antwoord geven, zegt het dat en toont het de dichtstbijzijnde passages.",
        "de": "Antwortet nur aus den indexierten Dokumenten; jeder Satz zitiert wörtlich eine Passage [n]. "
              "Wenn die Dokumente keine Antwort geben, sagt er das und zeigt die nächstliegenden Passagen.",
    },
    "language": {"en": "Language", "fr": "Langue", "bcs": "Jezik", "nl": "Taal", "de": "Sprache"},
    # The status line: "**Index:** 2 documents, 57 passages · built … · model … · answers: …"
    "status_index": {"en": "Index", "fr": "Index", "bcs": "Indeks", "nl": "Index", "de": "Index"},
    "n_documents": {
        "en": "{n} document|{n} documents",
        "fr": "{n} document|{n} documents",
        "bcs": "{n} dokument|{n} dokumenta|{n} dokumenata",
        "nl": "{n} document|{n} documenten",
        "de": "{n} Dokument|{n} Dokumente",
    },
    "n_passages": {
        "en": "{n} passage|{n} passages",
        "fr": "{n} passage|{n} passages",
        "bcs": "{n} odlomak|{n} odlomka|{n} odlomaka",
        "nl": "{n} passage|{n} passages",
        "de": "{n} Passage|{n} Passagen",
    },
    "status_built": {"en": "built {when}", "fr": "créé le {when}", "bcs": "napravljen {when}",
                     "nl": "gebouwd op {when}", "de": "erstellt am {when}"},
    "status_updated": {"en": "updated {when}", "fr": "mis à jour le {when}", "bcs": "ažuriran {when}",
                       "nl": "bijgewerkt op {when}", "de": "aktualisiert am {when}"},
    "status_model": {"en": "model {model}", "fr": "modèle {model}", "bcs": "model {model}",
                     "nl": "model {model}", "de": "Modell {model}"},
    "status_answers": {"en": "answers: {backend}", "fr": "réponses : {backend}", "bcs": "odgovori: {backend}",
                       "nl": "antwoorden: {backend}", "de": "Antworten: {backend}"},
    "backend_extractive": {
        "en": "extractive (verbatim quotes)",
        "fr": "extractives (citations mot pour mot)",
        "bcs": "ekstraktivni (doslovni citati)",
        "nl": "extractief (letterlijke citaten)",
        "de": "extraktiv (wörtliche Zitate)",
    },
    "backend_llm": {
        "en": "{backend} LLM (each sentence checked against the passage it cites)",
        "fr": "LLM {backend} (chaque phrase vérifiée par rapport au passage qu'elle cite)",
        "bcs": "LLM {backend} (svaka rečenica provjerena u odnosu na odlomak koji citira)",
        "nl": "LLM {backend} (elke zin gecontroleerd aan de passage die hij citeert)",
        "de": "LLM {backend} (jeder Satz gegen die zitierte Passage geprüft)",
    },
    # The conversation column.
    "chat_label": {"en": "Conversation", "fr": "Conversation", "bcs": "Razgovor", "nl": "Gesprek",
                   "de": "Unterhaltung"},
    "chat_placeholder": {
        "en": "**Ask about cyber diplomacy.** Answers quote the sources; try an example:",
        "fr": "**Posez une question sur la cyberdiplomatie.** Les réponses citent les sources ; essayez un exemple :",
        "bcs": "**Pitajte o sajber diplomatiji.** Odgovori citiraju izvore; isprobajte primjer:",
        "nl": "**Stel een vraag over cyberdiplomatie.** De antwoorden citeren de bronnen; probeer een voorbeeld:",
        "de": "**Fragen Sie zur Cyberdiplomatie.** Die Antworten zitieren die Quellen; probieren Sie ein Beispiel:",
    },
    "question_placeholder": {
        "en": "Type a question, e.g. What does the OSCE promote?",
        "fr": "Posez une question, p. ex. Que promeut l'OSCE ?",
        "bcs": "Upišite pitanje, npr. Šta promoviše OSCE?",
        "nl": "Typ een vraag, bijv. Wat bevordert de OVSE?",
        "de": "Geben Sie eine Frage ein, z. B. Was fördert die OSZE?",
    },
    "ask": {"en": "Ask", "fr": "Demander", "bcs": "Pitaj", "nl": "Vragen", "de": "Fragen"},
    "searching": {"en": "Searching the sources…", "fr": "Recherche dans les sources…",
                  "bcs": "Pretraživanje izvora…",
                  "nl": "De bronnen worden doorzocht…", "de": "Die Quellen werden durchsucht…"},
    "warn_no_question": {"en": "Type a question first.", "fr": "Saisissez d'abord une question.",
                         "bcs": "Prvo upišite pitanje.", "nl": "Typ eerst een vraag.",
                         "de": "Geben Sie zuerst eine Frage ein."},
    "comment_label": {
        "en": "Optional comment on your rating",
        "fr": "Commentaire facultatif sur votre évaluation",
        "bcs": "Neobavezan komentar na vašu ocjenu",
        "nl": "Optionele opmerking bij uw beoordeling",
        "de": "Optionaler Kommentar zu Ihrer Bewertung",
    },
    "comment_send": {"en": "Send comment", "fr": "Envoyer le commentaire", "bcs": "Pošalji komentar",
                     "nl": "Opmerking versturen", "de": "Kommentar senden"},
    "feedback_saved": {
        "en": "Thank you: your {rating} is saved. You can add a comment below.",
        "fr": "Merci : votre {rating} est enregistré. Vous pouvez ajouter un commentaire ci-dessous.",
        "bcs": "Hvala: vaša ocjena {rating} je sačuvana. Ispod možete dodati komentar.",
        "nl": "Dank u: uw {rating} is opgeslagen. U kunt hieronder een opmerking toevoegen.",
        "de": "Danke: Ihr {rating} ist gespeichert. Sie können unten einen Kommentar hinzufügen.",
    },
    "comment_saved": {"en": "Thank you: your comment is saved.", "fr": "Merci : votre commentaire est enregistré.",
                      "bcs": "Hvala: vaš komentar je sačuvan.", "nl": "Dank u: uw opmerking is opgeslagen.",
                      "de": "Danke: Ihr Kommentar ist gespeichert."},
    "filters": {
        "en": "Limit to sources or publishers",
        "fr": "Limiter à certaines sources ou certains éditeurs",
        "bcs": "Ograniči na izvore ili izdavače",
        "nl": "Beperken tot bronnen of uitgevers",
        "de": "Auf Quellen oder Herausgeber beschränken",
    },
    "filter_sources": {"en": "Sources", "fr": "Sources", "bcs": "Izvori", "nl": "Bronnen", "de": "Quellen"},
    "filter_publishers": {"en": "Publishers", "fr": "Éditeurs", "bcs": "Izdavači", "nl": "Uitgevers",
                          "de": "Herausgeber"},
    "new_chat": {"en": "New conversation", "fr": "Nouvelle conversation", "bcs": "Novi razgovor",
                 "nl": "Nieuw gesprek", "de": "Neue Unterhaltung"},
    "export_md": {"en": "Export Markdown", "fr": "Exporter en Markdown", "bcs": "Izvezi kao Markdown",
                  "nl": "Exporteren als Markdown", "de": "Als Markdown exportieren"},
    "export_docx": {"en": "Export Word", "fr": "Exporter en Word", "bcs": "Izvezi kao Word",
                    "nl": "Exporteren als Word", "de": "Als Word exportieren"},
    # User mistakes the assistant reports (errors.AssistantError.key), shown in the chat or as a notice.
    "error_question_empty": {
        "en": "the question is empty: type a question about cyber diplomacy",
        "fr": "la question est vide : posez une question sur la cyberdiplomatie",
        "bcs": "pitanje je prazno: postavite pitanje o sajber diplomatiji",
        "nl": "de vraag is leeg: stel een vraag over cyberdiplomatie",
        "de": "die Frage ist leer: stellen Sie eine Frage zur Cyberdiplomatie",
    },
    "error_question_too_long": {
        "en": "the question is too long ({length} characters; the limit is {limit}): ask about one point at a time",
        "fr": "la question est trop longue ({length} caractères ; la limite est de {limit}) : posez une question sur "
              "un point à la fois",
        "bcs": "pitanje je predugo ({length} znakova; ograničenje je {limit}): pitajte o jednoj stvari odjednom",
        "nl": "de vraag is te lang ({length} tekens; de limiet is {limit}): vraag naar één punt tegelijk",
        "de": "die Frage ist zu lang ({length} Zeichen; die Grenze liegt bei {limit}): fragen Sie jeweils nach "
              "einem Punkt",
    },
    "error_question_no_script": {
        "en": "the question has no words in Latin script or Cyrillic: ask in English, French, "
              "Bosnian/Croatian/Serbian, Dutch or German",
        "fr": "la question ne contient aucun mot en alphabet latin ou cyrillique : posez-la en anglais, français, "
              "bosnien/croate/serbe, néerlandais ou allemand",
        "bcs": "pitanje nema riječi na latinici ni na ćirilici: pitajte na engleskom, francuskom, "
               "bosanskom/hrvatskom/srpskom, holandskom ili njemačkom",
        "nl": "de vraag bevat geen woorden in Latijns of cyrillisch schrift: stel haar in het Engels, Frans, "
              "Bosnisch/Kroatisch/Servisch, Nederlands of Duits",
        "de": "die Frage enthält keine Wörter in lateinischer oder kyrillischer Schrift: fragen Sie auf Englisch, "
              "Französisch, Bosnisch/Kroatisch/Serbisch, Niederländisch oder Deutsch",
    },
    "error_comment_too_long": {
        "en": "the comment is too long ({length} characters; the limit is {limit})",
        "fr": "le commentaire est trop long ({length} caractères ; la limite est de {limit})",
        "bcs": "komentar je predug ({length} znakova; ograničenje je {limit})",
        "nl": "de opmerking is te lang ({length} tekens; de limiet is {limit})",
        "de": "der Kommentar ist zu lang ({length} Zeichen; die Grenze liegt bei {limit})",
    },
    "error_nothing_to_rate": {
        "en": "there is no answer to rate yet: ask a question first",
        "fr": "il n'y a pas encore de réponse à évaluer : posez d'abord une question",
        "bcs": "još nema odgovora za ocjenu: prvo postavite pitanje",
        "nl": "er is nog geen antwoord om te beoordelen: stel eerst een vraag",
        "de": "es gibt noch keine Antwort zu bewerten: stellen Sie zuerst eine Frage",
    },
    # The sources and document tabs.
    "tab_sources": {"en": "Sources", "fr": "Sources", "bcs": "Izvori", "nl": "Bronnen", "de": "Quellen"},
    "tab_document": {"en": "Document", "fr": "Document", "bcs": "Dokument", "nl": "Document", "de": "Dokument"},
    "sources_empty": {
        "en": "Ask a question: the numbered sources of the answer appear here, with each quoted sentence "
              "highlighted in its paragraph.",
        "fr": "Posez une question : les sources numérotées de la réponse s'affichent ici, chaque phrase citée "
              "surlignée dans son paragraphe.",
        "bcs": "Postavite pitanje: ovdje se pojavljuju numerisani izvori odgovora, a svaka citirana rečenica "
               "istaknuta je u svom pasusu.",
        "nl": "Stel een vraag: de genummerde bronnen van het antwoord verschijnen hier, met elke geciteerde zin "
              "gemarkeerd in zijn alinea.",
        "de": "Stellen Sie eine Frage: Die nummerierten Quellen der Antwort erscheinen hier, jeder zitierte Satz "
              "in seinem Absatz hervorgehoben.",
    },
    "doc_pick": {
        "en": "Open a source in full, at the cited passage",
        "fr": "Ouvrir une source en entier, au passage cité",
        "bcs": "Otvori cijeli izvor na citiranom odlomku",
        "nl": "Een bron volledig openen, bij de geciteerde passage",
        "de": "Eine Quelle vollständig öffnen, an der zitierten Stelle",
    },
    "passage_choice": {"en": "Passage {n}: {title}", "fr": "Passage {n} : {title}", "bcs": "Odlomak {n}: {title}",
                       "nl": "Passage {n}: {title}", "de": "Passage {n}: {title}"},
    "doc_empty": {
        "en": "Choose a source on the Sources tab.",
        "fr": "Choisissez une source dans l'onglet Sources.",
        "bcs": "Odaberite izvor na kartici Izvori.",
        "nl": "Kies een bron op het tabblad Bronnen.",
        "de": "Wählen Sie eine Quelle auf dem Reiter Quellen.",
    },
    "doc_not_indexed": {"en": "This document is not in the index.", "fr": "Ce document n'est pas dans l'index.",
                        "bcs": "Ovaj dokument nije u indeksu.", "nl": "Dit document staat niet in de index.",
                        "de": "Dieses Dokument ist nicht im Index."},
    "doc_cited": {"en": "Cited: {locator}", "fr": "Cité : {locator}", "bcs": "Citirano: {locator}",
                  "nl": "Geciteerd: {locator}", "de": "Zitiert: {locator}"},
    # The "Prepare materials" panel and its briefing pack.
    "materials": {
        "en": "Prepare materials: a briefing pack on a topic, every line a cited quote",
        "fr": "Préparer des documents : un dossier d'information sur un sujet, chaque ligne une citation sourcée",
        "bcs": "Pripremi materijale: informativni paket o temi, svaki red citat s izvorom",
        "nl": "Materiaal voorbereiden: een briefingpakket over een onderwerp, elke regel een bronvermeld citaat",
        "de": "Unterlagen vorbereiten: eine Informationsmappe zu einem Thema, jede Zeile ein belegtes Zitat",
    },
    "pack_topic": {
        "en": "A topic, e.g. confidence-building measures, or all",
        "fr": "Un sujet, p. ex. confidence-building measures, ou all",
        "bcs": "Tema, npr. confidence-building measures, ili all",
        "nl": "Een onderwerp, bijv. confidence-building measures, of all",
        "de": "Ein Thema, z. B. confidence-building measures, oder all",
    },
    "pack_generate": {"en": "Generate pack", "fr": "Générer le dossier", "bcs": "Napravi paket",
                      "nl": "Pakket maken", "de": "Mappe erstellen"},
    "pack_md": {"en": "Pack as Markdown", "fr": "Dossier en Markdown", "bcs": "Paket kao Markdown",
                "nl": "Pakket als Markdown", "de": "Mappe als Markdown"},
    "pack_docx": {"en": "Pack as Word", "fr": "Dossier en Word", "bcs": "Paket kao Word", "nl": "Pakket als Word",
                  "de": "Mappe als Word"},
    "warn_no_topic": {
        "en": "Type a topic first, or all for the whole index.",
        "fr": "Saisissez d'abord un sujet, ou all pour tout l'index.",
        "bcs": "Prvo upišite temu, ili all za cijeli indeks.",
        "nl": "Typ eerst een onderwerp, of all voor de hele index.",
        "de": "Geben Sie zuerst ein Thema ein, oder all für den ganzen Index.",
    },
    "pack_empty": {  # HTML
        "en": "Type a topic (or <b>all</b>) and press Generate.",
        "fr": "Saisissez un sujet (ou <b>all</b>) et cliquez sur Générer.",
        "bcs": "Upišite temu (ili <b>all</b>) i pritisnite Napravi.",
        "nl": "Typ een onderwerp (of <b>all</b>) en klik op Maken.",
        "de": "Geben Sie ein Thema ein (oder <b>all</b>) und klicken Sie auf Erstellen.",
    },
    "pack_title": {"en": "Briefing pack: {topic}", "fr": "Dossier d'information : {topic}",
                   "bcs": "Informativni paket: {topic}", "nl": "Briefingpakket: {topic}",
                   "de": "Informationsmappe: {topic}"},
    "pack_overview": {"en": "Overview", "fr": "Vue d'ensemble", "bcs": "Pregled", "nl": "Overzicht",
                      "de": "Überblick"},
    "pack_overview_note": {
        "en": "(written by a language model; each sentence checked against the quote it cites)",
        "fr": "(rédigée par un modèle de langage ; chaque phrase vérifiée par rapport à la citation invoquée)",
        "bcs": "(napisao jezički model; svaka rečenica provjerena u odnosu na citat koji navodi)",
        "nl": "(geschreven door een taalmodel; elke zin gecontroleerd aan het citaat dat hij aanhaalt)",
        "de": "(von einem Sprachmodell geschrieben; jeder Satz gegen das angeführte Zitat geprüft)",
    },
    "pack_key_points": {"en": "Key points", "fr": "Points clés", "bcs": "Ključne tačke", "nl": "Kernpunten",
                        "de": "Kernpunkte"},
    "pack_glossary": {"en": "Glossary", "fr": "Glossaire", "bcs": "Pojmovnik", "nl": "Woordenlijst",
                      "de": "Glossar"},
    "pack_timeline": {"en": "Timeline", "fr": "Chronologie", "bcs": "Hronologija", "nl": "Tijdlijn",
                      "de": "Zeitleiste"},
    "pack_people": {"en": "Who's who", "fr": "Qui est qui", "bcs": "Ko je ko", "nl": "Wie is wie",
                    "de": "Wer ist wer"},
    "pack_quiz": {"en": "Quiz", "fr": "Quiz", "bcs": "Kviz", "nl": "Quiz", "de": "Quiz"},
    "pack_none": {"en": "The sources on this topic give none.", "fr": "Les sources sur ce sujet n'en donnent aucun.",
                  "bcs": "Izvori o ovoj temi ne navode nijedan.", "nl": "De bronnen over dit onderwerp geven er geen.",
                  "de": "Die Quellen zu diesem Thema nennen keine."},
    "pack_answer": {"en": "Answer: {answer}", "fr": "Réponse : {answer}", "bcs": "Odgovor: {answer}",
                    "nl": "Antwoord: {answer}", "de": "Antwort: {answer}"},
    "pack_references": {"en": "References", "fr": "Références", "bcs": "Reference", "nl": "Referenties",
                        "de": "Belege"},
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language(code: str | None) -> str:
    """`code` if it is a UI language, else English (a value from the selector or a stale session)."""
    return code if code in UI_LANGUAGES else ENGLISH


def text(key: str, lang: str = ENGLISH, **values: object) -> str:
    """The UI text `key` in `lang` (a UI language), with `values` filled in; KeyError for an unknown key."""
    return TEXTS[key][language(lang)].format(**values)


def count(key: str, n: int, lang: str = ENGLISH) -> str:
    """A counted phrase in the plural form `n` takes in `lang`: "1 document", "5 dokumenata"."""
    forms = TEXTS[key][language(lang)].split("|")
    return forms[plural_form(n, language(lang), len(forms))].format(n=n)


def plural_form(n: int, lang: str, forms: int) -> int:
    """Index of the plural form for `n` (CLDR rules: French 0 and 1 singular; Bosnian/Croatian/Serbian one|few|many)."""
    if lang == BCS and forms == 3:
        if n % 10 == 1 and n % 100 != 11:
            return 0
        return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2
    singular = n in (0, 1) if lang == "fr" else n == 1
    return 0 if singular else min(1, forms - 1)


def number(n: int, lang: str = ENGLISH) -> str:
    """`n` with the thousands separator of `lang`: 2,000 (English), 2 000 (French), 2.000 (the others)."""
    grouped = f"{n:,}"
    return {ENGLISH: grouped, "fr": grouped.replace(",", "\u202f")}.get(language(lang), grouped.replace(",", "."))


def error(exc: Exception, lang: str = ENGLISH) -> str:
    """What to tell the user about a domain error in `lang`: its catalogue text if it names one, else its message."""
    key = f"error_{getattr(exc, 'key', None)}"
    if key not in TEXTS:
        return str(exc)
    values = {k: number(v, lang) if isinstance(v, int) else v for k, v in getattr(exc, "values", {}).items()}
    return text(key, lang, **values)


def placeholders(value: str) -> set[str]:
    """The {names} a text fills in (what every translation of a key must share)."""
    return set(_PLACEHOLDER.findall(value))


def from_accept_language(header: str | None) -> str:
    """The UI language a browser asks for (its Accept-Language header, by preference), English if none fits."""
    ranked = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in _SUBTAGS and q > 0:
            ranked.append((-q, i, _SUBTAGS[primary]))
    return min(ranked)[2] if ranked else ENGLISH
