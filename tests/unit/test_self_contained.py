"""The repository stands alone: nothing it runs reads a folder beside it."""

import pathlib
import re
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

# A folder named shared beside the repository (or the API reference kept there),
# reached by a relative path, an absolute one, pathlib, or a path string.
OUTSIDE = re.compile(
    r"""\.\./shared\b|/work/shared\b|/\s*["']shared["']|["']shared/|trove-api-ref"""
)


def tracked_files():
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: no list of tracked files")
    return [REPO / name for name in listed.split("\0") if name]


@pytest.mark.parametrize(
    "text",
    # Written in pieces so that this file does not itself read as such a reference.
    ["SAMPLES = pathlib.Path(__file__).parents[3] /" + ' "shared" / "samples"',
     "cat .." + "/shared/design.md", "open('/work" + "/shared/x')",
     'ROOT + "shared/trove-api-ref"'],
)
def test_the_pattern_finds_a_folder_beside_the_repository(text):
    assert OUTSIDE.search(text)


def test_the_pattern_leaves_the_word_alone():
    assert not OUTSIDE.search('"""One instance shared by the tests."""\nrow(IID, "shared")')


def test_no_tracked_file_outside_markdown_refers_to_a_folder_beside_the_repository():
    offenders = []
    for path in tracked_files():
        # This file names the patterns it looks for.
        if path.suffix == ".md" or path == pathlib.Path(__file__).resolve() or not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []
