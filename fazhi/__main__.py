"""``python -m fazhi``: the same as the ``fazhi`` console script."""

from fazhi.cli import main

main()
