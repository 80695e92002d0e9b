"""Documents of kinds the real-document folder does not hold, printed by code at test time.

Each builder writes one file the way its kind is published: a UN report (masthead, running header with the
symbol, "21-08845 3/25" footer with the job number, footnotes at page bottoms with raised markers, "I."/"A."
sections, numbered paragraphs with lettered sub-paragraphs, an annex), an OSCE Permanent Council decision
("PC.DEC/1202", "- 2 -" page numbers, numbered measures), EU Council conclusions (Council masthead, the
"7925/18 JF/mk 3" footer, "THE COUNCIL OF THE EUROPEAN UNION" and numbered paragraphs with footnotes), a
NATO summit communique (a web page with site navigation around numbered paragraphs), a national strategy
(.docx with headings, bullet and numbered lists) and a French-language UN resolution PDF.

The wording is written for these tests, modelled on the public layout of such documents; it quotes none of
them at length. Lines are laid out here (not by fpdf's own wrapping) so that words can be hyphenated at line
ends as printed documents do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT = 20.0, 190.0
BODY_TOP, BODY_BOTTOM = 32.0, 262.0
LINE = 5.2


@dataclass
class Para:
    """A paragraph to print: `marker` ("12.", "(a)") hangs at the left of its text; `level` indents it."""

    text: str
    marker: str = ""
    level: int = 0
    kind: str = "text"  # text | heading | centred
    notes: tuple[str, ...] = ()  # footnote texts; "^" in the text marks where each number goes
    space_before: float = 2.5
    label: str | None = None  # what an official cites it as ("art. 7(2)(a)", "recital 3"), when checked


@dataclass
class Layout:
    header: callable  # (page number, total) -> list of (text, align) printed above the body
    footer: callable  # (page number, total) -> list of (text, align) printed below the footnotes
    masthead: list = field(default_factory=list)  # first page: (text, align, size) lines above the body
    font: str = "Times"
    size: float = 11.0
    first_line_indent: bool = False  # EU/NATO style: plain paragraphs, no hanging marker column


def _split_words(pdf, text: str, width: float) -> list[str]:
    """Printed lines of `text` within `width`, breaking a long word with a hyphen as typesetters do."""
    lines, cur = [], ""
    for word in text.split():
        trial = (cur + " " + word).strip()
        if pdf.get_string_width(trial) <= width:
            cur = trial
            continue
        # Hyphenate words of 9+ letters when the first half still fits on the line.
        m = re.fullmatch(r"([A-Za-zÀ-ÿ]{9,})([,.;:]?)", word)
        if m and cur:
            head = next((h for h in _break_points(m.group(1))
                         if pdf.get_string_width(cur + " " + h + "-") <= width), None)
            if head:
                lines.append(cur + " " + head + "-")
                cur = word[len(head):]
                continue
        if cur:
            lines.append(cur)
        cur = word
    if cur:
        lines.append(cur)
    return lines


_VOWELS = set("aeiouyàâéèêëîïôûü")


def _break_points(word: str) -> list[str]:
    """Heads of `word` at vowel-consonant | consonant-vowel breaks ("consen|sus", "infra|structure"), longest first."""
    heads = [word[:i] for i in range(3, len(word) - 2)
             if word[i - 2].lower() in _VOWELS and word[i - 1].lower() not in _VOWELS
             and word[i].lower() not in _VOWELS and word[i + 1].lower() in _VOWELS]
    return heads[::-1]


# What each printed file says, paragraph by paragraph (marker, text without footnote marks, footnote texts):
# what a reader of the printed page sees, for the tests to compare with the cleaned text.
PRINTED: dict[str, list[Para]] = {}


def printed_paragraphs(name: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(marker, text, footnotes, kind) of every paragraph printed in file `name`."""
    return [(p.marker, p.text.replace("^", ""), p.notes, p.kind) for p in PRINTED[name]]


