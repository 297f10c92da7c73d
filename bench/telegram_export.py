"""Write a deterministic Telegram Desktop export (result.json) of N messages.

    python bench/telegram_export.py 100000 bench/out/result-100k.json
    python bench/telegram_export.py 100000 bench/out/result-100k-edited.json --edited 1.0

With --edited F, the same export as it would be after its channel owner edited a fraction F
of the messages (their text gains a sentence, their edit date is set, their reactions grow):
importing it over the first one updates those posts (bench/reimport.py).

The same shape as Telegram Desktop's "Export chat history" JSON of a channel:
messages with id, type, date, from, text (a string or a list of strings and
entity objects), text_entities, reactions, media stubs, forwards and service
messages. Written as a stream, so a large file costs little memory.
"""

import argparse
import json
import random
from datetime import datetime, timedelta

WORDS_RU = (
    "стартап продукт команда инвестор венчур рынок рост пользователь метрика выручка запуск гипотеза "
    "интервью клиент воронка канал подписчик пост линкедин телеграм модель данные агент автоматизация "
    "сервис фидбек релиз оценка раунд фонд стратегия найм культура процесс задача"
).split()
WORDS_EN = (
    "startup product team investor venture market growth user metric revenue launch hypothesis interview "
    "customer funnel channel subscriber post linkedin telegram model data agent automation service feedback "
    "release valuation round fund strategy hiring culture process"
).split()
TAGS = [
    "стартапы", "продуктивность", "венчур", "личное", "linkedin", "genAI", "телеграм", "предпринимательство",
    "Product_Hunt", "2pr.io", "AI", "найм", "маркетинг", "продажи", "метрики", "инвестиции", "кейсы", "SaaS",
    "B2B", "growth", "ux", "no_code", "python", "аналитика", "дизайн", "мероприятия", "подкаст", "книги",
]  # fmt: skip
REACTIONS = ["🔥", "❤️", "👍", "🤔", "😁", "👏", "🤯", "🎉", "🙏", "😢"]


def message(rng, i, start):
    date = start + timedelta(minutes=37 * i + rng.randrange(30))
    base = {
        "id": i,
        "type": "message",
        "date": date.isoformat(timespec="seconds"),
        "date_unixtime": str(int(date.timestamp())),
        "from": "Demo founder channel",
        "from_id": "channel1000000001",
    }
    if rng.random() < 0.01:
        return {**base, "type": "service", "actor": "Demo founder channel", "action": "pin_message", "text": ""}
    words = WORDS_RU if rng.random() < 0.75 else WORDS_EN
    n_sentences = rng.randint(1, 6)
    sentences = [
        " ".join(rng.choice(words) for _ in range(rng.randint(5, 16))).capitalize() + "." for _ in range(n_sentences)
    ]
    headline = sentences[0]
    tags = sorted({TAGS[min(int(rng.paretovariate(1.2)) - 1, len(TAGS) - 1)] for _ in range(rng.randint(0, 3))})
    parts = [headline + "\n" + " ".join(sentences[1:]) + "\n"]
    entities = [{"type": "plain", "text": parts[0]}]
    for tag in tags:
        parts.append({"type": "hashtag", "text": f"#{tag}"})
        parts.append(" ")
        entities.append({"type": "hashtag", "text": f"#{tag}"})
        entities.append({"type": "plain", "text": " "})
    if rng.random() < 0.2:
        link = f"https://example.com/{rng.choice(words)}/{i}"
        parts.append({"type": "link", "text": link})
        entities.append({"type": "link", "text": link})
    msg = {**base, "text": parts if len(parts) > 1 else parts[0], "text_entities": entities}
    if rng.random() < 0.1:
        msg["forwarded_from"] = rng.choice(["Русский венчур", "Product Radar", "AI Daily"])
    if rng.random() < 0.3:
        msg["photo"] = "(File not included. Change data exporting settings to download.)"
        msg["width"], msg["height"] = 1280, 720
    if rng.random() < 0.8:
        chosen = rng.sample(REACTIONS, rng.randint(1, 4))
        msg["reactions"] = [{"type": "emoji", "count": int(rng.paretovariate(1.5) * 3), "emoji": e} for e in chosen]
    return msg


def edit(rng, msg, start):
    """The message as its author edited it later: a sentence more, an edit date, more reactions."""
    if msg["type"] != "message":
        return msg
    edited = datetime.fromisoformat(msg["date"]) + timedelta(hours=rng.randint(1, 48))
    addition = f" Правка: {rng.choice(WORDS_RU)} {rng.choice(WORDS_RU)}."
    if isinstance(msg["text"], str):
        msg["text"] += addition
    else:
        msg["text"].insert(1, addition)
    msg["text_entities"].insert(1, {"type": "plain", "text": addition})
    msg["edited"] = edited.isoformat(timespec="seconds")
    msg["edited_unixtime"] = str(int(edited.timestamp()))
    for reaction in msg.get("reactions", []):
        reaction["count"] += rng.randint(1, 5)
    return msg


def write_export(count, path, seed=1, edited=0.0):
    rng = random.Random(seed)
    edits = random.Random(seed + 1)
    start = datetime(2024, 1, 1, 9, 0, 0)
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '{\n "name": "Demo founder channel",\n "type": "public_channel",\n "id": 1000000001,\n "messages": [\n'
        )
        for i in range(1, count + 1):
            msg = message(rng, i, start)
            if edited and edits.random() < edited:
                msg = edit(edits, msg, start)
            out.write("  " + json.dumps(msg, ensure_ascii=False))
            out.write(",\n" if i < count else "\n")
        out.write(" ]\n}\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="How many messages.")
    parser.add_argument("path", help="Where to write the export.")
    parser.add_argument("--edited", type=float, default=0.0, help="The fraction of messages edited (0 to 1).")
    args = parser.parse_args()
    write_export(args.count, args.path, edited=args.edited)
