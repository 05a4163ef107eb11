"""One module per node of the agent graph; each returns a partial state."""
