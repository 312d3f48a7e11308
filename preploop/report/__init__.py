"""The personalized report: ingest, analyze, render, batch."""
