"""Arabic-script words of organisation names and places, with the English words the lists translate
them by (``matching.classes.translated``)."""

# Words of organisation names and places as the Arabic-script table writes them, with the English
# words the lists translate them by (الدولة الإسلامية في العراق والشام is ISLAMIC STATE IN IRAQ AND THE
# LEVANT, الجهاد الاسلامي المصري EGYPTIAN ISLAMIC JIHAD, جبهة النصرة لأهل الشام AL-NUSRAH FRONT FOR THE
# PEOPLE OF THE LEVANT). Unlike ``TRANSLATED_WORDS``, the lists also transliterate these words (al-Sham,
# al-Masri, Ansar), and some are names: a translation is one more reading of the part, which keeps its
# own skeleton, and is read only when one side is in Arabic script (``part_similarity``'s ``loose``).
GLOSS: dict[str, tuple[str, ...]] = {
    # the state and its parts
    "dula": ("state",),  # دولة
    "imara": ("emirate",),  # إمارة
    "amart": ("emirate",),  # امارت (Dari, Pashto)
    "wlaia": ("province",),  # ولاية
    "blad": ("lands", "land", "country"),  # بلاد
    # organisations
    "jmaaa": ("group",),  # جماعة
    "jmaat": ("group",),  # جماعت (Urdu, Pashto)
    "gruh": ("group",),  # گروه (Persian)
    "sazman": ("organization",),  # سازمان (Persian)
    "athad": ("union",),  # اتحاد
    "hzb": ("party",),  # حزب
    "mjls": ("council",),  # مجلس
    "ljna": ("committee",),  # لجنة
    "jmaia": ("association", "society"),  # جمعية
    "mussa": ("foundation", "establishment", "institution"),  # مؤسسة
    "mktb": ("office", "bureau"),  # مكتب, also transliterated: MAKHTAB AL-KHIDAMAT
    "shrka": ("company",),  # شركة
    "bnk": ("bank",),  # بنك
    "msrf": ("bank",),  # مصرف
    "ktaib": ("brigades",),  # كتائب
    "sraia": ("brigades", "companies"),  # سرايا
    "lwa": ("brigade",),  # لواء
    "lshkr": ("army",),  # لشکر (Urdu, Persian)
    "spah": ("corps", "army"),  # سپاه (Persian)
    "thrik": ("movement",),  # تحریک (Urdu, Pashto)
    "thrir": ("liberation",),  # تحرير
    "fth": ("conquest",),  # فتح
    "mqawma": ("resistance",),  # مقاومة
    "thura": ("revolution",),  # ثورة
    "khdmat": ("services",),  # خدمات
    "ighatha": ("relief",),  # إغاثة
    "aghatha": ("relief",),  # اغاثة
    "tjara": ("trade", "trading", "commerce"),  # تجارة
    "tjaria": ("commercial", "trading"),  # تجارية
    "ahl": ("people",),  # أهل
    "shbab": ("youth",),  # شباب
    "ansar": ("supporters", "partisans", "helpers"),  # أنصار
    "mhajrin": ("emigrants", "migrants"),  # مهاجرين
    # what organisations call themselves
    "islamia": ("islamic",),  # إسلامية
    "aslamia": ("islamic",),  # اسلامية, اسلامیه
    "islami": ("islamic",),  # إسلامي
    "aslami": ("islamic",),  # اسلامي, اسلامی
    "mslha": ("armed",),  # مسلحة
    "mslh": ("armed",),  # مسلح
    "khiria": ("charitable", "charity"),  # خيرية
    "dulia": ("international",),  # دولية
    "aalmi": ("world", "international", "global"),  # عالمي
    "aalmia": ("world", "international", "global"),  # عالمية
    "wtni": ("national",),  # وطني
    "wtnia": ("national",),  # وطنية
    "shabia": ("popular", "peoples"),  # شعبية
    "mthda": ("united",),  # متحدة
}
# Places and their nisbas, which are also family names (al-Masri, al-Libi, al-Suri: lists transliterate
# them, and translate them only in nicknames, "AHMED THE EGYPTIAN"): their translation agrees as a
# sound-alike does (``TRANSLATED_NAME_SIMILARITY``), not as a spelling variant.
GLOSS_NAMES: dict[str, tuple[str, ...]] = {
    "sham": ("levant", "syria"),  # الشام
    "jzira": ("peninsula", "island"),  # جزيرة
    "arb": ("arab", "arabian"),  # العرب
    "arbia": ("arab", "arabian", "arabic"),  # العربية
    "arbi": ("arab", "arabian", "arabic"),  # العربي
    "msr": ("egypt",),  # مصر
    "msri": ("egyptian",),  # مصري
    "araq": ("iraq",),  # العراق
    "araqi": ("iraqi",),  # عراقي
    "suria": ("syria",),  # سوريا
    "suri": ("syrian",),  # سوري
    "libi": ("libyan",),  # ليبي
    "ymn": ("yemen",),  # اليمن
    "ymni": ("yemeni",),  # يمني
    "afghani": ("afghan",),  # أفغاني
    "bakstan": ("pakistan",),  # باكستان
    "pakstan": ("pakistan",),  # پاکستان
    "bakstani": ("pakistani",),  # باكستاني
    "pakstani": ("pakistani",),  # پاکستانی
    "flstin": ("palestine",),  # فلسطين
    "flstini": ("palestinian",),  # فلسطيني
    "jzair": ("algeria",),  # الجزائر
    "jzairi": ("algerian",),  # جزائري
    "mghrb": ("maghreb", "morocco"),  # المغرب
    "mghrbi": ("moroccan", "maghrebi"),  # مغربي
    "tunsi": ("tunisian",),  # تونسي
    "sudani": ("sudanese",),  # سوداني
    "sumali": ("somali",),  # صومالي
    "lbnan": ("lebanon",),  # لبنان
    "lbnani": ("lebanese",),  # لبناني
    "ardni": ("jordanian",),  # أردني
}
