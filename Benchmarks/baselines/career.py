#!/usr/bin/env python3
"""The career pipeline (Pipelines/career.yaml) written as a Python user would write it.

    python3 Benchmarks/baselines/career.py PAGES_DIR_OR_JSONL... [-o out.jsonl]

Standard `re`, `json`, `html` and `unicodedata`, plus PyYAML to read the registry of
certification bodies. Reads files, directories (walked recursively in sorted path order, hidden
files skipped) or JSON Lines files (`{"id": …, "text": …}` per line) and writes one compact JSON
object per line, keys in the order of docs/career-record.md.

It is the benchmark baseline for `extract`: it gives the same records as `extract` for the
bundled pages (Fixtures/career/expected/*.json, checked by value with --check) and for the
generated benchmark corpus (Benchmarks/corpus/generate.py). Entity resolution is the simple
lookup a user would write: normalized names, aliases and former names, abbreviations (shared
ones need a credential as evidence), and splitting on `or`, `/`, `,` and `and`; no fuzzy matching.
"""

import argparse
import html
import json
import os
import re
import sys
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REGISTRY = os.path.join(ROOT, "Pipelines", "registries", "certification-bodies.yaml")

# --------------------------------------------------------------------------------------------
# normalize: line endings, entities, mojibake, spaces, plain quotes, NFC, trailing spaces, bullets,
# blank lines

MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                      "\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
                      "\u20ac\u2122]{1,3}")
ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
TRAILING = re.compile(r"[ \t]+$", re.M)
BULLET = re.compile(r"^[ \t]*(?:(?:[-*+](?=[ \t])|[•▪◦●·‣⁃∙■□▫○‧])[ \t]*)+(?=.)", re.M)
BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
PLAIN_QUOTES = str.maketrans({q: "'" for q in "\u2018\u2019\u201a\u201b\u2032\u2035"}
                             | {q: '"' for q in "\u201c\u201d\u201e\u201f\u2033\u2036"})


def _fix_mojibake(match):
    text = match.group(0)
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return fixed


def normalize(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = html.unescape(text)
    text = MOJIBAKE.sub(_fix_mojibake, text)
    text = INVISIBLE.sub("", ODD_SPACES.sub(" ", text)).translate(PLAIN_QUOTES)
    text = unicodedata.normalize("NFC", text)
    text = TRAILING.sub("", text)
    text = BULLET.sub("• ", text)
    return BLANK_LINES.sub("\n", text).strip("\n")


# --------------------------------------------------------------------------------------------
# segment

HEADINGS = {
    "work_settings": re.compile(r"^Work Settings$", re.M),
    "duties": re.compile(r"^Primary Duties$", re.M),
    "pathway": re.compile(r"^How to Become (?:an? )?[^:\n]+$", re.M),
    "continuing_education": re.compile(r"^Continuing Education$", re.M),
    "certifications": re.compile(r"^Certifications (?:&|and) Licenses$", re.M),
    "citations": re.compile(r"^(?:Citations|Sources)$", re.M),
    "related_guides": re.compile(r"^Related Guides$", re.M),
}


def segment(text):
    found = []  # (start of heading line, end of heading line, name)
    for name, pattern in HEADINGS.items():
        for match in pattern.finditer(text):
            start = text.rfind("\n", 0, match.start()) + 1
            if any(f[0] == start for f in found):
                continue
            end = text.find("\n", match.end())
            found.append((start, len(text) if end < 0 else end, name))
            break
    found.sort()
    sections = {"header": text[:found[0][0] if found else len(text)].strip()}
    for i, (start, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(text)
        sections[name] = text[end + 1:stop].strip("\n").rstrip()
    missing = [name for name in HEADINGS if name not in sections]
    return sections, missing


# --------------------------------------------------------------------------------------------
# fields

EMOJI = "\U0001F000-\U0001FAFF\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff"
TITLE = re.compile(r"\A([^\n]+)$", re.M)
SUMMARY = re.compile(r"\A[^\n]+\n(?:[" + EMOJI + r"][^\n]*\n)?"
                     r"(?!\|? *(?:Median Salary|Job Growth|Education|Time to Start))([^\n]+)$", re.M)
BADGE_LINE = re.compile(r"^[" + EMOJI + r"][^\n]*$", re.M)
BADGE = re.compile(r"[" + EMOJI + r"\ufe0f\u02c0-\u02ff]+([^\n" + EMOJI + r"]+)")
SALARY = re.compile(r"^(?:\| *)?Median Salary(?: *\| *| *(?=[$0-9]))([^|\n]+?) *\|? *$", re.M)
GROWTH = re.compile(r"^(?:\| *)?Job Growth \((\d+) ?yr\)(?: *\| *|\n)([^|\n]+?) *\|? *$", re.M)
EDUCATION = re.compile(r"^(?:\| *)?Education(?: *\| *|(?=[A-Z]))([^|\n]+?) *\|? *$", re.M)
START = re.compile(r"^(?:\| *)?Time to Start(?: *\| *| *(?=[0-9A-Z]))([^|\n]+?) *\|? *$", re.M)
ITEM = re.compile(r"^• (.+)$", re.M)
STEP = re.compile(r"^(?:\d{1,2}\n)?((?!Duration:|\d{1,2}$)[^\n]+)\n((?!Duration:)[^\n]+)(?:\nDuration: ([^\n]+))?$", re.M)
CERT = re.compile(r"^• (.+?)(?: - (.+?))?(?: \(([^()]*[a-z][^()]*)\))?$", re.M)
CITE = re.compile(r"^• ((.+?)(?: - (.+?))?)(?: ?↗)?$", re.M)
RELATED = re.compile(r"^([^\n]+)\n([^\n]+)$", re.M)

MONEY = re.compile(r"^(?:\$|US\$)?\s*(\d[\d,]*(?:\.\d+)?)([km](?![a-z]))?"
                   r"(?:\s*(?:[-–—‒−]|to )\s*(?:\$|US\$)?\s*(\d[\d,]*(?:\.\d+)?)([km](?![a-z]))?)?"
                   r"\s*(usd)?\s*(?:(?:per |/|an? )\s*(year|yr|annum|month|mo|week|wk|day|hour|hr)"
                   r"|(annually|yearly|annual|monthly|weekly|daily|hourly))?\s*$", re.I)
PERIODS = {"year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year", "annual": "year",
           "month": "month", "mo": "month", "monthly": "month", "week": "week", "wk": "week", "weekly": "week",
           "day": "day", "daily": "day", "hour": "hour", "hr": "hour", "hourly": "hour"}
PERCENT = re.compile(r"^([-−–+]?)\s*(\d+(?:\.\d+)?)\s*%(.*)$", re.S)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}
UNIT = r"(years?|yrs?|months?|mos?|weeks?|wks?|days?)"
COUNT = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?)"
DURATION = re.compile(r"^(less than |under |up to )?\s*" + COUNT + r"\s*" + UNIT + r"?"
                      r"(?:\s*(?:[-–—‒−]|to )\s*" + COUNT + r"\s*" + UNIT + r")?\s*\.?$", re.I)
UNITS = {"y": 12.0, "m": 1.0, "w": 12.0 / 52.0, "d": 12.0 / 365.0}
ABBREVIATION = re.compile(r"^[A-Z](?:[A-Z0-9&-]|[a-z](?![a-z]))+$")
PARENS = re.compile(r"\(([^()]*)\)")


def number(value):
    """Whole numbers as int, others as float (as the record contract wants)."""
    return int(value) if value == int(value) and abs(value) < 1e15 else value


def round1(value):
    """Round half away from zero to one decimal."""
    scaled = value * 10
    return (int(scaled + 0.5) if scaled >= 0 else -int(-scaled + 0.5)) / 10


def parse_money(text):
    m = MONEY.match(text)
    if not m or not ("$" in text or m.group(5)):
        return None
    def amount(digits, suffix):
        return float(digits.replace(",", "")), {"k": 1e3, "m": 1e6}.get((suffix or "").lower(), 1.0)
    low, low_mul = amount(m.group(1), m.group(2))
    high, high_mul = amount(m.group(3), m.group(4)) if m.group(3) else (low, low_mul)
    if low_mul == 1 and high_mul > 1 and low <= high:
        low_mul = high_mul
    low, high = low * low_mul, high * high_mul
    if low > high:
        return None
    period = PERIODS.get((m.group(6) or m.group(7) or "").lower())
    return {"min": number(low), "max": number(high), "currency": "USD", "period": period}


ANNUAL_FACTORS = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


def annual(salary):
    """The salary per year: hour × 2080, day × 260, week × 52, month × 12; null without a period."""
    factor = ANNUAL_FACTORS.get((salary or {}).get("period"))
    def yearly(value):
        return None if factor is None or value is None else number(round(value * factor * 100) / 100)
    return {"min": yearly((salary or {}).get("min")), "max": yearly((salary or {}).get("max"))}