def print_pdf(path: Path, layout: Layout, paras: list[Para], title: str | None = None) -> Path:
    """Lay out `paras` on A4 pages with the layout's furniture and footnotes; two passes for the page total."""
    from fpdf import FPDF

    PRINTED[path.name] = paras

    def render(total: int) -> int:
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        if title:
            pdf.set_title(title)
        note_no = 0
        state = {"page": 0, "y": 0.0, "notes": []}

        def new_page() -> None:
            if state["page"]:
                finish_page()
            pdf.add_page()
            state["page"] += 1
            state["notes"] = []
            pdf.set_font(layout.font, size=9)
            y = 12.0
            for text, align in layout.header(state["page"], total):
                pdf.set_xy(LEFT, y)
                pdf.cell(RIGHT - LEFT, 4, text, align=align)
                y += 4.5
            state["y"] = BODY_TOP
            if state["page"] == 1 and layout.masthead:
                y = 14.0
                for text, align, size in layout.masthead:
                    pdf.set_font(layout.font if size < 14 else "Helvetica", "B" if size >= 14 else "", size)
                    pdf.set_xy(LEFT, y)
                    pdf.cell(RIGHT - LEFT, size * 0.45, text, align=align)
                    y += size * 0.45 + 1.5
                state["y"] = y + 6

        def note_height() -> float:
            return (6 + sum(4.2 * n for _, n in state["notes"])) if state["notes"] else 0.0

        def finish_page() -> None:
            pdf.set_font(layout.font, size=8.5)
            if state["notes"]:
                y = BODY_BOTTOM - note_height() + 2
                pdf.set_xy(LEFT, y)
                pdf.cell(40, 3, "__________________")
                y += 5
                for (num, text), _ in state["notes"]:
                    lines = _split_words(pdf, text, RIGHT - LEFT - 8)
                    pdf.set_xy(LEFT + 2, y)
                    pdf.cell(6, 4, num)
                    for line in lines:
                        pdf.set_xy(LEFT + 8, y)
                        pdf.cell(RIGHT - LEFT - 8, 4, line)
                        y += 4.2
            pdf.set_font(layout.font, size=9)
            y = 270.0
            for text, align in layout.footer(state["page"], total):
                pdf.set_xy(LEFT, y)
                pdf.cell(RIGHT - LEFT, 4, text, align=align)
                y += 4.5

        new_page()
        for para in paras:
            style = "B" if para.kind in ("heading",) else ""
            pdf.set_font(layout.font, style, layout.size)
            indent = 0.0 if layout.first_line_indent else 10.0 * (para.level + 1) if para.marker else 10.0 * para.level
            if para.kind in ("heading", "centred"):
                indent = 10.0 if para.marker else 0.0
            text_x = LEFT + indent
            width = RIGHT - text_x
            pieces = para.text.split("^")
            # footnote numbers replace the "^" marks
            numbered = pieces[0]
            numbers = []
            for piece in pieces[1:]:
                note_no += 1
                numbers.append(str(note_no))
                numbered += f"\x00{note_no}\x00" + piece
            words_text = numbered
            first = (para.marker + " " if layout.first_line_indent and para.marker else "") + words_text
            lines = _split_words(pdf, first, width - 4)
            notes = list(zip(numbers, para.notes))
            state["y"] += para.space_before
            for k, line in enumerate(lines):
                needed = LINE + (sum(4.2 * len(_split_words(pdf, t, RIGHT - LEFT - 8)) for _, t in notes) + 6 if k == 0 and notes else 0)
                if state["y"] + needed > BODY_BOTTOM - note_height():
                    new_page()
                    pdf.set_font(layout.font, style, layout.size)
                if k == 0 and para.marker and not layout.first_line_indent:
                    pdf.set_xy(LEFT + 10.0 * para.level, state["y"])
                    pdf.cell(10, LINE, para.marker)
                x = text_x
                if para.kind in ("heading", "centred") and not para.marker:
                    x = LEFT + (RIGHT - LEFT - pdf.get_string_width(line.replace("\x00", ""))) / 2
                # a line with raised footnote numbers: print piece by piece
                for j, chunk in enumerate(line.split("\x00")):
                    if j % 2 == 1:
                        pdf.set_font(layout.font, style, layout.size * 0.6)
                        pdf.set_xy(x, state["y"] - 1.2)
                        pdf.cell(pdf.get_string_width(chunk) + 0.3, LINE, chunk)
                        x += pdf.get_string_width(chunk) + 0.3
                        pdf.set_font(layout.font, style, layout.size)
                    elif chunk:
                        pdf.set_xy(x, state["y"])
                        pdf.cell(pdf.get_string_width(chunk), LINE, chunk)
                        x += pdf.get_string_width(chunk)
                if k == 0 and notes:
                    for num, t in notes:
                        state["notes"].append(((num, t), len(_split_words(pdf, t, RIGHT - LEFT - 8))))
                state["y"] += LINE
        finish_page()
        if total:
            pdf.output(str(path))
        return state["page"]

    pages = render(0)
    render(pages)
    return path


# --- a UN report ---------------------------------------------------------------------------------

UN_REPORT_SYMBOL = "A/76/135"


