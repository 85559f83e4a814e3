"""Quality gate: the expectation suites run on every staged batch, and the quarantine.

``gate.run_gate`` reads the staged documents and facts of one run and returns the rows that may
load, the rows refused (with reasons) and one validation record per expectation;
``quarantine`` persists the refused rows under ``<lake>/quarantine/run_id=<run>/``.
"""
