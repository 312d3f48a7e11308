"""The suffix of the temporary files an output is written to before it is renamed into
place. Its own module: cleaning up after a killed run must not import WeasyPrint (about
a second) before the analysis starts."""

PART_SUFFIX = ".part"
