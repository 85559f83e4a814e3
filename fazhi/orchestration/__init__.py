"""Scheduling and scale-out: a local Prefect server, workers, deployments and concurrency limits.

This package is the one place in ``fazhi`` that talks to Prefect's API (server, work pools,
deployments, concurrency limits); every Prefect import happens inside a function so that importing
``fazhi`` stays fast and never touches Prefect settings. Flows themselves live in ``flows/``.
"""
