"""More document layouts the real-document folder does not hold, printed at test time (issue #11, fourth session).

Kinds officials work from, each laid out as its publisher does, and typesetting the first fixtures
(tests/unseen_layouts.py) did not have: two-column pages (the EU Official Journal), a running footer printed
on one page only, titles in capitals over several lines, footnotes continued on the next page, paragraphs
numbered "1" and lettered "a" without punctuation (Council of Europe treaties), recitals "(1)", articles
with their titles, a signatories list, and Word documents whose numbers live in the automatic numbering
(numPr), not in the text.

The documents are split BEFORE any fix was made: HELD_OUT was written first and its output not looked at
until the end of the session; TUNING is what the fixes were made on. The wording is written for these tests,
modelled on the public layouts; it quotes none of them at length.
"""
from __future__ import annotations

import re
from pathlib import Path

from unseen_layouts import LINE, PRINTED, RIGHT, LEFT, BODY_TOP, BODY_BOTTOM, Para, _split_words

P = Para


# --- the printer: one or two columns, footnotes that may continue on the next page -------------------

def print_doc(path: Path, paras: list[Para], header, footer, masthead=(), title_block=(), columns: int = 1,
              size: float = 11.0, inline_markers: bool = False, split_notes: bool = False,
              title: str | None = None, font: str = "Times") -> Path:
    """Lay out `paras` on A4 pages. `masthead`: (text, align, size) lines on page 1; `title_block`: paragraphs
    printed across the full width on page 1 before the columns start; `inline_markers`: "1 Each Party" on one
    line (the marker is part of the first printed line); `split_notes`: a footnote longer than two lines that
    does not fit goes on at the foot of the next page, as typesetters do."""
    from fpdf import FPDF

    PRINTED[path.name] = list(title_block) + list(paras)
    gap = 8.0
    col_w = (RIGHT - LEFT - gap * (columns - 1)) / columns

    def render(total: int) -> int:
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        if title:
            pdf.set_title(title)
        st = {"page": 0, "y": 0.0, "col": 0, "top": BODY_TOP, "notes": [], "carry": [], "no": 0}

        def note_lines(text: str) -> list[str]:
            pdf.set_font(font, size=8.5)
            return _split_words(pdf, text, RIGHT - LEFT - 8)

        def note_height() -> float:
            n = sum(len(e[1]) for e in st["carry"] + st["notes"])
            return 6 + 4.2 * n if n else 0.0

        def finish_page() -> None:
            pdf.set_font(font, size=8.5)
            entries = st["carry"] + st["notes"]
            st["carry"] = []
            if split_notes and st["notes"] and len(st["notes"][-1][1]) > 2 and st["notes"][-1][2]:
                num, lines, _ = st["notes"][-1]
                entries[-1] = (num, lines[:2], False)
                st["carry"] = [("", lines[2:], False)]
            if entries:
                y = BODY_BOTTOM - (6 + 4.2 * sum(len(e[1]) for e in entries)) + 2
                pdf.set_xy(LEFT, y)
                pdf.cell(40, 3, "__________________")
                y += 5
                for num, lines, _ in entries:
                    if num:
                        pdf.set_xy(LEFT + 2, y)
                        pdf.cell(6, 4, num)
                    for line in lines:
                        pdf.set_xy(LEFT + 8, y)
                        pdf.cell(RIGHT - LEFT - 8, 4, line)
                        y += 4.2
            pdf.set_font(font, size=9)
            y = 270.0
            for text, align in footer(st["page"], total):
                pdf.set_xy(LEFT, y)
                pdf.cell(RIGHT - LEFT, 4, text, align=align)
                y += 4.5

        def new_page(finish: bool = True) -> None:
            if st["page"] and finish:
                finish_page()
            pdf.add_page()
            st["page"] += 1
            st["notes"] = []
            st["col"] = 0
            pdf.set_font(font, size=9)
            y = 12.0
            for text, align in header(st["page"], total):
                pdf.set_xy(LEFT, y)
                pdf.cell(RIGHT - LEFT, 4, text, align=align)
                y += 4.5
            st["y"] = st["top"] = BODY_TOP
            if st["page"] == 1 and masthead:
                y = 14.0
                for text, align, sz in masthead:
                    pdf.set_font(font if sz < 14 else "Helvetica", "B" if sz >= 14 else "", sz)
                    pdf.set_xy(LEFT, y)
                    pdf.cell(RIGHT - LEFT, sz * 0.45, text, align=align)
                    y += sz * 0.45 + 1.5
                st["y"] = st["top"] = y + 6

        def place(para: Para, x0: float, width: float) -> None:
            style = "B" if para.kind == "heading" else ""
            pdf.set_font(font, style, size)
            pieces = para.text.split("^")
            numbered, numbers = pieces[0], []
            for piece in pieces[1:]:
                st["no"] += 1
                numbers.append(str(st["no"]))
                numbered += f"\x00{st['no']}\x00" + piece
            hang = 10.0 * (para.level + 1) if para.marker and not inline_markers else 0.0
            if inline_markers and para.marker:
                numbered = para.marker + " " + numbered
                hang = 5.0 * para.level
            text_x = x0 + hang
            lines = _split_words(pdf, numbered, width - hang - 2)
            notes = [(n, note_lines(t)) for n, t in zip(numbers, para.notes)]
            pdf.set_font(font, style, size)
            st["y"] += para.space_before
            for k, line in enumerate(lines):
                need = LINE + (sum(4.2 * len(ls) for _, ls in notes) + 6 if k == 0 and notes else 0)
                if st["y"] + need > BODY_BOTTOM - note_height():
                    if columns > 1 and st["col"] + 1 < columns:
                        st["col"] += 1
                        st["y"] = st["top"]
                    else:
                        new_page()
                    x0 = LEFT + st["col"] * (col_w + gap) if x0 > LEFT - 1 and width < RIGHT - LEFT else x0
                    text_x = x0 + hang
                    pdf.set_font(font, style, size)
                if k == 0 and para.marker and not inline_markers:
                    pdf.set_xy(x0 + 10.0 * para.level, st["y"])
                    pdf.cell(10, LINE, para.marker)
                x = text_x
                if para.kind in ("heading", "centred"):
                    x = x0 + (width - pdf.get_string_width(line.replace("\x00", ""))) / 2
                for j, piece in enumerate(line.split("\x00")):
                    if j % 2:
                        pdf.set_font(font, style, size * 0.6)
                        pdf.set_xy(x, st["y"] - 1.2)
                        pdf.cell(pdf.get_string_width(piece) + 0.3, LINE, piece)
                        x += pdf.get_string_width(piece) + 0.3
                        pdf.set_font(font, style, size)
                    elif piece:
                        pdf.set_xy(x, st["y"])
                        pdf.cell(pdf.get_string_width(piece), LINE, piece)
                        x += pdf.get_string_width(piece)
                if k == 0:
                    for n, ls in notes:
                        st["notes"].append((n, ls, True))
                st["y"] += LINE

        new_page()
        for para in title_block:
            place(para, LEFT, RIGHT - LEFT)
        st["top"] = st["y"] + 3
        st["y"] = st["top"]
        for para in paras:
            place(para, LEFT + st["col"] * (col_w + gap), col_w)
        finish_page()
        while st["carry"]:  # a footnote continued after the last page's text
            new_page(finish=False)
            finish_page()
        if total:
            pdf.output(str(path))
        return st["page"]

    render(render(0))
    return path


