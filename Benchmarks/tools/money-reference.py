#!/usr/bin/env python3
"""The money parser against price-parser's own test table (Scrapinghub, BSD licence).

price-parser's tests hold about 1,200 price strings taken from a random sample of shop pages,
each with the amount and currency a careful reader finds in it. They were written for that
library, not for us, so they measure our parser without having been tuned to it. Nothing of
them is copied into this repository: fetch the sdist, then point this script at it.

    pip download --no-deps --no-binary :all: price-parser==0.5.1 -d /tmp/pp
    tar xzf /tmp/pp/price_parser-0.5.1.tar.gz -C /tmp/pp
    python3 Benchmarks/tools/money-reference.py /tmp/pp/price_parser-0.5.1 [--extract .build/debug/extract] [--list wrong]

Counted over the examples price-parser passes (its xfail lists are left out, and so are the
examples that need a decimal-separator hint, which `extract` never gets): for strings with an
amount, how many we read to that amount, how many we refuse (null), and how many we read to
another number (wrong: the failure that matters); for strings without one, how many we wrongly
give a number for; and, where we give a number, whether our currency contradicts theirs.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

PIPELINE = """stages:
  - stage: fields
    fields:
      price:
        pattern: '(?s)\\A(?<text>.*)\\z'
        value: { "*": text | money }
  - stage: derive
    fields:
      source: { document: source }
"""

# price-parser's currency strings whose ISO code is certain; `$` is any dollar.
ISO = {
    "€": "EUR", "EUR": "EUR", "euro": "EUR", "Euro": "EUR", "£": "GBP", "GBP": "GBP", "US$": "USD", "USD": "USD",
    "A$": "AUD", "AU$": "AUD", "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD",
    "R$": "BRL", "BRL": "BRL", "NT$": "TWD", "TWD": "TWD", "HK$": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD",
    "₹": "INR", "INR": "INR", "CHF": "CHF", "JPY": "JPY", "CNY": "CNY", "ZAR": "ZAR", "SEK": "SEK", "NOK": "NOK",
    "DKK": "DKK", "PLN": "PLN", "MXN": "MXN",
}


def examples(root):
    sys.path.insert(0, root)
    sys.path.insert(0, os.path.join(root, "tests"))
    import test_price_parsing as t  # noqa: E402

    lists = [name for name in dir(t) if name.startswith("PRICE_PARSING_EXAMPLES") and "XFAIL" not in name]
    lists.append("PRICE_PARSING_DECIMAL_SEPARATOR_EXAMPLES")
    for name in sorted(set(lists)):
        for example in getattr(t, name, []):
            if example.decimal_separator is not None:
                continue
            yield name, example


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", help="the unpacked price-parser sdist")
    parser.add_argument("--extract", default=".build/debug/extract")
    parser.add_argument("--list", choices=["wrong", "refused", "read"], help="print those examples")
    args = parser.parse_args()

    cases = [(name, e) for name, e in examples(args.root) if e.price_raw and e.price_raw.strip()]
    with tempfile.TemporaryDirectory() as directory:
        pipeline = os.path.join(directory, "money.yaml")
        corpus = os.path.join(directory, "prices.jsonl")
        with open(pipeline, "w") as f:
            f.write(PIPELINE)
        with open(corpus, "w") as f:
            for number, (_, example) in enumerate(cases):
                f.write(json.dumps({"id": str(number), "text": example.price_raw}) + "\n")
        run = subprocess.run([args.extract, "-p", pipeline, corpus, "-q", "--jobs", "1"], capture_output=True, text=True)
    records = {r["source"]: r for r in map(json.loads, run.stdout.splitlines())} if run.stdout else {}

    counts = {"with amount": 0, "read right": 0, "read as a range holding it": 0, "refused": 0, "refused, no currency written": 0, "wrong number": 0,
              "without amount": 0, "number where none": 0, "currency contradicts": 0}
    listed = []
    for number, (_, example) in enumerate(cases):
        record = records.get(str(number))
        price = (record or {}).get("price") or {}
        low, high, currency = price.get("min"), price.get("max"), price.get("currency")
        ours = [Decimal(str(v)) for v in (low, high) if v is not None]
        if example.amount is None:
            counts["without amount"] += 1
            if ours:
                counts["number where none"] += 1
                if args.list == "wrong":
                    listed.append((example.price_raw, None, price))
            continue
        counts["with amount"] += 1
        if not ours:
            counts["refused"] += 1
            if example.currency is None:
                counts["refused, no currency written"] += 1
            if args.list == "refused":
                listed.append((example.price_raw, example.amount, price))
        elif all(v == example.amount for v in ours):
            counts["read right"] += 1
            if args.list == "read":
                listed.append((example.price_raw, example.amount, price))
        elif low is not None and high is not None and low < high and example.amount in ours:
            # `£6.95 - £9.95`: price-parser gives the first figure, we give the range.
            counts["read as a range holding it"] += 1
        else:
            counts["wrong number"] += 1
            if args.list == "wrong":
                listed.append((example.price_raw, example.amount, price))
        theirs = ISO.get(example.currency or "")
        if ours and theirs and currency and currency != theirs:
            counts["currency contradicts"] += 1
            if args.list == "wrong":
                listed.append((example.price_raw, f"{example.amount} {example.currency}", price))

    print(f"{len(cases)} examples from price-parser's tests")
    print(f"  with an amount: {counts['with amount']}: read right {counts['read right']}, "
          f"read as a range holding it {counts['read as a range holding it']}, refused {counts['refused']} "
          f"({counts['refused, no currency written']} with no currency written), "
          f"wrong number {counts['wrong number']}")
    print(f"  without an amount: {counts['without amount']}: a number given for {counts['number where none']}")
    print(f"  currency contradicting theirs: {counts['currency contradicts']}")
    for raw, expected, got in listed:
        print(f"  {raw!r}: expected {expected}, got {got}")


if __name__ == "__main__":
    main()
