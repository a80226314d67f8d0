"""Clause attributes: parties, AI-training polarity (negation scope), scope words, money and durations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from clausecheck.extract import ClauseReading, attributes_of_text, find_parties, sides_for
from clausecheck.extract.amounts import durations, money, percentages
from clausecheck.extract.polarity import ai_training_polarity, modality

ROOT = Path(__file__).resolve().parents[1]

# Written for these tests (not taken from the held-out set or the training data): the negation-scope
# constructions the polarity rules must get right.
GRANTS = [
    "Provider may use Customer Data to improve and train its models.",
    "We may use your content to train our generative models unless you opt out in Settings.",
    "Unless you turn off Model Improvement, your chats may be used to train and evaluate our systems.",
    "Except where Customer has elected zero retention, Vendor may use Prompts to fine-tune the Models.",
    "Except as set out in Section 4, Licensee may use the Images as training data for computer-vision research.",
    "Nothing in this Agreement prevents the Company from using anonymised Platform data to train algorithms.",
    "Nothing herein shall restrict Supplier from training its machine learning systems on Usage Data.",
    "The Agency reserves the right to use submitted Footage to develop, train and test AI models.",
    "You grant us a non-exclusive, royalty-free licence to use your posts, including to train AI.",
    "By uploading, you authorise the Marketplace to include your listings in datasets for model training.",
    ("Author agrees that Publisher may license the Book to AI companies for training, subject to Author's approval "
    "of each licensee."),
    ("Contributor consents to the Library lifting the TDM reservation on Contributor's photographs for signed AI "
    "licensees."),
    ("Consultant may, without any obligation to Client, use anonymised project learnings to improve its forecasting "
    "models."),
    ("If you join the Creator Fund, your videos may be used to train our video models, and you will receive a share "
    "of the fund."),
    "In the event the Studio licenses the Recordings for model training, the Performer will receive 40% of the fee.",
    "Designer will not object if Client feeds the Deliverables into Client's internal AI image tool.",
    "Your ratings and corrections help us fine-tune the assistant, and you can turn this off at any time.",
    ("Provider is entitled to use Customer Inputs, after removing personal data, to train the models that power "
    "the Service for all customers."),
    "The Recordings may be used to create a digital replica of Talent's voice for the Game.",
    "Client hereby grants Vendor the right to ingest Client Content into Vendor's training corpus.",
    "We use what you type, and the results you choose, to make our language models better.",
    "For the avoidance of doubt, the licence includes the right to use the Work for text and data mining.",
    "Customer acknowledges that Provider trains customer-specific models on Customer Data to deliver the Service.",
    ("Provider may use Customer Data to train models, provided that such models are not shared with any other "
    "customer."),
    "Licensee may use the Samples to train an internal audio classifier, excluding any generative model.",
]
FORBIDS = [
    "Provider will not use Customer Data to train models.",
    ("Vendor shall not use Customer Content to train, retrain or fine-tune any model unless Customer gives prior "
    "written consent."),
    "Licensee shall not use the Photographs for machine learning, except with Photographer's written permission.",
    "Except to provide the Services to you, we will not use your files, and we never use them to train AI.",
    "No right is granted to use the Sound Recordings to train any artificial intelligence system.",
    "Client has no right to use the Designs as training data for any AI model.",
    "Publisher shall not make the Work available for AI training without the Author's prior written consent.",
    "You may opt out of the use of your content for model training at any time.",
    "Customer may opt out of having its Prompts used for model improvement.",
    ("Supplier will use Customer Data only to provide the Services, and will not use it to develop or train any "
    "machine learning model."),
    "Customer Data is used only to provide the Services; it will not be used to train any model.",
    "In no event will Provider use Customer Data to train foundation models.",
    "Under no circumstances may the Licensed Content be used to train or test generative AI.",
    "The Artist reserves all rights in the Artwork, including the right to authorise text and data mining.",
    "The Author prohibits the use of the Work for training large language models.",
    "Use of the Content to train any machine learning model is strictly prohibited.",
    "Any use of Customer Data to train AI models is outside the scope of this Agreement and is not permitted.",
    "Customer's data is excluded from any model training.",
    "We never train on your private messages.",
    "Provider won't use your documents to improve its models.",
    "The Processor shall refrain from using Personal Data to train any machine learning model.",
    "Neither party will use the other party's Confidential Information to train any AI model.",
    "Customer may at any time require Provider to stop using Customer Materials to improve its models.",
    "Only with the Creator's prior written consent may the Platform use the Videos to train AI models.",
    "Nothing in this Licence permits use of the Images to train generative models.",
    "Your uploads are not used for AI training unless you opt in.",
    "You must not feed client files into any AI tool that learns from user inputs.",
    "We may suspend your account if you use the API to develop models that compete with ours.",
    "Vendor may use Customer Data to provide support, but in no event to train generative AI models.",
    "All rights not expressly granted are reserved, including the right to use the Work for AI training.",
]


# A second batch, written later in other voices (also new, also not from the held-out set).
GRANTS += [
    ('Supplier shall be free to use any de-identified information derived from the Services to build '
     'and improve its AI products.'),
    ('The Licensee may use the Corpus to pre-train and fine-tune large language models for commercial '
     'deployment.'),
    ('Company may process Applicant video interviews with machine learning tools to evaluate '
     'candidates and improve those tools.'),
    ('User agrees that Platform may analyse User Content with automated systems, including to develop '
     'new machine learning features.'),
    'Notwithstanding Section 5.2, Provider may use Customer Prompts to train the Moderation Model.',
    ('Where permitted by law, we use the recordings you submit to teach our speech models to '
     'recognise more accents.'),
    ('In consideration of the Fee, the Writer licenses the Scripts to Studio for use as training '
     "material for Studio's story-generation tools."),
    ('Contributor acknowledges that Accepted Images may be made available to AI developers under the '
     'Dataset Licence.'),
    ('Provider may create and retain embeddings of Customer Documents to power search and to improve '
     'its ranking models.'),
    'All rights granted hereunder extend to the use of the Footage for the training of neural networks.',
    ('Unless the Author objects in writing within thirty days, Publisher may license excerpts of the '
     'Work for AI training.'),
    ('The Subscriber grants the Company permission to use anonymised call recordings to refine the '
     "Company's speech analytics engine."),
    "Member content may be used to train, test and improve the Community's recommendation algorithms.",
    ('The licence above includes machine learning uses, provided that outputs do not reproduce the '
     'Licensed Works verbatim.'),
    'Except for Enterprise accounts, conversations are used to improve model performance.',
    'Data you upload to the Sandbox may be used by us for the purposes of model development.',
    ('Translator authorises Agency to store the translations in its memories and to use them to train '
     'neural machine translation.'),
    ("Customer consents to Provider's use of Customer Data in aggregate to train and improve "
     "Provider's fraud models."),
    ("Performer agrees that Producer may digitally replicate Performer's voice for additional "
     'dialogue in the Picture.'),
    ('The Company has the right to use all materials submitted through the Portal for the development '
     'of artificial intelligence.'),
]
FORBIDS += [
    ('Supplier shall not, and shall procure that its subprocessors do not, use Customer Data to build '
     'or improve any AI product.'),
    'The Licensee may not use the Corpus to pre-train or fine-tune any large language model.',
    'Applicant video interviews will not be used to train or improve any machine learning tool.',
    ('Platform will not analyse User Content with automated systems for the purpose of developing '
     'machine learning features.'),
    'Notwithstanding anything to the contrary, Provider shall not use Customer Prompts to train any model.',
    "We don't use the recordings you submit to teach our speech models.",
    'The Writer does not license the Scripts for use as training material for any story-generation tool.',
    ('Accepted Images will not be made available to AI developers unless the Contributor opts in to '
     'the Dataset Licence.'),
    ('Provider will not retain embeddings of Customer Documents after termination, and will not use '
     'them to improve its ranking models.'),
    ('The rights granted hereunder do not extend to the use of the Footage for the training of neural '
     'networks.'),
    "Publisher will not license excerpts of the Work for AI training without the Author's written approval.",
    ('The Company will not use call recordings to refine its speech analytics engine unless the '
     'Subscriber agrees in writing.'),
    "Member content is never used to train the Community's recommendation algorithms.",
    'The licence above excludes all machine learning uses.',
    'For Enterprise accounts, conversations are not used to improve model performance.',
    'We will not use data you upload to the Sandbox for model development.',
    'Agency shall not use the translations to train neural machine translation engines.',
    'Provider shall refrain from any use of Customer Data, even in aggregate, to train its fraud models.',
    ("Producer shall not digitally replicate Performer's voice without Performer's informed consent "
     'and additional payment.'),
    ('The Company acquires no right to use materials submitted through the Portal for the development '
     'of artificial intelligence.'),
    ('Customer may request at any time that its data be excluded from model training, and Provider '
     'will honour the request.'),
    'Use of the Service to generate training data for competing models is not allowed.',
    'Licensee is not authorised to mine the Database for the purpose of training AI.',
    'The Photographer objects to any use of the Images for text and data mining.',
    'No model shall be trained on Customer Data.',
]


@pytest.mark.parametrize("text", GRANTS)
def test_polarity_grants(text: str) -> None:
    r = ai_training_polarity(text)
    assert r is not None and r["polarity"] == "grants", r


@pytest.mark.parametrize("text", FORBIDS)
def test_polarity_forbids(text: str) -> None:
    r = ai_training_polarity(text)
    assert r is not None and r["polarity"] == "forbids", r


def test_polarity_on_project_clauses() -> None:
    """The project's labelled AI-training clauses (they also train the classifier): a development figure."""
    rows = [json.loads(line) for line in (ROOT / "app/clausecheck/training/data/project_clauses.jsonl").open(encoding="utf-8")]
    ai = [r for r in rows if "ai_training_use" in r["labels"] and r["polarity"] in ("grants", "forbids")]
    ok = sum((ai_training_polarity(r["text"]) or {}).get("polarity") == r["polarity"] for r in ai)
    assert len(ai) >= 90
    assert ok / len(ai) >= 0.95, f"{ok}/{len(ai)}"


