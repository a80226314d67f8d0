"""Vocabulary the extractors share: AI terms, scope words, carve-outs, restriction cues."""

from __future__ import annotations

import re

IGNORE = re.IGNORECASE

# --- AI vocabulary ---------------------------------------------------------------------------------
# Each entry: attribute name -> pattern. "strong" terms name a training / model-building use; "weak" ones
# only mention AI.
AI_TERMS: dict[str, re.Pattern] = {
    "training": re.compile(r"\b(?:re)?train(?:s|ed|ing)?\b(?!\s+(?:employees|staff|personnel|course|sessions?|"
                           r"materials?\s+for\s+(?:employees|staff)))", IGNORE),
    "fine_tuning": re.compile(r"\bfine[- ]?tun(?:e|es|ed|ing)\b", IGNORE),
    "machine_learning": re.compile(r"\bmachine[- ]learning\b|\bML\b|\bdeep[- ]learning\b|\bneural[- ]network", re.IGNORECASE),
    "artificial_intelligence": re.compile(r"\bartificial[- ]intelligence\b|\bAI\b|\bA\.I\.|\bAI[- ]based\b", 0),
    "generative": re.compile(r"\bgenerative\b|\bgen[- ]?AI\b|\bsynthetic (?:voice|people|media|images?|content)|"
                             r"\bdeepfakes?\b", IGNORE),
    "large_language_model": re.compile(r"\blarge[- ]language[- ]models?\b|\bLLMs?\b|\bfoundation models?\b|"
                                       r"\blanguage models?\b", IGNORE),
    "derivative_models": re.compile(r"\bderivative models?\b|\bmodel weights?\b|\btrained parameters\b|"
                                    r"\bembeddings?\b|\bstyle models?\b", IGNORE),
    "datasets": re.compile(r"\b(?:training )?data ?sets?\b|\btraining (?:data|corpus|material|collection)\b|"
                           r"\bcorpus\b", IGNORE),
    "synthetic_data": re.compile(r"\bsynthetic data\b", IGNORE),
    "text_and_data_mining": re.compile(r"\btext (?:and|&) data mining\b|\bTDM\b|\bdata mining\b|\bmin(?:e|ed|ing)\b"
                                       r"(?= (?:,|for|the|and|or|index|copy|scrap))|\bTDMRep\b", IGNORE),
    "digital_replica": re.compile(r"\bdigital(?:ly)? replica\w*|\bvoice (?:model|clone|cloning)\b|\bsynthetic voice\b|"
                                  r"\bavatar\b|\bvoice synthesis\b|\bspeech synthesis\b|\bdigital double\b", IGNORE),
    "models": re.compile(r"\b(?:ai|ml|machine[- ]learning|predictive|statistical|generative|computer[- ]vision|"
                         r"speech|recognition|recommendation|classification|extraction|translation|foundation|"
                         r"image[- ]generation|music[- ]generation|our|its|their|the underlying|underlying)\s+"
                         r"(?:models?|algorithms?|engines?|systems?)\b|\bmodels?\b(?= (?:that|which) (?:power|"
                         r"generate|compete))", IGNORE),
}

