"""The foundation every layer stands on, knowing no domain: collecting problems
(:mod:`~wuxing._core.checks`), aware time (:mod:`~wuxing._core.time`), exact rounding
(:mod:`~wuxing._core.exact`), the converter between values and plain data
(:mod:`~wuxing._core.convert`) and file access (:mod:`~wuxing._core.files`)."""
