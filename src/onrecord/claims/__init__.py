"""Across sources: claims that oppose each other, and one utterance reported by many outlets.

Pure functions over stored statements (dicts as the store gives them, with
their content vectors); the store and the commands are the I/O edges.
"""
