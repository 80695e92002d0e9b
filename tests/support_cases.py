"""Hand-labelled (sentence, cited passage) pairs over the shipped sources, used to set and check the support thresholds.

Each case names its passage by a phrase the passage contains. Supported sentences copy or paraphrase what the
passage says; unsupported ones claim what it does not (other topics, invented names, numbers or actors).
"""

SUPPORTED = [
    ("The OSCE promotes confidence-building measures between participating states in cyberspace.",
     "The OSCE focuses on the development of confidence-building"),
    ("Belgium is actively involved in the OSCE's work on confidence-building measures.",
     "The OSCE focuses on the development of confidence-building"),
    ("In 2016, NATO recognised cyberspace as an operational domain.", "NATO recognised cyberspace"),
    ("NATO treats cyberspace as an operational domain, like land, sea and air.", "NATO recognised cyberspace"),
    ("The EU has developed a diplomatic toolbox to respond to cyber-attacks.", "diplomatic toolbox"),
    ("The EU uses sanctions and capacity building programmes to remind states of acceptable behaviour in cyberspace.",
     "diplomatic toolbox"),
    ("Belgium believes the focus should be on implementing already agreed standards rather than a new treaty.",
     "already agreed standards"),
    ("Negotiations on responsible behaviour by states in cyberspace are conducted within the UN.",
     "already agreed standards"),
    ("Cyber diplomacy uses international cooperation and negotiations to respond to threats in cyberspace.",
     "Cyber diplomacy uses international cooperation"),
    ("Countries take voluntary steps to increase transparency and reduce the risk of misunderstandings in cyberspace.",
     "Szilvia"),
    ("Examples of these measures include sharing contact points for cyber incidents.", "Szilvia"),
    ("Szilvia Tóth from the OSCE explained how the organisation promotes Confidence-Building Measures (CBMs).",
     "Szilvia"),
    ("Non-state actors such as technology companies have a central role in the management of cyberspace.",
     "Non-state actors"),
    ("The European Cyber Security Strategy was approved in March 2021.", "European Cyber Security Strategy"),
    ("The OSCE promotes Confidence-Building Measures (CBMs).", "Szilvia"),
]

UNSUPPORTED = [
    ("Belgium is actively involved in the OSCE Session: Building Trust Through Cooperation.", "Szilvia"),
    ("NATO recognised cyberspace as an operational domain in 2010.", "NATO recognised cyberspace"),
    ("The OSCE has developed a diplomatic toolbox that includes sanctions.", "diplomatic toolbox"),
    ("NATO imposes sanctions on states that perpetrate cyber-attacks.", "diplomatic toolbox"),
    ("The capital of Peru is Lima.", "The OSCE focuses on the development of confidence-building"),
    ("Belgium will host the next ministerial meeting in Brussels.",
     "The OSCE focuses on the development of confidence-building"),
    ("The workshop in Sarajevo was attended by 300 diplomats from Asia.", "Key insights from the workshop"),
    ("Quantum computing will replace diplomats by 2030.", "Cyber diplomacy uses international cooperation"),
    ("The UN Security Council voted to expel Russia from the OEWG.", "already agreed standards"),
    ("China leads the OSCE working group on cyber norms.", "Szilvia"),
    ("Ferries leave the harbour every hour.", "Non-state actors"),
    ("The European Commission banned 5G equipment from Huawei in 2021.", "European Cyber Security Strategy"),
    # Written by Qwen2.5-Coder-0.5B during the evaluation run.
    ("Belgium's national cyber security centre is the Organisation for Security and Cooperation in Europe (OSCE).",
     "The OSCE focuses on the development of confidence-building"),
    ("The OSCE promotes the European Cyber Security Strategy.", "Szilvia"),
    ("Belgium views a new cyber treaty as necessary for this purpose.", "already agreed standards"),
]
