"""Honorifics and titles: words before or among a person's names that do not name them (Mullah,
Haji, Sheikh, Dr), and titles that may also be names (Hafiz, Sayed). ``matching.classes`` weighs them."""

# Honorifics as the Arabic-script table writes them (no short vowels): ملا, حجي, مولوی, مفتي, استاد
ARABIC_HONORIFICS = frozenset(
    ["mla", "mlla", "hji", "hjji", "haja", "mulwi", "mlwi", "mwlwi", "mfti", "astad"]  # haja: حاجى
)
HONORIFICS = frozenset(
    [
        "mullah",
        "mulla",
        "mullo",
        "molla",
        "mollah",
        "maulavi",
        "maulvi",
        "mawlawi",
        "mawlavi",
        "moulavi",
        "molvi",
        "maulana",
        "mawlana",
        "haji",
        "hajji",
        "hadji",
        "haj",
        "hajj",
        "alhaj",
        "alhaji",
        "alhajji",
        "sheikh",
        "shaikh",
        "shaykh",
        "sheik",
        "shaik",
        "sheykh",
        "shekh",
        "shikh",
        "qari",
        "mufti",
        "hafiz",
        "hafez",
        "ustad",
        "ustadh",
        "ustaz",
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "sir",
        "prof",
        "professor",
        "sayyid",
        "sayed",
        "syed",
        "seyed",
        "seyyed",
        "sayyed",
        "sid",
        "general",
        "colonel",
        "captain",
        "imam",  # "Imam Darul Tauhid" (QDi.322)
        # Spellings the lists themselves use (a query part that is one edit from an honorific is only
        # ignored when no list name has it: ``Screener._token``)
        "maulawi",
        "mulavi",
        "syekh",
        "shiek",
        "hajii",
        "ustadz",
        "ustaad",
        "coronel",
        "profesor",
        *ARABIC_HONORIFICS,
    ]
)
# Titles that are also given names or family names (Hafiz, Sayed: سيد أحمد is "SAID AHMED" on the UN
# list, حافظ "HAFED"): they weigh like a particle, so that they cost nothing when left out but align
# with a list part spelt like them.
TITLES = frozenset(
    [
        *("hafiz", "hafez", "hafz", "sayyid", "sayed", "syed", "seyed", "seyyed", "sayyed", "sid", "sayid"),
        *("jr", "jnr", "sr", "snr"),  # generational suffixes: "FELICIANO SEMBORIO DELOS REYES JR." (QDi.243)
    ]
)
