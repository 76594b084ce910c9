"""Grow a registry with synthetic, realistic-looking bodies, to measure entity resolution at
registry sizes beyond the real one (the resolve benchmark uses 1,000 extra entries).

    python3 Benchmarks/registry/synthesize.py Pipelines/registries/certification-bodies.yaml 1000 [SEED] > big.yaml

The real entries are kept first and unchanged; the synthetic ones (ids synthetic-N) combine words
real names use ("National Association of Cardiac Technologists Certification"), so they share
words with real names and with mentions, as a grown registry would.
"""
import random, sys, yaml
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
base = yaml.safe_load(open(sys.argv[1]))
n = int(sys.argv[2])
lead = ["National", "American", "International", "United States", "Federated", "Allied", "Global", "Regional", "North American", "Independent"]
kind = ["Association", "Board", "Council", "Society", "Commission", "Academy", "College", "Institute", "Alliance", "Federation", "Guild", "Registry", "Consortium"]
prep = ["of", "for", "on"]
field = ["Cardiac", "Pediatric", "Geriatric", "Oncology", "Dental", "Surgical", "Respiratory", "Renal", "Neurological", "Orthopedic",
         "Emergency", "Rural", "Community", "Behavioral", "Nutrition", "Imaging", "Laboratory", "Pharmacy", "Vision", "Hearing",
         "Wound", "Sleep", "Pain", "Infection", "Hospice", "Rehabilitation", "Sports", "Occupational", "Maternal", "Telehealth"]
role = ["Nursing", "Technologists", "Technicians", "Assistants", "Specialists", "Practitioners", "Educators", "Coders", "Managers",
        "Therapists", "Coordinators", "Scientists", "Aides", "Counselors", "Physicians", "Administrators"]
suffix = ["", " Certification", " Credentialing", " Professionals", " Standards", " Accreditation"]
seen = {e["name"].lower() for e in base["entities"]}
abbrs = {a for e in base["entities"] for a in e.get("abbreviations", [])}
out = list(base["entities"])
i = 0
while len(out) < len(base["entities"]) + n:
    name = f"{random.choice(lead)} {random.choice(kind)} {random.choice(prep)} {random.choice(field)} {random.choice(role)}{random.choice(suffix)}"
    if name.lower() in seen: continue
    seen.add(name.lower())
    abbr = "".join(w[0] for w in name.split() if w[0].isupper())
    abbreviations = [abbr] if abbr not in abbrs and len(abbr) >= 3 else []
    abbrs.update(abbreviations)
    i += 1
    out.append({"id": f"synthetic-{i}", "name": name, "abbreviations": abbreviations, "aliases": [], "former_names": [],
                "credentials": [], "kind": "organization"})
base["entities"] = out
yaml.safe_dump(base, sys.stdout, sort_keys=False, allow_unicode=True)