def test_polarity_on_held_out_sentences() -> None:
    """Held-out sentences written before the rules and never used to tune them (benchmarks/redline_quality.py
    reports the figure). A regression guard a little below the measured level."""
    rows = yaml.safe_load((ROOT / "sample_contracts/holdout/ai_training_sentences.yaml").read_text(encoding="utf-8"))
    ok = sum((ai_training_polarity(r["text"]) or {}).get("polarity") == r["polarity"] for r in rows)
    assert ok / len(rows) >= 0.93, f"{ok}/{len(rows)}"


def test_no_ai_mention_gives_none() -> None:
    assert ai_training_polarity("The Company will pay the fees within thirty days.") is None


# --- parties -------------------------------------------------------------------------------------------

def test_parties_defined_in_preamble() -> None:
    text = ('This Agreement is between Acme Robotics, Inc., a Delaware corporation (the "Company"), and Jane Roe '
            '(hereinafter "Employee"). In this Agreement, "you" means Employee.')
    ps = find_parties(text)
    company = ps.find_term("Company")
    assert company is not None and company.name == "Acme Robotics, Inc." and company.article
    employee = ps.find_term("Employee")
    assert employee is not None and employee.name == "Jane Roe"
    assert ps.find_term("you") is employee
    sides = sides_for(ps, "employee")
    assert sides.reader is employee and sides.other is company
    assert sides_for(ps, "vendor").reader is company


