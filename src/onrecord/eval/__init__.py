"""``onrecord eval``: the pipeline scored against annotated corpora (PolNeAR
attribution, TimeML time expressions, MEANTIME events)."""
