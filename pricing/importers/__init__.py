"""Importers: turn other projects' price datasets into a new dated catalog version."""