def test_parties_with_pronouns_and_no_things() -> None:
    text = ('These Terms govern the Service provided by Corvid Intelligence Corp. ("Corvid", "we", "us" or "our"). '
            'You may submit input ("Input") and receive output ("Output"). You agree to pay. Your account is yours.')
    ps = find_parties(text)
    corvid = ps.find_term("we")
    assert corvid is not None and corvid.main == "Corvid" and corvid.name == "Corvid Intelligence Corp."
    assert ps.find_term("Input") is None and ps.find_term("Output") is None
    sides = sides_for(ps, "customer")
    assert sides.other is corvid and "you" in sides.reader_forms
    assert sides_for(ps, "vendor", "saas_terms").reader is corvid  # the vendor reading its own terms


def test_the_party_addressed_is_the_reader_from_any_side() -> None:
    """A contract addressed to "you" (or "I") is read from that party's side, as a contractor too."""
    text = ('This agreement is between us, Harbour Labs Ltd ("Harbour", "we", "us") and you, the contractor. '
            'You will do the work. We will pay your invoices within 30 days. You may not assign it.')
    ps = find_parties(text)
    sides = sides_for(ps, "vendor", "consulting")
    assert "you" in sides.reader_forms and sides.other is ps.find_term("we")
    third = find_parties('This Consulting Agreement is between Acme, Inc. (the "Company") and Jane Roe '
                         '("Consultant"). Consultant will invoice the Company monthly.')
    assert sides_for(third, "vendor", "consulting").reader is third.find_term("Consultant")


