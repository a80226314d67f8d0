"""Runtime classification: the taxonomy, features, and loading and applying the trained model.

Training lives in clausecheck.training."""