def parse_percent(text):
    m = PERCENT.match(text.strip())
    if not m:
        return None, None
    value = float(m.group(2)) * (-1 if m.group(1) and m.group(1) != "+" else 1)
    label = m.group(3).strip().lstrip("(-,").strip().rstrip(")").strip()
    return number(value), (label or None)


def parse_duration(text):
    m = DURATION.match(text.strip())
    if not m:
        return None
    less, first, first_unit, second, second_unit = m.groups()
    def count(word):
        return NUMBER_WORDS[word.lower()] if word.lower() in NUMBER_WORDS else float(word)
    if less and second:
        return None
    unit = first_unit or second_unit
    if not unit:
        return None
    low = round1(count(first) * UNITS[unit[0].lower()])
    if less:
        return {"months": None, "months_min": 0, "months_max": number(low)}
    if second:
        high = round1(count(second) * UNITS[second_unit[0].lower()])
        if low > high:
            return None
        if low == high:
            return {"months": number(low)}
        return {"months": None, "months_min": number(low), "months_max": number(high)}
    return {"months": number(low)}


def abbreviation_groups(text):
    groups = []
    for m in PARENS.finditer(text):
        items = []
        for part in re.split(r"[,/;]", m.group(1)):
            part = part.strip()
            words = part.split()
            if len(words) == 3 and words[1] in ("or", "and"):
                items += [words[0], words[2]]
            elif part:
                items.append(part)
        if items and all(is_abbreviation(i) for i in items):
            groups.append((m.start(), m.end(), items))
    return groups


def strip_abbreviations(text):
    for start, end, _ in reversed(abbreviation_groups(text)):
        text = text[:start] + text[end:]
    return re.sub(r"  +", " ", text).strip() or None


def slug(text):
    folded = unicodedata.normalize("NFKD", text.replace("'", "").replace("\u2019", ""))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or None


def clean(value):
    value = (value or "").strip()
    return value or None


def extract(text, source):
    sections, missing = segment(normalize(text))
    header = sections["header"]
    record = {"id": None, "source": source}
    m = TITLE.search(header)
    record["title"] = clean(m.group(1)) if m else None
    m = SUMMARY.search(header)
    record["summary"] = clean(m.group(1)) if m else None
    badges = BADGE_LINE.search(header)
    record["categories"] = [b.strip() for b in BADGE.findall(badges.group(0)) if b.strip()] if badges else []
    m = SALARY.search(header)
    if m:
        record["salary"] = dict(parse_money(m.group(1)) or {"min": None}, text=m.group(1).strip())
    else:
        record["salary"] = None
    record["salary_annual"] = annual(record["salary"])
    m = GROWTH.search(header)
    if m:
        percent, outlook = parse_percent(m.group(2))
        record["job_growth"] = {"percent": percent, "horizon_years": int(m.group(1)),
                                "outlook": outlook, "text": m.group(2).strip()}
    else:
        record["job_growth"] = None
    m = EDUCATION.search(header)
    record["education"] = clean(m.group(1)) if m else None
    m = START.search(header)
    if m:
        record["time_to_start"] = dict(parse_duration(m.group(1)) or {"months": None}, text=m.group(1).strip())
    else:
        record["time_to_start"] = None
    record["work_settings"] = [i.strip() for i in ITEM.findall(sections.get("work_settings", ""))]
    record["duties"] = [i.strip() for i in ITEM.findall(sections.get("duties", ""))]
    steps = []
    for title, description, duration in STEP.findall(sections.get("pathway", "")):
        step = {"title": title.strip(), "description": description.strip()}
        parsed = parse_duration(duration) if duration else None
        if parsed:
            step.update(("duration_" + k, v) for k, v in parsed.items())
        else:
            step["duration_months"] = None
        steps.append(step)
    record["pathway"] = steps
    months = [s["duration_months"] for s in steps]
    if not months or None in months:
        record["pathway_total_months"] = None
    elif any(isinstance(v, float) for v in months):
        record["pathway_total_months"] = sum(v for v in months if isinstance(v, float)) + \
            sum(v for v in months if isinstance(v, int))
    else:
        record["pathway_total_months"] = sum(months)
    ce = sections.get("continuing_education")
    record["continuing_education"] = "\n\n".join(l.strip() for l in ce.split("\n") if l.strip()) or None \
        if ce is not None else None
    certifications = []
    for name, issuer, note in CERT.findall(sections.get("certifications", "")):
        abbreviations = [a for _, _, items in abbreviation_groups(name) for a in items]
        issuer = clean(issuer)
        certifications.append({
            "name": strip_abbreviations(name),
            "abbreviations": abbreviations,
            "issuer_text": issuer,
            "note": clean(note),
            "issuers": [REGISTRY_INDEX.entity(r) for r in REGISTRY_INDEX.resolve(issuer, abbreviations + [name])]
            if issuer else [],
        })
    record["certifications"] = certifications
    citations = []
    for text_, organization, topic in CITE.findall(sections.get("citations", "")):
        organization = organization.strip()
        found = REGISTRY_INDEX.resolve(organization, [], citation=True) if organization else []
        citations.append({"text": text_.strip(),
                          "organization": REGISTRY_INDEX.entity(found[0]) if len(found) == 1
                          else REGISTRY_INDEX.entity(organization) if found else None,
                          "topic": clean(topic)})
    record["citations"] = citations
    record["related_guides"] = [{"title": t.strip(), "summary": s.strip()}
                                for t, s in RELATED.findall(sections.get("related_guides", ""))]
    record["id"] = slug(record["title"]) if record["title"] else None
    diagnostics = [{"stage": "segment", "field": None, "code": "segment.missing_section",
                    "message": f"section '{name}' not found"} for name in missing]
    if diagnostics:
        record["diagnostics"] = diagnostics
    return record


