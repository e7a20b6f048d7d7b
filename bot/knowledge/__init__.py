"""The knowledge base: YAML files with line numbers, the one entry schema, code families,
consistency checks, the validated cache, and the `KnowledgeBase` that owns its indexes.

May import: `bot.domain`, `bot.numeric`, `bot.normalize`, the standard library and PyYAML.
"""
