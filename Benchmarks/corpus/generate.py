#!/usr/bin/env python3
"""Generate a deterministic corpus of career-guide pages for benchmarks.

    python3 Benchmarks/corpus/generate.py --count 10000 --seed 1 --out DIR
    python3 Benchmarks/corpus/generate.py --count 10000 --seed 1 --jsonl corpus.jsonl

Pages follow the template of Fixtures/career/pages (docs/career-record.md) in both text
layouts the site comes in:

- layout A: pipe-table facts, `- •` bullets (or another bullet style), no blank lines;
- layout B: a badge line of emoji categories, label and value glued together (`Median
  Salary$36,000`, the growth value on the next line), blank lines between blocks, `  • `
  bullets, numbered pathway steps.

Variety: about 120 occupations (`How to Become a/an …` or no article), list lengths 1–20,
pay per year, per hour or per month, `K` figures, single figures, `to` and en-dash ranges,
growth positive, negative and fractional, time to start in months, years, ranges and
`Less than 1 year`, step durations with ranges and missing ones, every bullet style the
normalize stage supports (•, ▪, ◦, ●, ·, *, -, `- •`, mojibake `â€¢`), certifications with
one abbreviation, several, none, one or two issuers, a trailing remark, and issuers written
as a name, an abbreviation, `Name (ABBR)` or a generic body; citations with and without a
topic; a few pages with CRLF line ends, a few saved as Windows-1252 mojibake, a few with
HTML entities, and about 1% without a `Continuing Education` section (the only diagnostic
the career pipeline should report on this corpus: `segment.missing_section` and the
`fields.not_found` that comes with it is not emitted for a missing section).

The same --seed gives the same pages byte for byte, and page N is the same whatever
--count is (one random stream, consumed in page order). Only the standard library is used.
"""

import argparse
import json
import os
import random
import sys

# --------------------------------------------------------------------------------------------
# Content pools

OCCUPATIONS = [
    "Patient Care Coordinator", "Medical Assistant", "Registered Nurse", "Licensed Practical Nurse",
    "Certified Nursing Assistant", "Phlebotomist", "Pharmacy Technician", "Medical Coder",
    "Medical Biller", "Health Information Technician", "Surgical Technologist", "Radiologic Technologist",
    "Diagnostic Medical Sonographer", "Respiratory Therapist", "Occupational Therapist",
    "Occupational Therapy Assistant", "Physical Therapist Assistant", "Physician Assistant",
    "Nurse Practitioner", "Dental Assistant", "Dental Hygienist", "Emergency Medical Technician",
    "Paramedic", "Medical Laboratory Technician", "Medical Laboratory Scientist", "Dietitian",
    "Nutritionist", "Case Manager", "Health Educator", "Community Health Worker", "Medical Interpreter",
    "Medical Scribe", "Unit Secretary", "Health Unit Coordinator", "Patient Access Representative",
    "Sterile Processing Technician", "EKG Technician", "Cardiovascular Technologist",
    "Nuclear Medicine Technologist", "Medical Dosimetrist", "Orthotist", "Prosthetist", "Optician",
    "Ophthalmic Technician", "Athletic Trainer", "Exercise Physiologist", "Personal Trainer",
    "Massage Therapist", "Acupuncturist", "Midwife", "Nurse Anesthetist", "Anesthesiologist Assistant",
    "Infection Preventionist", "Clinical Documentation Specialist", "Medical Staff Coordinator",
    "Healthcare Administrator", "Practice Manager", "Nursing Home Administrator", "Health Services Manager",
    "Quality Improvement Coordinator", "Clinical Research Coordinator", "Behavior Technician",
    "Behavior Analyst", "Substance Abuse Counselor", "Mental Health Counselor", "Marriage and Family Therapist",
    "Social Worker", "Hospice Aide", "Home Health Aide", "Lactation Consultant", "Diabetes Educator",
    "Wound Care Nurse", "Oncology Nurse", "Pediatric Nurse", "Emergency Room Nurse", "Critical Care Nurse",
    "Dialysis Technician", "Hearing Instrument Specialist", "Speech-Language Pathologist", "Audiologist",
    "Health Coach", "Medical Records Clerk", "Telehealth Coordinator", "Care Navigator",
    "Patient Advocate", "Utilization Review Nurse", "Compliance Officer", "Revenue Cycle Specialist",
    "Health Informatics Specialist", "Clinical Informatics Analyst", "Epidemiologist",
    "Public Health Analyst", "Occupational Health Nurse", "School Nurse", "Travel Nurse",
    "Nurse Educator", "Nurse Manager", "Medical Office Manager", "Front Desk Receptionist",
    "Ambulance Dispatcher", "Psychiatric Technician", "Recreational Therapist", "Art Therapist",
    "Music Therapist", "Chiropractic Assistant", "Veterinary Technician", "Optometric Assistant",
    "Orthopedic Technician", "Anesthesia Technician", "Histotechnician", "Cytotechnologist",
    "Genetic Counselor", "Perfusionist", "Radiation Therapist", "MRI Technologist", "CT Technologist",
    "Mammographer", "Polysomnographic Technologist", "Hospitalist Coordinator", "Café Nutrition Consultant",
    "Élder Care Coordinator",
]

