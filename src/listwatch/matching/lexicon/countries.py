"""Country codes and other names of countries, to compare a customer's country with a listed one
(``matching.evidence.country_key``)."""

COUNTRY_CODES: dict[str, str] = {
    "af": "afghanistan", "dz": "algeria", "az": "azerbaijan", "bh": "bahrain", "by": "belarus",
    "cn": "china", "eg": "egypt", "fr": "france", "de": "germany", "gb": "united kingdom",
    "uk": "united kingdom", "in": "india", "id": "indonesia", "ir": "iran", "iq": "iraq",
    "jo": "jordan", "kz": "kazakhstan", "kp": "korea, democratic people's republic of",
    "kw": "kuwait", "kg": "kyrgyzstan", "lb": "lebanon", "ly": "libya", "ml": "mali",
    "ma": "morocco", "pk": "pakistan", "ps": "palestine", "qa": "qatar", "ru": "russia",
    "sa": "saudi arabia", "so": "somalia", "sd": "sudan", "sy": "syria", "tj": "tajikistan",
    "tn": "tunisia", "tr": "turkey", "tm": "turkmenistan", "ae": "united arab emirates",
    "ua": "ukraine", "us": "united states", "uz": "uzbekistan", "ye": "yemen", "es": "spain",
    "ph": "philippines", "my": "malaysia", "ng": "nigeria", "ke": "kenya", "mx": "mexico",
}  # fmt: skip
COUNTRY_ALIASES = {
    "russian federation": "russia",
    "syrian arab republic": "syria",
    "iran (islamic republic of)": "iran",
    "iran, islamic republic of": "iran",
    "united states of america": "united states",
    "usa": "united states",
    "türkiye": "turkey",
    "turkiye": "turkey",
    "great britain": "united kingdom",
    "россия": "russia",
    "казахстан": "kazakhstan",
    "қазақстан": "kazakhstan",
}