# =====================================================================================================
# HELD OUT: written first, before any fix; their output was not looked at until the end of the session.
# =====================================================================================================

def hrc_resolution(path: Path) -> Path:
    """A Human Rights Council resolution: UN masthead, "Recalling"/"Noting" preamble, numbered operative
    paragraphs with sub-paragraphs, a footnote continued on the next page, "GE.23-14012(E)" job numbers."""
    symbol, job = "A/HRC/RES/53/29", "GE.23-14012"

    def header(page, total):
        return [] if page == 1 else [(symbol, "L" if page % 2 == 0 else "R")]

    def footer(page, total):
        return [(f"{job}(E)", "L"), ("*2314012*", "L")] if page == 1 else [(f"{page}", "C")]

    masthead = [("United Nations", "L", 10), (symbol, "R", 16), ("General Assembly", "L", 16),
                ("Distr.: General", "R", 9), ("19 July 2023", "R", 9), ("Original: English", "R", 9),
                ("Human Rights Council", "L", 11), ("Fifty-third session", "L", 9),
                ("19 June-14 July 2023", "L", 9), ("Agenda item 3", "L", 9),
                ("Promotion and protection of all human rights, civil, political, economic, social and cultural "
                 "rights, including the right to development", "L", 9)]
    pre = [
        "Guided by the purposes and principles of the Charter of the United Nations,",
        "Recalling all relevant resolutions of the Commission on Human Rights and the Human Rights Council on "
        "the promotion, protection and enjoyment of human rights on the Internet,^",
        "Noting with concern that digital technologies are increasingly used to restrict the exercise of human "
        "rights, including through Internet shutdowns and the arbitrary or unlawful surveillance of users,",
        "Recognizing the global and open nature of the Internet as a driving force in accelerating progress "
        "towards development in its various forms, including in achieving the Sustainable Development Goals,",
        "Noting also the reports of the Special Rapporteur on the promotion and protection of the right to "
        "freedom of opinion and expression,",
    ]
    ops = [
        ("Affirms that the same rights that people have offline must also be protected online, in particular "
         "freedom of expression, which is applicable regardless of frontiers and through any media of one's "
         "choice, in accordance with article 19 of the Universal Declaration of Human Rights;", []),
        ("Condemns unequivocally measures in violation of international human rights law that prevent or "
         "disrupt an individual's ability to seek, receive or impart information online, and calls upon all "
         "States to refrain from and to cease such measures;", []),
        ("Calls upon all States:", [
            "To promote and facilitate access to the Internet and international cooperation aimed at the "
            "development of media and information and communications facilities in all countries;",
            "To address security concerns on the Internet in accordance with their international human rights "
            "obligations to ensure protection of freedom of expression, freedom of association and privacy;",
            "To consider formulating, through transparent and inclusive processes with all stakeholders, and "
            "adopting national Internet-related public policies that have the objective of universal access."]),
        ("Encourages business enterprises, including Internet service providers, to respect human rights in "
         "line with the Guiding Principles on Business and Human Rights,^ and to inform users in a timely "
         "manner about any restriction of their services;", []),
        ("Requests the Office of the United Nations High Commissioner for Human Rights to prepare a report on "
         "the impact of Internet shutdowns on human rights and to present it to the Council at its fifty-sixth "
         "session, followed by an interactive dialogue;", []),
        ("Decides to continue its consideration of this issue under the same agenda item.", []),
    ]
    notes = ["See, inter alia, Human Rights Council resolutions 20/8 of 5 July 2012, 26/13 of 26 June 2014, "
             "32/13 of 1 July 2016, 38/7 of 5 July 2018 and 47/16 of 13 July 2021, and the reports of the Secretary-"
             "General and of the Office of the High Commissioner submitted pursuant to those resolutions, as well as "
             "the joint declarations adopted by the special mandate holders on freedom of expression.",
             "A/HRC/17/31, annex."]
    body = [P("Resolution adopted by the Human Rights Council on 13 July 2023", kind="centred"),
            P("53/29. The promotion, protection and enjoyment of human rights on the Internet", kind="heading"),
            P("The Human Rights Council,", label="preamble")]
    for t in pre:
        body.append(P(t, notes=tuple(notes.pop(0) for _ in range(t.count("^"))), label="preamble"))
    for k, (t, subs) in enumerate(ops, start=1):
        body.append(P(t, marker=f"{k}.", notes=tuple(notes.pop(0) for _ in range(t.count("^")))))
        for j, s in enumerate(subs):
            body.append(P(s, marker=f"({chr(97 + j)})", level=1, label=f"para. {k}({chr(97 + j)})"))
    body.append(P("43rd meeting 13 July 2023", kind="centred"))
    body.append(P("[Adopted without a vote.]", kind="centred"))
    return print_doc(path, body, header, footer, masthead, split_notes=True, title=f"{job} - {symbol}")


