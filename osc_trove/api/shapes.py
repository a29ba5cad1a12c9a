"""Names for what the API takes and returns: Trove's JSON, as the server sent it."""

from collections.abc import Callable, Iterator
from typing import Any

Row = dict[str, Any]  # one resource, as Trove shows it
Rows = Iterator[Row]  # a listing, read page after page as it is consumed
RowList = list[Row]  # a listing read whole (also where a class's own `list` hides the builtin)
Names = list[str]
Params = dict[str, Any]  # query parameters; those whose value is None are left out
Ident = str | int  # an ID or a name in a URL (flavor IDs may be integers)

__all__ = ["Any", "Callable", "Ident", "Names", "Params", "Row", "RowList", "Rows"]
