"""Checks over the structured reading of who gives what to whom, each with a clause that should raise
it and a near miss that should not, read from the side named. The clauses are written for these tests
in the ways real contracts phrase them (third person, first person, second person, capitals)."""

from __future__ import annotations

import clausecheck
import pytest

PARTIES_3RD = ('This Services Agreement is made between Northgate Media Ltd (the "Client") and Priya Shah '
               '("Contractor").\n\n')
PARTIES_YOU = ('These terms are between Loomly Inc. ("Loomly", "we", "us") and you, the creator who uploads work '
               'to the Loomly service.\n\n')

CASES = [
    # (rule, perspective, text that raises it, near miss that does not)
    (("reader_indemnifies", "one_sided_indemnity"), "vendor",
     PARTIES_3RD + "9. Contractor shall defend, indemnify and hold harmless the Client against all claims.",
     PARTIES_3RD + "9. The Client shall defend and indemnify Contractor against all third-party claims."),
    ("other_terminates_at_will", "vendor",
     PARTIES_3RD + "4. The Client may terminate this Agreement at any time by giving Contractor seven (7) days' notice.",
     PARTIES_3RD + "4. The Client may terminate this Agreement if Contractor materially breaches it and fails to cure "
                   "the breach within thirty (30) days."),
    ("confidentiality_without_end", "employee",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "You will keep the Company's confidential information secret in perpetuity.",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "You will keep the Company's confidential information secret for two (2) years after your employment ends."),
    ("residuals_clause", "vendor",
     PARTIES_3RD + "7. Either party may use for any purpose the residuals, meaning information retained in the "
                   "unaided memory of its personnel.",
     PARTIES_3RD + "7. Neither party may use the other's confidential information except to perform this Agreement."),
    ("jury_waiver", "employee",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "You waive your right to a jury trial for any claim, including claims of discrimination or unpaid wages.",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "Any dispute will be decided by the courts of Oregon."),
    ("post_term_non_solicit", "vendor",
     PARTIES_3RD + "11. For eighteen (18) months after the end of this Agreement, Contractor will not solicit any "
                   "employee of the Client.",
     PARTIES_3RD + "11. During the term, neither party will solicit the other's employees."),
    ("other_may_assign", "creator",
     PARTIES_YOU + "We may assign or transfer these terms to any company that buys our business, without your consent.",
     PARTIES_YOU + "Neither party may assign these terms without the other's written consent."),
    ("covenant_not_to_sue", "creator",
     PARTIES_YOU + "You agree not to sue us over any use of your uploads on the service.",
     PARTIES_YOU + "Either of us may bring a claim in the courts of Ireland."),
    ("cap_protects_other_only", "creator",
     PARTIES_YOU + "Our total liability to you will not exceed the fees we paid you in the three (3) months before "
                   "the claim.",
     PARTIES_YOU + "Neither party's liability will exceed the fees paid in the twelve (12) months before the claim."),
    ("user_count_ceiling", "customer",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "If Licensee's products have more than 50 million monthly active users, Licensee must request a separate "
     "licence, which Corvid may refuse.",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "Licensee may use the model in any number of products."),
    ("outputs_barred_from_training", "customer",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "Licensee shall not use the outputs of the model to train or improve any other large language model.",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "Licensee owns the outputs it generates with the model."),
    ("earnings_forfeited", "creator",
     PARTIES_YOU + "If we close your account for a breach, you forfeit any royalties not yet paid out.",
     PARTIES_YOU + "If we close your account, we will pay you all royalties earned up to that date."),
    ("public_domain_dedication", "creator",
     PARTIES_YOU + "You agree that your recordings are released under the CC0 public domain dedication.",
     PARTIES_YOU + "You keep the copyright in your recordings; we may show them on the service."),
    ("licence_reaches_future_work", "creator",
     PARTIES_YOU + "The licence you grant us covers all of your past, present and future uploads.",
     PARTIES_YOU + "The licence you grant us covers each upload while it stays on the service."),
    ("territory_excluded", "customer",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "This licence does not apply in the European Union.",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "This licence applies worldwide."),
    ("confidentiality_overbroad", "employee",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "Confidential information means all information you receive, whether or not marked as confidential.",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "Confidential information means information marked as confidential when it is disclosed to you."),
    ("open_ended_fixes", "vendor",
     PARTIES_3RD + "6. Contractor will fix any defects the Client finds in the deliverables.",
     PARTIES_3RD + "6. Contractor will fix any defects the Client reports within sixty (60) days after delivery."),
    ("deleted_at_end", "customer",
     'These terms are between Stackwise Inc. ("Stackwise") and the customer ("Customer").\n\n'
     "On termination, Stackwise will irreversibly delete all Customer content without notice.",
     'These terms are between Stackwise Inc. ("Stackwise") and the customer ("Customer").\n\n'
     "On termination, Customer may export its content for thirty (30) days, after which Stackwise deletes it."),
]


