"""Training and measuring the clause classifier: CUAD and project corpora, train, evaluate, baseline.

Kept apart from `clausecheck.classify`, which only loads the trained model and predicts. Nothing in
the analysis pipeline imports this package. Training data (`data/`) is not shipped in the wheel:
`clausecheck train` runs from a clone of the repository.
"""