def osce_ministerial_decision(path: Path) -> Path:
    """An OSCE Ministerial Council decision with an annex: masthead, a title in capitals over three lines, a
    footer printed on the first page only, the annex's own numbered measures."""
    symbol = "MC.DEC/5/16"

    def header(page, total):
        return [] if page == 1 else [(symbol, "L"), ("9 December 2016", "L")]

    def footer(page, total):
        return [("MCDFJ02", "L")] if page == 1 else [(f"- {page} -", "C")] if page == 2 else []

    masthead = [("Organization for Security and Co-operation in Europe", "C", 11), ("Ministerial Council", "L", 9),
                ("Hamburg 2016", "L", 9), (symbol, "R", 9), ("9 December 2016", "R", 9),
                ("Original: ENGLISH", "R", 9), ("2nd day of the Twenty-Third Meeting", "L", 9),
                ("MC(23) Journal No. 2, Agenda item 7", "L", 9)]
    body = [
        P("DECISION No. 5/16", kind="centred"),
        P("OSCE EFFORTS RELATED TO REDUCING THE RISKS OF CONFLICT STEMMING FROM THE USE OF INFORMATION AND "
          "COMMUNICATION TECHNOLOGIES IN THE CONTEXT OF REGIONAL AND GLOBAL SECURITY", kind="centred"),
        P("The Ministerial Council,", label="preamble"),
        P("Reaffirming the commitments of the participating States to refrain from the threat or use of force "
          "and to settle their disputes by peaceful means,", label="preamble"),
        P("Welcoming the adoption by the Permanent Council of Decision No. 1202 on confidence-building measures to "
          "reduce the risks of conflict stemming from the use of information and communication technologies,",
          label="preamble"),
        P("Decides to:"),
        P("Intensify individual and collective efforts to address security of and in the use of information and "
          "communication technologies in a comprehensive and cross-dimensional manner;", marker="1."),
        P("Continue the work of the informal working group established by Permanent Council Decision No. 1039, "
          "under the auspices of the Security Committee, on the implementation of the confidence-building "
          "measures set out in the annex to this decision;", marker="2."),
        P("Task the Secretariat to support participating States, upon their request and within available "
          "resources, in implementing the measures, including through the exchange of national good practices;",
          marker="3."),
        P("Encourage the participating States to make use of the communication network for the purpose of "
          "the measures and to keep their contact points up to date.", marker="4."),
        P("Annex", kind="centred"),
        P("MEASURES FOR IMPLEMENTATION", kind="centred"),
        P("Participating States will review annually the list of their national contact points and inform the "
          "Secretariat of any change within thirty days.", marker="1."),
        P("Participating States will, on a voluntary basis, conduct communication checks of the network with "
          "the support of the Transnational Threats Department.", marker="2."),
        P("Participating States will, on a voluntary basis, share examples of national practice in the "
          "protection of critical infrastructure from risks stemming from information and communication "
          "technologies.", marker="3."),
    ]
    return print_doc(path, body, header, footer, masthead, size=12.0, title=symbol)