SAAS = ('These Subscription Terms are between Stackwise Inc. ("Stackwise") and the customer ("Customer"). Customer '
        'pays the subscription fees for the Service. The Service is hosted by Stackwise. The Service includes '
        'support.\n\n')
CASES += [
    ("usage_data_used_freely", "customer",
     SAAS + "Stackwise may collect usage data and use it for any purpose, including to develop new products.",
     SAAS + "Stackwise will use usage data only to operate and secure the Service for Customer."),
    ("audit_on_their_terms", "customer",
     SAAS + "If Customer requests an audit, the parties will meet to agree on the operational and financial "
            "conditions of any onsite inspection.",
     SAAS + "Customer may audit Stackwise's compliance once a year on thirty (30) days' notice."),
    ("slow_payment", "creator",
     PARTIES_YOU + "We will pay your fee within ninety (90) days after we receive your invoice.",
     PARTIES_YOU + "We will pay your fee within fifteen (15) days after we receive your invoice."),
    ("licence_ends_if_reader_sues", "customer",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "If Licensee institutes patent litigation against Corvid alleging that the model infringes, the licenses "
     "granted to Licensee under this Agreement shall terminate on the date the litigation is filed.",
     'This licence is between Corvid AI Ltd ("Corvid") and the licensee ("Licensee").\n\n'
     "The licenses granted to Licensee under this Agreement continue until Licensee stops using the model."),
    ("further_assurances", "vendor",
     PARTIES_3RD + "8. Contractor will sign any documents of assignment the Client needs to register its rights.",
     PARTIES_3RD + "8. The Client will register its own rights at its own cost."),
    ("content_kept_after_exit", "creator",
     PARTIES_YOU + "Your posts will remain publicly available on the service even after you close your account.",
     PARTIES_YOU + "When you close your account we remove your posts from the service within thirty (30) days."),
    ("prior_inventions_licensed", "employee",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "If you use any prior invention in your work, you hereby grant the Company a perpetual, irrevocable, "
     "worldwide license to use that prior invention.",
     'This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
     "Your prior inventions listed in Exhibit A remain yours and are not licensed to the Company."),
    ("warranty_disclaimer", "customer",
     SAAS + "The Service is provided as is, and Stackwise disclaims all warranties.",
     SAAS + "Stackwise warrants that the Service will perform materially in accordance with its documentation."),
    ("service_levels_missing", "customer",
     SAAS + "Customer may cancel its subscription at the end of any month.",
     SAAS + "Stackwise will make the Service available 99.9% of the time each month (the service level)."),
]


def _rules(text: str, perspective: str) -> set[str]:
    return {f["rule"] for f in clausecheck.analyze(text, name="contract.txt", perspective=perspective).findings}


def _names(rule) -> set[str]:
    """A rule, or the rules that read the same thing (an older check may report it first)."""
    return set(rule) if isinstance(rule, tuple) else {rule}


@pytest.mark.parametrize(("rule", "perspective", "raises", "near_miss"), CASES,
                         ids=[c[0] if isinstance(c[0], str) else c[0][0] for c in CASES])
def test_a_reading_raises_its_check_and_not_on_a_near_miss(rule, perspective, raises, near_miss):
    assert _names(rule) & _rules(raises, perspective)
    assert not _names(rule) & _rules(near_miss, perspective)


def test_the_same_clause_costs_each_side_what_it_costs_them():
    """An indemnity the contractor gives is raised for the contractor, not for the client reading it."""
    text = PARTIES_3RD + "9. Contractor shall defend, indemnify and hold harmless the Client against all claims."
    indemnity = {"reader_indemnifies", "one_sided_indemnity"}
    assert indemnity & _rules(text, "vendor")
    assert not indemnity & _rules(text, "customer")