def test_first_person_piia() -> None:
    text = 'In consideration of my employment by Northwind Labs, Inc. (the "Company"), I agree as follows.'
    sides = sides_for(find_parties(text), "employee")
    assert sides.reader is not None and sides.reader.main == "I"
    assert sides.other is not None and sides.other.main == "Company"


# --- attributes ------------------------------------------------------------------------------------------

def test_scope_words() -> None:
    a = attributes_of_text("You grant us a worldwide, non-exclusive, royalty-free, sublicensable, transferable, "
                           "perpetual and irrevocable licence to use any and all content in any media now known or "
                           "hereafter devised.")
    for s in ("worldwide", "non_exclusive", "royalty_free", "sublicensable", "transferable", "perpetual",
              "irrevocable", "any_and_all", "all_media"):
        assert s in a["scope"], s
    assert "exclusive" not in a["scope"]
    b = attributes_of_text("Licensee receives a non-transferable, non-sublicensable licence for three years.")
    assert "transferable" not in b["scope"] and "sublicensable" not in b["scope"]
    c = attributes_of_text("Employee assigns all inventions made during employment, whether or not during working "
                           "hours or with Company resources.")
    assert "personal_time" in c["scope"]
    d = attributes_of_text("Composer grants Soundfold the exclusive right to exploit the Tracks.")
    assert "exclusive" in d["scope"]


def test_ai_training_attributes_actor_and_owner() -> None:
    from clausecheck.extract.parties import Parties, Party

    parties = Parties([Party(["Provider"], "Nimbus Models, Inc."), Party(["Customer"])])
    a = attributes_of_text("Provider may use Customer Data to improve and train its models.", parties)
    assert a["ai_training"]["polarity"] == "grants"
    assert a["ai_training"]["actor"] == "Provider" and a["ai_training"]["owner"] == "Customer"
    b = attributes_of_text("Customer Data will not be used to train any model.", parties)
    assert b["ai_training"]["polarity"] == "forbids" and b["ai_training"]["actor"] is None
    assert b["ai_training"]["owner"] == "Customer"
    assert b["polarity"] == "forbids"


def test_transfers_who_gives_what_to_whom() -> None:
    from clausecheck.extract.parties import Parties, Party

    parties = Parties([Party(["Company"], "Acme Robotics, Inc.", article=True), Party(["you", "Employee"])])
    a = attributes_of_text("You hereby assign to the Company all right, title and interest in the Inventions.", parties)
    t = next(x for x in a["transfers"] if x["kind"] == "assignment")
    assert t["giver"] == "Employee" and t["receiver"] == "Company"
    b = attributes_of_text("The Company grants you a non-exclusive licence to use the Handbook.", parties)
    t = next(x for x in b["transfers"] if x["kind"] == "licence")
    assert t["giver"] == "Company" and t["receiver"] == "Employee"


def test_modality() -> None:
    assert modality("Employee shall not disclose Confidential Information.")["modality"] == "prohibits"
    assert modality("Licensee may reproduce the Images.")["modality"] == "permits"
    assert modality("Consultant hereby assigns all rights.")["modality"] == "grants"
    assert modality("Customer will pay the fees monthly.")["modality"] == "requires"
    assert modality("This Agreement is governed by Oregon law.")["modality"] == "neutral"