CATEGORIES = [
    ("\U0001F464", "Patient Care"), ("\U0001F4CB", "Support & Admin"), ("\U0001FA7A", "Clinical"),
    ("\U0001F4BB", "Technology"), ("\U0001F52C", "Lab & Research"), ("\U0001F393", "Education"),
    ("\U0001F4BC", "Management"), ("\U0001F9E0", "Mental Health"), ("\U0001F3E5", "Allied Health"),
    ("\U0001F6E0\uFE0F", "Technical"), ("\U0001F4B5", "Billing & Finance"), ("\u2695\uFE0F", "Medicine"),
]

SUMMARY_VERBS = ["Coordinate", "Provide", "Support", "Perform", "Manage", "Deliver", "Assist with", "Oversee"]
SUMMARY_OBJECTS = [
    "patient care activities", "clinical procedures", "diagnostic tests", "treatment plans", "health records",
    "patient education", "daily operations", "therapy sessions", "laboratory analyses", "care transitions",
]
SUMMARY_TAILS = [
    "and serve as liaison between patients, families, and healthcare providers.",
    "in hospitals, clinics, and community settings.",
    "while following safety and privacy regulations.",
    "to help patients recover and stay healthy.",
    "under the supervision of licensed professionals.",
    "across inpatient and outpatient care teams.",
]

SETTINGS = [
    "Hospitals", "Outpatient clinics", "Primary care practices", "Specialty clinics (oncology, cardiology)",
    "Home health agencies", "Hospice facilities", "Behavioral health facilities", "Managed care organizations",
    "Nursing homes", "Telehealth services", "Physician offices", "Urgent care centers", "Rehabilitation centers",
    "Diagnostic laboratories", "Schools and universities", "Public health departments", "Insurance companies",
    "Pharmacies", "Ambulatory surgery centers", "Long-term care facilities", "Research institutions",
    "Correctional facilities", "Military bases", "Fitness centers", "Dental offices", "Community health centers",
]

DUTY_VERBS = [
    "Develop", "Schedule", "Obtain", "Educate", "Facilitate", "Serve as", "Verify", "Maintain", "Connect",
    "Advocate for", "Record", "Prepare", "Monitor", "Assist", "Coordinate", "Document", "Review", "Collect",
    "Operate", "Sterilize", "Explain", "Update", "Process", "Perform", "Respond to", "Track",
]
DUTY_OBJECTS = [
    "individualized patient treatment plans", "patient appointments with specialists",
    "prior authorizations from insurance companies", "patients and families about health conditions",
    "patient transitions between care settings", "central communication liaison among care teams",
    "insurance coverage and billing inquiries", "accurate, confidential medical records",
    "patients with community resources and social services", "patients navigating the healthcare system",
    "vital signs and medical histories", "examination rooms and medical equipment", "specimens for laboratory testing",
    "medications and supplies inventory", "electronic health record entries", "quality and safety incidents",
    "physicians during examinations and procedures", "follow-up visits and referrals",
]
DUTY_TAILS = [
    "", "", "", " in collaboration with healthcare providers", " in compliance with HIPAA regulations",
    " to address health needs", " and resolve barriers to care", " according to facility protocols",
    " using the electronic health record", " for every shift",
]

