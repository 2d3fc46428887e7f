"""The shape of a clause and the policy documents clauses cite (docs/rules.md#clauses-and-reasons)."""

from dataclasses import dataclass

from eligibility.citations import INTEGRATION, LEADING, Citation, cite  # noqa: F401 (what the catalogue cites)

LANGUAGES = ("zh-hans", "en")

# docs/codes.md, ascending: a level's rank is its position (1-based) in these tuples.
SKILL_LEVELS = (
    "junior_worker",
    "intermediate_worker",
    "senior_worker",
    "technician",
    "senior_technician",
    "principal_technician",
    "chief_technician",
)
TITLE_LEVELS = ("junior", "assistant", "intermediate", "deputy_senior", "senior")
# skills-title-integration-opinions, measure 2: the green channel leads to deputy senior and senior titles.
GREEN_CHANNEL_LEVELS = ("deputy_senior", "senior")
# Which skill level / title a target level requires (R2, R4), for explanations and rules alike.
R2_REQUIRED_SKILL = {"assistant": "senior_worker", "intermediate": "technician", "deputy_senior": "senior_technician"}
R4_REQUIRED_TITLE = {"senior_worker": "assistant", "technician": "intermediate", "senior_technician": "deputy_senior"}


@dataclass(frozen=True)
class Clause:
    code: str
    bit: int
    rule: str
    tracks: tuple[str, ...]
    source: Citation
    passed: dict  # language → template
    failed: dict
    # An informational clause (R6) is reported but never decides the outcome.
    decides: bool = True
    # A campaign may name it among an award's criteria (docs/commendations.md#criteria); the answer to
    # "this track does not lead to that level" is not a property of a talent, so it may not.
    criterion: bool = True

    @property
    def mask(self) -> int:
        return 1 << self.bit

    def explanation(self, passed: bool, language: str, context: dict) -> str:
        templates = self.passed if passed else self.failed
        template = templates["en"] if (language or "").startswith("en") else templates["zh-hans"]
        return template.format(**context)
