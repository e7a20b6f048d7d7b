"""`python -m bot` runs the ikeerr command line."""

from bot.cli import main

raise SystemExit(main())