STEP_TITLES = [
    "Complete a high school diploma", "Complete bachelor's degree", "Earn an associate degree",
    "Enroll in an accredited training program", "Gain entry-level healthcare experience",
    "Obtain relevant certifications", "Pass the licensing exam", "Complete clinical rotations",
    "Secure an entry-level position", "Build specialized expertise", "Advance to senior or specialized roles",
    "Complete a master's program", "Finish a supervised internship", "Apply for state licensure",
    "Join a professional association", "Complete on-the-job training",
]
STEP_DESCRIPTIONS = [
    "Pursue degree in health administration, nursing, public health, social work, or related field.",
    "Include coursework in medical terminology, anatomy, physiology, and healthcare law.",
    "Work as a medical assistant, front desk staff, or patient service representative to learn workflows.",
    "Pursue certifications such as CCM, RHIA, or CHW depending on career goals and setting preferences.",
    "Apply for roles emphasizing education, healthcare experience, and certifications.",
    "Develop proficiency in specific patient populations, care settings, or specialties.",
    "Progress to senior, supervisory, or management roles with additional experience and credentials.",
    "Complete the required supervised clinical hours under a licensed professional.",
    "Register for and pass the national examination required in most states.",
    "Network within healthcare organizations and attend industry events and conferences.",
]
STEP_DURATIONS = [
    "48 months", "24 months", "6 months", "36 months", "12 months", "18 months", "3 months",
    "4 years", "2 years", "1 year", "one year", "6 weeks", "9 months", "30 months",
]
STEP_RANGES = ["2-4 years", "12-24 months", "6-12 months", "1\u20132 years"]

CE_SENTENCES = [
    "{p} must stay current with evolving healthcare technologies, clinical guidelines, and regulatory changes.",
    "Many certifications require ongoing continuing education units (CEUs) for renewal, typically every few years.",
    "Professional development opportunities include training in new EHR systems and specialized techniques.",
    "Attending conferences, webinars, and workshops offered by professional associations helps you advance.",
    "Most states require a set number of contact hours every renewal period to keep a license active.",
    "Employers often pay for courses that lead to an additional credential or specialty certification.",
]

