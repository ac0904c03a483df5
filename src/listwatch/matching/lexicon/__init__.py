"""The words name matching reads, one module per kind: honorifics, particles, organisation words,
spelling families, the Arabic-script glossary, countries, pinyin syllables. Data only: the rules that
read them live in ``matching.classes``, ``matching.keys`` and ``matching.similarity``."""