def eu_directive(path: Path) -> Path:
    """An excerpt of an EU directive as printed in the Official Journal: two columns, the "L 333/80" running
    header alternating sides, recitals "(1)", "(2)", articles with titles and numbered paragraphs."""
    def header(page, total):
        n = 79 + page
        return [(f"L 333/{n}    EN    Official Journal of the European Union    27.12.2022", "L" if page % 2 else "R")]

    def footer(page, total):
        return []

    title_block = [
        P("DIRECTIVE (EU) 2022/2555 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", kind="heading"),
        P("of 14 December 2022", kind="centred"),
        P("on measures for a high common level of cybersecurity across the Union, amending Regulation (EU) No "
          "910/2014 and Directive (EU) 2018/1972, and repealing Directive (EU) 2016/1148 (NIS 2 Directive)",
          kind="heading"),
        P("(Text with EEA relevance)", kind="centred"),
    ]
    recitals = [
        "Directive (EU) 2016/1148 of the European Parliament and of the Council aimed to build cybersecurity "
        "capabilities across the Union, mitigate threats to network and information systems used to provide "
        "essential services in key sectors and ensure the continuity of such services when facing incidents.",
        "Since the entry into force of that Directive, significant progress has been made in increasing the "
        "Union's level of cyber resilience, but its review has shown inherent deficiencies that prevent it from "
        "addressing contemporary and emerging cybersecurity challenges effectively.",
        "Network and information systems have developed into a central feature of everyday life with the speedy "
        "digital transformation and interconnectedness of society, including in cross-border exchanges.",
        "The divergent requirements of the Member States lead to fragmentation of the internal market and may "
        "have a detrimental effect on its functioning, affecting in particular the cross-border provision of "
        "services and the level of cyber resilience.",
    ]
    body = [P("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,"),
            P("Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 "
              "thereof,"),
            P("Whereas:")]
    body += [P(t, marker=f"({k})", label=f"recital {k}") for k, t in enumerate(recitals, start=1)]
    body += [P("HAVE ADOPTED THIS DIRECTIVE:"),
             P("CHAPTER I", kind="centred"), P("GENERAL PROVISIONS", kind="centred"),
             P("Article 1", kind="centred"), P("Subject matter", kind="heading"),
             P("This Directive lays down measures that aim to achieve a high common level of cybersecurity across "
               "the Union, with a view to improving the functioning of the internal market.", marker="1.",
               label="art. 1(1)"),
             P("To that end, this Directive lays down:", marker="2.", label="art. 1(2)"),
             P("obligations that require Member States to adopt national cybersecurity strategies and to designate "
               "or establish competent authorities and computer security incident response teams;", marker="(a)",
               level=1, label="art. 1(2)(a)"),
             P("cybersecurity risk-management measures and reporting obligations for entities of a type referred "
               "to in Annex I or II;", marker="(b)", level=1, label="art. 1(2)(b)"),
             P("rules and obligations on cybersecurity information sharing.", marker="(c)", level=1,
               label="art. 1(2)(c)"),
             P("Article 2", kind="centred"), P("Scope", kind="heading"),
             P("This Directive applies to public or private entities of a type referred to in Annex I or II which "
               "qualify as medium-sized enterprises, or exceed the ceilings for medium-sized enterprises, and which "
               "provide their services or carry out their activities within the Union.", marker="1.",
               label="art. 2(1)"),
             P("This Directive does not apply to public administration entities that carry out their activities "
               "in the areas of national security, public security or defence, or law enforcement.", marker="2.",
               label="art. 2(2)")]
    return print_doc(path, body, header, footer, title_block=title_block, columns=2, size=10.0,
                     inline_markers=True, title="OJ L 333, 27.12.2022")