def test_money_percentages_durations() -> None:
    m = money("a fee of $1,250.50, a cap of £3,000, US$2 million, or one hundred U.S. dollars ($100)")
    amounts = sorted(x["amount"] for x in m)
    assert amounts == [100.0, 1250.5, 3000.0, 2_000_000.0]
    assert {x["currency"] for x in m} == {"USD", "GBP"}
    p = percentages("a royalty of 10% of the retail price and thirty-five percent (35%) of Net Receipts")
    assert {x["value"] for x in p} == {10.0, 35.0} and all(x["rate"] for x in p)
    d = durations("for twelve (12) months after termination, then 30 days' notice and a term of two years")
    months = sorted(x["months"] for x in d)
    assert months == [1.0, 12.0, 24.0]


def test_attributes_are_json_ready() -> None:
    a = attributes_of_text("Provider may use Customer Data to train its models for 12 months for a fee of $500.")
    json.dumps(a)
    assert {"modality", "polarity", "scope", "ai_terms", "carve_outs", "money", "percentages", "durations",
            "transfers"} <= set(a)
    assert "training" in a["ai_terms"]


def test_shouting_counts_letters_past_curly_quotes():
    from clausecheck.extract import _shouting

    assert _shouting("\u201cCOMPANY\u201d SHALL NOT BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES \u2014 EVER")
    assert not _shouting("\u201cCompany\u201d shall not be liable for any indirect or consequential damages \u2014 ever")
    assert _shouting("\u00c9COLE \u201cLIMITED\u201d SHALL NOT BE LIABLE FOR ANY INDIRECT OR CONSEQUENTIAL DAMAGES")
    assert not _shouting("\u00c9cole \u201cLimited\u201d shall not be liable for any indirect or consequential damages")


def test_alternatives_split_at_the_top_level_only():
    import re

    from clausecheck.extract.alternatives import alternatives, split

    assert split(r"a|b(c|d)|[|]|\||[]|]e") == ["a", "b(c|d)", "[|]", r"\|", "[]|]e"]
    assert split(r"(a)\1|b") is None and split(r"(?i)a|b") is None and split(r"a)|(b") is None
    rx = re.compile(r"\bfoo\b|bar(?:s|z)", re.IGNORECASE)
    assert [p.pattern for p in alternatives(rx)] == [r"\bfoo\b", "bar(?:s|z)"]
    assert all(p.flags == rx.flags for p in alternatives(rx))


def test_contract_type_counts_each_signal_as_its_whole_pattern(monkeypatch):
    from clausecheck import lowered
    from clausecheck.extract import contract_type as ct

    monkeypatch.setattr(lowered, "WARM_UP", 0)
    ct.scores("x" * 2000)  # builds the automaton of the signals' strings
    assert ct._state["automaton"] is not None
    body = ("the model weights are licensed. " * 3 + "see the acceptable use policy for the model weights. "
            + "model licence terms apply. Our terms of service; your account; websites, users. " * 2)
    for text in (body, body.replace("acceptable use policy", "usage rules"), body.upper()):
        low = text.lower()
        places = ct._Places(ct._state["automaton"], ct._state["strings"], low)
        for signals in ct._SIGNALS.values():
            for sig, *_ in signals:
                for _ in range(30):  # before and after the patterns are prepared
                    want = sum(1 for _ in sig.fp.rx.finditer(text))
                    assert sig.count(text, low, 100, places) == want
                    assert sig.count(text, low, 100, None) == want
    assert ct._SIGNALS["model_licence"][0][0].unbounded_strings == ("acceptable use policy",)


def test_governing_law_pretest_misses_no_match():
    from clausecheck.extract.values import _LAW, _may_name_law

    for text in ("This Agreement is GOVERNED BY the laws of the State of New York.",
                 "\u017fubject to the laws of England and Wales", "construed \u0130n accordance with the laws of France",
                 "\u201cAgreement\u201d shall be governed by the laws of Delaware."):
        assert _LAW.search(text) and _may_name_law(text)
    assert not _may_name_law("The Supplier shall deliver the goods within 30 days.")


