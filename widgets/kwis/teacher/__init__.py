"""Teacher tools: lint, draft, notebooks, exports to LMS formats (`export/`) and imports
from them (`importers/`). A peer of the quiz layer: neither imports the other."""

from kwis.teacher._lint import lint

__all__ = ["lint"]
