"""The extraction stages: each a pure function from a parsed article (spaCy
``Doc``) to typed records (:mod:`onrecord.records`). :mod:`onrecord.pipeline`
runs them in order: quotes, attributions, entities, speakers, statements
(with their dates and deadlines), events and event mentions."""
