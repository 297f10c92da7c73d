"""The language a channel writes in, told from its posts' text (feeds and pages declare it).

langdetect (a port of Google's language-detection) answers with probabilities; it is
made deterministic here (a fixed seed), and only a confident answer is kept: text too
short or too mixed to tell gives "" (unknown), and pages and feeds then declare nothing
rather than a guess.
"""

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # the same text, the same answer, in every process

SAMPLE_CHARACTERS = 5000  # enough to tell; langdetect reads at most 10,000
CONFIDENT = 0.9


def detect_language(texts):
    """The language of these texts (a code such as "ru" or "en"), or "" when it cannot be told."""
    sample = "\n".join(text for text in texts if text)[:SAMPLE_CHARACTERS]
    if not any(ch.isalpha() for ch in sample):
        return ""
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return ""
    return best.lang if best.prob >= CONFIDENT else ""