# (certification name, credential abbreviations, issuer texts that resolve to the same body)
CERTIFICATIONS = [
    ("Certified Case Manager", ["CCM"], ["Commission for Case Manager Certification", "CCMC",
                                         "Commission for Case Manager Certification (CCMC)"]),
    ("Registered Health Information Administrator", ["RHIA"], ["American Health Information Management Association", "AHIMA"]),
    ("Registered Health Information Technician", ["RHIT"], ["American Health Information Management Association"]),
    ("Certified Professional in Healthcare Quality", ["CPHQ"], ["National Association for Healthcare Quality", "NAHQ"]),
    ("Certified Medical Manager", ["CMM"], ["Professional Association of Health Care Office Management", "PAHCOM"]),
    ("Certified Medical Assistant", ["CMA"], ["American Association of Medical Assistants", "AAMA",
                                              "Amer. Assn. of Medical Assistants"]),
    ("Registered Medical Assistant", ["RMA"], ["American Medical Technologists", "AMT"]),
    ("Certified Clinical Medical Assistant", ["CCMA"], ["National Healthcareer Association", "NHA"]),
    ("Certified Phlebotomy Technician", ["CPT"], ["National Healthcareer Association"]),
    ("Certified Professional Coder", ["CPC"], ["AAPC"]),
    ("Certified Pharmacy Technician", ["CPhT"], ["Pharmacy Technician Certification Board", "PTCB"]),
    ("Registered Respiratory Therapist", ["RRT"], ["National Board for Respiratory Care", "NBRC"]),
    ("Registered Diagnostic Medical Sonographer", ["RDMS"], ["American Registry for Diagnostic Medical Sonography", "ARDMS"]),
    ("Certified Dental Assistant", ["CDA"], ["Dental Assisting National Board", "DANB"]),
    ("Emergency Medical Technician", ["EMT"], ["National Registry of Emergency Medical Technicians", "NREMT"]),
    ("Registered Dietitian Nutritionist", ["RDN"], ["Commission on Dietetic Registration", "CDR"]),
    ("Certified Surgical Technologist", ["CST"], ["National Board of Surgical Technology and Surgical Assisting", "NBSTSA"]),
    ("Medical Laboratory Scientist", ["MLS"], ["ASCP Board of Certification"]),
    ("Certified Infection Control", ["CIC"], ["Certification Board of Infection Control and Epidemiology", "CBIC"]),
    ("National Certified Counselor", ["NCC"], ["National Board for Certified Counselors", "NBCC"]),
    ("Board Certified Behavior Analyst", ["BCBA"], ["Behavior Analyst Certification Board", "BACB"]),
    ("Registered Behavior Technician", ["RBT"], ["Behavior Analyst Certification Board"]),
    ("Oncology Certified Nurse", ["OCN"], ["Oncology Nursing Certification Corporation", "ONCC"]),
    ("International Board Certified Lactation Consultant", ["IBCLC"], ["International Board of Lactation Consultant Examiners"]),
    ("Certified Health Education Specialist", ["CHES"], ["National Commission for Health Education Credentialing", "NCHEC"]),
    ("Certified Healthcare Interpreter", ["CHI"], ["Certification Commission for Healthcare Interpreters", "CCHI"]),
    ("Certified Registered Central Service Technician", ["CRCST"], ["Healthcare Sterile Processing Association", "HSPA"]),
    ("Certified Health Unit Coordinator", ["CHUC"], ["National Association of Health Unit Coordinators"]),
    ("Fellow of the American College of Healthcare Executives", ["FACHE"], ["American College of Healthcare Executives", "ACHE"]),
    ("Certified Professional in Healthcare Information and Management Systems", ["CPHIMS"],
     ["Healthcare Information and Management Systems Society", "HIMSS"]),
    ("Certified Strength and Conditioning Specialist", ["CSCS"], ["National Strength and Conditioning Association", "NSCA"]),
    ("Certified Nurse Midwife", ["CNM"], ["American Midwifery Certification Board", "AMCB"]),
    ("Certified Emergency Nurse", ["CEN"], ["Board of Certification for Emergency Nursing", "BCEN"]),
    ("Certified Diabetes Care and Education Specialist", ["CDCES"], ["Certification Board for Diabetes Care and Education"]),
    ("Certified Hemodialysis Technician", ["CHT"], ["Board of Nephrology Examiners Nursing and Technology", "BONENT"]),
    ("Basic Life Support", ["BLS"], ["American Heart Association"]),
    ("Certified Medical Interpreter", ["CMI"], ["National Board of Certification for Medical Interpreters"]),
    ("Certified Revenue Cycle Representative", ["CRCR"], ["Healthcare Financial Management Association", "HFMA"]),
    ("Certified Medical Practice Executive", ["CMPE"], ["Medical Group Management Association", "MGMA"]),
    ("Certified in Healthcare Compliance", ["CHC"], ["Health Care Compliance Association", "HCCA"]),
    ("Nurse Practitioner certification", ["NP-C"], ["American Academy of Nurse Practitioners Certification Board"]),
    ("Physician Assistant certification", ["PA-C"], ["National Commission on Certification of Physician Assistants", "NCCPA"]),
    ("Occupational Therapist Registered", ["OTR"], ["National Board for Certification in Occupational Therapy", "NBCOT"]),
    ("Clinical licenses", ["RN", "LPN", "LSW"], ["State licensing boards"]),
    ("Nursing license", ["RN"], ["State boards of nursing", "State board of nursing"]),
    ("Pharmacy technician registration", [], ["State boards of pharmacy"]),
    ("Community Health Worker Certificate", ["CHW"], ["State health departments or community colleges",
                                                     "State health department"]),
    ("First aid and CPR", [], ["American Red Cross"]),
    ("EMS certification", [], ["State EMS offices"]),
    ("Training certificate", [], ["Accredited training programs", "Vocational schools", "Community colleges"]),
]
NOTES = ["often required for clinical settings", "varies by state", "optional but preferred by employers",
         "renew every 2 years", "required in most states"]