def test_implied_parties_count_whole_words_only():
    from clausecheck.extract.parties import _FIRST_PERSON, _ROLE_NAME_USE, _WE, _YOU

    assert len(_ROLE_NAME_USE["Customer"].findall("Customer, Customer\u2019s and Customer's; CustomerX xCustomer")) == 3
    assert _FIRST_PERSON.search("so I agree") and not _FIRST_PERSON.search("AI agree")
    assert len(_YOU.findall("You, your, YOUR, yours, bayou")) == 3
    assert len(_WE.findall("we, our, us, bus, owe, Our")) == 3


def test_role_names_are_counted_like_str_count():
    from clausecheck.extract.parties import _ANY_ROLE_NAME, _ROLE_NAMES

    assert not [(a, b) for a in _ROLE_NAMES for b in _ROLE_NAMES if a != b and a in b]
    text = "CustomerCustomer Provider, Customer's SellerBuyer Employee Employer"
    assert all(_ANY_ROLE_NAME.findall(text).count(w) == text.count(w) for w in _ROLE_NAMES)


def _one_pattern_mentions(text: str, parties, shouting: bool) -> list[tuple[int, int, str]]:
    """The party mentions as one pattern of all the words finds them: the contract's terms and names, then
    the role words it has no term for in any spelling, then the pronouns and "I" (how they were found
    before the contract's names and the shared words were two patterns)."""
    from clausecheck.extract import _alternation
    from clausecheck.extract.parties import GENERIC_TERMS

    terms = [t for p in parties.parties for t in [*p.terms, *([p.name] if p.name else [])]]
    known = {t.lower() for t in terms}
    terms += [t for t in GENERIC_TERMS if t.lower() not in known]
    return [(m.start(), m.end(), m.group()) for m in _alternation(tuple(terms), True, shouting).finditer(text)]


MENTION_PARTIES = [
    [(["Company"], "Acme Robotics, Inc."), (["you", "Employee"], None)],
    [(["Acme", "Acme Company"], "Acme Company Ltd."), (["Service Provider", "Provider"], None)],
    [(["COMPANY"], None), (["customer"], "Robotics Customer Group"), (["Uſ", "Kompany"], None)],
    [(["[Client]", "Client"], None), (["Licensor", "we", "our"], "Studio Acme, LLC"), (["I"], None)],
    [(["Robotics", "Acme Robotics", "Acme"], "Acme Robotics Inc."), (["Member"], "Member's Club")],
    [],
]
MENTION_WORDS = ["Acme", "Acme Robotics", "Robotics", "Company", "COMPANY", "company", "Acme Company", "Ltd.",
                 "Acme Company Ltd.", "Inc.", "Service Provider", "Provider", "provider", "you", "YOU", "Your",
                 "yourſelf", "uſ", "Uſ", "us", "I", "i", "we", "We", "our", "ours", "OURSELVES", "Employee",
                 "Employees", "Customer", "customer", "CUSTOMER", "Kompany", "Kompany", "[Client]", "Client",
                 "Client’s", "Company's", "Licensor", "Studio", "Studio Acme, LLC", "Member's Club", "Member",
                 "Users", "User", "İ", "ı", "x", "-", ",", ".", "'s", "’s", "(", ")", "\"", " ", " ", " ", "\n"]


@pytest.mark.parametrize("shouting", [False, True])
def test_mentions_as_one_pattern_finds_them(shouting):
    # the contract's names and the shared role words and pronouns are two patterns (the shared one
    # compiled once per process): together they find what the one pattern of all the words found, with
    # names that hold role words, overlap, are role words spelt another way, or start with a sign
    import random

    from clausecheck.extract import _mention_matches
    from clausecheck.extract.parties import Parties, Party

    rng = random.Random(7)
    for defs in MENTION_PARTIES:
        parties = Parties([Party(list(terms), name) for terms, name in defs])
        texts = ["The Company and Acme Company Ltd. and you (Acme Robotics Inc.'s) agree; I and our [Client] too.",
                 "COMPANY SHALL NOT BE LIABLE TO YOU OR TO THE CUSTOMER, AND Uſ, KOMPANY'S USERS."]
        texts += ["".join(rng.choice(MENTION_WORDS) + rng.choice(["", " ", " ", ", "]) for _ in range(30))
                  for _ in range(150)]
        for text in texts:
            found = [(m.start(), m.end(), m.group()) for m in _mention_matches(text, parties, shouting)]
            assert found == _one_pattern_mentions(text, parties, shouting), (defs, text)


