"""The built-in clause library (playbook), one YAML file per category; found via clausecheck.resources."""