CITATIONS = [
    ("Bureau of Labor Statistics", ["Medical and Health Services Managers", "Occupational Outlook Handbook",
                                    "Employment Projections", None]),
    ("Commission for Case Manager Certification (CCMC)", [None]),
    ("American Health Information Management Association (AHIMA)", [None]),
    ("National Association for Healthcare Quality (NAHQ)", [None]),
    ("Professional Association of Health Care Office Management (PAHCOM)", [None]),
    ("American Case Management Association", [None, "Case Management Standards"]),
    ("Centers for Disease Control and Prevention", ["Infection Control Guidance", None]),
    ("Centers for Medicare & Medicaid Services (CMS)", ["Conditions of Participation", None]),
    ("National Institutes of Health", [None, "MedlinePlus"]),
    ("Occupational Safety and Health Administration (OSHA)", ["Healthcare Workers", None]),
    ("U.S. Department of Labor", ["Apprenticeship", None]),
    ("American Association of Medical Assistants (AAMA)", [None]),
    ("National Healthcareer Association", ["Certification Exams", None]),
    ("American Nurses Association", ["Scope of Practice", None]),
    ("National Council of State Boards of Nursing (NCSBN)", ["NCLEX", None]),
    ("Health Resources and Services Administration", ["Workforce Projections", None]),
    ("American Medical Association", [None]),
    ("Agency for Healthcare Research and Quality", ["Care Coordination", None]),
]

RELATED = [
    ("Acupuncturist Salary", "Acupuncturists in the U.S. earn an average annual salary of $84,260, reflecting the growing recognition of this ancient practice."),
    ("Associates Degree in Nursing (ADN): Application Steps and Guide (2024)", "Learn how to get your Associate Degree in Nursing (ADN) and become an RN. Explore career options."),
    ("How to Become a Medical Assistant: A Step-by-Step Guide", "Medical assistants are responsible for a number of duties, including patient intake and administrative tasks."),
    ("Registered Nurse Salary by State", "Registered nurses earn the most in California, Hawaii, and Oregon, with pay rising with experience."),
    ("Best Online Healthcare Administration Programs", "Compare accredited online programs by cost, length, and the credentials they prepare you for."),
    ("How to Become a Phlebotomist: Training and Certification", "Phlebotomy programs take a few months and lead to national certification exams."),
    ("Nurse Practitioner vs. Physician Assistant", "Both roles diagnose and treat patients; they differ in training model, scope, and certification."),
    ("Medical Coding Certification Guide", "Coders translate clinical documentation into standardized codes for billing and research."),
    ("Top Healthcare Jobs Without a Degree", "Many entry-level roles need only a short certificate program and on-the-job training."),
]

EDUCATION = ["Bachelor's Degree", "Associate's Degree", "High School Diploma", "Master's Degree",
             "Doctoral Degree", "Postsecondary Certificate", "Bachelor\u2019s Degree", "Some College"]
OUTLOOKS = ["Very Good", "Good", "Average", "Below Average", "Excellent"]
TIME_TO_START = ["4 years", "2 years", "1 year", "18 months", "6 months", "9 months", "2-4 years",
                 "6-12 months", "12-24 months", "Less than 1 year", "3 months", "6 weeks"]

# Bullet styles for list items (what precedes the text), by layout.
BULLETS_A = ["- \u2022", "- \u2022", "- \u2022", "\u2022 ", "\u25aa ", "\u25e6 ", "\u25cf ", "\u00b7 ", "* ", "- "]
BULLETS_B = ["  \u2022 ", "  \u2022 ", "  \u2022 ", "\u2022 ", "  \u25aa ", "  \u25e6 ", "  \u25cf ", "  \u00b7 ", "  * ", "  - "]

# Windows-1252 decoding of bytes 0x80-0x9F (undefined ones keep their C1 control), for mojibake.
_CP1252_HIGH = [0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
                0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178]
_CP1252 = [chr(b) if b < 0x80 or b >= 0xA0 else chr(_CP1252_HIGH[b - 0x80]) for b in range(256)]


def mojibake(text):
    """UTF-8 read as Windows-1252 and written back as UTF-8: `•` becomes `â€¢`."""
    out = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
        else:
            out.extend(_CP1252[b] for b in ch.encode("utf-8"))
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Page generation

