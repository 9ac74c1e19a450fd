"""The retraining script: labels in, validated, cross-validated, a report and a new model out."""