def test_a_one_way_nda_is_reported_to_the_recipient():
    nda = ('CONFIDENTIALITY AGREEMENT\n\nThis Non-Disclosure Agreement is between Orbis Capital LLC ("Orbis") and '
           'Dana Kim ("Recipient"), in consideration of the mutual covenants below.\n\n'
           "1. Recipient shall keep all Confidential Information of Orbis secret and use it only to advise Orbis.\n\n"
           "2. Recipient shall return all materials on request.")
    result = clausecheck.analyze(nda, name="nda.txt", perspective="vendor")
    assert result.values["contract_type"] == "nda"
    assert any(f["rule"] == "one_way_nda" and f["missing"] for f in result.findings)
    mutual = nda.replace("Recipient shall keep", "Each party, as a party receiving information, shall keep")
    mutual = mutual.replace("information of Orbis", "information of the other party")
    assert "one_way_nda" not in _rules(mutual, "vendor")


def test_invention_checks_stay_silent_on_platform_terms():
    terms = ("TERMS OF SERVICE\n\n" + PARTIES_YOU +
             "You grant us a licence to host and display your uploads. You are responsible for your account. "
             "We may change these terms of service. Users must follow our community guidelines.")
    result = clausecheck.analyze(terms, name="terms.txt", perspective="creator")
    assert result.values["contract_type"] == "platform_terms"
    assert not {"prior_inventions_missing", "own_time_carve_out_missing"} & {f["rule"] for f in result.findings}


AI_CASES = [
    # (perspective, clause, the AI-training finding expected: (rule, severity) or None)
    ("creator", "You may not reverse engineer or extract the source code of our machine learning models.", None),
    ("creator", "The Services include Generative AI Features that let you draft text. You own your inputs and "
                "outputs.", None),
    ("customer", "Our fraud service uses machine learning models that generate risk predictions.", None),
    ("creator", "Sellers must label any item that was made with generative AI tools.", None),
    ("creator", "We may use your content to train, fine-tune and evaluate our models.", ("ai_training_permitted", "high")),
    ("creator", "We may include your images in datasets licensed to third parties for machine learning. No royalty "
                "or other payment is due to you for that use.", ("ai_training_permitted", "high")),
    ("creator", "We will not use your content to train any artificial intelligence model.",
     ("ai_training_protection", "info")),
]


@pytest.mark.parametrize(("perspective", "clause", "expected"), AI_CASES, ids=[c[1][:40] for c in AI_CASES])
def test_ai_training_is_read_in_the_right_direction(perspective, clause, expected):
    """Training done to the reader's material is raised; AI named as a product, a ban on reverse
    engineering, or a labelling rule is not; 'no royalty is due' is the absence of payment."""
    result = clausecheck.analyze(PARTIES_YOU + clause, name="terms.txt", perspective=perspective)
    ai = {(f["rule"], f["severity"]) for f in result.findings if f["category"] == "ai_training_use"}
    assert ai == ({expected} if expected else set())


def test_a_licence_that_survives_removal_is_not_a_protection():
    text = PARTIES_YOU + ("Removal does not affect any licence granted before removal, including any use of the "
                          "Content in models or datasets.")
    result = clausecheck.analyze(text, name="terms.txt", perspective="creator")
    assert "content_kept_after_exit" in {f["rule"] for f in result.findings}
    assert not any(f["rule"] == "ai_training_protection" for f in result.findings)


def test_a_promise_not_to_claim_earlier_work_takes_that_work():
    text = ('This agreement is between Brightwater Labs, Inc. (the "Company") and you.\n\n'
            "1. You hereby assign to the Company all inventions you make during your employment.\n"
            "2. You will not assert that any invention was made before your employment began.")
    found = {(f["rule"], f["variant"]) for f in clausecheck.analyze(text, perspective="employee").findings}
    assert ("prior_inventions_missing", "swallows") in found


def test_a_non_solicit_finding_states_the_cited_clauses_duration():
    text = PARTIES_3RD + ("11. For eighteen (18) months after the end of this Agreement, Contractor will not solicit "
                          "any employee of the Client.\n12. Contractor will not solicit any customer of the Client "
                          "for three (3) months after the end of this Agreement.")
    found = [f for f in clausecheck.analyze(text, perspective="vendor").findings if f["rule"] == "post_term_non_solicit"]
    assert len(found) == 1 and "18 months" in found[0]["explanation"]
