"""The knowledge base: YAML files with line numbers, the one entry schema, code families,
consistency checks, the validated cache, and the `KnowledgeBase` that owns its indexes.

May import: `bot.domain`, `bot.numeric`, `bot.normalize`, the standard library and PyYAML
(PyYAML only when files are parsed: a cached knowledge base loads without it).
"""

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import check_knowledge, default_knowledge_path, load_knowledge
from bot.knowledge.problem import KnowledgeError, Problem

__all__ = [
    "KnowledgeBase",
    "KnowledgeError",
    "Problem",
    "check_knowledge",
    "default_knowledge_path",
    "load_knowledge",
]
