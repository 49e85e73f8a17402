from overvalregie.cli import main

raise SystemExit(main())
