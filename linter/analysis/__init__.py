"""The analyses that checks read: the spaCy layer, people and references, readability counts, word frequency,
syllables and scraped residue. They import the model and the readers, never a check or the run."""