# A "training use": building, improving or feeding a model with material.
TRAINING_USE = re.compile(
    r"\b(?:re)?train(?:s|ed|ing)?\b|\bfine[- ]?tun\w*|\btext (?:and|&) data mining\b|\bTDM\b|\bdata mining\b|"
    r"\bmin(?:e|ed|ing)\b(?=,? (?:index|scrap|copy|harvest|or|and|for))|"
    r"\b(?:improve|develop|build|refine|enhance|create|benchmark|evaluate|validate|test)\w*\b[^.;]{0,60}?"
    r"\b(?:models?|algorithms?|engines?|ai\b|artificial intelligence|machine[- ]learning|neural|"
    r"generative|features? (?:powered|that use)|predictive engine)|"
    r"\b(?:learn|learns|learning|learned)\s+from\b|\bplatform learns\b|\bthat learn\b|"
    r"\bdigital replicas?\b|\bsynthetic (?:voice|people)\b|\bvoice models?\b|\bdeepfakes?\b|"
    r"\b(?:training|AI|machine[- ]learning)\s+(?:data|dataset|datasets|corpus|material|collection|purposes?)\b|"
    r"\bdata ?sets?\b[^.;]{0,60}\b(?:train|model|ai\b|machine)|\bdata ?sets?\b|"
    r"\bmachine[- ]learning\b|\bML purposes\b|\bingest\w*\b|\bfeed\w*\b[^.;]{0,60}\binto\b|"
    r"\b(?:run|put|upload|input|paste|enter|submit)\w*\b[^.;]{0,80}\b(?:AI|artificial intelligence|chatbots?|"
    r"generative|language model|AI tools?|AI services?)\b|"
    r"\b(?:Midjourney|Stable Diffusion|DALL-?E|ChatGPT)\b|\bmodel (?:training|improvement|development)\b|"
    r"\b(?:develop|building|build)\w* (?:of )?(?:AI|artificial intelligence)\b|"
    r"\bharvest\w*\b[^.;]{0,60}\b(?:training|corpus|dataset)|"
    r"\bdigital(?:ly)? replicat\w*|\breplicat\w* (?:\w+['’]s )?(?:voice|likeness)|\bvoice clon\w*|"
    r"\b(?:AI|artificial intelligence|machine[- ]learning) (?:developers?|compan(?:y|ies)|firms?|vendors?|labs?)\b|"
    r"\b(?:improve|develop|build|refine|enhance|train)\w*\b[^.;]{0,40}\b(?:speech|voice|image|face|facial|handwriting|"
    r"character|object) recognition\b",
    IGNORE,
)
# Words that make "train", "learn from", "mine" or "feed into" mean machine learning rather than staff
# training or ordinary learning.
ML_CONTEXT = re.compile(
    r"\bmodels?\b(?! releases?)|\bAI\b|\bA\.I\.|\bartificial[- ]intelligence|\bmachine[- ]learning|\balgorithms?\b|"
    r"\bneural\b|\bdata ?sets?\b|\bLLMs?\b|\bgenerative\b|\bcorpus\b|\bdeep[- ]learning|\bcomputer[- ]vision|"
    r"\b(?:speech|voice|image|face|facial) (?:recognition|synthesis)|\bpredictive\b|\bdigital(?:ly)? replica|\bvoice (?:model|clon)|\bsynthetic\b|"
    r"\btext (?:and|&) data mining|\bTDM\b|\bdata mining\b|\bchatbots?\b|\bassistant\b|\bembeddings?\b|"
    r"\brecommendation (?:engine|system)|\bclassifiers?\b|\bengines?\b|\bMidjourney|\bStable Diffusion|\bChatGPT|"
    r"\b(?:re)?train(?:s|ed)?\s+on\b|(?<![\w-])[\w-]*?generat(?:ion|ive|or) (?:tools?|models?|systems?|engines?)\b",
    re.IGNORECASE,
)
GENERIC_TRAINING = re.compile(r"^(?:re)?train|^learn|^min(?:e|ed|ing)\b|^ingest|^feed|^develop|^build|^improve|"
                              r"^create|^evaluate|^test|^validate|^benchmark|^refine|^enhance", re.IGNORECASE)

# Any mention of AI at all.
AI_MENTION = re.compile(
    r"\bartificial intelligence\b|\bAI\b|\bmachine[- ]learning\b|\bgenerative\b|\blanguage models?\b|\bLLMs?\b|"
    r"\bneural\b|\bmodels?\b|\balgorithms?\b|\bdatasets?\b|\bdata mining\b|\bTDM\b|\bdigital(?:ly)? replica\w*|"
    r"\b(?:speech|voice|image|face|facial) recognition\b",
    re.IGNORECASE,
)