def un_report(path: Path) -> Path:
    job = "21-08845"

    def header(page: int, total: int):
        if page == 1:
            return []
        return [(UN_REPORT_SYMBOL, "L" if page % 2 == 0 else "R")]

    def footer(page: int, total: int):
        if page == 1:
            return [(f"{job} (E)    190721", "L"), ("*2108845*", "L")]
        return [(f"{page}/{total}", "L") if page % 2 == 0 else (f"{job}", "L"),
                (f"{job}", "R") if page % 2 == 0 else (f"{page}/{total}", "R")]

    masthead = [
        ("United Nations", "L", 10), (UN_REPORT_SYMBOL, "R", 16),
        ("General Assembly", "L", 16), ("Distr.: General", "R", 9), ("14 July 2021", "R", 9),
        ("Original: English", "R", 9), ("Seventy-sixth session", "L", 9),
        ("Item 96 of the provisional agenda*", "L", 9),
        ("Developments in the field of information and telecommunications in the context of international security",
         "L", 9),
    ]
    P = Para
    body = [
        P("Report of the Group of Governmental Experts on Advancing Responsible State Behaviour in Cyberspace "
          "in the Context of International Security", kind="heading"),
        P("Note by the Secretary-General", kind="centred"),
        P("The Secretary-General has the honour to transmit herewith the report of the Group of Governmental "
          "Experts on Advancing Responsible State Behaviour in Cyberspace in the Context of International "
          "Security, established pursuant to paragraph 3 of General Assembly resolution 73/266.^",
          notes=("See A/RES/73/266.",)),
        P("Introduction", marker="I.", kind="heading"),
        P("The Group was established at the request of the General Assembly in its resolution 73/266 of "
          "22 December 2018 and met in four sessions between December 2019 and May 2021.", marker="1."),
        P("The Group took into account the assessments and recommendations of the previous groups, in "
          "particular the reports of 2010, 2013 and 2015,^ which the General Assembly welcomed by consensus.",
          marker="2.", notes=("A/65/201, A/68/98 and A/70/174.",)),
        P("Existing and emerging threats", marker="II.", kind="heading"),
        P("The Group notes with concern a worrying increase in the malicious use of information and "
          "communications technologies by State and non-State actors, including against critical "
          "infrastructure and the infrastructure essential to the provision of public services.", marker="3."),
        P("Such activity can endanger international peace and security and can have humanitarian "
          "consequences, in particular for health care facilities during a pandemic.", marker="4."),
        P("Norms, rules and principles for the responsible behaviour of States", marker="III.", kind="heading"),
        P("Voluntary norms of responsible State behaviour", marker="A.", kind="heading"),
        P("The Group reaffirms that voluntary, non-binding norms reduce risks to international peace, "
          "security and stability and do not seek to limit or prohibit action that is otherwise consistent "
          "with international law.", marker="5."),
        P("In implementing the norms, States should consider the following:", marker="6."),
        P("Establishing national structures, policies and processes that enable them to respond to "
          "incidents affecting critical infrastructure;", marker="(a)", level=1),
        P("Designating a national point of contact at the policy and technical levels to address serious "
          "incidents;", marker="(b)", level=1),
        P("Sharing lessons learned on the protection of the public core of the Internet.", marker="(c)", level=1),
        P("Norm 13 (f) provides that a State should not conduct or knowingly support information and "
          "communications technology activity contrary to its obligations under international law that "
          "intentionally damages critical infrastructure or otherwise impairs the use and operation of "
          "critical infrastructure to provide services to the public.^",
          marker="7.", notes=("A/70/174, para. 13 (f). The norm is read together with paragraph 13 (g).",)),
        P("States designate critical infrastructure according to their national priorities; such "
          "infrastructure may include medical facilities, energy, water and sanitation, transportation, "
          "financial services and electoral processes.", marker="8."),
        P("International law", marker="B.", kind="heading"),
        P("The Group reaffirms that international law, and in particular the Charter of the United Nations "
          "in its entirety, is applicable and essential to maintaining peace and stability in the "
          "information and communications technology environment.", marker="9."),
        P("The Group notes that international humanitarian law applies only in situations of armed conflict "
          "and recalls the established principles of humanity, necessity, proportionality and "
          "distinction.^ Recalling these principles by no means legitimizes or encourages conflict.",
          marker="10.", notes=("See also the resolutions of the International Conference of the Red Cross and "
                               "Red Crescent on this subject.",)),
        P("Confidence-building measures", marker="C.", kind="heading"),
        P("Confidence-building measures comprising transparency, cooperative and stability measures can "
          "contribute to preventing conflicts, avoiding misperception and misunderstandings and reducing "
          "tensions. Regional organizations have made significant progress in developing such measures.",
          marker="11."),
        P("The Group recommends that States nominate points of contact where they have not done so, and "
          "maintain an updated directory of those points of contact, keeping in mind that contacts at the "
          "diplomatic, policy and technical levels each serve a distinct purpose. Regular exercises among "
          "points of contact strengthen their readiness to communicate in times of crisis.", marker="12."),
        P("States are encouraged to consider the following cooperative measures:", marker="13."),
        P("Voluntary sharing of national views on how international law applies to the use of information "
          "and communications technologies by States;", marker="(a)", level=1),
        P("Regular dialogue through bilateral, regional and multilateral consultations;", marker="(b)", level=1),
        P("Voluntary exchanges of national threat assessments and of information on vulnerabilities.",
          marker="(c)", level=1),
        P("International cooperation and assistance in capacity-building", marker="IV.", kind="heading"),
        P("Capacity-building is a reciprocal endeavour, a so-called two-way street, in which participants "
          "learn from each other and all sides benefit from the general improvement of global security.",
          marker="14."),
        P("Capacity-building should respect human rights and fundamental freedoms, be gender sensitive and "
          "inclusive, and be demand-driven, corresponding to nationally identified needs and priorities.",
          marker="15."),
        P("Conclusions and recommendations for future work", marker="V.", kind="heading"),
        P("The Group recommends that States take the present report into account in their use of "
          "information and communications technologies and that the General Assembly consider the "
          "establishment of a regular institutional dialogue under the auspices of the United Nations.",
          marker="16."),
        P("Annex", kind="centred"),
        P("List of members of the Group", kind="heading"),
        P("The following experts participated in the work of the Group in their personal capacity, as "
          "nominated by their Governments.", ),
    ]
    return print_pdf(path, Layout(header, footer, masthead), body, title=f"{job} - {UN_REPORT_SYMBOL} - E")


# --- an OSCE Permanent Council decision ----------------------------------------------------------

OSCE_SYMBOL = "PC.DEC/1202"