def test_pre_test_from_the_strings_a_clause_holds_says_what_the_patterns_own_pre_test_says():
    # the extractors ask whether a pattern can match a clause from the strings the index found in the
    # clause (looked up once per clause): the same answer as the pattern's own pre-test, before and after
    # the patterns are indexed, and on texts whose lower-casing changes their length ("İ") or that re's
    # IGNORECASE reads otherwise than lower-casing ("ſ", the Kelvin sign: the pre-test's known limit, kept)
    from clausecheck import lowered
    from clausecheck.extract import acts, amounts, polarity, vocab

    patterns = [*acts.ACTS.values(), amounts._MONEY, amounts._MONEY_WORDS, amounts._PERCENT, amounts._DURATION,
                polarity._REQUIRE, polarity._MUST_NOT, polarity._FAKE_NEG, vocab.WITHOUT_CONDITION]
    texts = [*GRANTS, *FORBIDS, "Licensee shall indemnify and hold Licensor harmless for 12 months.",
             "Either party may terminate this Agreement on thirty (30) days' notice for a fee of $500 or 10%.",
             "The Company will not be liable; Employee shall not compete.", "WITHOUT PRIOR WRITTEN CONSENT",
             "İNDEMNIFY the Company", "Licenſee ſhall indemnify", "the \u212aompany must not waive", "nothing"]
    fps = [lowered.FastPattern(rx, warm_up=0) for rx in patterns]
    for round_ in range(2):  # prepared, then indexed
        if round_ == 1:
            lowered.index_prepared()
        for text in texts:
            low = text.lower()
            for rx, fp in zip(patterns, fps):
                assert fp.possible(text, low, lowered.met_in(text, low)) == fp.possible(text, low), (rx.pattern[:40], text)


def test_sums_in_words_with_letters_re_folds_otherwise_than_lower():
    # re's IGNORECASE reads "ſ" (long s) as "s" and "ı" as "i", lower() keeps them: such a text is still
    # searched for sums in words, and reading the unit does not fail (it raised KeyError on "dollarſ")
    from clausecheck.extract.amounts import money

    assert [(m["amount"], m["currency"]) for m in money("pay five dollarſ and $3 at once")] == \
        [(3.0, "USD"), (5.0, "USD")]
    assert [m["amount"] for m in money("Five Hundred Dollars, or $500")] == [500.0]
    assert money("nothing to pay") == []


READ_ONE_BY_ONE = [
    "Provider may use Customer Data to train its models for 12 months for a fee of $500, unless Customer opts out.",
    "You hereby assign to the Company all right, title and interest in the Inventions, except Prior Inventions.",
    "The Company grants you a non-exclusive, royalty-free licence to use the Handbook for two (2) years.",
    "Employee shall not, for 12 months after termination, solicit any customer of the Company.",
    "This Agreement is governed by the laws of the State of New York.",
]


@pytest.mark.parametrize("text", READ_ONE_BY_ONE)
def test_a_clause_read_attribute_by_attribute_reads_as_a_whole(text: str) -> None:
    """The checks ask a ClauseReading for a few attributes, in their own order; each is what the whole
    reading (attributes_of_text) holds, and the reading lists the same keys in the same order."""
    parties = find_parties('Acme Inc. (the "Company") and Jane Doe ("Employee", "you"); Provider and Customer.')
    whole = attributes_of_text(text, parties)
    for key in reversed(list(whole)):
        reading = ClauseReading(text, parties)
        assert reading[key] == whole[key] and reading.get(key) == whole[key]
    reading = ClauseReading(text, parties)
    assert list(reading) == list(whole) and dict(reading) == whole and len(reading) == len(whole)
    assert ("ai_training" in reading) == ("ai_training" in whole)
    assert reading.get("ai_training") == whole.get("ai_training") and reading.get("nothing") is None
    with pytest.raises(KeyError):
        reading["nothing"]