# --- scope --------------------------------------------------------------------------------------------
SCOPE: dict[str, re.Pattern] = {
    "perpetual": re.compile(r"\bperpetu(?:al|ity|ally)\b|\bforever\b|\beverlasting\b|\bnot limited in time\b|"
                            r"\bisn[’']t limited in time\b|\bwithout (?:any )?time limit\b|\bfull term of (?:copyright|"
                            r"(?:those|such|the) rights)\b|\bthroughout the universe in perpetuity\b|\bin perpetuo\b|"
                            r"\bwithout (?:limit|limitation) (?:of|in) time\b|\bno expiration\b", IGNORE),
    "irrevocable": re.compile(r"\birrevocabl[ye]\b|\bcan[’']?t be taken back\b|\bnot (?:be )?revocable\b|"
                              r"\b(?:can[’']?t|cannot|can not|may not|will not be able to) revoke\b|"
                              r"\bcannot be (?:revoked|withdrawn)\b|\bnon-?revocable\b", IGNORE),
    "worldwide": re.compile(r"\bworld[- ]?wide\b|\bthroughout the (?:world|universe)\b|\banywhere in the world\b|"
                            r"\bin (?:all|any) (?:countries|territories)\b", IGNORE),
    "exclusive": re.compile(r"(?<!non-)(?<!non )(?<!non)\bexclusive(?:ly)?\b(?! (?:remedy|jurisdiction|"
                            r"venue|use of customer|property))|\bsole and exclusive\b", IGNORE),
    "non_exclusive": re.compile(r"\bnon[- ]?exclusive\b", IGNORE),
    "sublicensable": re.compile(r"(?<!non-)(?<!non)\bsub-?licens\w*|\bsub-?licenc\w*|\bauthori[sz]e (?:others|third "
                                r"parties)\b|\bthrough multiple tiers\b|\bof any tier\b|\bto (?:license|licence) "
                                r"(?:it|them|the \w+) to (?:others|third parties)\b|\bto licen[cs]e (?:all |any )?"
                                r"(?:subsidiary |ancillary )?rights\b|\bto licen[cs]e (?:the (?:Work|Content|Images)|it|them)\b",
                                IGNORE),
    "transferable": re.compile(r"(?<!non-)(?<!non)\btransferable\b|\bassignable\b", IGNORE),
    "royalty_free": re.compile(r"\broyalty[- ]free\b|\bfree of charge\b|\bfor free\b|\bwithout (?:any )?(?:further |"
                               r"additional )?(?:payment|compensation|remuneration|royalt\w*)\b|\bno (?:residuals|"
                               r"royalt\w*|further payments?)\b|\bfully[- ]paid\b|\bwithout compensation\b", IGNORE),
    "any_and_all": re.compile(r"\bany and all\b|\ball right, title and interest\b", IGNORE),
    "all_media": re.compile(r"\b(?:any|all) (?:media|medium|manner|formats?)\b|\bnow known or (?:hereafter|later) "
                            r"(?:devised|developed|invented)\b|\bany form or medium\b|\bany and all media\b", IGNORE),
    "any_purpose": re.compile(r"\bfor any (?:lawful )?purpose(?:s| whatsoever)?\b|\bfor anything\b|"
                              r"\bany purpose whatsoever\b", IGNORE),
    "derivative_works": re.compile(r"\bderivative works?\b|\badapt\b|\bmodif(?:y|ied)\b|\bremix\b|\bedit\b|"
                                   r"\balter\b", IGNORE),
    "future_works": re.compile(r"\bfuture works?\b|\bhereafter (?:created|made)\b|\bwhether now existing or "
                               r"(?:hereafter|later)\b|\bany work (?:you|the \w+) (?:may )?create in the future\b", IGNORE),
    "personal_time": re.compile(
        r"\bwhether or not (?:during|in the course of|within) (?:regular |normal |business )?(?:working|business|"
        r"office) hours\b|\bon or off the clock\b|\boutside (?:of )?(?:regular |normal )?(?:working|business|"
        r"office) hours\b|\b(?:during|in) (?:your|his|her|their|employee's|my) (?:own|free|personal|spare) time\b|"
        r"\bwhether or not (?:using|with the use of|you use|employee uses|i use)\b|\bwith or without (?:the use of )?"
        r"(?:the )?(?:company|employer)'?s? (?:resources|equipment|facilities)\b|\bwhether or not (?:they |it )?"
        r"(?:relates?|related|connected) to\b|\bwhether or not (?:conceived |made )?during (?:regular )?working "
        r"hours\b|\bat any time (?:during|while)\b[^.;]{0,40}\b(?:employ|engage)\w*|\bpersonal (?:sketches|"
        r"projects)\b|\bside projects?\b|\bnights?(?: and|,) weekends\b",
        IGNORE,
    ),
    "survives_deletion": re.compile(r"\beven after you delete\b|\bafter (?:you )?(?:delete|remove|close)\b[^.;]{0,40}"
                                    r"\b(?:continues?|survives?|remain)\b|\b(?:continues?|survives?|remains?)\b[^.;]{0,60}"
                                    r"\b(?:delet|remov|clos)\w*|\bsurvive[sd]? (?:the )?(?:termination|removal|"
                                    r"deletion)\b", IGNORE),
}