_CBMS = (
    "Participating States will voluntarily provide their national views on various aspects of national and "
    "transnational threats to and in the use of information and communication technologies.",
    "Participating States will voluntarily facilitate co-operation among the competent national bodies and "
    "exchange information in relation with security of and in the use of such technologies.",
    "Participating States will on a voluntary basis and at the appropriate level hold consultations in order to "
    "reduce the risks of misperception, and of possible emergence of political or military tension or conflict.",
    "Participating States will voluntarily share information on measures that they have taken to ensure an open, "
    "interoperable, secure and reliable Internet.",
    "Participating States will use the OSCE as a platform for dialogue, exchange of best practices, awareness-"
    "raising and information on capacity-building regarding security of and in the use of such technologies.",
    "Participating States are encouraged to have in place modern and effective national legislation to "
    "facilitate on a voluntary basis bilateral co-operation and effective, time-sensitive information exchange.",
    "Participating States will voluntarily share information on their national organization, strategies, "
    "policies and programmes, including on co-operation between the public and the private sector.",
    "Participating States will nominate a contact point to facilitate pertinent communications and dialogue on "
    "security of and in the use of information and communication technologies.^",
    "Participating States will, at the level of national experts, meet at least three times each year within "
    "the framework of the Informal Working Group to discuss information exchanged and explore development of "
    "further confidence-building measures.",
    "Participating States will, on a voluntary basis, share information on their national terminology related "
    "to security of and in the use of information and communication technologies.",
    "Participating States will, on a voluntary basis, exchange views using OSCE platforms and mechanisms to "
    "facilitate communication regarding the protection of critical infrastructure.",
    "Participating States will, on a voluntary basis, encourage responsible reporting of vulnerabilities "
    "affecting the security of and in the use of information and communication technologies.",
)


def osce_decision(path: Path) -> Path:
    def header(page: int, total: int):
        return [] if page == 1 else [(OSCE_SYMBOL, "R"), ("10 March 2016", "R")]

    def footer(page: int, total: int):
        return [("PCOEJ1092", "L")] if page == 1 else [(f"- {page} -", "C")]

    masthead = [
        ("Organization for Security and Co-operation in Europe", "C", 11), ("Permanent Council", "L", 9),
        (OSCE_SYMBOL, "R", 9), ("10 March 2016", "R", 9), ("Original: ENGLISH", "R", 9),
        ("1092nd Plenary Meeting", "L", 9), ("PC Journal No. 1092, Agenda item 1", "L", 9),
    ]
    P = Para
    body = [
        P("DECISION No. 1202", kind="centred"),
        P("OSCE CONFIDENCE-BUILDING MEASURES TO REDUCE THE RISKS OF CONFLICT STEMMING FROM THE USE OF "
          "INFORMATION AND COMMUNICATION TECHNOLOGIES", kind="centred"),
        P("The Permanent Council,"),
        P("Recalling Permanent Council Decision No. 1039 of 26 April 2012 and Decision No. 1106 of "
          "3 December 2013 on an initial set of confidence-building measures,"),
        P("Reaffirming that the measures are voluntary and do not impose obligations under international law,"),
        P("Adopts the following set of OSCE confidence-building measures:"),
    ]
    for k, text in enumerate(_CBMS, start=1):
        body.append(P(text, marker=f"{k}.", notes=("Contact points are listed in the OSCE directory maintained "
                                                   "by the Transnational Threats Department.",) if "^" in text else ()))
    body.append(P("Decides that the participating States will review the implementation of these measures at "
                  "the annual meeting of the Informal Working Group."))
    body.append(P("Attachment to PC.DEC/1202", kind="centred"))
    body.append(P("INTERPRETATIVE STATEMENT UNDER PARAGRAPH IV.1(A)6 OF THE RULES OF PROCEDURE", kind="centred"))
    body.append(P("The delegation welcomes the adoption of the decision and requests that this statement be "
                  "attached to the decision and included in the journal of the day."))
    return print_pdf(path, Layout(header, footer, masthead), body, title="PC.DEC/1202")


# --- EU Council conclusions ----------------------------------------------------------------------

EU_DOC = "7925/18"


