from wuxing.cli import main

raise SystemExit(main())
