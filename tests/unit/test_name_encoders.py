"""Property tests: every name the encoders accept reaches Trove as itself.

`trove_reads_*` model what Trove does with a path segment (read from its
source, release 26): the web server percent-decodes the bytes and reads them as
Latin-1 (PEP 3333); the router splits at `/` and takes the text after the last
`.` for a file type, dropping `json` (users) or any type (databases) from the
name; users' segments are then unquoted once more (UTF-8) and split at the
last `@` into name and host. Databases get no second unquoting, so a name
beyond ASCII reaches them misread: the encoder must refuse it.
"""

from urllib.parse import unquote, unquote_to_bytes

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from osc_trove.api.databases import UnaddressableName, database_segment
from osc_trove.api.users import user_segment

# Any character but surrogates (which no command line can carry).
NAMES = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
HOSTS = st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",),
                                                   exclude_characters="@"), min_size=1,
                                     max_size=15))


def web_server(segment):
    assert segment.isascii(), segment
    path = unquote_to_bytes(segment).decode("latin-1")
    assert "/" not in path, f"the router would split {path!r}"
    return path


def trove_reads_user(segment):
    path = web_server(segment)
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and suffix == "json":
        path = stem  # a .json "file type" is dropped; others are put back
    unquoted = unquote(path)
    if "@" not in unquoted or unquoted.endswith("@"):
        return unquoted, "%"
    name, _, host = unquoted.rpartition("@")
    return name, host


def trove_reads_database(segment):
    path = web_server(segment)
    assert "." not in path, f"the router would drop the end of {path!r}"
    return path


@given(NAMES, HOSTS)
@example("ünï", None)
@example("z.json", "h.json")
@example("p%41", None)
@example("a/b", "%")
@example("x@y", None)
def test_every_user_name_and_host_reach_trove_intact(name, host):
    if name in (".", "..") and not host:
        return  # refused: tests/unit/test_path_segments.py
    assert trove_reads_user(user_segment(name, host)) == (name, host or "%")


@given(NAMES)
@example("ünï")
@example("a b?#%41")
def test_a_database_name_reaches_trove_intact_or_is_refused_before_sending(name):
    addressable = not ({".", "/"} & set(name)) and name.isascii()
    if addressable:
        assert trove_reads_database(database_segment(name)) == name
    else:
        with pytest.raises(UnaddressableName):
            database_segment(name)
