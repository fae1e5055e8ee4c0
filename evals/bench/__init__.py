"""`guichet bench`: the engine's throughput, latency and storage against plain LangGraph."""
