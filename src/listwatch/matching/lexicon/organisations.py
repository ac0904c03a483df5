"""Words of organisation names: legal forms (LLC, OOO), generic words (network, front, party) and the
Arabic-script generic words the lists translate. ``matching.classes`` weighs them."""

from listwatch.matching.lexicon.particles import PARTICLES

LEGAL_FORMS = frozenset(
    [
        "llc",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "co",
        "company",
        "corp",
        "corporation",
        "ooo",
        "zao",
        "oao",
        "pao",
        "ao",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "gmbh",
        "ag",
        "sa",
        "sal",
        "sarl",
        "srl",
        "spa",
        "plc",
        "fze",
        "fzco",
        "fzc",
        "llp",
        "lp",
        "bv",
        "nv",
        "oy",
        "ab",
        "kg",
        "pte",
        "pvt",
        "private",
        "public",
        "joint",
        "stock",
        "closed",
        "tov",
        "too",
        "ip",
        "establishment",
        "est",
        "trading",
        "lmtd",  # لمتد, Limited in Arabic script
        "lmitd",
    ]
)
# Generic organisation words as the Arabic-script table writes them, and the English word the lists
# translate them by (شبكة محمد جمال is MUHAMMAD JAMAL NETWORK, مكتب حنيفة للصرافة HANIFA EXCHANGE
# OFFICE, القاعدة في العراق AL-QAIDA IN IRAQ): one family each, so that they align as the same word.
TRANSLATED_WORDS = {
    "shbka": "network",  # شبكة
    "srafa": "exchange",  # صرافة
    "jish": "army",  # جيش
    "jbha": "front",  # جبهة
    "tnzim": "organization",  # تنظيم
    "mnzma": "organization",  # منظمة
    "ktiba": "battalion",  # كتيبة
    "hrka": "movement",  # حركة
    "fi": "in",  # في
    "w": "and",  # و
    "aw": "and",  # او, Pashto (د حاجی بصیر او ضرجمیل کمپنی, HAJI BASIR AND ZARJMIL COMPANY)
    "l": "for",  # ل
}
GENERIC = frozenset(
    [
        "and",
        "for",
        "in",
        "on",
        "movement",
        # "movement", "group", "organisation", "party" as the lists transliterate them from Urdu, Pashto,
        # Arabic and Russian (Tehrik-e Taliban, Harakat ul-Mujahidin, Jamaat, Hizb, Движение)
        "tehrik",
        "tahrik",
        "tehreek",
        "tahreek",
        "thrik",
        "harakat",
        "harakah",
        "harkat",
        "jamaat",
        "jamaah",
        "jamiat",
        "tanzim",
        "tanzeem",
        "hizb",
        "dvizhenie",
        *(word for word in TRANSLATED_WORDS if word not in PARTICLES),  # شبكة, جيش: the words, not في, و
        "mktb",  # مكتب, in ``GLOSS``: also transliterated (Maktab)
        "office",
        "gruppa",
        "organizatsiya",
        "partiya",
        "group",
        "organization",
        "organisation",
        "front",
        "party",
        "brigade",
        "brigades",
        "battalion",
        "foundation",
        "association",
        "society",
        "network",
        "union",
        "council",
        "committee",
        "army",
        "forces",
        "force",
        "international",
        "islamic",
        "charity",
        "bank",
        "exchange",
        "money",
        "services",
        "service",
        "industries",
        "industrial",
        "holding",
        "holdings",
        "enterprise",
        "enterprises",
        "shipping",
        "lines",
        "maritime",
        "navigation",
        "logistics",
        "investment",
        "investments",
        "import",
        "export",
        "general",
        "technology",
        "technologies",
        "engineering",
        "construction",
        "development",
        "airlines",
    ]
)
