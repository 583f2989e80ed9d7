"""Language data, one subpackage per language (as in spaCy's ``lang/``):
word lists and tables kept apart from the logic that reads them."""
