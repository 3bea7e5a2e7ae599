"""The five industry articles that crmselect's rules come from, cited by short name [A]..[E].

Warnings, risks and report notes cite these letters (docs/sources.md lists the articles in
full); the report prints this key wherever a citation appears.
"""

from __future__ import annotations

SOURCES: tuple[tuple[str, str, str], ...] = (
    ("A", "「CRM选型的7个关键误区与避坑指南」", "seven CRM selection pitfalls"),
    ("B", "「CRM实施前的核心目标与选型要点」", "core goals and selection points"),
    ("C", "「CIO & IT经理精英汇：如何选择适合自身的CRM」", "IT leaders on choosing a CRM"),
    (
        "D",
        "「CRM能带来哪些挑战：实施复杂性、数据质量管理、用户采纳、成本控制」",
        "implementation challenges and cost control",
    ),
    ("E", "「选购线索管理前必看：8个常见误区」", "eight common mistakes in lead management"),
)
"""(letter, title, what it is about) for each source article."""