def eu_conclusions(path: Path) -> Path:
    def header(page: int, total: int):
        return []

    def footer(page: int, total: int):
        return [(f"{EU_DOC}    JF/mk    {page}", "L"), ("RELEX.2.B    EN", "C")]

    masthead = [
        ("Council of the", "L", 9), ("European Union", "L", 9), ("Brussels, 16 April 2018", "R", 9),
        ("(OR. en)", "R", 9), (EU_DOC, "R", 9), ("CYBER 74", "L", 9), ("OUTCOME OF PROCEEDINGS", "L", 9),
        ("From: General Secretariat of the Council", "L", 9), ("To: Delegations", "L", 9),
    ]
    P = Para
    lay = Layout(header, footer, masthead, first_line_indent=True, size=12.5)
    body = [
        P("Council conclusions on malicious cyber activities", kind="heading"),
        P("Delegations will find in the annex the Council conclusions on malicious cyber activities, approved by "
          "the Council at its 3611th meeting held on 16 April 2018."),
        P("ANNEX", kind="centred"),
        P("THE COUNCIL OF THE EUROPEAN UNION,"),
    ]
    paras = [
        "RECALLS its conclusions on the Joint Communication on resilience, deterrence and defence,^ and "
        "underlines that the Union is committed to an open, free, stable and secure cyberspace.",
        "STRESSES that the same rights that people have offline must also be protected online, and that "
        "international law, in particular the Charter of the United Nations, is applicable to cyberspace.",
        "NOTES the increased ability and willingness of State and non-State actors to pursue their objectives "
        "by undertaking malicious cyber activities of varying scope, scale, duration, intensity and complexity.",
        "FIRMLY CONDEMNS the malicious use of information and communications technologies, including in the "
        "incidents known as WannaCry and NotPetya, which have caused significant damage and economic loss "
        "in the Union and beyond.",
        "UNDERLINES that a joint diplomatic response to malicious cyber activities, including through the "
        "framework adopted in June 2017,^ contributes to conflict prevention and to stability in international "
        "relations.",
        "EMPHASISES the importance of capacity-building in third countries and calls on the Member States "
        "to continue to work together to strengthen the resilience of their networks.",
        "CALLS for the continued implementation of the confidence-building measures agreed in the "
        "Organization for Security and Co-operation in Europe, which increase transparency and reduce the "
        "risk of misperception and escalation.",
        "ENCOURAGES the Member States to share information on malicious cyber activities and on the measures "
        "they take in response, in accordance with their national law and with due regard to the protection "
        "of classified information and of personal data.",
        "WELCOMES the work of the European Union Agency for Cybersecurity in support of the Member States, "
        "including in the field of certification, standardisation and awareness-raising among citizens and "
        "small and medium-sized enterprises.",
        "RECOGNISES the importance of a strong and sustained engagement with international partners, and of "
        "close co-operation with the private sector, civil society and the technical community, in promoting "
        "responsible behaviour in cyberspace.",
        "REITERATES that States should not knowingly allow their territory to be used for internationally "
        "wrongful acts using information and communications technologies, as set out in the reports of the "
        "Groups of Governmental Experts endorsed by the United Nations General Assembly.",
        "UNDERLINES that the attribution of malicious cyber activities remains a sovereign political decision "
        "taken on a case-by-case basis, and that not all measures of the joint diplomatic response require "
        "attribution to a State.",
        "INVITES the High Representative and the Commission to report on the implementation of these "
        "conclusions before the end of the year, taking stock of the exercises conducted in the meantime.",
        "CONFIRMS its commitment to the settlement of international disputes in cyberspace by peaceful means, "
        "and to the promotion of the norms, rules and principles of responsible State behaviour.",
        "AGREES to keep these conclusions under review in the light of developments in the threat landscape.",
    ]
    notes = ["Doc. 14435/17.", "Doc. 9916/17."]
    for k, text in enumerate(paras, start=1):
        body.append(P(text, marker=f"{k}.", notes=tuple(notes.pop(0) for _ in range(text.count("^")))))
    return print_pdf(path, lay, body, title="st07925.en18")


# --- a French-language UN resolution ------------------------------------------------------------

FR_SYMBOL = "A/RES/78/16"


def french_resolution(path: Path) -> Path:
    job = "23-24434"

    def header(page: int, total: int):
        return [] if page == 1 else [(FR_SYMBOL, "R" if page % 2 else "L"),
                                     ("Programme d'action visant à promouvoir le comportement responsable des États",
                                      "R" if page % 2 else "L")]

    def footer(page: int, total: int):
        if page == 1:
            return [(f"{job} (F)", "L"), ("*2324434*", "L")]
        return [(f"{page}/{total}", "L" if page % 2 == 0 else "R"), (job, "R" if page % 2 == 0 else "L")]

    masthead = [
        ("Nations Unies", "L", 10), (FR_SYMBOL, "R", 16), ("Assemblée générale", "L", 16),
        ("Distr. générale", "R", 9), ("8 décembre 2023", "R", 9), ("Soixante-dix-huitième session", "L", 9),
        ("Point 94 de l'ordre du jour", "L", 9),
        ("Résolution adoptée par l'Assemblée générale le 4 décembre 2023", "L", 11),
        ("[sur la base du rapport de la Première Commission (A/78/404, par. 35)]", "L", 9),
    ]
    P = Para
    pre = [
        "Réaffirmant ses résolutions 73/27 du 5 décembre 2018 et 76/19 du 6 décembre 2021, ainsi que les rapports "
        "des groupes d'experts gouvernementaux^,",
        "Constatant que plusieurs États développent des capacités informatiques à des fins militaires et que "
        "l'utilisation de ces technologies dans de futurs conflits devient plus probable,",
        "Soulignant qu'il importe de renforcer les capacités de tous les États, en particulier des pays en "
        "développement, afin qu'ils puissent participer pleinement aux travaux,",
    ]
    pre += [
        "Rappelant que les États ont la responsabilité première du maintien d'un environnement numérique sûr et "
        "pacifique, et que la coopération internationale est essentielle pour réduire les risques,",
        "Convaincue qu'il est nécessaire de poursuivre les travaux sur les normes, règles et principes de "
        "comportement responsable des États dans le cadre des Nations Unies,",
        "Prenant note avec satisfaction des propositions présentées par les États Membres au sujet d'un "
        "mécanisme permanent, ainsi que des consultations tenues avec les autres parties prenantes,",
        "Consciente que l'écart numérique entre les pays reste important et qu'il convient de le réduire par "
        "des programmes de renforcement des capacités adaptés aux besoins nationaux,",
    ]
    ops = [
        "Se félicite du rapport final du Groupe de travail à composition non limitée sur la sécurité du numérique "
        "et de son utilisation^ ;",
        "Décide de créer un mécanisme permanent, inclusif et orienté vers l'action, dénommé programme d'action, "
        "chargé de promouvoir le comportement responsable des États dans l'utilisation des technologies du "
        "numérique ;",
        "Décide également que le programme d'action aura pour objectifs :",
    ]
    subs = [
        "De renforcer les capacités des États dans le domaine de la sécurité du numérique ;",
        "De faciliter la mise en œuvre des normes de comportement responsable des États ;".replace("œ", "oe"),
        "De favoriser la coopération entre les États et les autres parties prenantes.",
    ]
    body = [P("78/16. Programme d'action visant à promouvoir le comportement responsable des États dans "
              "l'utilisation des technologies de l'information et des communications dans le contexte de la "
              "sécurité internationale", kind="heading"), P("L'Assemblée générale,")]
    notes = ["A/65/201, A/68/98 et A/70/174.", "A/78/265."]
    body += [P(t, notes=(notes.pop(0),) if "^" in t else ()) for t in pre]
    for k, t in enumerate(ops, start=1):
        body.append(P(t, marker=f"{k}.", notes=(notes.pop(0),) if "^" in t else ()))
    body += [P(t, marker=f"{chr(97 + k)})", level=1) for k, t in enumerate(subs)]
    body.append(P("Prie le Secrétaire général de lui présenter, à sa soixante-dix-neuvième session, un rapport sur "
                  "l'application de la présente résolution.", marker="4."))
    body.append(P("45e séance plénière", kind="centred"))
    body.append(P("4 décembre 2023", kind="centred"))
    return print_pdf(path, Layout(header, footer, masthead, size=12.5), body, title=f"{job} (F)")