def joint_statement(path: Path) -> Path:
    """A joint statement on a ministry's letterhead: no symbol, a date line, unnumbered paragraphs, a list of
    signatories in two columns of names, "Page 1" footers."""
    def header(page, total):
        return [("Ministry of Foreign Affairs", "R")] if page == 1 else []

    def footer(page, total):
        return [(f"Page {page}", "R")]

    paras = [
        "We, the undersigned States, are deeply concerned by the growing number of ransomware attacks against "
        "hospitals and health care providers, which endanger lives and disrupt essential services at a time "
        "when our societies depend on them most.",
        "We recall that States have committed to act in accordance with the framework of responsible State "
        "behaviour in cyberspace, including the norm that States should not conduct or knowingly support "
        "activity that intentionally damages critical infrastructure.",
        "We call on all States to take reasonable steps to address malicious activity emanating from their "
        "territory, to cooperate in investigating such attacks and to bring those responsible to justice.",
        "We commit to strengthening the resilience of the health sector, including through information sharing "
        "between our national computer emergency response teams and through support for capacity-building.",
    ]
    signatories = ["Australia", "Austria", "Belgium", "Canada", "Chile", "Costa Rica", "Czechia", "Denmark",
                   "Estonia", "Finland", "France", "Germany", "Ireland", "Japan", "Kenya", "Netherlands"]
    body = [P("Joint Statement on Ransomware Attacks against the Health Sector", kind="heading"),
            P("New York, 12 September 2024", kind="centred")]
    body += [P(t) for t in paras]
    body.append(P("The statement is endorsed by the following States:"))
    body += [P(name, space_before=0.5) for name in signatories]
    return print_doc(path, body, header, footer, size=11.5, title="Joint Statement on Ransomware")


def action_plan_docx(path: Path) -> Path:
    """A ministry action plan in Word: numbered paragraphs "1.", "1.1." made by Word's automatic multi-level
    numbering (the numbers live in numPr and numbering.xml, not in the text), under Heading styles."""
    import docx

    d = docx.Document()
    d.core_properties.title = "Cyber Diplomacy Action Plan 2025-2027"
    d.add_heading("Cyber Diplomacy Action Plan 2025-2027", level=0)
    num_id = _multilevel_numbering(d, ["%1.", "%1.%2."])
    d.add_heading("Objectives", level=1)
    items = [
        (0, "The Ministry will promote the framework of responsible State behaviour in cyberspace in all "
            "relevant international forums."),
        (1, "It will take part in the regular institutional dialogue established under the auspices of the "
            "United Nations."),
        (1, "It will publish its national position on the application of international law by the end of 2025."),
        (0, "The Ministry will strengthen cooperation with regional organizations on confidence-building "
            "measures."),
        (1, "It will designate a diplomatic point of contact for the global directory."),
        (0, "The Ministry will support capacity-building in partner countries, in cooperation with the "
            "development agency."),
    ]
    for level, text in items:
        _numbered(d.add_paragraph(text), num_id, level)
    d.add_heading("Review", level=1)
    d.add_paragraph("The plan is reviewed every year by the interministerial cyber coordination committee.")
    d.save(str(path))
    _WORD[path.name] = (ACTION_PLAN_NUMBERS, path)
    return path


# Printed numbers of the held-out Word document, in order: what a reader of the document sees.
ACTION_PLAN_NUMBERS = ["1.", "1.1.", "1.2.", "2.", "2.1.", "3."]