# --- carve-outs -------------------------------------------------------------------------------------
CARVE_OUTS: dict[str, re.Pattern] = {
    "prior_inventions": re.compile(
        r"\bprior inventions?\b|\bexcluded inventions?\b|\bpre-?existing (?:inventions?|works?|ip|intellectual "
        r"property|materials?|tools|code)\b|\binventions?\b[^.;]{0,60}\b(?:before|prior to) (?:my|your|the|his|her|"
        r"employee's|consultant's) (?:employment|engagement|start)|\bbackground (?:ip|technology|intellectual "
        r"property|materials?)\b|\b(?:designer|consultant|contractor|illustrator|artist)(?:'s)? materials\b|"
        r"\b(?:made|created|developed|owned) (?:by \w+ )?before (?:the effective date|joining|my employment|"
        r"your employment)\b|\bremain (?:my|your|his|her|the \w+'s) (?:property|own)\b", IGNORE),
    "statutory_notice": re.compile(
        r"\b(?:section|§)\s*2870\b|\blabor code\b|\b49\.44\.140\b|\b765 ILCS 1060\b|\b181\.78\b|\b19 Del\.? C\b|"
        r"\b66-57\.1\b|\b44-130\b|\b34-39-3\b|\bNRS 600\.500\b|\bentirely on (?:my|your|his|her|their|the "
        r"employee's|employee's) own time\b", IGNORE),
    "own_time": re.compile(r"\bentirely on (?:my|your|his|her|their|the employee's|employee's|own) own time\b|"
                           r"\bdoes not (?:apply|require)[^.;]{0,80}\bown time\b|\bown time without (?:using|the use)\b|"
                           r"\b(?:on|in) (?:your|my|his|her|their) own time (?:and )?without\b", IGNORE),
    "except": re.compile(r"\bexcept\b|\bexcluding\b|\bother than\b|\bdoes not (?:apply|include|cover)\b|\bunless\b|"
                         r"\bprovided that\b|\bnothing in this\b", IGNORE),
}

# --- restriction cues for polarity -------------------------------------------------------------------
NEGATION = re.compile(
    r"(?<!whether )(?<!whether or )\bnot\b(?! only\b)(?! later than\b)(?! less than\b)|\bnever\b|\bno\b(?! later\b)"
    r"(?! less\b)(?! more than\b)|\bneither\b|\bnor\b|\bcannot\b|\bnone\b|n[’']t\b|\bin no event\b|"
    r"\bunder no circumstances?\b|\bprohibit\w*|\bforbid\w*|\bforbade\b|\bexclud\w*|\bbarred\b|\bpreclud\w*|"
    r"\brefrain\w*|\bdisallow\w*|\brestrict\w*|\bdecline\w*|\brefus\w*",
    IGNORE,
)
OPT_OUT = re.compile(
    r"\bopt(?:s|ed|ing)?[- ]?out\b|\bopt (?:\w+ )?(?:\w+ )?out of\b|\bturn (?:this|it|that|the \w+) off\b|"
    r"\bturn off\b|\bdisabl\w*|\bwithdraw\w*|\bobject(?:s|ed)? to\b|\b(?:stop|cease)\w*\b|"
    r"\binstruct\w*\b[^.;]{0,40}\bto (?:stop|cease)\b|\breserv\w*\b|\breservation\b",
    IGNORE,
)
RESERVE_RIGHT_TO = re.compile(r"\breserv\w* the right to (?!(?:object|refuse|withdraw|revoke|terminate|approve))", IGNORE)
LIFT_RESERVATION = re.compile(r"\b(?:lift|waiv|remov|withdraw)\w*\b[^.;]{0,30}\breservation\b", IGNORE)
NOTHING_PREVENTS = re.compile(r"\bnothing\b[^.;]{0,80}\b(?:prevent|prohibit|restrict|limit|preclude|restrain|stop|"
                              r"bar)s?\b", IGNORE)
POST_FORBID = re.compile(
    r"\b(?:is|are|be|been)\s+(?:strictly\s+|expressly\s+|hereby\s+|contractually\s+)?(?:prohibited|forbidden|"
    r"not permitted|not allowed|excluded|reserved|barred)\b|\bis an infringement\b|\boutside the scope\b|"
    r"\bused (?:exclusively|solely|only) for\b|\bis not (?:permitted|allowed|authori[sz]ed)\b|"
    r"\b(?:are|is) not (?:granted|licensed|included)\b",
    IGNORE,
)
WITHOUT_CONDITION = re.compile(
    r"\bwithout\b[^.;,]{0,80}?\b(?:consent|permission|approval|authori[sz]ation|agreement|licen[cs]e|"
    r"prejudice|authority)\b|\bwithout (?:further )?(?:notice|obligation|compensation|payment|restriction)\b", IGNORE)
PENAL = re.compile(r"\b(?:terminat|suspend|breach|violat|liable|indemnif|block)\w*", IGNORE)