def list_length(rng, low=1, high=20):
    """Mostly 3–12 items, sometimes as few as `low` or as many as `high`."""
    r = rng.random()
    if r < 0.08:
        return rng.randint(low, min(high, 2))
    if r < 0.92:
        return rng.randint(max(low, 3), min(high, 12))
    return rng.randint(min(high, 13), high)


def salary_text(rng):
    kind = rng.randrange(10)
    lo = rng.randrange(28, 120) * 1000
    hi = lo + rng.randrange(5, 60) * 1000
    if kind <= 2:
        return f"${lo:,}-${hi:,} per year"
    if kind == 3:
        h1 = rng.randrange(14, 45)
        return f"${h1}-${h1 + rng.randrange(3, 20)} per hour"
    if kind == 4:
        return f"${lo // 1000}K-${hi // 1000}K per year"
    if kind == 5:
        return f"${lo // 1000}-{hi // 1000}K"
    if kind == 6:
        return f"${lo:,} per year" if rng.random() < 0.5 else f"${lo:,}"
    if kind == 7:
        return f"${rng.randrange(14, 45)}.{rng.choice(['50', '25', '75'])} per hour"
    if kind == 8:
        h1 = rng.randrange(14, 40)
        return f"${h1} to ${h1 + rng.randrange(2, 12)}/hr"
    return rng.choice([f"${lo:,}\u2013${hi:,} per year", f"${lo // 12:,} a month"])


def growth_text(rng):
    r = rng.random()
    if r < 0.6:
        value = f"+{rng.randrange(1, 30)}%"
    elif r < 0.8:
        value = f"-{rng.randrange(1, 12)}%"
    else:
        value = f"+{rng.randrange(0, 15)}.{rng.randrange(1, 10)}%"
    if value.startswith("-"):
        label = rng.choice(["Declining", "Below Average", ""])
    else:
        label = rng.choice(OUTLOOKS)
    return value + (label if rng.random() < 0.85 else (" " + label if label else ""))


def duty(rng):
    return f"{rng.choice(DUTY_VERBS)} {rng.choice(DUTY_OBJECTS)}{rng.choice(DUTY_TAILS)}"


def certification(rng):
    name, abbrs, issuers = rng.choice(CERTIFICATIONS)
    label = name
    if abbrs:
        label = f"{name} ({', '.join(abbrs)})" if name != "Community Health Worker Certificate" \
            else "Community Health Worker (CHW) Certificate"
    r = rng.random()
    if r < 0.05:
        return label  # no issuer
    issuer = rng.choice(issuers)
    if r < 0.12 and issuer[0].isupper() and " or " not in issuer:
        issuer = issuer + " or " + rng.choice(["State licensing boards", "community colleges", "AMT", "NHA"])
    line = f"{label} - {issuer}"
    if rng.random() < 0.08:
        line += f" ({rng.choice(NOTES)})"
    return line


def citation(rng):
    org, topics = rng.choice(CITATIONS)
    topic = rng.choice(topics)
    return (f"{org} - {topic}" if topic else org) + (" \u2197" if rng.random() < 0.9 else "")


