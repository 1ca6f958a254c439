"""An independent labelled test set for duplicate detection.

``python -m evaluation.independent --out DIR [--seed 7] [--members 160000]`` writes a population
of six districts of Madhya Pradesh (DIR/geography/ as import_geography reads it, DIR/families.csv
and DIR/members.csv as import_register reads them) and DIR/labels.csv, pairs of Member IDs marked
SAME (one person registered twice, in two families) or DIFFERENT (two people easily taken for
one). It is a second opinion on the figures from scale/synth*: it shares no code, no vocabulary
and no population shape with that generator or with the portal's matching code (its names,
places, romanisation, spelling variants and slips are written here, in vocab.py and
variations.py), so a matcher tuned to one generator's habits does not pass this one by
construction.

SAME kinds (the later record differs from the first by): ``script`` (romanised or written in
Devanagari differently), ``spelling`` (Laxmi/Lakshmi, Mohd/Mohammad, v/b, -endra/-inder …),
``honorific`` (Shri, Smt., Km., Late, Md. … in the name), ``kumar_kumari``, ``bai_devi``,
``surname_omitted``, ``surname_first``, ``initials``, ``typo``, ``matra`` (Devanagari vowel
signs), ``dob_missing``, ``dob_year_only``, ``dob_plus_minus_one``, ``dob_day_month_swapped``,
``married_woman`` (in her parents' household with her maiden surname, then in her husband's),
``moved_area``, ``moved_local_body``, ``moved_district``; and ``combo:<a>+<b>[+<c>]``, two or
three of these together.

DIFFERENT kinds: ``siblings``, ``twins``, ``father_son_same_name``, ``namesakes_village``,
``cousins``.
"""