def _multilevel_numbering(d, formats: list[str], fmt: str = "decimal") -> str:
    """Add an abstract numbering with one level per format ("%1.", "%1.%2.") and a num pointing to it;
    returns the numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = d.part.numbering_part.element
    abstract_ids = [int(a.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId"))
                    for a in numbering.findall(
                        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNum")]
    aid = max(abstract_ids, default=0) + 1
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{f}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, f in enumerate(formats))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(aid)
    return str(num.numId)


def _numbered(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


# file name -> (builder, symbol, date) of the held-out documents
HELD_OUT = {
    "A-HRC-RES-53-29.pdf": (hrc_resolution, "A/HRC/RES/53/29", "2023-07-19"),
    "OSCE-MC-DEC-5-16.pdf": (osce_ministerial_decision, "MC.DEC/5/16", "2016-12-09"),
    "EU-directive-2022-2555-excerpt.pdf": (eu_directive, None, "2022-12-14"),
    "joint-statement-ransomware-health.pdf": (joint_statement, None, "2024-09-12"),
    "cyber-diplomacy-action-plan.docx": (action_plan_docx, None, None),
}


# =====================================================================================================
# TUNING: the documents the fixes of the fourth session were made on.
# =====================================================================================================

def sc_resolution(path: Path) -> Path:
    """A Security Council resolution: "S/RES/2341 (2017)" masthead, "Resolution 2341 (2017)" and its adoption
    line, "The Security Council," preamble, numbered operative paragraphs with sub-paragraphs, a footnote
    continued on the next page, a running footer on the first page only."""
    symbol, job = "S/RES/2341 (2017)", "17-03181"

    def header(page, total):
        return [] if page == 1 else [(symbol, "R" if page % 2 else "L")]

    def footer(page, total):
        return [(f"{job} (E)", "L"), ("*1703181*", "L")] if page == 1 else []

    masthead = [("United Nations", "L", 10), (symbol, "R", 16), ("Security Council", "L", 16),
                ("Distr.: General", "R", 9), ("13 February 2017", "R", 9)]
    pre = [
        "Recalling its resolutions 1373 (2001), 1566 (2004), 2129 (2013), 2161 (2014) and 2322 (2016),",
        "Reaffirming its primary responsibility for the maintenance of international peace and security under "
        "the Charter of the United Nations,",
        "Recognizing that each State determines what constitutes its critical infrastructure, and how to "
        "effectively protect it from terrorist attacks, including attacks carried out through information "
        "and communications technologies,^",
        "Noting the increasing cross-border interdependencies between the critical infrastructure sectors of "
        "States, such as energy, transportation, water, banking and finance, and telecommunications,",
    ]
    ops = [
        ("Encourages all States to make concerted and coordinated efforts, including through international "
         "cooperation, to raise awareness, to expand knowledge and understanding of the challenges posed by "
         "terrorist attacks, in order to improve preparedness for such attacks against critical infrastructure;",
         []),
        ("Calls upon Member States to consider developing or further improving their strategies for reducing "
         "risks to critical infrastructure from terrorist attacks, which should include, inter alia:", [
            "the assessment of and raising awareness of the relevant risks;",
            "taking preparedness measures, including effective responses to such attacks;",
            "promoting better interoperability in security and consequence management."]),
        ("Urges States to establish or strengthen national, regional and international partnerships with "
         "stakeholders, both public and private, as appropriate, to share information and experience;", []),
        ("Requests the Counter-Terrorism Committee, with the support of its Executive Directorate, to continue, "
         "as appropriate, to examine Member States' efforts to protect critical infrastructure from terrorist "
         "attacks as relevant to the implementation of resolution 1373 (2001);", []),
        ("Decides to remain seized of the matter.", []),
    ]
    notes = ["See the reports of the Group of Governmental Experts on Developments in the Field of Information "
             "and Telecommunications in the Context of International Security (A/65/201, A/68/98 and A/70/174), "
             "which the General Assembly welcomed, and in particular the recommendations of those reports on "
             "the protection of critical infrastructure and on cooperation between States in this field, which "
             "are also relevant to the prevention of terrorist attacks against such infrastructure."]
    body = [P("Resolution 2341 (2017)", kind="heading"),
            P("Adopted by the Security Council at its 7882nd meeting, on 13 February 2017", kind="centred"),
            P("The Security Council,", label="preamble")]
    body += [P(t, notes=tuple(notes.pop(0) for _ in range(t.count("^"))), label="preamble") for t in pre]
    for k, (t, subs) in enumerate(ops, start=1):
        body.append(P(t, marker=f"{k}."))
        for j, s in enumerate(subs):
            body.append(P(s, marker=f"({chr(97 + j)})", level=1, label=f"para. {k}({chr(97 + j)})"))
    return print_doc(path, body, header, footer, masthead, split_notes=True, size=12.0,
                     title=f"S/RES/2341 (2017)")


def coe_protocol(path: Path) -> Path:
    """A Council of Europe protocol: "Council of Europe Treaty Series - No. 224" on the first page only, a
    title in capitals over several lines, Chapters, Sections, Articles with titles ("Article 7 - Disclosure
    of subscriber information"), paragraphs numbered "1", "2" and letters "a", "b" without punctuation."""
    def header(page, total):
        return [] if page == 1 else [("CETS 224 - Second Additional Protocol, 12.V.2022", "R")]

    def footer(page, total):
        return [("Council of Europe Treaty Series - No. 224", "L")] if page == 1 else [(f"{page}", "R")]

    title_block = [P("SECOND ADDITIONAL PROTOCOL TO THE CONVENTION ON CYBERCRIME ON ENHANCED CO-OPERATION AND "
                     "DISCLOSURE OF ELECTRONIC EVIDENCE", kind="heading"),
                   P("Strasbourg, 12.V.2022", kind="centred")]
    a = "art. "
    body = [
        P("Preamble", kind="centred"),
        P("The member States of the Council of Europe and the other States Parties to the Convention on "
          "Cybercrime, signatories hereto,", label="preamble"),
        P("Bearing in mind the reach and impact of the Convention on Cybercrime in all regions of the world,",
          label="preamble"),
        P("Recognising the need for increased and more efficient co-operation between States and the private "
          "sector in obtaining electronic evidence,", label="preamble"),
        P("Have agreed as follows:"),
        P("Chapter I - Common provisions", kind="centred"),
        P("Article 1 - Purpose", kind="heading"),
        P("The purpose of this Protocol is to supplement the Convention as between the Parties to this Protocol "
          "and the Convention as between the Parties to this Protocol and the First Protocol.", label=f"{a}1"),
        P("Article 2 - Scope of application", kind="heading"),
        P("Except as otherwise specified herein, the measures described in this Protocol shall be applied:",
          marker="1", label=f"{a}2(1)"),
        P("as between Parties to the Convention that are Parties to this Protocol, to specific criminal "
          "investigations or proceedings concerning criminal offences related to computer systems and data;",
          marker="a", level=1, label=f"{a}2(1)(a)"),
        P("as between Parties to the First Protocol that are Parties to this Protocol, to specific criminal "
          "investigations or proceedings concerning criminal offences established pursuant to the First Protocol.",
          marker="b", level=1, label=f"{a}2(1)(b)"),
        P("Each Party shall adopt such legislative and other measures as may be necessary to carry out the "
          "obligations set forth in this Protocol.", marker="2", label=f"{a}2(2)"),
        P("Chapter II - Measures for enhanced co-operation", kind="centred"),
        P("Section 2 - Procedures enhancing direct co-operation with providers and entities in other Parties",
          kind="centred"),
        P("Article 7 - Disclosure of subscriber information", kind="heading"),
        P("Each Party shall adopt such legislative and other measures as may be necessary to empower its "
          "competent authorities to issue an order to be submitted directly to a service provider in the "
          "territory of another Party, in order to obtain the disclosure of specified, stored subscriber "
          "information in that service provider's possession or control.", marker="1", label=f"{a}7(1)"),
        P("Each Party shall adopt such legislative and other measures as may be necessary for a service provider "
          "in its territory to disclose subscriber information in response to an order under paragraph 1.",
          marker="2", label=f"{a}7(2)"),
        P("The order under paragraph 1 shall include:", marker="3", label=f"{a}7(3)"),
        P("the issuing authority and date of issuance;", marker="a", level=1, label=f"{a}7(3)(a)"),
        P("a statement that the order is issued pursuant to this Protocol;", marker="b", level=1,
          label=f"{a}7(3)(b)"),
        P("the name and address of the service provider to be served.", marker="c", level=1,
          label=f"{a}7(3)(c)"),
        P("Article 8 - Giving effect to orders from another Party for expedited production", kind="heading"),
        P("Each Party shall adopt such legislative and other measures as may be necessary to empower its "
          "competent authorities to issue an order to be submitted as part of a request to another Party for "
          "the purpose of compelling a service provider in the requested Party's territory to produce "
          "specified and stored subscriber information and traffic data.", marker="1", label=f"{a}8(1)"),
    ]
    return print_doc(path, body, header, footer, title_block=title_block, size=11.0, inline_markers=True,
                     title="CETS 224")


def eu_regulation(path: Path) -> Path:
    """An EU regulation as printed in the Official Journal: two columns, "L 151/16 EN Official Journal of the
    European Union 7.6.2019" running header, recitals "(1)", articles "Article 1" with a title on the next line."""
    def header(page, total):
        n = 14 + page
        return [(f"L 151/{n}    EN    Official Journal of the European Union    7.6.2019", "R" if page % 2 else "L")]

    def footer(page, total):
        return []

    title_block = [
        P("REGULATION (EU) 2019/881 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", kind="heading"),
        P("of 17 April 2019", kind="centred"),
        P("on ENISA (the European Union Agency for Cybersecurity) and on information and communications technology "
          "cybersecurity certification and repealing Regulation (EU) No 526/2013 (Cybersecurity Act)",
          kind="heading"),
        P("(Text with EEA relevance)", kind="centred"),
    ]
    recitals = [
        "Network and information systems and electronic communications networks and services play a vital role "
        "in society and have become the backbone of economic growth.",
        "The use of network and information systems by citizens, organisations and businesses across the Union "
        "is now pervasive, and digitisation and connectivity are becoming core features in an ever growing "
        "number of products and services.",
        "Increased digitisation and connectivity increase cybersecurity risks, thus making society as a whole "
        "more vulnerable to cyber threats and exacerbating dangers faced by individuals.",
        "Given the increased cybersecurity challenges faced by the Union, there is a need for a comprehensive "
        "set of measures that would build on previous Union action and would foster mutually reinforcing "
        "objectives.",
        "Organisations, manufacturers or providers involved in the design and development of products, services "
        "or processes should be encouraged to implement measures at the earliest stages of design.",
    ]
    body = [P("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,"),
            P("Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 "
              "thereof,"),
            P("Whereas:")]
    body += [P(t, marker=f"({k})", label=f"recital {k}") for k, t in enumerate(recitals, start=1)]
    body += [P("HAVE ADOPTED THIS REGULATION:"),
             P("TITLE I", kind="centred"), P("GENERAL PROVISIONS", kind="centred"),
             P("Article 1", kind="centred"), P("Subject matter and scope", kind="heading"),
             P("With a view to ensuring the proper functioning of the internal market while aiming to achieve a "
               "high level of cybersecurity, cyber resilience and trust within the Union, this Regulation lays "
               "down:", marker="1.", label="art. 1(1)"),
             P("the objectives, tasks and organisational matters relating to ENISA;", marker="(a)", level=1,
               label="art. 1(1)(a)"),
             P("a framework for the establishment of European cybersecurity certification schemes.", marker="(b)",
               level=1, label="art. 1(1)(b)"),
             P("This Regulation is without prejudice to the competences of the Member States regarding activities "
               "concerning public security, defence and national security.", marker="2.", label="art. 1(2)"),
             P("Article 2", kind="centred"), P("Definitions", kind="heading"),
             P("For the purposes of this Regulation, the following definitions apply:"),
             P("'cybersecurity' means the activities necessary to protect network and information systems, the "
               "users of such systems, and other persons affected by cyber threats;", marker="(1)",
               label="art. 2(1)"),
             P("'national cybersecurity certification scheme' means a comprehensive set of rules developed and "
               "adopted by a national public authority.", marker="(2)", label="art. 2(2)")]
    return print_doc(path, body, header, footer, title_block=title_block, columns=2, size=10.0,
                     inline_markers=True, title="OJ L 151, 7.6.2019")


def strategy_docx(path: Path) -> Path:
    """A ministry strategy in Word: "List Number" paragraphs (the number comes from the style's numPr) and
    paragraphs numbered by Word's automatic numbering; no number is typed in the text."""
    import docx

    d = docx.Document()
    d.core_properties.title = "International Cyber Strategy of the Ministry of Foreign Affairs"
    d.add_heading("International Cyber Strategy of the Ministry of Foreign Affairs", level=0)
    num_id = _multilevel_numbering(d, ["%1.", "(%2)"])
    d.add_heading("Context", level=1)
    for level, text in ((0, "Cyberspace has become a domain of strategic competition in which States, criminal "
                             "groups and companies all act."),
                        (0, "The Ministry leads the country's cyber diplomacy and coordinates positions with the "
                            "other ministries concerned."),
                        (1, "It represents the country in the United Nations processes;"),
                        (1, "It represents the country in the regional organizations.")):
        _numbered(d.add_paragraph(text), num_id, level)
    d.add_heading("Priorities", level=1)
    d.add_paragraph("The Ministry sets itself the following priorities:")
    for text in ("Promote the application of international law in cyberspace.",
                 "Build coalitions to respond to malicious cyber activities.",
                 "Support the cyber resilience of partner countries."):
        d.add_paragraph(text, style="List Number")
    d.save(str(path))
    _WORD[path.name] = (STRATEGY_NUMBERS, path)
    return path


STRATEGY_NUMBERS = ["1.", "2.", "(1)", "(2)", "1.", "2.", "3."]

# file name -> (builder, symbol, date) of the tuning documents
TUNING = {
    "S-RES-2341-2017.pdf": (sc_resolution, "S/RES/2341 (2017)", "2017-02-13"),
    "CETS-224-second-protocol.pdf": (coe_protocol, "CETS No. 224", "2022-05-12"),
    "EU-regulation-2019-881-excerpt.pdf": (eu_regulation, None, "2019-04-17"),
    "ministry-international-cyber-strategy.docx": (strategy_docx, None, None),
}


def word_numbers(name: str) -> list[tuple[str, str]]:
    """(printed number, text) of the automatically numbered paragraphs of a Word document of this module."""
    import docx

    if name not in _WORD:
        return []
    numbers, path = _WORD[name]
    texts = [p.text for p in docx.Document(str(path)).paragraphs
             if p.style.name == "List Number" or p._p.pPr is not None and p._p.pPr.numPr is not None]
    return list(zip(numbers, texts))


_WORD: dict[str, tuple[list[str], Path]] = {}


# Page furniture of these layouts (besides tests/test_unseen_layouts.FURNITURE): none of it may reach a quote.
FURNITURE = [re.compile(p) for p in (
    r"Official Journal of the European Union", r"\bL (?:151|333)/\d{2}\b", r"Treaty Series", r"CETS 224 -",
    r"MCDFJ", r"GE\.23-", r"\b17-03181\b", r"\bPage \d\b", r"MC\(23\) Journal", r"Fifty-third session",
    r"Agenda item 3\b", r"19 June-14 July", r"Hamburg 2016", r"Day of the Twenty-Third", r"(?i)2nd day of",
)]