# --- a NATO summit communique, as the web page publishes it ---------------------------------------

_NATO_PARAS = (
    "We, the Heads of State and Government of the member countries of the North Atlantic Alliance, have met in "
    "Vilnius at a time of heightened tension, to reaffirm our commitment to collective defence.",
    "Our Alliance is defensive. We will continue to work together to protect our populations and territory, "
    "in accordance with the principles of the Charter of the United Nations.",
    "Cyber threats to the security of the Alliance are complex, destructive and coercive, and are becoming ever "
    "more frequent. We will continue to employ the full range of capabilities to deter, defend against and "
    "counter the full spectrum of cyber threats.",
    "We reaffirm that a decision as to when a cyber attack would lead to the invocation of Article 5 would be "
    "taken by the North Atlantic Council on a case-by-case basis.",
    "We endorse a new concept to enhance the contribution of cyberspace as a domain of operations to the "
    "Alliance's overall deterrence and defence posture. We will establish the Integrated Cyber Defence Centre "
    "to improve network protection and situational awareness.",
    "We will continue to promote a free, open, peaceful and secure cyberspace, and to support the framework "
    "for responsible State behaviour in cyberspace agreed at the United Nations.",
    "We are committed to strengthening our resilience, including of critical undersea infrastructure, and "
    "to sharing information on threats and incidents with partners and industry.",
)


def nato_communique(path: Path) -> Path:
    paras = "\n".join(f"<p>{k}.&nbsp;&nbsp;{html_escape(t)}</p>" for k, t in enumerate(_NATO_PARAS, start=1))
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>NATO - Official text: Vilnius Summit Communique, 11-Jul.-2023</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/topics">Topics</a></li>
<li><a href="/search">Search</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/official_texts">Official texts</a></div>
<main><article>
<h1>Vilnius Summit Communique</h1>
<p class="issued"><em>Issued by NATO Heads of State and Government participating in the meeting of the North
Atlantic Council in Vilnius 11 July 2023.</em></p>
{paras}
</article></main>
<footer><p>Follow us on social media</p><p>Cookie settings. We use cookies to improve your experience.</p>
<p>Copyright NATO 2023</p></footer></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- a national strategy, as a Word document ------------------------------------------------------

