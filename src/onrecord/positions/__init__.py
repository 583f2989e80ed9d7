"""``onrecord positions``: who stands where. Statement vectors, topics found by
clustering them, stances by rules, and the actor × topic table."""
