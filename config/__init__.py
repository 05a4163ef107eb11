"""Data that ships inside focusd: the example config and the demo week (installed as agent.bundled)."""
