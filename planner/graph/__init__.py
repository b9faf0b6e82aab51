"""Graphs of who covers what and who works with whom (networkx), and the plan analysis."""