# --------------------------------------------------------------------------------------------
# resolve: a registry lookup

WORD_ABBREVIATIONS = {
    "assn": "association", "assoc": "association", "asso": "association", "natl": "national",
    "amer": "american", "mgmt": "management", "mgt": "management", "intl": "international",
    "inst": "institute", "dept": "department", "bd": "board", "soc": "society", "univ": "university",
    "coll": "college", "govt": "government", "svcs": "service", "svc": "service", "hlth": "health",
    "cert": "certification", "certif": "certification", "commn": "commission", "comm": "commission",
    "ctr": "center", "cntr": "center", "centre": "center", "med": "medical", "tech": "technology",
    "prof": "professional", "mgr": "manager", "asst": "assistant", "admin": "administration",
    "dev": "development", "info": "information", "org": "organization", "fed": "federation", "lab": "laboratory",
}


def is_abbreviation(word):
    return 2 <= len(word) <= 10 and bool(ABBREVIATION.match(word)) and sum(c.isupper() for c in word) >= 2


def is_abbreviation_text(text):
    """`ASCP BOC`, `RN, LPN`: one to three abbreviation-like words."""
    words = [w for w in re.split(r"[ ,/]", text) if w]
    return 0 < len(words) <= 3 and all(is_abbreviation(w) for w in words)


