"""Building blocks for deterministic demo data (`manage.py generate_demo_data`).

Every collection's `demo.py` draws from a `random.Random` it is given, so the
same seed always gives the same rows; the text is plausible English or
Russian, skewed the way real text is (a few words and tags are everywhere,
most are rare).
"""

import bisect
import itertools

from .models import Origin

GENERATED = Origin.GENERATED


def generated_source(seed_note="generate_demo_data"):
    return f"{seed_note} (synthetic)"


WORDS = {
    "en": (
        "model data team strategy product customer platform pipeline governance risk pilot deployment "
        "evaluation training inference latency budget roadmap stakeholder metric experiment dataset "
        "annotation compliance privacy security cloud cluster feature agent workflow automation insight "
        "forecast dashboard architecture integration vendor contract hiring mentoring culture adoption "
        "benchmark accuracy fairness transparency audit monitoring retraining drift scaling cost value"
    ).split(),
    "ru": (
        "модель данные команда стратегия продукт клиент платформа процесс рынок метрика эксперимент "
        "гипотеза запуск рост выручка инвестор венчур раунд оценка стартап основатель пользователь "
        "подписчик канал пост линкедин телеграм агент автоматизация сервис фидбек релиз найм культура "
        "интервью воронка контент аудитория аналитика бюджет сделка партнёр конференция подкаст"
    ).split(),
}
VERBS = {
    "en": "builds leads ships reviews measures improves explains scales audits deploys designs owns".split(),
    "ru": "строит запускает меряет улучшает объясняет растит проверяет продаёт обсуждает собирает".split(),
}


class Zipf:
    """Draws items with probability ∝ 1 / rank**s: the first few often, the tail rarely."""

    def __init__(self, items, s=1.1):
        self.items = list(items)
        weights = [1 / (rank**s) for rank in range(1, len(self.items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def draw(self, rng):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def sample(self, rng, k):
        """Up to k distinct items."""
        chosen = []
        for _ in range(k * 4):
            item = self.draw(rng)
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == k:
                break
        return chosen


_word_zipf = {lang: Zipf(words, s=0.9) for lang, words in WORDS.items()}


def sentence(rng, lang="en", words=(6, 16)):
    n = rng.randint(*words)
    pool = _word_zipf[lang]
    parts = [pool.draw(rng) for _ in range(n)]
    parts.insert(rng.randint(1, max(1, n - 1)), rng.choice(VERBS[lang]))
    return " ".join(parts).capitalize() + "."


def paragraph(rng, lang="en", sentences=(2, 5)):
    return " ".join(sentence(rng, lang) for _ in range(rng.randint(*sentences)))


def batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
