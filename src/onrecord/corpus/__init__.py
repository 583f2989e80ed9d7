"""The corpus: articles into the store and statements out of it.

- :mod:`onrecord.corpus.accept`: the steps of storing one article (check,
  prepare, accept), shared by the three ways in;
- :mod:`onrecord.corpus.ingest`: inputs, analyzed on all cores (``onrecord ingest``);
- :mod:`onrecord.corpus.load`: a ``batch`` output's Parquet tables (``onrecord load``);
- :mod:`onrecord.corpus.export`: statements to Parquet (``onrecord export``).

(The API's ``POST /api/articles`` stores one article through ``accept`` too.)
Nothing is imported here: ``ingest`` brings the analysis pipeline with it,
which the web layer and ``load`` do not need.
"""