def page(rng, index):
    """One page: (text, layout, flags)."""
    layout_b = rng.random() < 0.5
    occupation = rng.choice(OCCUPATIONS)
    article = rng.random()
    if article < 0.5:
        become = f"How to Become {occupation}"
    else:
        become = f"How to Become {'an' if occupation[0] in 'AEIOU' else 'a'} {occupation}"
    summary = (f"{rng.choice(SUMMARY_VERBS)} {rng.choice(SUMMARY_OBJECTS)}, "
               f"{rng.choice(SUMMARY_OBJECTS)}, and {rng.choice(SUMMARY_OBJECTS)} {rng.choice(SUMMARY_TAILS)}")
    salary = salary_text(rng)
    horizon = 10 if rng.random() < 0.9 else rng.choice([5, 8])
    growth = growth_text(rng)
    education = rng.choice(EDUCATION)
    start = rng.choice(TIME_TO_START)
    settings = rng.sample(SETTINGS, min(list_length(rng), len(SETTINGS)))
    duties = [duty(rng) for _ in range(list_length(rng))]
    steps = []
    for n in range(list_length(rng, 1, 10)):
        r = rng.random()
        duration = rng.choice(STEP_DURATIONS) if r < 0.96 else (rng.choice(STEP_RANGES) if r < 0.985 else None)
        steps.append((rng.choice(STEP_TITLES), rng.choice(STEP_DESCRIPTIONS), duration))
    paragraphs = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        sentences = rng.sample(CE_SENTENCES, rng.randint(2, 4))
        paragraphs.append(" ".join(s.format(p=occupation + "s") for s in sentences))
    has_ce = rng.random() >= 0.01
    certs = [certification(rng) for _ in range(list_length(rng, 1, 10))]
    cites = [citation(rng) for _ in range(list_length(rng, 1, 10))]
    related = rng.sample(RELATED, rng.randint(1, 5))
    bullet = rng.choice(BULLETS_B if layout_b else BULLETS_A)
    cite_bullet = "  \u2022 " if layout_b else "- "
    flags = rng.random()
    crlf = flags < 0.02
    moji = 0.02 <= flags < 0.04
    entities = 0.04 <= flags < 0.05
    if moji:
        layout_b = False  # mojibake pages come from the pipe-table export
        bullet = "- \u2022"

    out = [occupation]
    if layout_b:
        cats = rng.sample(CATEGORIES, rng.randint(1, 3))
        out += ["", "".join(e + label for e, label in cats), "", summary, ""]
        out += [f"Median Salary{salary}", f"Job Growth ({horizon}yr)", growth, f"Education{education}",
                f"Time to Start{start}", ""]
    else:
        out += [summary, f"| Median Salary | {salary} |", f"| Job Growth ({horizon}yr) | {growth} |",
                f"| Education | {education} |", f"| Time to Start | {start} |"]
    gap = [""] if layout_b else []

    def block(heading, lines):
        out.append(heading)
        out.extend(gap)
        out.extend(lines)
        out.extend(gap)

    block("Work Settings", [bullet + s for s in settings])
    block("Primary Duties", [bullet + d for d in duties])
    step_lines = []
    for n, (title, description, duration) in enumerate(steps, 1):
        if layout_b:
            step_lines += [str(n), "", title, "", description, ""]
            if duration:
                step_lines += [f"Duration: {duration}", ""]
        else:
            step_lines += [title, description] + ([f"Duration: {duration}"] if duration else [])
    if layout_b:
        step_lines = step_lines[:-1]
    block(become, step_lines)
    if has_ce:
        ce_lines = []
        for p in paragraphs:
            ce_lines += [p, ""] if layout_b else [p]
        block("Continuing Education", ce_lines[:-1] if layout_b else ce_lines)
    block("Certifications & Licenses" if rng.random() < 0.95 else "Certifications and Licenses",
          [bullet + c for c in certs])
    block("Citations", [cite_bullet + c for c in cites])
    rel_lines = []
    for title, text in related:
        rel_lines += [title, "", text, ""] if layout_b else [title, text]
    block("Related Guides", rel_lines[:-1] if layout_b else rel_lines)
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out)
    if entities:
        text = text.replace(" & ", " &amp; ").replace("\u2019", "&rsquo;")
    if moji:
        text = mojibake(text)
    if crlf:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.5:
        text += "\r\n" if crlf else "\n"
    slug = "".join(c if c.isalnum() else "-" for c in occupation.lower())
    return text, f"{index:06d}-{slug}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="number of pages (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", help="write one page per file into this directory")
    parser.add_argument("--jsonl", help='write {"id", "text"} JSON Lines to this file')
    args = parser.parse_args()
    if not args.out and not args.jsonl:
        parser.error("give --out DIR and/or --jsonl FILE")
    rng = random.Random(args.seed)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    jsonl = open(args.jsonl, "w", encoding="utf-8", newline="\n") if args.jsonl else None
    total = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for index in range(args.count):
        text, name = page(rng, index)
        data = text.encode("utf-8")
        total += len(data)
        if args.out:
            with open(os.path.join(args.out, name + ".txt"), "wb") as f:
                f.write(data)
        if jsonl:
            jsonl.write('{"id":' + dumps(name) + ',"text":' + dumps(text) + "}\n")
    if jsonl:
        jsonl.close()
    print(f"{args.count} pages, {total:,} bytes of text ({total / max(args.count, 1):,.0f} per page)", file=sys.stderr)


if __name__ == "__main__":
    main()
