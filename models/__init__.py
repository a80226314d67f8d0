"""The shipped clause classifier (see MODEL_CARD.md); found via clausecheck.resources."""