def name_key(text):
    text = unicodedata.normalize("NFKD", text.lower().replace("&", " and ").replace("+", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("'", "").replace("\u2019", "")
    text = re.sub(r"\bu\.?s\.?(?=\W|$)", "us", text)
    words = re.findall(r"\w+", text)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    out = []
    for word in words:
        word = WORD_ABBREVIATIONS.get(word, word)
        if len(word) > 3 and word.isalpha():
            if word.endswith("ies"):
                word = word[:-3] + "y"
            elif word.endswith(("sses", "xes", "ches", "shes")):
                word = word[:-2]
            elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
                word = word[:-1]
        out.append(word)
    return " ".join(out)


class Registry:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.entities = data["entities"]
        self.names, self.abbreviations, self.credentials = {}, {}, {}
        for index, entity in enumerate(self.entities):
            for name in [entity["name"]] + entity.get("aliases", []) + entity.get("former_names", []):
                self.names.setdefault(name_key(name), set()).add(index)
            for abbreviation in entity.get("abbreviations", []):
                self.abbreviations.setdefault(abbreviation.upper(), set()).add(index)
            for credential in entity.get("credentials", []):
                self.credentials.setdefault(credential.upper(), set()).add(index)
        self.spellings = {c for entity in self.entities for c in entity.get("credentials", [])}
        ids = {e["id"]: i for i, e in enumerate(self.entities)}
        for abbreviation, members in (data.get("ambiguous_abbreviations") or {}).items():
            self.abbreviations.setdefault(abbreviation.upper(), set()).update(ids[m] for m in members)
            self.abbreviations[abbreviation.upper()].add(-1)  # marks "needs evidence"
        self.cache = {}

    def by_abbreviation(self, text, credentials):
        candidates = self.abbreviations.get(text.upper())
        if not candidates:
            return None
        if -1 not in candidates and len(candidates) == 1:
            return next(iter(candidates))
        issuing = [c for c in candidates if c >= 0 and any(c in self.credentials.get(k.upper(), ()) for k in self.credential_words(credentials))]
        return issuing[0] if len(issuing) == 1 else None

    def credential_words(self, credentials):
        """Each credential text, and its words that look like abbreviations or are spelt as the
        registry spells a credential (`CPR/BLS certification` names BLS)."""
        for text in credentials:
            yield text
            words = [w for w in re.split(r"[ \t/,;()&+]", text) if w]
            if len(words) > 1 or (words and words[0] != text):
                yield from (w for w in words if is_abbreviation(w) or w in self.spellings)

    def resolve_one(self, text, credentials):
        name, inner = text, None
        m = re.match(r"^(.*?)\s*\(([^()]*)\)$", text)
        if m:
            name, inner = m.group(1).strip() or m.group(2).strip(), m.group(2).strip()
        found = self.names.get(name_key(name))
        if found and len(found) == 1:
            return next(iter(found))
        if inner and is_abbreviation_text(inner):
            hit = self.by_abbreviation(inner, credentials)
            if hit is not None:
                return hit
        if " " not in name or is_abbreviation_text(name):
            hit = self.by_abbreviation(name, credentials)
            if hit is not None:
                return hit
            if inner:
                found = self.names.get(name_key(inner))
                if found and len(found) == 1:
                    return next(iter(found))
        return None

    def resolve(self, text, credentials, citation=False):
        key = (text, tuple(credentials))
        if key in self.cache:
            return self.cache[key]
        text = re.sub(r"^(?:or|and|&)\s+", "", text.strip(), flags=re.I)
        text = re.sub(r"[\s↗.,;:]+$", "", text)
        if not text:
            return []
        hit = self.resolve_one(text, credentials)
        if hit is not None:
            result = [hit]
        else:
            result = [text]
            # split only where a part names a known body: an unknown name with "and" is one body
            for separators in (r"\s+or\s+|\s*/\s*|;\s+", r",\s+", r"\s+and\s+|\s+&\s+"):
                parts = [p for p in re.split(separators, text, flags=re.I) if p.strip()]
                if len(parts) > 1:
                    found = [r for p in parts for r in self.resolve(p, credentials, citation)]
                    if any(not isinstance(r, str) for r in found):
                        result = found
                        break
        self.cache[key] = result
        return result

    def entity(self, resolved):
        if isinstance(resolved, str):
            return {"id": None, "name": resolved, "abbreviation": None, "kind": "unresolved"}
        entity = self.entities[resolved]
        abbreviations = entity.get("abbreviations") or [None]
        return {"id": entity["id"], "name": entity["name"],
                "abbreviation": None if entity["kind"] == "generic" else abbreviations[0], "kind": entity["kind"]}


REGISTRY_INDEX = None

# --------------------------------------------------------------------------------------------
# input and output


def list_files(directory):
    """Files under `directory`, recursively, each directory in sorted name order; hidden ones skipped."""
    for name in sorted(os.listdir(directory)):
        if name.startswith("."):
            continue
        path = directory + "/" + name
        if os.path.isdir(path):
            yield from list_files(path)
        else:
            yield path


def documents(paths):
    for path in paths:
        if os.path.isdir(path):
            for file in list_files(path.rstrip("/") or "/"):
                with open(file, encoding="utf-8") as f:
                    yield file, f.read()
        elif path.endswith((".jsonl", ".ndjson")):
            with open(path, encoding="utf-8") as f:
                for number_, line in enumerate(f, 1):
                    if line.strip():
                        obj = json.loads(line)
                        yield str(obj.get("id", f"{path}#{number_}")), obj["text"]
        else:
            with open(path, encoding="utf-8") as f:
                yield path, f.read()


def main():
    global REGISTRY_INDEX
    parser = argparse.ArgumentParser(description="career pages to JSON Lines (Python baseline)")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-o", "--output")
    parser.add_argument("--check", action="store_true",
                        help="compare the records of Fixtures/career/pages with Fixtures/career/expected")
    args = parser.parse_args()
    REGISTRY_INDEX = Registry(REGISTRY)
    if args.check:
        failures = 0
        for path in args.paths:
            for source, text in documents([path]):
                expected_path = os.path.join(os.path.dirname(os.path.dirname(source)), "expected",
                                             os.path.splitext(os.path.basename(source))[0] + ".json")
                expected = json.load(open(expected_path, encoding="utf-8"))
                got = extract(text, expected["source"])
                status = "same" if got == expected else "DIFFERENT"
                failures += got != expected
                print(f"{source}: {status}")
        sys.exit(1 if failures else 0)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = out.write
    for source, text in documents(args.paths):
        write(dumps(extract(text, source)))
        write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