def national_strategy(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "National Cyber Security Strategy 2024-2028"
    d.add_heading("National Cyber Security Strategy 2024-2028", level=0)
    d.add_heading("1. Introduction", level=1)
    d.add_paragraph("This strategy sets out how the Government will protect the country's networks and "
                    "information systems and how it will work with international partners to promote a free, "
                    "open and secure cyberspace.")
    d.add_heading("2. Strategic objectives", level=1)
    d.add_paragraph("The Government pursues the following objectives:")
    for item in ("Resilient critical infrastructure and essential services;",
                 "A skilled workforce and an informed public;",
                 "Effective international cooperation on norms and confidence-building measures."):
        d.add_paragraph(item, style="List Bullet")
    d.add_heading("2.1 International engagement", level=2)
    d.add_paragraph("The Ministry of Foreign Affairs will lead the country's engagement in the United Nations "
                    "Open-ended Working Group and in the Programme of Action, and will designate a national "
                    "point of contact for the OSCE confidence-building measures.")
    d.add_paragraph("Priority actions for the period 2024-2028 are:")
    for item in ("Publish a national position on how international law applies in cyberspace by 2025.",
                 "Fund regional capacity-building programmes with partner countries.",
                 "Hold an annual exercise with the national points of contact."):
        d.add_paragraph(item, style="List Number")
    d.add_heading("3. Governance", level=1)
    table = d.add_table(rows=3, cols=2)
    for r, (who, what) in enumerate((("Body", "Role"), ("National Cyber Security Centre", "Incident response"),
                                     ("Ministry of Foreign Affairs", "Cyber diplomacy"))):
        table.rows[r].cells[0].text, table.rows[r].cells[1].text = who, what
    d.add_paragraph("The National Cyber Security Council reviews the implementation of this strategy every year.")
    d.save(str(path))
    return path


# --- held out: written after the fixes above, never used to tune them -----------------------------
# Other documents of the same kinds, with layouts varied: the job number and page number on one footer line,
# a two-line running header, "Page 2 of 3" numbering, footnotes on several pages, three-level numbering.

_OEWG_TOPICS = (
    ("Existing and potential threats", (
        "States expressed concern that the malicious use of information and communications technologies by "
        "State and non-State actors continued to grow in scope, scale, severity and sophistication.",
        "Ransomware attacks against hospitals, schools and local authorities were raised by many delegations, "
        "who noted their disruptive effect on essential services and on public trust.^",
        "States also noted the potential risks that emerging technologies, including artificial intelligence, "
        "could pose to the security of information and communications technology products.")),
    ("Rules, norms and principles of responsible State behaviour", (
        "States reaffirmed the eleven voluntary, non-binding norms of responsible State behaviour and "
        "recognized that additional norms could continue to be developed over time.",
        "States are invited to consider the following steps to implement the norm on the protection of "
        "critical infrastructure:",
        "States exchanged views on the implementation checklist annexed to the present report and on its "
        "usefulness as a voluntary tool for developing countries.^")),
    ("Confidence-building measures", (
        "States welcomed the establishment of a global, intergovernmental points of contact directory and "
        "encouraged all States that have not yet done so to nominate diplomatic and technical points of contact.",
        "States recalled that confidence-building measures developed at the regional level can serve as "
        "building blocks for measures at the global level, and that regional bodies can share their experience.",
        "States agreed to conduct a ping test of the directory at least once a year and to report on its "
        "results, so that the directory remains accurate and operational.")),
)


def oewg_report(path: Path) -> Path:
    symbol, job = "A/78/265", "23-15081"

    def header(page: int, total: int):
        return [] if page == 1 else [(symbol, "R"), ("Annual progress report of the open-ended working group", "R")]

    def footer(page: int, total: int):
        return [(f"{job} (E)    080823", "L")] if page == 1 else [(f"{job}    {page}/{total}", "R")]

    masthead = [("United Nations", "L", 10), (symbol, "R", 16), ("General Assembly", "L", 16),
                ("Distr.: General", "R", 9), ("1 August 2023", "R", 9), ("Original: English", "R", 9),
                ("Seventy-eighth session", "L", 9), ("Item 94 of the provisional agenda*", "L", 9),
                ("Developments in the field of information and telecommunications in the context of", "L", 9),
                ("international security", "L", 9)]
    P = Para
    body = [P("Open-ended working group on security of and in the use of information and communications "
              "technologies 2021-2025", kind="heading"),
            P("Note by the Secretary-General", kind="centred"),
            P("The Secretary-General has the honour to transmit herewith the second annual progress report of the "
              "open-ended working group, adopted by consensus at its fifth session.")]
    n, notes = 0, ["See, for example, the statements delivered at the fourth session of the working group.",
                   "The checklist is contained in annex A to the present report."]
    for k, (title, paras) in enumerate(_OEWG_TOPICS):
        body.append(P(title, marker=f"{chr(65 + k)}.", kind="heading"))
        for text in paras:
            n += 1
            body.append(P(text, marker=f"{n}.", notes=(notes.pop(0),) if "^" in text else ()))
            if text.endswith("critical infrastructure:"):
                for j, sub in enumerate(("Identify the infrastructure they consider critical and the entities "
                                         "that operate it;",
                                         "Establish or designate a national computer emergency response team;",
                                         "Cooperate with other States on incidents that affect critical "
                                         "infrastructure across borders.")):
                    body.append(P(sub, marker=f"({chr(97 + j)})", level=1))
    body.append(P("Annex A", kind="centred"))
    body.append(P("Voluntary checklist of practical actions", kind="heading"))
    body.append(P("The checklist lists practical actions that States may take, on a voluntary basis, to implement "
                  "the norms of responsible State behaviour."))
    return print_pdf(path, Layout(header, footer, masthead, size=12), body, title=f"N{job.replace('-', '')}")


def osce_decision_1106(path: Path) -> Path:
    symbol = "PC.DEC/1106"

    def header(page: int, total: int):
        return [] if page == 1 else [(symbol, "L"), ("3 December 2013", "L")]

    def footer(page: int, total: int):
        return [(f"Page {page} of {total}", "C")]

    masthead = [("Organization for Security and Co-operation in Europe", "C", 11), ("Permanent Council", "L", 9),
                (symbol, "R", 9), ("3 December 2013", "R", 9), ("Original: ENGLISH", "R", 9),
                ("975th Plenary Meeting", "L", 9), ("PC Journal No. 975, Agenda item 1", "L", 9)]
    measures = (
        "Participating States will voluntarily provide their national views on various aspects of national and "
        "transnational threats to and in the use of information and communication technologies.",
        "Participating States will voluntarily facilitate co-operation among the competent national bodies and "
        "exchange information in relation with security of and in the use of these technologies.",
        "Participating States will on a voluntary basis and at the appropriate level hold consultations in order "
        "to reduce the risks of misperception and of possible emergence of political or military tension.",
        "Participating States will voluntarily share information on measures that they have taken to ensure an "
        "open, interoperable, secure, and reliable Internet.",
        "Participating States will use the OSCE as a platform for dialogue, exchange of best practices, awareness-"
        "raising and information on capacity-building regarding security of and in the use of these technologies.",
        "Participating States will nominate a contact point to facilitate pertinent communications and dialogue "
        "on security of and in the use of information and communication technologies.",
        "Participating States will, at the level of national experts, meet at least three times each year, within "
        "the framework of the Security Committee, to discuss information exchanged and to explore appropriate "
        "development of confidence-building measures.",
    )
    P = Para
    body = [P("DECISION No. 1106", kind="centred"),
            P("INITIAL SET OF OSCE CONFIDENCE-BUILDING MEASURES TO REDUCE THE RISKS OF CONFLICT STEMMING FROM "
              "THE USE OF INFORMATION AND COMMUNICATION TECHNOLOGIES", kind="centred"),
            P("The Permanent Council,"),
            P("Recalling Permanent Council Decision No. 1039 on the development of confidence-building measures to "
              "reduce the risks of conflict stemming from the use of information and communication technologies,"),
            P("Adopts the initial set of OSCE confidence-building measures as follows:")]
    body += [P(t, marker=f"{k}.") for k, t in enumerate(measures, start=1)]
    body.append(P("Requests the Secretary General to continue supporting the implementation of the measures within "
                  "existing resources."))
    return print_pdf(path, Layout(header, footer, masthead, size=12.5), body, title=symbol)


def eu_conclusions_2023(path: Path) -> Path:
    doc = "10086/23"

    def header(page: int, total: int):
        return []

    def footer(page: int, total: int):
        return [(f"{doc}    AP/ik    {page}", "L"), ("ANNEX    GIP.B    EN", "C")] if page > 1 else \
            [(f"{doc}    AP/ik    {page}", "L"), ("GIP.B    EN", "C")]

    masthead = [("Council of the", "L", 9), ("European Union", "L", 9), ("Luxembourg, 20 June 2023", "R", 9),
                ("(OR. en)", "R", 9), (doc, "R", 9), ("CYBER 148 COPS 310 RELEX 704", "L", 9),
                ("OUTCOME OF PROCEEDINGS", "L", 9), ("From: General Secretariat of the Council", "L", 9),
                ("To: Delegations", "L", 9), ("No. prev. doc.: 9364/23", "L", 9)]
    paras = [
        "REAFFIRMS its commitment to the peaceful settlement of international disputes in cyberspace and to an "
        "open, free, global, stable and secure cyberspace where human rights apply.",
        "WELCOMES the progress made in the open-ended working group and SUPPORTS the establishment of a "
        "permanent programme of action under the auspices of the United Nations.^",
        "CONDEMNS the continued malicious cyber activities targeting critical infrastructure, and CALLS on all "
        "States to exercise due diligence and to take appropriate action against actors conducting them.",
        "HIGHLIGHTS the importance of the Cyber Diplomacy Toolbox and INVITES the High Representative to "
        "update its implementing guidelines, taking into account lessons learned since their adoption.^",
        "ENCOURAGES the Member States to continue to share their national positions on the application of "
        "international law in cyberspace, and to contribute to capacity-building in partner countries.",
        "STRESSES the need for close co-operation with like-minded partners, the private sector, academia "
        "and civil society in preventing, discouraging, deterring and responding to malicious cyber activities.",
        "CALLS for the further development of the EU Cyber Defence Policy and for synergies between civilian "
        "and military cyber capabilities, in full respect of the competences of the Member States.",
        "UNDERLINES the importance of resilient supply chains for information and communications technology "
        "products and services, including through the implementation of common security requirements.",
    ]
    notes = ["A/RES/77/37.", "Doc. 13925/19."]
    P = Para
    body = [P("Council conclusions on the EU Policy on Cyber Defence", kind="heading"),
            P("Delegations will find in the annex the Council conclusions on the EU Policy on Cyber Defence, approved "
              "by the Council at its meeting held on 20 June 2023."),
            P("ANNEX", kind="centred"), P("THE COUNCIL OF THE EUROPEAN UNION,")]
    for k, text in enumerate(paras, start=1):
        body.append(P(text, marker=f"{k}.", notes=tuple(notes.pop(0) for _ in range(text.count("^")))))
    return print_pdf(path, Layout(header, footer, masthead, first_line_indent=True, size=12.5), body,
                     title="st10086.en23")


HELD_OUT = {
    "A-78-265-OEWG-report.pdf": (oewg_report, "A/78/265", "2023-08-01"),
    "OSCE-PC-DEC-1106.pdf": (osce_decision_1106, "PC.DEC/1106", "2013-12-03"),
    "EU-council-conclusions-cyber-defence.pdf": (eu_conclusions_2023, None, "2023-06-20"),
}


def assert_cited_as_printed(doc, name: str) -> None:
    """Every checked paragraph of document `name` (PRINTED) carries, in the loaded document, the label it is printed
    with, found in reading order."""
    from assistant import structure

    cursor = 0
    for para in PRINTED.get(name, []):
        if para.label:
            at = doc.text.find(para.text.replace("^", "")[:60], cursor)
            cursor = at + 1
            assert at >= 0 and structure.label_at(doc.anchors, at) == para.label, para.text[:60]
